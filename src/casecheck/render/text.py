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

from casecheck.findings import STATUS_RANK, Finding, Report, Status, SubmissionResult
from casecheck.i18n import Lang, Text
from casecheck.render.text_waivers import waived_section
from casecheck.render.wrap import Hanging
from casecheck.verdict import Tally, report_tally, tally

STATUS_LABEL: dict[Status, Text] = {
    Status.PASS: Text("通过", "pass"),
    Status.FAIL: Text("不合格", "FAIL"),
    Status.WARN: Text("警告", "warn"),
    Status.MANUAL: Text("人工确认", "manual"),
    Status.SKIPPED: Text("跳过", "skipped"),
    Status.WAIVED: Text("已豁免", "waived"),
    Status.ERROR: Text("无法读取", "ERROR"),
}
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
MATERIAL_ORDER = [
    "materials",
    "info_form",
    "courseware",
    "video",
    "report",
    "consistency",
    "batch",
]
MATERIAL_TITLE = {
    "materials": Text("材料齐全性", "Materials"),
    "info_form": Text("案例信息表", "Information form"),
    "courseware": Text("案例课件", "Courseware"),
    "video": Text("案例视频", "Video"),
    "report": Text("案例总结报告", "Summary report"),
    "consistency": Text("材料之间的一致性", "Consistency between materials"),
    "batch": Text("批量检查", "Batch"),
}
REASON = {
    "--pack": Text("由 --pack 指定", "chosen with --pack"),
    "info form title": Text("根据信息表标题识别", "detected from the information form's title"),
    "default": Text("未能识别，使用默认规则包", "not detected; default pack"),
    "folder layout": Text("根据批量目录的文件夹结构识别", "detected from the batch folder layout"),
}
HEAD_INDENT, BODY_INDENT, HINT_INDENT = 2, 6, 8


def group_of(finding: Finding) -> str:
    prefix = finding.rule.split(".")[0]
    if prefix in ("materials", "batch"):
        return prefix
    return finding.material or {"form": "info_form"}.get(prefix, prefix)


def collapse_errors(findings: list[Finding]) -> list[tuple[Finding, list[str]]]:
    """One row for the same unreadable file reported by several rules."""
    rows: list[tuple[Finding, list[str]]] = []
    seen: dict[tuple[str | None, str], int] = {}
    for f in findings:
        key = (f.file, f.message)
        if f.status is Status.ERROR and key in seen:
            rows[seen[key]][1].append(f.rule)
            continue
        if f.status is Status.ERROR:
            seen[key] = len(rows)
        rows.append((f, [f.rule]))
    return rows


def measured(f: Finding, lang: Lang) -> str:
    """「实测 …；要求 …」 for --verbose: plain values only (structured ones are in the JSON)."""

    def show(v: object) -> str | None:
        if v is None or isinstance(v, dict):
            return None
        if isinstance(v, list):
            return ("、" if lang == "zh" else ", ").join(map(str, v[:5])) + (
                " …" if len(v) > 5 else ""
            )
        return str(v)

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
    f: Finding, rules: list[str], lang: Lang, *, verbose: bool, wrap: bool
) -> list[RenderableType]:
    """A finding as a short paragraph (terminal) or as one line (pipe, file)."""
    where = " · ".join(x for x in (f.file, f.location) if x)
    head = _line(
        (" " * HEAD_INDENT, ""),
        (f"{STATUS_MARK[f.status]} {STATUS_LABEL[f.status].pick(lang)}", STATUS_STYLE[f.status]),
        (f"  {', '.join(rules)}", "bold"),
        (f"  {where}" if where else "", "cyan"),
    )
    body: list[tuple[RichText, int]] = [
        (_line((" " * BODY_INDENT, ""), (f.message, "")), BODY_INDENT)
    ]
    if verbose and (values := measured(f, lang)):
        body.append((_line((" " * BODY_INDENT, ""), (values, "dim")), BODY_INDENT))
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
    findings: list[Finding], lang: Lang, *, show_pass: bool, wrap: bool = True
) -> Group:
    """Worst first; passes and skipped rules only with --verbose."""
    lines: list[RenderableType] = []
    ordered = sorted(findings, key=lambda f: -STATUS_RANK[f.status])
    for f, rules in collapse_errors(ordered):
        if f.status in (Status.PASS, Status.SKIPPED) and not show_pass:
            continue
        lines.extend(finding_lines(f, rules, lang, verbose=show_pass, wrap=wrap))
    return Group(*lines)


def verdict(t: Tally, lang: Lang, *, strict: bool = False) -> RichText:
    """「结论：未通过 — 不合格 16 项 …」: the same decision as the exit code and JUnit."""
    ready = t.ready(strict)
    strict_note = Text("（--strict：警告也算不通过）", " (--strict: warnings count)")
    if lang == "zh":
        line = (
            f"结论：{'通过' if ready else '未通过'} — 不合格 {t.fail} 项，无法读取 {t.error} 项，"
            f"警告 {t.warn} 项{strict_note.zh if strict else ''}，需人工确认 {t.manual} 项，"
            f"通过 {t.passed} 项"
        )
        if t.waived:
            line += f"，已豁免 {t.waived} 项"
    else:
        line = (
            f"Verdict: {'READY' if ready else 'NOT READY'} — {t.fail} failed, "
            f"{t.error} unreadable, {t.warn} warnings{strict_note.en if strict else ''}, "
            f"{t.manual} to confirm by hand, {t.passed} passed"
        )
        if t.waived:
            line += f", {t.waived} waived"
    return RichText(line, style="bold green" if ready else "bold red")


def _pack_line(result: SubmissionResult, lang: Lang) -> RichText:
    reason_key = result.pack_reason.split(":")[0]
    reason = REASON.get(reason_key, Text(result.pack_reason, result.pack_reason)).pick(lang)
    if reason_key == "info form title":
        reason += f"「{result.pack_reason.split(':', 1)[1].strip()}」"
    label = Text("规则包", "Pack").pick(lang)
    return RichText(f"{label}: {result.pack}（{reason}）", style="dim")


def _materials(result: SubmissionResult, lang: Lang, wrap: bool) -> list[RenderableType]:
    missing = Text("（未找到）", "(not found)").pick(lang)
    rows = [
        (MATERIAL_TITLE.get(m, Text(m, m)).pick(lang), name) for m, name in result.materials.items()
    ]
    if not wrap:
        return [
            _line(("  ", ""), (title, "bold"), ("  ", ""), (name or missing, "" if name else "red"))
            for title, name in rows
        ]
    table = Table(show_header=True, header_style="bold", box=None)
    table.add_column(Text("材料", "Material").pick(lang), no_wrap=True)
    table.add_column(Text("文件", "File").pick(lang), overflow="fold")
    for title, name in rows:
        table.add_row(RichText(title), RichText(name or missing, style="" if name else "red"))
    return [table]


def _group_summary(findings: list[Finding], lang: Lang) -> str:
    t = tally(findings)
    problems = t.fail + t.error + t.warn + t.manual + t.waived
    text = Text(f"  通过 {t.passed} 项", f"  {t.passed} passed").pick(lang)
    if problems:
        text += Text(
            f"，问题 {problems} 项", f", {problems} problem{'s' if problems != 1 else ''}"
        ).pick(lang)
    return text


def submission_renderable(
    result: SubmissionResult,
    lang: Lang,
    *,
    verbose: bool = False,
    strict: bool = False,
    wrap: bool = True,
) -> Group:
    parts: list[RenderableType] = [
        Hanging(_pack_line(result, lang), 4, wrap=wrap),
        *_materials(result, lang, wrap),
    ]
    groups: dict[str, list[Finding]] = {}
    for f in result.findings:
        if f.status is not Status.WAIVED:  # shown apart, with reason and reviewer
            groups.setdefault(group_of(f), []).append(f)
    for key in sorted(groups, key=lambda g: MATERIAL_ORDER.index(g) if g in MATERIAL_ORDER else 99):
        findings = groups[key]
        title = MATERIAL_TITLE.get(key, Text(key, key)).pick(lang)
        head = RichText(f"\n■ {title}" if wrap else f"■ {title}", style="bold")
        head.append(_group_summary(findings, lang), style="dim")
        parts.append(head)
        if any(f.status not in (Status.PASS, Status.SKIPPED) for f in findings) or verbose:
            parts.append(findings_block(findings, lang, show_pass=verbose, wrap=wrap))
        reasons: dict[str, list[str]] = {}
        for f in findings:
            if f.status is Status.SKIPPED:
                reasons.setdefault(f.message, []).append(f.rule)
        label = Text("跳过", "skipped").pick(lang)
        for message, rules in reasons.items():
            skipped = RichText(f"  {label}: {', '.join(rules)} — {message}", style="dim")
            parts.append(Hanging(skipped, BODY_INDENT, wrap=wrap))
    if (waived := waived_section(result.findings, lang)) is not None:
        parts.append(waived)
    if wrap:
        parts.append(RichText(""))
    parts.append(Hanging(verdict(tally(result.findings), lang, strict=strict), 4, wrap=wrap))
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
        body = submission_renderable(result, lang, verbose=verbose, strict=strict, wrap=not plain)
        if plain:
            console.print(RichText(f"== {result.path}", style="bold"), crop=False)
            console.print(body, crop=False)
            console.print(RichText(""))
        else:
            title = RichText(result.path, style="bold")
            console.print(Panel(body, title=title, title_align="left", border_style="blue"))
    if report.batch_findings:
        console.print(
            findings_block(report.batch_findings, lang, show_pass=verbose, wrap=not plain),
            crop=not plain,
        )
    if len(report.submissions) > 1:
        total = report_tally(report)
        line = verdict(total, lang, strict=strict)
        n = len(report.submissions)
        prefix = Text(f"共 {n} 个案例，", f"{n} submissions. ").pick(lang)
        console.print(Hanging(RichText(prefix) + line, 4, wrap=not plain), crop=not plain)


def plain_console(file: object | None = None) -> Console:
    """A console for output that is not a terminal: no colour, no width limit."""
    return Console(file=file, width=100_000, no_color=True, highlight=False, soft_wrap=True)  # type: ignore[arg-type]
