"""The terminal report (rich): per submission, materials, then findings grouped by material."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from casecheck.findings import STATUS_RANK, Finding, Report, Status, SubmissionResult
from casecheck.i18n import Lang, Text
from casecheck.render.text_waivers import waived_section

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
MATERIAL_ORDER = ["materials", "info_form", "courseware", "video", "report", "batch"]
MATERIAL_TITLE = {
    "materials": Text("材料齐全性", "Materials"),
    "info_form": Text("案例信息表", "Information form"),
    "courseware": Text("案例课件", "Courseware"),
    "video": Text("案例视频", "Video"),
    "report": Text("案例总结报告", "Summary report"),
    "batch": Text("批量检查", "Batch"),
}
REASON = {
    "--pack": Text("由 --pack 指定", "chosen with --pack"),
    "info form title": Text("根据信息表标题识别", "detected from the information form's title"),
    "default": Text("未能识别，使用默认规则包", "not detected; default pack"),
    "folder layout": Text("根据批量目录的文件夹结构识别", "detected from the batch folder layout"),
}


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


def _measured(f: Finding, lang: Lang) -> str:
    def show(v: object) -> str:
        if isinstance(v, dict):
            return ", ".join(f"{k}={w}" for k, w in v.items() if w is not None)
        if isinstance(v, list):
            return "、".join(map(str, v)) if lang == "zh" else ", ".join(map(str, v))
        return str(v)

    parts = []
    if f.actual is not None:
        parts.append(("实测 " if lang == "zh" else "measured ") + show(f.actual))
    if f.expected is not None:
        parts.append(("要求 " if lang == "zh" else "required ") + show(f.expected))
    return "\n".join(parts)


STATUS_MARK = {
    Status.PASS: "✓",
    Status.FAIL: "✗",
    Status.WARN: "!",
    Status.MANUAL: "?",
    Status.SKIPPED: "-",
    Status.WAIVED: "~",
    Status.ERROR: "✗",
}


def findings_block(findings: list[Finding], lang: Lang, *, show_pass: bool) -> Group:
    """Each finding as a short paragraph: status, rule, where; message; measured/required; fix."""
    lines: list[RichText] = []
    ordered = sorted(findings, key=lambda f: -STATUS_RANK[f.status])
    for f, rules in collapse_errors(ordered):
        if f.status in (Status.PASS, Status.SKIPPED) and not show_pass:
            continue
        head = RichText("  ")
        head.append(
            f"{STATUS_MARK[f.status]} {STATUS_LABEL[f.status].pick(lang)}",
            style=STATUS_STYLE[f.status],
        )
        head.append(f"  {', '.join(rules)}", style="bold")
        where = " · ".join(x for x in (f.file, f.location) if x)
        if where:
            head.append(f"  {where}", style="cyan")
        lines.append(head)
        lines.append(RichText(f"      {f.message}"))
        measured = _measured(f, lang).replace("\n", "；" if lang == "zh" else "; ")
        if measured and show_pass:  # the message already says it; --verbose adds the raw values
            lines.append(RichText(f"      {measured}", style="dim"))
        if f.hint:
            lines.append(RichText(f"      → {f.hint}", style="italic"))
    return Group(*lines)


def verdict(result_status: Status, counts: dict[str, int], lang: Lang) -> RichText:
    fails, errors = counts.get("fail", 0), counts.get("error", 0)
    warns, manual = counts.get("warn", 0), counts.get("manual", 0)
    if lang == "zh":
        head = "未通过" if result_status in (Status.FAIL, Status.ERROR) else "通过"
        line = f"结论：{head} — 不合格 {fails} 项，无法读取 {errors} 项，警告 {warns} 项，需人工确认 {manual} 项，通过 {counts.get('pass', 0)} 项"
    else:
        head = "NOT READY" if result_status in (Status.FAIL, Status.ERROR) else "READY"
        line = f"Verdict: {head} — {fails} failed, {errors} unreadable, {warns} warnings, {manual} to confirm by hand, {counts.get('pass', 0)} passed"
    if counts.get("waived", 0):
        line += Text(f"，已豁免 {counts['waived']} 项", f", {counts['waived']} waived").pick(lang)
    return RichText(line, style="bold red" if head in ("未通过", "NOT READY") else "bold green")


def submission_renderable(result: SubmissionResult, lang: Lang, *, verbose: bool = False) -> Group:
    parts: list[object] = []
    reason_key = result.pack_reason.split(":")[0]
    reason = REASON.get(reason_key, Text(result.pack_reason, result.pack_reason)).pick(lang)
    if reason_key == "info form title":
        reason += f"「{result.pack_reason.split(':', 1)[1].strip()}」"
    parts.append(
        RichText(f"{'规则包' if lang == 'zh' else 'Pack'}: {result.pack}（{reason}）", style="dim")
    )
    mats = Table(show_header=True, header_style="bold", box=None)
    mats.add_column(Text("材料", "Material").pick(lang))
    mats.add_column(Text("文件", "File").pick(lang))
    for material, name in result.materials.items():
        title = MATERIAL_TITLE.get(material, Text(material, material)).pick(lang)
        mats.add_row(
            title, name or RichText(Text("（未找到）", "(not found)").pick(lang), style="red")
        )
    parts.append(mats)
    groups: dict[str, list[Finding]] = {}
    for f in result.findings:
        if f.status is not Status.WAIVED:  # shown apart, with reason and reviewer
            groups.setdefault(group_of(f), []).append(f)
    for key in sorted(groups, key=lambda g: MATERIAL_ORDER.index(g) if g in MATERIAL_ORDER else 99):
        findings = groups[key]
        title = MATERIAL_TITLE.get(key, Text(key, key)).pick(lang)
        problems = [f for f in findings if f.status not in (Status.PASS, Status.SKIPPED)]
        passed = [f.rule for f in findings if f.status is Status.PASS]
        skipped = [f for f in findings if f.status is Status.SKIPPED]
        head = RichText(f"\n■ {title}", style="bold")
        summary = Text(f"  通过 {len(set(passed))} 项", f"  {len(set(passed))} passed").pick(lang)
        if problems:
            summary += Text(f"，问题 {len(problems)} 项", f", {len(problems)} problems").pick(lang)
        head.append(summary, style="dim")
        parts.append(head)
        if problems or verbose:
            parts.append(findings_block(findings, lang, show_pass=verbose))
        if skipped:
            reasons: dict[str, list[str]] = {}
            for f in skipped:
                reasons.setdefault(f.message, []).append(f.rule)
            for message, rules in reasons.items():
                label = Text("跳过", "skipped").pick(lang)
                parts.append(RichText(f"  {label}: {', '.join(rules)} — {message}", style="dim"))
    if (waived := waived_section(result.findings, lang)) is not None:
        parts.append(waived)
    parts.append(RichText(""))
    parts.append(verdict(result.status, result.counts, lang))
    return Group(*parts)  # type: ignore[arg-type]


def render_text(report: Report, console: Console, lang: Lang, *, verbose: bool = False) -> None:
    for result in report.submissions:
        console.print(
            Panel(
                submission_renderable(result, lang, verbose=verbose),
                title=result.path,
                title_align="left",
                border_style="blue",
            )
        )
    if report.batch_findings:
        console.print(findings_block(report.batch_findings, lang, show_pass=verbose))
