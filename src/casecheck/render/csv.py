"""CSV in the same words as the workbook: one row per finding to act on (not pass/skipped),
batch findings last; a submission with nothing to act on gets one row with its verdict only.

Written as UTF-8 with a BOM (by the caller) so that Excel on Chinese Windows shows it right.
"""

from __future__ import annotations

import csv
import io

from casecheck.checkers.batch import BatchItem
from casecheck.i18n import Lang, Text
from casecheck.render.waived import WAIVER_COLUMNS, waiver_cells
from casecheck.render.words import CASE_COLUMNS, case_values, plain
from casecheck.result import Finding, Report, Status, group_of
from casecheck.vocabulary import (
    SEVERITY_LABEL,
    STATUS_LABEL,
    group_title,
    rule_title,
    verdict_label,
)

COLUMNS = [
    *(head for _, head in CASE_COLUMNS),
    Text("案例文件夹", "folder"),
    Text("规则包", "pack"),
    Text("案例结论", "verdict"),
    Text("检查项", "check"),
    Text("状态", "status"),
    Text("严重程度", "severity"),
    Text("材料", "material"),
    Text("文件", "file"),
    Text("位置", "location"),
    Text("实测", "measured"),
    Text("要求", "required"),
    Text("说明", "message"),
    Text("如何修改", "how to fix"),
    Text("依据", "source"),
    Text("规则 id", "rule id"),
]
HIDDEN = (Status.PASS, Status.SKIPPED)


def safe(text: str) -> str:
    """Text a spreadsheet would run as a formula (=, +, @ …) gets a leading apostrophe."""
    return "'" + text if text[:1] in ("=", "+", "@", "\t", "\r") else text


def _row(lead: list[str], f: Finding | None, titles: dict[str, Text], lang: Lang) -> list[str]:
    return [safe(v) for v in lead + _fields(f, titles, lang) + waiver_cells(f)]


def _fields(f: Finding | None, titles: dict[str, Text], lang: Lang) -> list[str]:
    if f is None:
        return [""] * (len(COLUMNS) - len(CASE_COLUMNS) - 3)
    return [
        rule_title(f.rule, titles, lang),
        STATUS_LABEL[f.status].pick(lang),
        SEVERITY_LABEL[f.severity.value].pick(lang),
        group_title(group_of(f), lang),
        f.file or "",
        f.location or "",
        plain(f.actual, lang, f.rule),
        plain(f.expected, lang, f.rule),
        f.message,
        f.hint or "",
        f.requirement or "",
        f.rule,
    ]


def render_csv(
    report: Report, items: list[BatchItem], lang: Lang, *, include_pass: bool = False
) -> str:
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow([c.pick(lang) for c in COLUMNS + WAIVER_COLUMNS])
    for item, r in zip(items, report.submissions, strict=True):
        shown: list[Finding | None] = [
            f for f in r.findings if include_pass or f.status not in HIDDEN
        ]
        lead = [*case_values(r.case), item.rel, r.pack, verdict_label(r.status, lang)]
        for f in shown or [None]:  # every submission appears, even one with nothing to fix
            out.writerow(_row(lead, f, report.titles, lang))
    blank = [""] * (len(CASE_COLUMNS) + 3)
    for f in report.batch_findings:
        if include_pass or f.status not in HIDDEN:
            out.writerow(_row(blank, f, report.titles, lang))
    return buf.getvalue()
