"""Report (总结报告 .docx) checkers: 字数, sections, and the effective heading/body styles.

They judge ``DocxFacts`` from readers/docx.py; fonts, sizes, titles and limits come from the
pack's ``params``. Style rules yield one pass, or one finding per kind of problem naming
the paragraphs that have it (every one of them in the finding's ``place``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import ClassVar

from pydantic import Field

from casecheck import places
from casecheck.checkers.registry import Params, RuleContext, checker
from casecheck.checkers.report_style import (
    FontStyleParams,
    LineSpacingParams,
    line_spacing_findings,
    style_findings,
)
from casecheck.explanation import Explanation
from casecheck.i18n import Text
from casecheck.readers.docx import DocxFacts, ParagraphFacts
from casecheck.readers.docx.numbering import chinese_counting
from casecheck.result import Finding


class WordCountParams(Params):
    max_chars: int = 3000
    # "body": Word's 字数 of everything before 附件 (auto-numbering labels are not in it);
    # "with_labels": also count 「一、」 produced by automatic numbering (LibreOffice's way).
    count: str = Field(default="body", pattern="^(body|with_labels)$")


@checker("report.word_count", facts="report", params=WordCountParams)
def word_count(facts: DocxFacts, ctx: RuleContext) -> Iterator[Finding]:
    """Passes when everything before the 附件 section has ≤ ``max_chars`` Word 字数.

    Pass: 2980 字 before a 「附件1」 page. Fail: 3001 字 (title and headings included).
    """
    wc = facts.word_count
    n = wc.with_labels if ctx.params.count == "with_labels" else wc.body
    limit = ctx.params.max_chars
    parts_zh = [f"其中正文段落 {wc.body_text} 字"]
    parts_en = [f"body paragraphs {wc.body_text}"]
    if wc.labels:
        parts_zh.append(
            f"自动编号 {wc.labels} 字{'已' if ctx.params.count == 'with_labels' else '未'}计入"
        )
        parts_en.append(
            f"automatic numbering {wc.labels} {'included' if ctx.params.count == 'with_labels' else 'not included'}"
        )
    if wc.label_paragraph is not None:
        label = facts.paragraphs[wc.label_paragraph - 1].text.strip()
        parts_zh.append(f"文首第 {wc.label_paragraph} 段「{label}」是文档标签，不是附件起点")
        parts_en.append(
            f"“{label}” in paragraph {wc.label_paragraph} labels the document; "
            "the attachments do not start there"
        )
    if wc.stop_paragraph is not None:
        parts_zh.append(
            f"从第 {wc.stop_paragraph} 段「{wc.stop_text}」起为附件（{wc.attachments} 字，不计入）"
        )
        parts_en.append(
            f"attachments from paragraph {wc.stop_paragraph} “{wc.stop_text}” ({wc.attachments}, not counted)"
        )
    else:
        parts_zh.append("最后一个一级标题之后未找到以「附件」开头的一行，统计至文末")
        parts_en.append("no line starting with 附件 after the last section; counted to the end")
    if wc.text_boxes:
        parts_zh.append(f"文本框 {wc.text_boxes} 字另计")
        parts_en.append(f"text boxes {wc.text_boxes} counted separately")
    detail = Text("；".join(parts_zh), "; ".join(parts_en))
    actual = {
        "count": n,
        "body_text": wc.body_text,
        "with_labels": wc.with_labels,
        "attachments": wc.attachments,
        "text_boxes": wc.text_boxes,
    }
    location = places.paragraph_range(1, wc.stop_paragraph - 1) if wc.stop_paragraph else None
    if n <= limit:
        yield ctx.ok(
            Text(
                f"附件前共 {n} 字（Word 字数统计，含标题），不超过 {limit} 字。{detail.zh}",
                f"{n} words/characters before the attachments (Word count, headings included), "
                f"within {limit}. {detail.en}",
            ),
            actual=actual,
            expected=f"≤ {limit}",
            location=location,
        )
        return
    yield ctx.violation(
        Text(
            f"附件前共 {n} 字（Word 字数统计，含标题），超过 {limit} 字上限 {n - limit} 字。{detail.zh}",
            f"{n} words/characters before the attachments (Word count, headings included): "
            f"{n - limit} over the limit of {limit}. {detail.en}",
        ),
        actual=actual,
        expected=f"≤ {limit}",
        location=location,
        hint=Text(
            f"请把正文删减到 {limit} 字以内；附件不计字数：附件放在最后一部分之后，以「附件：」或「附件1」开头的一行引出",
            f"Shorten the text to {limit}; attachments do not count when they follow the last "
            "section, introduced by a line starting with 「附件：」 or 「附件1」.",
        ),
    )


class SectionsParams(Params):
    level1_titles: list[str] = Field(default_factory=list)
    min_similarity: float = 0.5  # below it an unmatched heading is "extra", not "renamed"


_LABEL = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+|[0-9０-９]+|第[一二三四五六七八九十]+[部分章节]*)\s*[、．.，,：:]?\s*"
)
_SUBTITLE = re.compile(r"[：:—\-–（(|｜/].*$")
_PUNCT = re.compile(r"[\s\u3000、，。．.·:：；;！!？?“”\"'‘’《》【】\[\]]+")


def _key(title: str) -> str:
    return _PUNCT.sub("", title)


def _heading_title(text: str) -> str:
    """「一、 案例概述：区域画像」 → 「案例概述」 (label and subtitle removed)."""
    core = _LABEL.sub("", text.strip(), count=1)
    return _key(_SUBTITLE.sub("", core)) or _key(core)


@checker("report.sections", facts="report", params=SectionsParams)
def sections(facts: DocxFacts, ctx: RuleContext) -> Iterator[Finding]:
    """Passes when the first-level headings are the pack's titles, all present, in order.

    Pass: 一、案例概述 … 七、推广建议 (typed or auto-numbered, 「一．案例概述：副标题」 too).
    Fail: 「三、证据收集与分析」 (renamed), 七、推广建议 missing, 五 before 四.
    """
    required = ctx.params.level1_titles
    if not required:
        yield ctx.skipped(Text("本方案未规定一级标题", "The pack lists no first-level titles"))
        return
    heads = facts.by_role("h1")
    if not heads:
        listed = [f"{chinese_counting(n)}、{title}" for n, title in enumerate(required, 1)]
        yield ctx.violation(
            Text(
                f"未找到任何一级标题：模板的 {len(listed)} 个一级标题"
                + "".join(f"「{t}」" for t in listed)
                + "一个也没有识别到",
                f"No first-level heading found: none of the template's {len(listed)} sections "
                f"({', '.join(listed)}) was recognised",
            ),
            actual=[],
            expected=required,
            hint=Text(
                "请按模板写出一级标题，并设为「标题 1」样式或以「一、」开头",
                "Write the template's first-level headings, styled Heading 1 or starting with 「一、」.",
            ),
        )
        return
    keys = [_heading_title(h.text) for h in heads]
    req_keys = [_key(t) for t in required]
    match: dict[int, int] = {}  # heading position → required index
    for hi, key in enumerate(keys):
        for ri, rk in enumerate(req_keys):
            if ri not in match.values() and (key == rk or key.startswith(rk)):
                match[hi] = ri
                break
    renamed: dict[int, int] = {}
    pairs = sorted(
        (
            (difflib.SequenceMatcher(None, keys[hi], req_keys[ri]).ratio(), hi, ri)
            for hi in range(len(heads))
            if hi not in match
            for ri in range(len(required))
            if ri not in match.values()
        ),
        reverse=True,
    )
    for score, hi, ri in pairs:
        if score >= ctx.params.min_similarity and hi not in renamed and ri not in renamed.values():
            renamed[hi] = ri
    placed = {**match, **renamed}
    order = sorted(placed)
    keep = _longest_increasing([placed[h] for h in order])
    problems = 0
    for hi, ri in sorted(renamed.items()):
        problems += 1
        yield ctx.violation(
            Text(
                f"一级标题「{heads[hi].text}」与模板不一致，应为「{required[ri]}」",
                f"First-level heading “{heads[hi].text}” differs from the template: expected “{required[ri]}”",
            ),
            location=heads[hi].where(),
            actual=heads[hi].text,
            expected=required[ri],
            hint=Text(
                f"请把标题改为模板中的「{required[ri]}」",
                f"Rename it to “{required[ri]}” as in the template.",
            ),
        )
    for pos, hi in enumerate(order):
        if pos in keep:
            continue
        problems += 1
        ri = placed[hi]
        yield ctx.violation(
            Text(
                f"一级标题「{heads[hi].text}」顺序不对：模板中它是第 {ri + 1} 个一级标题",
                f"First-level heading “{heads[hi].text}” is out of order: it is number {ri + 1} in the template",
            ),
            location=heads[hi].where(),
            actual=[heads[h].text for h in order],
            expected=required,
            hint=Text("请按模板顺序排列各部分", "Put the sections in the template's order."),
        )
    for ri, title in enumerate(required):
        if ri not in placed.values():
            problems += 1
            yield ctx.violation(
                Text(
                    f"缺少一级标题「{title}」（模板第 {ri + 1} 部分）",
                    f"Missing first-level section “{title}” (part {ri + 1} of the template)",
                ),
                actual=[h.text for h in heads],
                expected=required,
                hint=Text(f"请补写「{title}」部分", f"Add the section “{title}”."),
            )
    for hi, head in enumerate(heads):
        if hi not in placed:
            yield ctx.near_miss(
                Text(
                    f"一级标题「{head.text}」不在模板中",
                    f"First-level heading “{head.text}” is not in the template",
                ),
                location=head.where(),
                actual=head.text,
                expected=required,
                hint=Text(
                    "模板之外的内容可并入相近部分或放入附件",
                    "Merge extra content into a template section or an attachment.",
                ),
            )
    if not problems:
        yield ctx.ok(
            Text(
                f"{len(required)} 个一级标题齐全、顺序正确："
                + " ".join(h.text for h in heads if heads.index(h) in placed),
                f"All {len(required)} first-level sections present in order",
            ),
            actual=[h.text for h in heads],
            expected=required,
        )


def _longest_increasing(seq: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (the sections in order)."""
    best: list[list[int]] = []
    for i, value in enumerate(seq):
        candidates = [b for b in best if seq[b[-1]] < value]
        chain = [*max(candidates, key=len), i] if candidates else [i]
        best.append(chain)
    if not best:
        return set()
    longest: list[int] = max(best, key=len)
    return set(longest)


class Heading1Params(FontStyleParams):
    font: str = "黑体"
    font_aliases: list[str] = Field(default_factory=lambda: ["SimHei"])
    near_fonts: list[str] = Field(
        default_factory=lambda: ["方正黑体_GBK", "方正黑体简体", "华文黑体"]
    )
    bold: bool | None = True
    ROLES: ClassVar[tuple[str, ...]] = ("h1",)


class Heading2Params(FontStyleParams):
    bold: bool | None = True
    ROLES: ClassVar[tuple[str, ...]] = ("h2",)


class BodyParams(FontStyleParams):
    bold: bool | None = None


@checker("report.heading1_style", facts="report", params=Heading1Params)
def heading1_style(facts: DocxFacts, ctx: RuleContext) -> Iterator[Finding]:
    """Every first-level heading is 3号 (16 pt) 黑体, bold (effective values, CJK text).

    Pass: 「一、案例概述」 in Heading 1 set to 黑体 16 pt bold. Fail: the same in 宋体, or 14 pt.
    """
    paras = _paras(facts, *ctx.params.judged_roles())
    yield from style_findings(paras, ctx, Text("一级标题", "First-level headings"))


@checker("report.heading2_style", facts="report", params=Heading2Params)
def heading2_style(facts: DocxFacts, ctx: RuleContext) -> Iterator[Finding]:
    """Every second-level heading （一）… is 3号 仿宋_GB2312, bold.

    Pass: 「（一）基本情况」 仿宋_GB2312 16 pt bold. Fail: not bold, or 仿宋 (warn).
    """
    paras = _paras(facts, *ctx.params.judged_roles())
    yield from style_findings(paras, ctx, Text("二级标题", "Second-level headings"))


@checker("report.body_style", facts="report", params=BodyParams)
def body_style(facts: DocxFacts, ctx: RuleContext) -> Iterator[Finding]:
    """Body paragraphs are 3号 仿宋_GB2312 (仿宋/FangSong → warn; other fonts → fail).

    Pass: body text 仿宋_GB2312 16 pt, Latin words in Times New Roman. Fail: body in 宋体.
    """
    paras = _paras(facts, *ctx.params.judged_roles())
    yield from style_findings(paras, ctx, Text("正文", "Body paragraphs"))


@checker("report.line_spacing", facts="report", params=LineSpacingParams)
def line_spacing(facts: DocxFacts, ctx: RuleContext) -> Iterator[Finding]:
    """Body paragraphs have fixed line spacing of exactly 28 pt (固定值 28 磅).

    Pass: exact 560 twips. Fail: 1.5 lines (auto); warn: at least 28 pt (最小值).
    """
    yield from line_spacing_findings(_paras(facts, *ctx.params.judged_roles()), ctx)


def _paras(facts: DocxFacts, *roles: str) -> list[ParagraphFacts]:
    # Image-only paragraphs have no text to format (and fixed spacing would clip the image).
    return [p for p in facts.paragraphs if p.role in roles and p.text.strip() and p.runs]


_STYLE_FIX = Text(
    "最好直接修改所用的样式（「开始 → 样式」右键「修改」）：中文字体 {font}，字号 {size_pt} 磅",
    "Preferably change the style (Home → Styles → Modify): East Asian font {font}, {size_pt} pt.",
)
# What `casecheck explain` says about these checkers.
EXPLAIN = {
    "report.word_count": Explanation(
        Text(
            "附件之前（含标题）的 Word 字数不超过 {max_chars} 字，如 2980 字",
            "Word's count before the attachments (headings included) is at most {max_chars}, e.g. 2980",
        ),
        Text(
            "3001 字；附件没有用单独一行「附件」引出时统计到文末",
            "3001; without a 附件 line everything counts",
        ),
        Text(
            "删减正文；附件放在最后一部分之后，以「附件：」或「附件1」开头的一行引出",
            "Shorten the text; start the attachments after the last section with a 「附件：」 line.",
        ),
    ),
    "report.sections": Explanation(
        Text(
            "模板的一级标题都在且顺序正确：{level1_titles}",
            "every first-level heading of the template, in order: {level1_titles}",
        ),
        Text(
            "缺少「七、推广建议」，或「四、」写在「三、」之前",
            "「七、推广建议」 missing, or 四 before 三",
        ),
        Text(
            "按模板补齐、改名、调整顺序", "Add, rename or reorder the sections as in the template."
        ),
    ),
    "report.heading1_style": Explanation(
        Text(
            "每个一级标题实际显示为 {size_pt} 磅 {font}（加粗：{bold}）",
            "every first-level heading shows {size_pt} pt {font} (bold: {bold})",
        ),
        Text("一级标题用了微软雅黑，或没有加粗", "headings in 微软雅黑, or not bold"),
        _STYLE_FIX,
    ),
    "report.heading2_style": Explanation(
        Text(
            "每个二级标题（一）…实际显示为 {size_pt} 磅 {font}（加粗：{bold}）",
            "every （一） heading shows {size_pt} pt {font} (bold: {bold})",
        ),
        Text("二级标题用了宋体，或字号不对", "second-level headings in 宋体, or the wrong size"),
        _STYLE_FIX,
    ),
    "report.body_style": Explanation(
        Text(
            "正文实际显示为 {size_pt} 磅 {font}；仿宋（不带 _GB2312）只算警告",
            "body text shows {size_pt} pt {font}; 仿宋 without _GB2312 is only a warning",
        ),
        Text("正文是宋体或 Word 默认字体", "body text in 宋体 or Word's default font"),
        _STYLE_FIX,
    ),
    "report.line_spacing": Explanation(
        Text("正文行距为固定值 {line_pt} 磅", "body line spacing is exactly {line_pt} pt"),
        Text("1.5 倍行距、单倍行距，或「最小值 28 磅」", "1.5 lines, single, or at least 28 pt"),
        Text(
            "段落 → 缩进和间距 → 行距选「固定值」，设置值 {line_pt} 磅（最好改「正文」样式）",
            "Paragraph → Line spacing: Exactly, {line_pt} pt (preferably in the style).",
        ),
    ),
}
