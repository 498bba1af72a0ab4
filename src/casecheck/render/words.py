"""Findings in plain words for the administrator's outputs: measured values as a sentence
fragment instead of JSON, and the case columns (rule titles, status labels and the other
words are vocabulary.py's).

Shared by the workbook, the HTML pages, the CSV and the batch terminal table, so that they
all say the same thing in the same words.
"""

from __future__ import annotations

import re
from typing import Any

from casecheck.i18n import Lang, Text
from casecheck.result import CaseInfo, Finding, Status
from casecheck.units import MODE_WORDS, codec_name
from casecheck.vocabulary import STATUS_LABEL

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
    "signature_text": Text("签名文字", "signature text"),
    "date": Text("日期", "date"),
    "unit_opinion": Text("单位意见", "unit opinion"),
    "declaration_found": Text("找到作者声明", "declaration found"),
    "average": Text("平均", "average"),
    "min": Text("最低", "min"),
    "max": Text("最高", "max"),
}
SKIP_KEYS = {"used"}
# The check-box kinds the form reader tells apart, as a teacher knows them.
VALUE_WORD: dict[str, Text] = {
    "symbol": Text("符号（☑ ■ √）", "symbol (☑ ■ √)"),
    "content_control": Text("Word 复选框控件", "Word check-box control"),
    "legacy": Text("旧式窗体复选框", "legacy form check box"),
    "wingdings": Text("Wingdings 符号", "Wingdings symbol"),
    **{mode: Text(*words) for mode, words in MODE_WORDS.items()},  # 「可变帧率」 for VFR
}
CODEC_RULES = ("video.codec", "video.audio_codec")
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
CASE_HEAD: dict[str, Text] = dict(CASE_COLUMNS)
FOLDER_HEAD = Text("案例文件夹", "Folder")
SUMMARY_COUNTED = (Status.FAIL, Status.ERROR, Status.WARN, Status.MANUAL)


def summary_columns(lang: Lang) -> list[tuple[str, bool]]:
    """The headings of the one-row-per-case summary and whether each column holds a count:
    the case columns, folder, verdict, a count per SUMMARY_COUNTED status, main problems.
    Shared by the workbook's 汇总 sheet and the batch page."""
    counted = [(STATUS_LABEL[s].pick(lang).capitalize(), True) for s in SUMMARY_COUNTED]
    return [
        *((head.pick(lang), False) for _, head in CASE_COLUMNS),
        (FOLDER_HEAD.pick(lang), False),
        (Text("结论", "Verdict").pick(lang), False),
        *counted,
        (Text("主要问题", "Main problems").pick(lang), False),
    ]


def _number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e6 else f"{value:,.0f}"


def _duration(value: Any, lang: Lang) -> str:
    """「1.5 秒」 for 1.5; 「7–10 分钟」 for the JSON's 「420–600 s」."""
    from casecheck.units import duration_range_words, duration_words

    if isinstance(value, int | float):
        return Text(*duration_words(float(value))).pick(lang)
    found = re.fullmatch(r"([\d.]+)–([\d.]+) s", str(value))
    if found:
        return Text(*duration_range_words(float(found[1]), float(found[2]))).pick(lang)
    return str(value)


def _rate(bps: float) -> str:
    return f"{bps / 1e6:.2f} Mbps" if bps >= 1e6 else f"{bps / 1e3:.0f} kbps"


def plain(value: Any, lang: Lang, rule: str = "") -> str:
    """A measured or required value as words: 「视频流 0.21 Mbps，总体 0.38 Mbps」, never JSON."""
    sep = "，" if lang == "zh" else ", "
    if value is None:
        return ""
    if isinstance(value, bool):
        return Text("是", "yes").pick(lang) if value else Text("否", "no").pick(lang)
    if rule == "video.duration":
        return _duration(value, lang)
    if rule in CODEC_RULES and isinstance(value, str):
        return codec_name(value)  # 「H.264」 for MediaInfo's 「AVC」
    if rule.startswith("materials.") and isinstance(value, str):
        from casecheck.file_kinds import kind_words

        # a file of the wrong kind: the JSON's 「ole2/doc」 as 「Word 97-2003 文档（.doc）」
        if (kind := kind_words(value)) is not None:
            return kind.pick(lang)
    if isinstance(value, int | float):
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
    if isinstance(value, str) and value in VALUE_WORD:
        return VALUE_WORD[value].pick(lang)
    return str(value)


def where(f: Finding) -> str:
    """「案例视频.mp4 · 第 2 段…」: file and location."""
    return " · ".join(x for x in (f.file, f.location) if x)


def case_values(case: CaseInfo) -> list[str]:
    """The place and case columns of one submission, in CASE_COLUMNS order."""
    return [getattr(case, key) or "" for key, _ in CASE_COLUMNS]
