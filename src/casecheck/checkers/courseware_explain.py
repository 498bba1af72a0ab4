"""What ``casecheck explain`` says about the checkers of courseware.py (beside their messages)."""

from __future__ import annotations

from casecheck.explanation import Explanation
from casecheck.i18n import Text

# The fixes the checkers' findings give, which explain repeats.
QR_HINT = Text(
    "请删除该二维码图片（或换成不含二维码的图片）；二维码属于引导式外链，课件中不得出现",
    "Remove the QR code image: QR codes are guiding external links and must not appear in the courseware.",
)
LINK_HINT = Text(
    "请删除该超链接或动作设置（右键 → 删除链接；「插入 → 动作」选择「无动作」）",
    "Remove the hyperlink or action (right-click → Remove Link; Insert → Action → None).",
)

# What `casecheck explain` says about these checkers.
EXPLAIN = {
    "courseware.qr_code": Explanation(
        Text(
            "所有图片（含母版、版式、组合、图片填充、背景）中都没有可识别的二维码",
            "no image anywhere (masters, layouts, groups, fills, backgrounds) holds a QR code",
        ),
        Text(
            "第 7 张幻灯片的照片里贴了一个微信二维码",
            "a WeChat QR code pasted into a photo on slide 7",
        ),
        QR_HINT,
    ),
    "courseware.hyperlink": Explanation(
        Text(
            "没有指向课件之外的链接；跳到本课件其他页、播放音视频、打开嵌入的公式等课件内部的动作可以",
            "no link outside the deck; jumps to other slides, playing media, opening an embedded equation are fine",
        ),
        Text(
            "文字链接到 https://example.com，或形状的鼠标悬停动作",
            "text linked to https://example.com, or a mouse-over action",
        ),
        LINK_HINT,
    ),
    "courseware.url": Explanation(
        Text(
            "任何文字（含表格、图表、SmartArt、备注）中都没有网址",
            "no web address in any text (tables, charts, SmartArt, notes)",
        ),
        Text("「登录 ps.hnedu.cn:7081/login 报名」", "「登录 ps.hnedu.cn:7081/login 报名」"),
        Text("删除网址，改用文字说明平台名称", "Remove it; name the platform in words."),
    ),
    "courseware.contact": Explanation(
        Text(
            "没有电话、邮箱、QQ、微信号、钉钉号；年份、日期、百分比、分数不算",
            "no phone, e-mail, QQ, WeChat or DingTalk id; years, dates, percentages, scores are fine",
        ),
        Text(
            "「联系电话：0731-84415312」「QQ：123456789」",
            "「联系电话：0731-84415312」, 「QQ：123456789」",
        ),
        Text("删除联系方式", "Remove the contact details."),
    ),
    "courseware.logo": Explanation(
        Text(
            "没有疑似 Logo 的重复小图（由人确认，不会判不合格）",
            "no repeated small image that may be a logo (a person decides)",
        ),
        Text(
            "同一小图出现在至少 {min_slides} 张幻灯片的角上，或在母版中",
            "the same small picture in a corner of {min_slides}+ slides, or on the master",
        ),
        Text(
            "如是平台或工具的 Logo，请从母版或各页删除",
            "If it is a platform or tool logo, delete it (master or slides).",
        ),
    ),
    "courseware.aspect_ratio": Explanation(
        Text(
            "幻灯片大小为 {width}:{height}，如 33.867×19.05 cm",
            "slide size {width}:{height}, e.g. 33.867×19.05 cm",
        ),
        Text("4:3（25.4×19.05 cm）", "4:3 (25.4×19.05 cm)"),
        Text(
            "「设计 → 幻灯片大小」选择宽屏（16:9），再检查版面",
            "Design → Slide Size → Widescreen (16:9), then check the layout.",
        ),
    ),
}
