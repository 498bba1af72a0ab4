"""The XLSX 「豁免」 sheet: one row per waived finding with reason, reviewer and date."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from casecheck.i18n import Lang, Text
from casecheck.render.waived import WAIVED_HEAD, waived, waived_row
from casecheck.result import Report

WIDTHS = [36, 24, 10, 24, 24, 60, 40, 20, 12, 12]


def add_waiver_sheet(workbook: Workbook, report: Report, lang: Lang) -> None:
    """Add 「豁免」 (Waivers) when the report has waived findings."""
    rows = waived(report)
    if not rows:
        return
    ws = workbook.create_sheet(Text("豁免", "Waivers").pick(lang))
    ws.append([h.pick(lang) for h in WAIVED_HEAD])
    for i, width in enumerate(WIDTHS, start=1):
        cell = ws.cell(row=1, column=i)
        cell.fill = PatternFill("solid", fgColor="1F4E78")
        cell.font = Font(bold=True, color="FFFFFF")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(i)].width = width
    for path, finding in rows:
        ws.append(waived_row(path, finding, lang))
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a reason starting with '=' stays text
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
