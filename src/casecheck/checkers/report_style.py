"""Shared verbs of the report style rules: an effective-style match and a line-spacing match
over a list of paragraphs; one finding per kind of problem, listing the paragraphs."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from pydantic import Field

from casecheck import places
from casecheck.checkers.registry import Params, RuleContext
from casecheck.i18n import Text
from casecheck.readers.docx import ParagraphFacts
from casecheck.result import STATUS_RANK, Finding, Status

SIZE_NAMES = {
    42: "初号",
    36: "小初",
    26: "一号",
    24: "小一",
    22: "二号",
    18: "小二",
    16: "三号",
    15: "小三",
    14: "四号",
    12: "小四",
    10.5: "五号",
    9: "小五",
    7.5: "六号",
    6.5: "小六",
    5.5: "七号",
    5: "八号",
}


class FontStyleParams(Params):
    """An effective-style requirement for one kind of paragraph."""

    font: str = "仿宋_GB2312"  # East Asian font of CJK text
    font_aliases: list[str] = Field(default_factory=lambda: ["FangSong_GB2312"])  # same font → pass
    near_fonts: list[str] = Field(  # accepted variants → warn
        default_factory=lambda: ["仿宋", "FangSong", "方正仿宋_GBK", "方正仿宋简体", "华文仿宋"]
    )
    size_pt: float = 16
    bold: bool | None = None  # None: bold is not checked
    include_tables: bool = False
    max_listed: int = Field(default=5, ge=1)  # paragraphs listed one by one per reason
    ROLES: ClassVar[tuple[str, ...]] = ("body",)  # the paragraph roles the rule judges

    def judged_roles(self) -> tuple[str, ...]:
        return self.ROLES + (("table",) if self.include_tables else ())


class LineSpacingParams(Params):
    line_pt: float = 28
    roles: list[str] = Field(default_factory=lambda: ["body"])
    include_tables: bool = False
    max_listed: int = Field(default=5, ge=1)

    def judged_roles(self) -> tuple[str, ...]:
        return tuple(self.roles) + (("table",) if self.include_tables else ())


def norm_font(name: str) -> str:
    """NFKC, trimmed, case-folded (``ＭＳ 明朝`` → ``ms 明朝``)."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


def size_name(pt: float) -> str:
    name = SIZE_NAMES.get(pt)
    return f"{pt:g} 磅（{name}）" if name else f"{pt:g} 磅"


@dataclass(frozen=True)
class Problem:
    status: Status  # FAIL (→ rule severity), WARN (near miss) or MANUAL
    what: Text  # e.g. 字体 宋体（要求 仿宋_GB2312）
    run_text: str


def _font_problem(font: str | None, source: str, p: FontStyleParams) -> tuple[Status, Text] | None:
    if font is None:
        return Status.FAIL, Text(
            f"中文字体无法确定（{source}）", f"East Asian font unresolved ({source})"
        )
    name = norm_font(font)
    if name in {norm_font(f) for f in [p.font, *p.font_aliases]}:
        return None
    status = Status.WARN if name in {norm_font(f) for f in p.near_fonts} else Status.FAIL
    return status, Text(
        f"中文字体为 {font}（要求 {p.font}）", f"East Asian font {font} (required {p.font})"
    )


def paragraph_problems(para: ParagraphFacts, p: FontStyleParams) -> list[Problem]:
    """The distinct style problems of one paragraph, each with the first run showing it."""
    found: dict[Text, Problem] = {}

    def add(status: Status, what: Text, text: str) -> None:
        found.setdefault(what, Problem(status, what, text))

    for run in para.runs:
        if not run.text.strip():
            continue
        if run.east_asia_chars:
            bad = _font_problem(run.east_asia_font, run.east_asia_source, p)
            if bad:
                add(bad[0], bad[1], run.text)
        if run.size_pt is None:
            add(
                Status.FAIL,
                Text(
                    f"字号未设置（Word 默认 10 磅，要求 {size_name(p.size_pt)}）",
                    f"size not set (Word uses 10 pt; required {p.size_pt:g} pt)",
                ),
                run.text,
            )
        elif abs(run.size_pt - p.size_pt) > 0.01:
            add(
                Status.FAIL,
                Text(
                    f"字号 {size_name(run.size_pt)}（要求 {size_name(p.size_pt)}）",
                    f"size {run.size_pt:g} pt (required {p.size_pt:g} pt)",
                ),
                run.text,
            )
        if p.bold is not None:
            if run.bold is None:
                add(
                    Status.MANUAL,
                    Text(
                        f"加粗状态不确定（{run.bold_source}），请在 Word 中确认",
                        f"bold is ambiguous ({run.bold_source}); check it in Word",
                    ),
                    run.text,
                )
            elif run.bold != p.bold:
                add(
                    Status.FAIL,
                    Text(
                        "未加粗（要求加粗）" if p.bold else "加粗了（要求不加粗）",
                        "not bold (required bold)" if p.bold else "bold (required not bold)",
                    ),
                    run.text,
                )
    return list(found.values())


def _worst(statuses: list[Status]) -> Status:
    return max(statuses, key=lambda s: STATUS_RANK[s])


def _emit(ctx: RuleContext, status: Status, message: Text, **kw: object) -> Finding:
    if status is Status.FAIL:
        return ctx.violation(message, **kw)
    if status is Status.WARN:
        return ctx.near_miss(message, **kw)
    return ctx.manual(message, **kw)


def _grouped(
    ctx: RuleContext,
    bad: list[tuple[ParagraphFacts, list[Problem]]],
    total: int,
    what_paras: Text,
    max_listed: int,
    expected: object,
    hint: Text,
    actual_of: Callable[[ParagraphFacts], object],
) -> Iterator[Finding]:
    """One finding per kind of problem, naming the first paragraphs and counting the rest.

    Paragraphs share a kind when they have the same problems (「中文字体为 宋体」); ``place``
    lists every one of them, the words the first ``max_listed``.
    """
    groups: dict[tuple[Text, ...], list[tuple[ParagraphFacts, list[Problem]]]] = {}
    for para, problems in bad:
        groups.setdefault(tuple(pr.what for pr in problems), []).append((para, problems))
    for items in groups.values():
        status = _worst([pr.status for pr in items[0][1]])
        what = Text(
            "；".join(pr.what.zh for pr in items[0][1]), "; ".join(pr.what.en for pr in items[0][1])
        )
        first, problems = items[0]
        run = problems[0].run_text.strip() or first.first_words()
        where = (
            first.where()
            if len(items) == 1
            else places.paragraphs([para.index for para, _ in items], shown=max_listed)
        )
        share = Text(
            f"（{what_paras.zh} {total} 段中的 {len(items)} 段）",
            f" ({len(items)} of {total} {what_paras.en.lower()})",
        )
        example = (
            Text(f"，如「{_clip(run)}」", f", e.g. “{_clip(run)}”")
            if len(items) > 1
            else Text(f"，文字「{_clip(run)}」", f", text “{_clip(run)}”")
        )
        yield _emit(
            ctx,
            status,
            Text(
                f"{where.zh}{share.zh}：{what.zh}{example.zh}",
                f"{where.en}{share.en}: {what.en}{example.en}",
            ),
            location=where,
            actual=actual_of(first) if len(items) == 1 else [actual_of(para) for para, _ in items],
            expected=expected,
            hint=hint,
        )


def _all_ok(ctx: RuleContext, paras: list[ParagraphFacts], message: Text, expected: str) -> Finding:
    """The rule's single finding when no paragraph is bad."""
    return ctx.ok(message, actual={"paragraphs": len(paras), "failing": 0}, expected=expected)


def _clip(text: str, n: int = 20) -> str:
    return text if len(text) <= n else text[:n] + "…"


def style_findings(paras: list[ParagraphFacts], ctx: RuleContext, what: Text) -> Iterator[Finding]:
    """One pass when every paragraph has the style, else one finding per kind of problem."""
    p: FontStyleParams = ctx.params
    bold = {True: ("加粗", "bold"), False: ("不加粗", "not bold"), None: ("", "")}[p.bold]
    want = Text(
        f"{size_name(p.size_pt)}{p.font}" + (f"，{bold[0]}" if bold[0] else ""),
        f"{p.size_pt:g} pt {p.font} {bold[1]}".strip(),
    )
    expected = {"font": p.font, "size_pt": p.size_pt, "bold": p.bold}
    if not paras:
        yield ctx.skipped(
            Text(f"未找到{what.zh}", f"No {what.en.lower()} found"), expected=want.pick(ctx.lang)
        )
        return
    bad = [(para, probs) for para in paras if (probs := paragraph_problems(para, p))]
    hint = Text(
        f"选中这些段落（最好直接修改所用的样式）：中文字体设为 {p.font}，字号 {size_name(p.size_pt)}"
        + (f"，{bold[0]}" if bold[0] else ""),
        f"Set these paragraphs (preferably their style) to {p.font}, {p.size_pt:g} pt"
        + (f", {bold[1]}" if bold[1] else ""),
    )

    def actual(para: ParagraphFacts) -> dict[str, object]:
        runs = [r for r in para.runs if r.text.strip()]
        r = next((r for r in runs if r.east_asia_chars), runs[0] if runs else None)
        return {} if r is None else {"font": r.east_asia_font, "size_pt": r.size_pt, "bold": r.bold}

    if not bad:
        yield _all_ok(
            ctx,
            paras,
            Text(
                f"{what.zh} {len(paras)} 段均为 {want.zh}",
                f"All {len(paras)} {what.en.lower()}: {want.en}",
            ),
            want.pick(ctx.lang),
        )
        return
    yield from _grouped(ctx, bad, len(paras), what, p.max_listed, expected, hint, actual)


def line_spacing_findings(paras: list[ParagraphFacts], ctx: RuleContext) -> Iterator[Finding]:
    """One pass, or one finding per kind of spacing that is not 固定值 ``line_pt`` 磅."""
    p: LineSpacingParams = ctx.params
    want = Text(f"固定值 {p.line_pt:g} 磅", f"exactly {p.line_pt:g} pt")
    if not paras:
        yield ctx.skipped(
            Text("未找到正文段落", "No body paragraphs found"), expected=want.pick(ctx.lang)
        )
        return
    bad: list[tuple[ParagraphFacts, list[Problem]]] = []
    for para in paras:
        ls = para.line_spacing
        if ls.rule == "exact" and ls.points is not None and abs(ls.points - p.line_pt) < 0.05:
            continue
        what = Text(
            f"行距为 {ls.describe('zh')}（要求{want.zh}）",
            f"line spacing {ls.describe('en')} (required {want.en})",
        )
        bad.append((para, [Problem(Status.FAIL, what, "")]))  # 最小值 28 磅 too (SPEC)
    hint = Text(
        f"段落 → 缩进和间距 → 行距选「固定值」，设置值 {p.line_pt:g} 磅（最好修改「正文」样式）",
        f"Paragraph → Indents and Spacing → Line spacing: Exactly, {p.line_pt:g} pt (preferably in the style).",
    )
    if not bad:
        yield _all_ok(
            ctx,
            paras,
            Text(
                f"正文 {len(paras)} 段行距均为{want.zh}",
                f"All {len(paras)} body paragraphs: {want.en}",
            ),
            want.pick(ctx.lang),
        )
        return
    yield from _grouped(
        ctx,
        bad,
        len(paras),
        Text("正文", "body paragraphs"),
        p.max_listed,
        want.pick(ctx.lang),
        hint,
        lambda para: {"line": para.line_spacing.line, "rule": para.line_spacing.rule},
    )
