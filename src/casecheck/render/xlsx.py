"""Excel workbook for administrators (openpyxl), meant to be printed and sent on.

「汇总」: one row per submission — 市州/高校, 类别, 学校, 案例名称, 第一作者, folder (linked
relative to the workbook's folder), verdict, counts, main problems in words — and one column
per rule some case has to act on, headed by its Chinese title (the id in the header's note),
status cells coloured.
「问题明细」: one wrapped row per finding to act on. 「指标」: submitted, quota and excess per
市州 × 类别 in 附件1 order and per 高校, exceeded rows highlighted. 「批量规则」: quota and
duplicate findings. 「豁免」 (when any): waived findings. Every sheet: frozen header, filters, landscape A4 fitted to the page
width with the header repeated on each printed page.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from casecheck.batch.places import TOTAL, QuotaRow
from casecheck.checkers.batch import BatchItem
from casecheck.i18n import Lang, Text
from casecheck.render.batch_text import top_rules
from casecheck.render.words import CASE_COLUMNS, case_values, plain, where
from casecheck.render.xlsx_waivers import add_waiver_sheet
from casecheck.result import Finding, Report, Status, group_of
from casecheck.vocabulary import STATUS_LABEL, group_title, rule_title, verdict_label

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
LINK_FONT = Font(color="0563C1", underline="single")
OVER_FILL = PatternFill("solid", fgColor="FFC7CE")
TOTAL_FONT = Font(bold=True)
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
HEAD_HEIGHT = 48  # points: three lines of a wrapped 11 pt title
ACT_ON = (Status.FAIL, Status.ERROR, Status.WARN, Status.MANUAL, Status.WAIVED)
MAX_CELL = 32_000  # Excel's limit is 32,767 characters


def _t(zh: str, en: str, lang: Lang) -> str:
    return Text(zh, en).pick(lang)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, int | float | bool):
        return value
    text = str(value)
    # Control characters are not allowed in XLSX cells.
    return "".join(ch if ch >= " " or ch in "\t\n" else "\ufffd" for ch in text)[:MAX_CELL]


def _append(ws: Worksheet, values: list[Any]) -> int:
    """Append a bordered row; text that starts with '=' stays text (a folder named
    =HYPERLINK(…) is not a formula). Returns the row number."""
    ws.append([_plain(v) for v in values])
    for c in ws[ws.max_row]:
        c.border = BORDER
        if isinstance(c.value, str) and c.value.startswith("="):
            c.data_type = "s"
    return ws.max_row


def _sheet(
    ws: Worksheet,
    heads: list[str],
    widths: Sequence[float],
    freeze: str,
    height: float = HEAD_HEIGHT,
) -> None:
    """Header row, column widths, frozen panes and the print set-up."""
    ws.append(heads)
    for i, width in enumerate(widths, start=1):
        c = ws.cell(row=1, column=i)
        c.fill, c.font, c.border = HEAD_FILL, HEAD_FONT, BORDER
        c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.row_dimensions[1].height = height
    ws.freeze_panes = freeze
    print_setup(ws)


def print_setup(ws: Worksheet) -> None:
    """Landscape A4, fitted to the page width, the header row repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddFooter.center.text = "&P / &N"


def _finish(ws: Worksheet) -> None:
    ws.auto_filter.ref = f"A1:{get_column_letter(ws.max_column)}{max(ws.max_row, 1)}"


def _status_cell(ws: Worksheet, row: int, col: int, status: Status, text: str) -> None:
    c = ws.cell(row=row, column=col, value=text)
    c.fill = PatternFill("solid", fgColor=FILL[status])
    c.alignment = Alignment(horizontal="center", vertical="top", wrap_text=True)


def relative_link(target: str | Path, workbook: Path) -> str | None:
    """The target relative to the workbook's folder ('/'-separated), or None when there is
    no relative way (another drive)."""
    try:
        rel = os.path.relpath(Path(target).absolute(), workbook.absolute().parent)
    except ValueError:
        return None
    return Path(rel).as_posix()


def _link(ws: Worksheet, row: int, col: int, target: str | Path, workbook: Path) -> None:
    rel = relative_link(target, workbook)
    if rel is not None:
        cell = ws.cell(row=row, column=col)
        cell.hyperlink, cell.font = rel, LINK_FONT


def _summary(
    ws: Worksheet,
    report: Report,
    items: list[BatchItem],
    lang: Lang,
    path: Path,
    pages: list[Path] | None,
) -> None:
    # Only the rules some case has to act on: forty all-green columns would make the printed
    # page unreadable; every finding is in 问题明细.
    rules = sorted({f.rule for r in report.submissions for f in r.findings if f.status in ACT_ON})
    fixed = [h.pick(lang) for _, h in CASE_COLUMNS] + [
        _t("案例文件夹", "Folder", lang),
        _t("结论", "Verdict", lang),
        _t("不合格", "Fail", lang),
        _t("无法读取", "Error", lang),
        _t("警告", "Warn", lang),
        _t("需人工确认", "To confirm", lang),
        _t("主要问题", "Main problems", lang),
    ]
    widths = [10, 7, 18, 26, 8, 24, 16, 6, 6, 6, 6, 30] + [9] * len(rules)
    _sheet(ws, fixed + [rule_title(r, report.titles, lang) for r in rules], widths, "G2")
    for j, rule in enumerate(rules, start=len(fixed) + 1):
        ws.cell(row=1, column=j).comment = Comment(rule, "casecheck", width=160, height=40)
    for n, (item, result) in enumerate(zip(items, report.submissions, strict=True)):
        c = result.counts
        main = "；".join(rule_title(r, report.titles, lang) for r in top_rules(result))
        row = _append(
            ws,
            [
                *case_values(result.case),
                item.rel,
                None,
                c["fail"],
                c["error"],
                c["warn"],
                c["manual"],
                main,
            ],
        )
        for cell in ws[row]:
            cell.alignment = WRAP
        _link(ws, row, len(CASE_COLUMNS) + 1, item.path, path)
        if pages is not None:
            _link(ws, row, 4, pages[n], path)  # 案例名称 opens the feedback page
        verdict = verdict_label(result.status, lang)
        _status_cell(ws, row, len(CASE_COLUMNS) + 2, result.status, verdict)
        statuses = result.rule_statuses()
        for j, rule in enumerate(rules, start=len(fixed) + 1):
            if rule in statuses:
                st = statuses[rule]
                _status_cell(ws, row, j, st, STATUS_LABEL[st].pick(lang))
    _finish(ws)


FINDING_HEAD = [
    Text("检查项", "Check"),
    Text("状态", "Status"),
    Text("材料", "Material"),
    Text("位置", "Where"),
    Text("实测", "Measured"),
    Text("要求", "Required"),
    Text("说明", "Message"),
    Text("如何修改", "How to fix"),
    Text("依据", "Source"),
    Text("规则 id", "Rule id"),
]
FINDING_WIDTHS = [14, 8, 12, 24, 16, 16, 44, 32, 32, 18]


def _finding_cells(f: Finding, titles: dict[str, Text], lang: Lang) -> list[Any]:
    return [
        rule_title(f.rule, titles, lang),
        None,
        group_title(group_of(f), lang),
        where(f),
        plain(f.actual, lang, f.rule),
        plain(f.expected, lang, f.rule),
        f.message,
        f.hint,
        f.requirement,
        f.rule,
    ]


def _details(ws: Worksheet, report: Report, items: list[BatchItem], lang: Lang) -> None:
    lead = [h.pick(lang) for _, h in CASE_COLUMNS[:4]] + [_t("案例文件夹", "Folder", lang)]
    heads = lead + [h.pick(lang) for h in FINDING_HEAD]
    _sheet(ws, heads, [10, 7, 16, 22, 20, *FINDING_WIDTHS], "F2")
    for item, r in zip(items, report.submissions, strict=True):
        for f in r.findings:
            if f.status in (Status.PASS, Status.SKIPPED, Status.WAIVED):  # waived: own sheet
                continue
            row = _append(
                ws, [*case_values(r.case)[:4], item.rel, *_finding_cells(f, report.titles, lang)]
            )
            for cell in ws[row]:
                cell.alignment = WRAP
            _status_cell(ws, row, len(lead) + 2, f.status, STATUS_LABEL[f.status].pick(lang))
    _finish(ws)


def _batch(ws: Worksheet, report: Report, lang: Lang) -> None:
    _sheet(ws, [h.pick(lang) for h in FINDING_HEAD], FINDING_WIDTHS, "A2")
    for f in report.batch_findings:
        row = _append(ws, _finding_cells(f, report.titles, lang))
        for cell in ws[row]:
            cell.alignment = WRAP
        _status_cell(ws, row, 2, f.status, STATUS_LABEL[f.status].pick(lang))
    _finish(ws)


def _quota(ws: Worksheet, rows: list[QuotaRow], lang: Lang) -> None:
    heads = [
        _t("市州/高校", "City/university", lang),
        _t("类别", "Category", lang),
        _t("已报送", "Submitted", lang),
        _t("指标", "Quota", lang),
        _t("超出", "Excess", lang),
        _t("说明", "Note", lang),
    ]
    _sheet(ws, heads, [16, 8, 9, 9, 9, 36], "A2", height=22)
    for q in rows:
        cat = q.category if q.category != TOTAL else _t("合计", "total", lang)
        note = ""
        if q.excess:
            note = _t(
                f"超出 {q.excess} 件（{q.submitted} > {q.quota}）",
                f"{q.excess} over ({q.submitted} > {q.quota})",
                lang,
            )
        row = _append(ws, [q.unit, cat, q.submitted, q.quota, q.excess or None, note])
        if q.category == TOTAL:
            for cell in ws[row]:
                cell.font = TOTAL_FONT
        if q.excess:
            for cell in ws[row]:
                cell.fill = OVER_FILL
    _finish(ws)


def write_xlsx(
    report: Report,
    items: list[BatchItem],
    path: Path,
    lang: Lang,
    *,
    quota: list[QuotaRow] | None = None,
    pages: list[Path] | None = None,
) -> None:
    """Write the workbook; ``pages`` (one per submission) links each case to its feedback page."""
    wb = Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = _t("汇总", "Summary", lang)
    _summary(summary, report, items, lang, path, pages)
    _details(wb.create_sheet(_t("问题明细", "Findings", lang)), report, items, lang)
    if quota:
        _quota(wb.create_sheet(_t("指标", "Quota", lang)), quota, lang)
    _batch(wb.create_sheet(_t("批量规则", "Batch rules", lang)), report, lang)
    add_waiver_sheet(wb, report, lang)
    if (waivers := _t("豁免", "Waivers", lang)) in wb.sheetnames:
        print_setup(wb[waivers])
    wb.save(path)
