"""What ``casecheck explain`` says about the checkers of form.py (beside their messages)."""

from __future__ import annotations

from casecheck.explanation import Explanation
from casecheck.i18n import Text

# What `casecheck explain` says about these checkers.
EXPLAIN = {
    "form.type": Explanation(
        Text(
            "信息表标题是该类案例的表：{titles}", "the form's title is this case type's: {titles}"
        ),
        Text(
            "循证教研案例交了名师工作室的信息表", "the studio form handed in for an evidence case"
        ),
        Text("下载该类案例的信息表模板重新填写", "Fill in this case type's form template."),
    ),
    "form.fields": Explanation(
        Text(
            "每个必填项都已填写（模板里的提示文字不算）",
            "every required field is filled (template prompts do not count)",
        ),
        Text(
            "「案例场景」空着，或只留着「（请填写…）」",
            "「案例场景」 empty or still 「（请填写…）」",
        ),
        Text("在信息表中补填这些栏目", "Fill in these fields."),
    ),
    "form.choice": Explanation(
        Text(
            "每组单选恰好勾选一项（☑ ■ √ 和 Word 复选框都算）",
            "exactly one box ticked per group (☑ ■ √ and Word check boxes count)",
        ),
        Text("「工作室类型」勾了「名师」和「名校长」两项", "two boxes ticked for 工作室类型"),
        Text("每组只保留一个勾选", "Keep one tick per group."),
    ),
    "form.summary_length": Explanation(
        Text(
            "简介/概述不超过 {max_chars} 字（与 Word 字数统计相同）",
            "the summary has at most {max_chars} characters (Word's count)",
        ),
        Text("简介 400 字", "a 400-character summary"),
        Text("删减到 {max_chars} 字以内", "Shorten it to {max_chars}."),
    ),
    "form.font": Explanation(
        Text(
            "填写的文字为 {size_pt} 磅 {fonts}",
            "filled-in text is {size_pt} pt {fonts}",
        ),
        Text("填写内容用了微软雅黑或小四", "text in 微软雅黑 or 小四"),
        Text("选中填写内容，字体设为宋体、字号五号", "Select it and set 宋体, 五号 (10.5 pt)."),
    ),
}
