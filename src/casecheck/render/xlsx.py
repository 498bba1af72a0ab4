"""Excel workbook for administrators (openpyxl).

Sheet 1 「汇总」: one row per submission (folder hyperlinked, pack, verdict, counts, top rules)
and one column per rule with its worst status, coloured; header frozen, filters on.
Sheet 2 「问题明细」: one row per finding to act on. Sheet 3 「批量规则」: quota and duplicates.
Sheet 4 「豁免」 (when any): waived findings with reason, reviewer and date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from casecheck.checkers.batch import BatchItem
from casecheck.findings import Finding, Report, Status
from casecheck.i18n import Lang, Text
from casecheck.render.batch_text import rule_statuses, top_rules, verdict_label
from casecheck.render.text import STATUS_LABEL
from casecheck.render.xlsx_waivers import add_waiver_sheet

FILL = {
    Status.PASS: "C6EFCE",
    Status.FAIL: "FFC7CE",
    Status.ERROR: "E4B8F0",
    Status.WARN: "FFEB9C",
    Status.MANUAL: "BDD7EE",
    Status.SKIPPED: "EDEDED",
    Status.WAIVED: "E4DFEC",
}
HEAD_FILL = PatternFill("solid", fgColor="1F4E78")
HEAD_FONT = Font(bold=True, color="FFFFFF")
SUMMARY_HEAD = [
    Text("案例文件夹", "Folder"),
    Text("规则包", "Pack"),
    Text("结论", "Verdict"),
    Text("不合格", "Fail"),
    Text("无法读取", "Error"),
    Text("警告", "Warn"),
    Text("人工确认", "Manual"),
    Text("主要问题", "Top rules"),
]
FINDING_HEAD = [
    Text("案例文件夹", "Folder"),
    Text("规则", "Rule"),
    Text("状态", "Status"),
    Text("材料", "Material"),
    Text("文件", "File"),
    Text("位置", "Location"),
    Text("实测", "Measured"),
    Text("要求", "Required"),
    Text("说明", "Message"),
    Text("修改建议", "Hint"),
    Text("依据", "Requirement"),
]
MAX_CELL = 32_000  # Excel's limit is 32,767 characters


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, int | float | bool):
        return value
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    # Control characters are not allowed in XLSX cells.
    return "".join(ch if ch >= " " or ch in "\t\n" else "\ufffd" for ch in text)[:MAX_CELL]


def _append(ws: Worksheet, values: list[Any]) -> None:
    """Append a row; text that starts with '=' stays text (a folder named =HYPERLINK(…) is
    not a formula)."""
    ws.append(values)
    for c in ws[ws.max_row]:
        if isinstance(c.value, str) and c.value.startswith("="):
            c.data_type = "s"


def _header(ws: Worksheet, heads: list[str], widths: list[int]) -> None:
    ws.append(heads)
    for i, width in enumerate(widths, start=1):
        c = ws.cell(row=1, column=i)
        c.fill, c.font = HEAD_FILL, HEAD_FONT
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "B2"


def _status_cell(ws: Worksheet, row: int, col: int, status: Status, lang: Lang) -> None:
    c = ws.cell(row=row, column=col, value=STATUS_LABEL[status].pick(lang))
    c.fill = PatternFill("solid", fgColor=FILL[status])


def _findings_rows(ws: Worksheet, rows: list[tuple[str, Finding]], lang: Lang) -> None:
    for folder, f in rows:
        _append(
            ws,
            [
                _plain(v)
                for v in (
                    folder,
                    f.rule,
                    None,
                    f.material,
                    f.file,
                    f.location,
                    f.actual,
                    f.expected,
                    f.message,
                    f.hint,
                    f.requirement,
                )
            ],
        )
        _status_cell(ws, ws.max_row, 3, f.status, lang)
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions


def write_xlsx(report: Report, items: list[BatchItem], path: Path, lang: Lang) -> None:
    wb = Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = Text("汇总", "Summary").pick(lang)
    rules = sorted({f.rule for r in report.submissions for f in r.findings})
    heads = [h.pick(lang) for h in SUMMARY_HEAD] + rules
    _header(summary, heads, [40, 18, 16, 8, 8, 8, 8, 36] + [12] * len(rules))
    for item, result in zip(items, report.submissions, strict=True):
        c = result.counts
        _append(
            summary,
            [
                _plain(item.rel),
                result.pack,
                None,
                c["fail"],
                c["error"],
                c["warn"],
                c["manual"],
                ", ".join(top_rules(result)),
            ],
        )
        row = summary.max_row
        link = summary.cell(row=row, column=1)
        link.hyperlink = Path(item.path).absolute().as_uri()
        link.font = Font(color="0563C1", underline="single")
        verdict = summary.cell(row=row, column=3, value=verdict_label(result.status, lang))
        verdict.fill = PatternFill("solid", fgColor=FILL[result.status])
        statuses = rule_statuses(result)
        for j, rule in enumerate(rules, start=len(SUMMARY_HEAD) + 1):
            if rule in statuses:
                _status_cell(summary, row, j, statuses[rule], lang)
    summary.auto_filter.ref = summary.dimensions
    for j in range(len(SUMMARY_HEAD) + 1, len(heads) + 1):
        summary.cell(row=1, column=j).alignment = Alignment(text_rotation=90)

    details = wb.create_sheet(Text("问题明细", "Findings").pick(lang))
    _header(
        details, [h.pick(lang) for h in FINDING_HEAD], [36, 24, 10, 12, 24, 24, 16, 16, 60, 40, 40]
    )
    rows = [
        (item.rel, f)
        for item, r in zip(items, report.submissions, strict=True)
        for f in r.findings
        if f.status not in (Status.PASS, Status.SKIPPED, Status.WAIVED)  # waived: own sheet
    ]
    _findings_rows(details, rows, lang)

    batch = wb.create_sheet(Text("批量规则", "Batch rules").pick(lang))
    _header(
        batch, [h.pick(lang) for h in FINDING_HEAD], [10, 18, 10, 10, 10, 30, 16, 16, 80, 30, 40]
    )
    _findings_rows(batch, [("", f) for f in report.batch_findings], lang)
    add_waiver_sheet(wb, report, lang)
    wb.save(path)
