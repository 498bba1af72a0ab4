"""The terminal report (rich): per submission, materials, then findings grouped by material.

On a terminal each submission is a panel and long lines wrap by display cells with a
hanging indent (render/wrap.py). Anywhere else (a pipe, a file) there are no borders and no
wrapping: one finding per line, so ``grep 不合格`` returns whole findings. File and folder
names, messages and pack texts are never read as rich markup: every piece is a
``rich.text.Text``, not a markup string.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from casecheck.i18n import Lang, Text
from casecheck.render.text_waivers import waived_section
from casecheck.render.words import plain
from casecheck.render.wrap import Hanging
from casecheck.result import (
    PROBLEMS,
    STATUS_RANK,
    Finding,
    Report,
    Status,
    SubmissionResult,
    empty_folders,
    group_of,
)
from casecheck.vocabulary import (
    STATUS_LABEL,
    group_rank,
    group_title,
    material_title,
    pack_reason,
    rule_title,
    submissions_prefix,
    verdict_sentence,
)

STATUS_STYLE = {
    Status.PASS: "green",
    Status.FAIL: "bold red",
    Status.WARN: "yellow",
    Status.MANUAL: "cyan",
    Status.SKIPPED: "dim",
    Status.WAIVED: "magenta",
    Status.ERROR: "bold magenta",
}
STATUS_MARK = {
    Status.PASS: "✓",
    Status.FAIL: "✗",
    Status.WARN: "!",
    Status.MANUAL: "?",
    Status.SKIPPED: "-",
    Status.WAIVED: "~",
    Status.ERROR: "✗",
}
HEAD_INDENT, BODY_INDENT, HINT_INDENT = 2, 6, 8
Titles = dict[str, Text]


def measured(f: Finding, lang: Lang) -> str:
    """「实测 …；要求 …」 for --verbose: plain values only (structured ones are in the JSON),
    in the words the other views use (render/words.py: 「0.4 秒」, not the JSON's 0.4)."""

    def show(v: object) -> str | None:
        if v is None or isinstance(v, dict):
            return None
        if isinstance(v, list):
            return plain(v[:5], lang, f.rule) + (" …" if len(v) > 5 else "")
        return plain(v, lang, f.rule)

    parts = []
    if (actual := show(f.actual)) is not None:
        parts.append(Text("实测 ", "measured ").pick(lang) + actual)
    if (expected := show(f.expected)) is not None:
        parts.append(Text("要求 ", "required ").pick(lang) + expected)
    return ("；" if lang == "zh" else "; ").join(parts)


def _line(*pieces: tuple[str, str]) -> RichText:
    text = RichText()
    for piece, style in pieces:
        text.append(piece, style=style)
    return text


def finding_lines(
    f: Finding, lang: Lang, titles: Titles, *, verbose: bool, wrap: bool
) -> list[RenderableType]:
    """A finding as a short paragraph (terminal) or as one line (pipe, file): the check's
    title, where, the message and the fix; its rule id and values with ``verbose``."""
    where = " · ".join(x for x in (f.file, f.location) if x)
    head = _line(
        (" " * HEAD_INDENT, ""),
        (f"{STATUS_MARK[f.status]} {STATUS_LABEL[f.status].pick(lang)}", STATUS_STYLE[f.status]),
        (f"  {rule_title(f.rule, titles, lang)}", "bold"),
        (f"  {where}" if where else "", "cyan"),
    )
    body: list[tuple[RichText, int]] = [
        (_line((" " * BODY_INDENT, ""), (f.message, "")), BODY_INDENT)
    ]
    if verbose:
        values = measured(f, lang)
        detail = (
            Text("规则 ", "rule ").pick(lang)
            + f.rule
            + (f"；{values}" if values and lang == "zh" else f"; {values}" if values else "")
        )
        body.append((_line((" " * BODY_INDENT, ""), (detail, "dim")), BODY_INDENT))
    if f.waiver is not None:
        w = f.waiver
        note = Text(
            f"已豁免（原为{STATUS_LABEL[w.original_status].zh}）：{w.reason}（{w.by}，{w.date}）",
            f"waived (was {w.original_status.value}): {w.reason} ({w.by}, {w.date})",
        ).pick(lang)
        body.append((_line((" " * BODY_INDENT, ""), (note, "magenta")), BODY_INDENT))
    if f.hint:
        body.append((_line((" " * BODY_INDENT, ""), (f"→ {f.hint}", "italic")), HINT_INDENT))
    if not wrap:
        one = head.copy()
        for text, _ in body:
            one.append_text(RichText("  ") + text[BODY_INDENT:])
        return [Hanging(one, 0, wrap=False)]
    return [Hanging(head, BODY_INDENT), *(Hanging(text, indent) for text, indent in body)]


def findings_block(
    findings: list[Finding], lang: Lang, titles: Titles, *, show_pass: bool, wrap: bool = True
) -> Group:
    """Worst first; passes and skipped rules only with --verbose."""
    lines: list[RenderableType] = []
    ordered = sorted(findings, key=lambda f: -STATUS_RANK[f.status])
    for f in ordered:
        if f.status in (Status.PASS, Status.SKIPPED) and not show_pass:
            continue
        lines.extend(finding_lines(f, lang, titles, verbose=show_pass, wrap=wrap))
    return Group(*lines)


def verdict(counts: dict[str, int], lang: Lang, *, strict: bool = False) -> RichText:
    """「结论：未通过 — 不合格 16 项 …」: the same decision as the exit code and JUnit."""
    from casecheck.result import is_ready

    ready = is_ready(counts, strict)
    line = verdict_sentence(counts, ready, lang, strict=strict)
    return RichText(line, style="bold green" if ready else "bold red")


def pack_line(result: SubmissionResult, lang: Lang) -> RichText:
    label = Text("规则包", "Pack").pick(lang)
    reason = pack_reason(result.pack_reason, lang)
    shown = f"{result.pack}（{reason}）" if lang == "zh" else f"{result.pack} ({reason})"
    return RichText(f"{label}: {shown}", style="dim")


def _file_cell(result: SubmissionResult, material: str, lang: Lang) -> tuple[str | None, str]:
    """The material's file, or what the materials rule found in its place: 「信息表.wps（格式
    不对，见下）」 rather than 「（未找到）」 when a file of the wrong kind is there."""
    name = result.materials.get(material)
    if name:
        return name, ""
    wrong = next(
        (
            f
            for f in result.findings
            if f.rule == f"materials.{material}" and f.file and f.status is not Status.PASS
        ),
        None,
    )
    if wrong is not None:
        return wrong.file, Text("（格式不对，见下）", " (wrong format, see below)").pick(lang)
    return None, Text("（未找到）", "(not found)").pick(lang)


def _materials(result: SubmissionResult, lang: Lang, wrap: bool) -> list[RenderableType]:
    rows = []
    for material in result.materials:
        name, note = _file_cell(result, material, lang)
        rows.append((material_title(material, lang), (name or "") + note, "red" if note else ""))
    if not wrap:
        return [
            _line(("  ", ""), (title, "bold"), ("  ", ""), (shown, style))
            for title, shown, style in rows
        ]
    table = Table(show_header=True, header_style="bold", box=None)
    table.add_column(Text("材料", "Material").pick(lang), no_wrap=True)
    table.add_column(Text("文件", "File").pick(lang), overflow="fold")
    for title, shown, style in rows:
        table.add_row(RichText(title), RichText(shown, style=style))
    return [table]


def _group_summary(counts: dict[str, int], lang: Lang) -> str:
    """「  通过 4 项，问题 1 项」 (a count of zero left out)."""
    problems = sum(counts[s.value] for s in (*PROBLEMS, Status.WAIVED))
    parts = []
    if counts["pass"]:
        parts.append(Text(f"通过 {counts['pass']} 项", f"{counts['pass']} passed").pick(lang))
    if problems:
        en = f"{problems} problem{'s' if problems != 1 else ''}"
        parts.append(Text(f"问题 {problems} 项", en).pick(lang))
    return "  " + ("，" if lang == "zh" else ", ").join(parts) if parts else ""


def submission_renderable(
    result: SubmissionResult,
    lang: Lang,
    titles: Titles,
    *,
    verbose: bool = False,
    strict: bool = False,
    wrap: bool = True,
) -> Group:
    parts: list[RenderableType] = [
        Hanging(pack_line(result, lang), 4, wrap=wrap),
        *_materials(result, lang, wrap),
    ]
    groups: dict[str, list[Finding]] = {}
    for f in result.findings:
        if f.status is not Status.WAIVED:  # shown apart, with reason and reviewer
            groups.setdefault(group_of(f), []).append(f)
    counts = result.counts_by_group()
    for key in sorted(groups, key=group_rank):
        findings = groups[key]
        title = group_title(key, lang)
        head = RichText(f"\n■ {title}" if wrap else f"■ {title}", style="bold")
        head.append(_group_summary(counts[key], lang), style="dim")
        parts.append(head)
        if any(f.status not in (Status.PASS, Status.SKIPPED) for f in findings) or verbose:
            parts.append(findings_block(findings, lang, titles, show_pass=verbose, wrap=wrap))
        reasons: dict[str, list[str]] = {}
        for f in findings:
            if f.status is Status.SKIPPED:
                reasons.setdefault(f.message, []).append(rule_title(f.rule, titles, lang))
        for message, rules in reasons.items():  # the message says 「未检查」 and why
            names = ("、" if lang == "zh" else ", ").join(rules)
            skipped = RichText(f"  {names} — {message}", style="dim")
            parts.append(Hanging(skipped, BODY_INDENT, wrap=wrap))
    if (waived := waived_section(result.findings, lang)) is not None:
        parts.append(waived)
    if wrap:
        parts.append(RichText(""))
    parts.append(Hanging(verdict(result.counts, lang, strict=strict), 4, wrap=wrap))
    return Group(*parts)


def render_text(
    report: Report,
    console: Console,
    lang: Lang,
    *,
    verbose: bool = False,
    strict: bool = False,
    plain: bool | None = None,
) -> None:
    """Panels on a terminal; with ``plain`` (default: not a terminal) no borders, no wrapping."""
    plain = not console.is_terminal if plain is None else plain
    for result in report.submissions:
        body = submission_renderable(
            result, lang, report.titles, verbose=verbose, strict=strict, wrap=not plain
        )
        if plain:
            console.print(RichText(f"== {result.path}", style="bold"), crop=False)
            console.print(body, crop=False)
            console.print(RichText(""))
        else:
            title = RichText(result.path, style="bold")
            console.print(Panel(body, title=title, title_align="left", border_style="blue"))
    if report.batch_findings:
        console.print(
            findings_block(
                report.batch_findings, lang, report.titles, show_pass=verbose, wrap=not plain
            ),
            crop=not plain,
        )
    if len(report.submissions) > 1:
        line = verdict(report.counts, lang, strict=strict)
        prefix = submissions_prefix(
            len(report.submissions), lang, empty=empty_folders(report.submissions)
        )
        console.print(Hanging(RichText(prefix) + line, 4, wrap=not plain), crop=not plain)


def plain_console(file: object | None = None) -> Console:
    """A console for output that is not a terminal: no colour, no width limit."""
    return Console(file=file, width=100_000, no_color=True, highlight=False, soft_wrap=True)  # type: ignore[arg-type]
