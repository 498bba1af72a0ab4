"""The terminal's 「已豁免」 section: waived findings apart from the problems, with who and why."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text as RichText

from casecheck.i18n import Lang, Text
from casecheck.render.waived import WAIVED_HEAD, waived, waived_row, waiver_line
from casecheck.result import Finding, Report, Status


def waived_section(findings: list[Finding], lang: Lang) -> Group | None:
    """「■ 已豁免 1 项」 then, per finding, rule · file · place, the message and the waiver."""
    waived = [f for f in findings if f.status is Status.WAIVED and f.waiver is not None]
    if not waived:
        return None
    lines = [
        RichText(
            Text(f"\n■ 已豁免 {len(waived)} 项", f"\n■ {len(waived)} waived").pick(lang),
            style="bold magenta",
        )
    ]
    for f in waived:
        head = RichText(f"  ~ {f.rule}", style="bold")
        where = " · ".join(x for x in (f.file, f.location) if x)
        if where:
            head.append(f"  {where}", style="cyan")
        lines.append(head)
        lines.append(RichText(f"      {f.message}"))
        lines.append(RichText(f"      {waiver_line(f, lang)}", style="magenta"))
    return Group(*lines)


def waived_table(report: Report, lang: Lang) -> Table | None:
    """The batch summary's table of waived findings (folder, rule, reason, reviewer, date)."""
    rows = waived(report)
    if not rows:
        return None
    table = Table(title=Text("已豁免", "Waived").pick(lang), expand=True)
    keep = (0, 1, 2, 6, 7, 8, 9)  # folder, rule, original status, reason, reviewer, dates
    for i in keep:
        table.add_column(WAIVED_HEAD[i].pick(lang), overflow="fold")
    for path, finding in rows:
        cells = waived_row(path, finding, lang)
        table.add_row(*(cells[i] or "" for i in keep))
    return table
