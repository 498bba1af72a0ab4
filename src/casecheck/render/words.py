"""Findings in plain words for the administrator's outputs: a rule's title instead of its id,
measured values as a sentence fragment instead of JSON, status and place column names.

Shared by the workbook, the HTML pages, the CSV and the batch terminal table, so that they
all say the same thing in the same words.
"""

from __future__ import annotations

from typing import Any

from casecheck.findings import CaseInfo, Finding, Status
from casecheck.i18n import Lang, Text

RULE_TITLE: dict[str, Text] = {
    "materials.info_form": Text("信息表齐全", "Information form present"),
    "materials.courseware": Text("课件齐全", "Courseware present"),
    "materials.video": Text("视频齐全", "Video present"),
    "materials.report": Text("总结报告齐全", "Report present"),
    "materials.extra": Text("多余文件", "Extra files"),
    "form.type": Text("信息表类型", "Form type"),
    "form.fields": Text("信息表必填项", "Form fields filled"),
    "form.choice": Text("信息表单选项", "Form single choices"),
    "form.authors": Text("作者信息", "Authors"),
    "form.summary_length": Text("案例简介字数", "Summary length"),
    "form.font": Text("信息表字体", "Form font"),
    "form.declaration": Text("作者声明与盖章", "Declaration and seal"),
    "courseware.qr_code": Text("课件二维码", "QR codes in courseware"),
    "courseware.hyperlink": Text("课件外部链接", "External links in courseware"),
    "courseware.url": Text("课件网址", "Web addresses in courseware"),
    "courseware.contact": Text("课件联系方式", "Contact details in courseware"),
    "courseware.logo": Text("课件标志（logo）", "Logos in courseware"),
    "courseware.aspect_ratio": Text("课件比例 16:9", "Courseware 16:9"),
    "courseware.ai_label": Text("课件「AI生成」标注", "AI labels in courseware"),
    "video.container": Text("视频格式 MP4", "Video container MP4"),
    "video.duration": Text("视频时长", "Video duration"),
    "video.resolution": Text("视频分辨率", "Video resolution"),
    "video.aspect_ratio": Text("视频画面比例", "Video aspect ratio"),
    "video.frame_rate": Text("视频帧率", "Video frame rate"),
    "video.bit_rate": Text("视频码率", "Video bit rate"),
    "video.codec": Text("视频编码", "Video codec"),
    "video.audio_codec": Text("音频编码", "Audio codec"),
    "video.audio_bit_rate": Text("音频码率", "Audio bit rate"),
    "video.ai_label": Text("视频「AI生成」标注", "AI label in video"),
    "video.loudness": Text("视频响度", "Loudness"),
    "video.clipping": Text("音频削波", "Audio clipping"),
    "video.silence": Text("视频无声", "Silence"),
    "video.noise": Text("背景噪声", "Background noise"),
    "video.faces": Text("人脸出镜", "Faces on screen"),
    "video.opening": Text("视频片头", "Opening frame"),
    "video.closing": Text("视频片尾", "Closing frame"),
    "report.word_count": Text("报告字数", "Report length"),
    "report.sections": Text("报告章节", "Report sections"),
    "report.heading1_style": Text("一级标题格式", "Heading 1 style"),
    "report.heading2_style": Text("二级标题格式", "Heading 2 style"),
    "report.body_style": Text("正文格式", "Body style"),
    "report.line_spacing": Text("正文行距", "Line spacing"),
    "report.ai_label": Text("报告「AI生成」标注", "AI labels in report"),
    "consistency.case_name": Text("案例名称一致", "Case name consistent"),
    "consistency.authors": Text("作者一致", "Authors consistent"),
    "batch.quota": Text("推荐指标", "Quota"),
    "batch.duplicate": Text("重复报送", "Duplicates"),
    "batch.archive": Text("未解压的压缩包", "Archive not unpacked"),
    "batch.worker": Text("检查未完成", "Check not completed"),
}
KEY_WORD: dict[str, Text] = {
    "stream": Text("流", "stream"),
    "overall": Text("总体", "overall"),
    "font": Text("字体", "font"),
    "size_pt": Text("字号", "size"),
    "bold": Text("加粗", "bold"),
    "count": Text("字数", "count"),
    "body_text": Text("正文字数", "body"),
    "with_labels": Text("含标签", "with labels"),
    "attachments": Text("附件部分", "attachments"),
    "text_boxes": Text("文本框", "text boxes"),
    "paragraphs": Text("段落", "paragraphs"),
    "failing": Text("不合格", "failing"),
    "line": Text("行距值", "line"),
    "rule": Text("行距方式", "rule"),
    "images": Text("图片", "images"),
    "ai_marked": Text("标明 AI 生成", "AI-marked"),
    "labelled": Text("已标注", "labelled"),
    "no_provenance": Text("无来源信息", "no provenance"),
    "labels": Text("「AI生成」标注", "labels"),
    "ticked": Text("已勾选", "ticked"),
    "styles": Text("勾选方式", "box styles"),
    "mode": Text("模式", "mode"),
    "average": Text("平均", "average"),
    "min": Text("最低", "min"),
    "max": Text("最高", "max"),
}
SKIP_KEYS = {"used"}
STREAM_WORD = {
    "video.bit_rate": Text("视频流", "video stream"),
    "video.audio_bit_rate": Text("音频流", "audio stream"),
}
CASE_COLUMNS: list[tuple[str, Text]] = [
    ("unit", Text("市州/高校", "City/university")),
    ("category", Text("类别", "Category")),
    ("school", Text("学校", "School")),
    ("name", Text("案例名称", "Case name")),
    ("first_author", Text("第一作者", "First author")),
]


def rule_title(rule: str, lang: Lang) -> str:
    """「视频时长」 for video.duration; the id itself for a rule no title is known for."""
    title = RULE_TITLE.get(rule)
    return title.pick(lang) if title else rule


def _number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e6 else f"{value:,.0f}"


def _duration(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes):02d}:{rest:04.1f}"


def _rate(bps: float) -> str:
    return f"{bps / 1e6:.2f} Mbps" if bps >= 1e6 else f"{bps / 1e3:.0f} kbps"


def plain(value: Any, lang: Lang, rule: str = "") -> str:
    """A measured or required value as words: 「视频流 0.21 Mbps，总体 0.38 Mbps」, never JSON."""
    sep = "，" if lang == "zh" else ", "
    if value is None:
        return ""
    if isinstance(value, bool):
        return Text("是", "yes").pick(lang) if value else Text("否", "no").pick(lang)
    if isinstance(value, int | float):
        if rule == "video.duration":
            return _duration(float(value))
        return _number(float(value))
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if key in SKIP_KEYS or item is None or item == []:
                continue
            word = KEY_WORD[key].pick(lang) if key in KEY_WORD else str(key)
            if key == "stream" and rule in STREAM_WORD:
                word = STREAM_WORD[rule].pick(lang)
            if rule.endswith("bit_rate") and isinstance(item, int | float):
                shown = _rate(float(item))
            else:
                shown = plain(item, lang)
            parts.append(f"{word} {shown}")
        return sep.join(parts)
    if isinstance(value, list | tuple):
        return ("、" if lang == "zh" else ", ").join(plain(v, lang) for v in value)
    return str(value)


def where(f: Finding) -> str:
    """「案例视频.mp4 · 第 2 段…」: file and location."""
    return " · ".join(x for x in (f.file, f.location) if x)


def problem_line(f: Finding, lang: Lang) -> str:
    """One finding in one line of words: 「视频时长：视频时长 0:00.4，要求 7–10 分钟」."""
    return (
        f"{rule_title(f.rule, lang)}：{f.message}"
        if lang == "zh"
        else f"{rule_title(f.rule, lang)}: {f.message}"
    )


def case_values(case: CaseInfo) -> list[str]:
    """The place and case columns of one submission, in CASE_COLUMNS order."""
    return [getattr(case, key) or "" for key, _ in CASE_COLUMNS]


PROBLEM_STATUSES = (Status.ERROR, Status.FAIL, Status.WARN, Status.MANUAL)
