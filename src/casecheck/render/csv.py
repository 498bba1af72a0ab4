"""CSV: one row per finding to act on (not ``pass``/``skipped``), batch findings last; a
submission with nothing to act on gets one row with its status only.

Written as UTF-8 with a BOM (by the caller) so that Excel on Chinese Windows shows it right.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from casecheck.checkers.batch import BatchItem
from casecheck.findings import Finding, Report, Status
from casecheck.i18n import Lang, Text
from casecheck.render.waived import WAIVER_COLUMNS, waiver_cells

COLUMNS = [
    Text("案例文件夹", "folder"),
    Text("规则包", "pack"),
    Text("案例结论", "submission status"),
    Text("规则", "rule"),
    Text("状态", "status"),
    Text("严重程度", "severity"),
    Text("材料", "material"),
    Text("文件", "file"),
    Text("位置", "location"),
    Text("实测", "measured"),
    Text("要求", "required"),
    Text("说明", "message"),
    Text("修改建议", "hint"),
    Text("依据", "requirement"),
]
HIDDEN = (Status.PASS, Status.SKIPPED)


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def safe(text: str) -> str:
    """Text a spreadsheet would run as a formula (=, +, @ …) gets a leading apostrophe."""
    return "'" + text if text[:1] in ("=", "+", "@", "\t", "\r") else text


def _row(folder: str, pack: str, status: str, f: Finding | None) -> list[str]:
    return [safe(v) for v in _fields(folder, pack, status, f) + waiver_cells(f)]


def _fields(folder: str, pack: str, status: str, f: Finding | None) -> list[str]:
    if f is None:
        return [folder, pack, status] + [""] * (len(COLUMNS) - 3)
    return [
        folder,
        pack,
        status,
        f.rule,
        f.status.value,
        f.severity.value,
        f.material or "",
        f.file or "",
        f.location or "",
        cell(f.actual),
        cell(f.expected),
        f.message,
        f.hint or "",
        f.requirement or "",
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
        for f in shown or [None]:  # every submission appears, even one with nothing to fix
            out.writerow(_row(item.rel, r.pack, r.status.value, f))
    for f in report.batch_findings:
        if include_pass or f.status not in HIDDEN:
            out.writerow(_row("", "", "", f))
    return buf.getvalue()
