"""Excel workbook for administrators (openpyxl), meant to be printed on A4 and sent on.

「汇总」: one row per submission in twelve columns — 市州/高校, 类别, 学校, 案例名称, 第一作者,
folder (linked relative to the workbook's folder), verdict, counts, main problems in words (with
重复 / 超指标 first). 「问题明细」: one wrapped row per finding to act on, and one per batch rule
the case is a member of. 「各项结果」: one column per rule some case has to act on, headed by its
Chinese title (the id in the header's note), status cells coloured — printed across pages with
the case columns repeated. 「依据」: the requirement of each of those checks, once. 「指标」:
submitted, quota and excess per 市州 × 类别 in 附件1 order and per 高校, exceeded rows
highlighted. 「批量规则」: quota and duplicate findings. 「豁免」 (when any): waived findings.
Every sheet: frozen header, filters, landscape A4, the header repeated on each printed page,
wrapped text; the narrow sheets are fitted to the page width.
"""

from __future__ import annotations

import math
import os
import unicodedata
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
from casecheck.render.batch_text import case_marks, main_cell
from casecheck.render.words import (
    CASE_COLUMNS,
    CASE_HEAD,
    FOLDER_HEAD,
    SUMMARY_COUNTED,
    case_values,
    plain,
    summary_columns,
    where,
)
from casecheck.render.xlsx_waivers import add_waiver_sheet
from casecheck.result import Finding, Report, Status
from casecheck.vocabulary import STATUS_LABEL, rule_title, verdict_label

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
# Column widths that print legibly on landscape A4 (about 150 characters of 11 pt at 100 %).
SUMMARY_WIDTHS = [9, 7, 16, 22, 8, 20, 13, 6, 6, 6, 7, 34]
BATCH_WIDTHS = [12, 8, 36, 10, 10, 44, 24, 14]
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
    fit: bool = True,
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
    print_setup(ws, fit)


def print_setup(ws: Worksheet, fit: bool = True) -> None:
    """Landscape A4, the header row repeated on every page; ``fit``: fitted to the page width
    (the sheets are laid out to need little shrinking), else printed across pages at 100 %."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if fit:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages down as needed
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddFooter.center.text = "&P / &N"


LINE_POINTS = 14.5  # one line of 11 pt text


def _text_width(text: str) -> float:
    """Width in column units: a CJK character takes about two."""
    return sum(1.9 if unicodedata.east_asian_width(ch) in "WF" else 1.0 for ch in text)


def _wrap(ws: Worksheet, row: int) -> None:
    """Wrap the row's text and make the row tall enough for its longest cell: LibreOffice and
    Excel do not grow a row written by openpyxl, so wrapped text would print cut off."""
    lines = 1
    for cell in ws[row]:
        cell.alignment = WRAP
        if cell.value is None:
            continue
        width = ws.column_dimensions[cell.column_letter].width or 8.43
        usable = max(width - 1.0, 1.0)
        n = sum(
            max(1, math.ceil(_text_width(part) / usable)) for part in str(cell.value).split("\n")
        )
        lines = max(lines, n)
    ws.row_dimensions[row].height = LINE_POINTS * lines + 2


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
    marks: list[list[tuple[Finding, str]]],
) -> None:
    """The printable summary: twelve columns, one row per case (the per-rule statuses are on
    「各项结果」, so that this sheet prints legibly on A4)."""
    fixed = [head for head, _ in summary_columns(lang)]
    _sheet(ws, fixed, SUMMARY_WIDTHS, "E2")
    for n, (item, result) in enumerate(zip(items, report.submissions, strict=True)):
        c = result.counts
        main = main_cell(result, marks[n], report.titles, lang)
        row = _append(
            ws,
            [
                *case_values(result.case),
                item.rel,
                None,
                *(c[status.value] or None for status in SUMMARY_COUNTED),
                main,
            ],
        )
        _wrap(ws, row)
        _link(ws, row, len(CASE_COLUMNS) + 1, item.path, path)
        if pages is not None:
            _link(ws, row, 4, pages[n], path)  # 案例名称 opens the feedback page
        verdict = verdict_label(result.status, lang)
        _status_cell(ws, row, len(CASE_COLUMNS) + 2, result.status, verdict)
    _finish(ws)


def _rule_columns(ws: Worksheet, report: Report, items: list[BatchItem], lang: Lang) -> None:
    """「各项结果」: one column per rule some case has to act on (its title; the id in the
    header's note), status cells coloured; printed across pages with the case repeated."""
    rules = sorted({f.rule for r in report.submissions for f in r.findings if f.status in ACT_ON})
    heads = [CASE_HEAD["name"].pick(lang), FOLDER_HEAD.pick(lang)]
    heads += [rule_title(r, report.titles, lang) for r in rules]
    _sheet(ws, heads, [18, 20] + [9] * len(rules), "C2", fit=False)
    ws.print_title_cols = "A:B"
    for j, rule in enumerate(rules, start=3):
        ws.cell(row=1, column=j).comment = Comment(rule, "casecheck", width=160, height=40)
    for item, result in zip(items, report.submissions, strict=True):
        row = _append(ws, [result.case.name or "", item.rel])
        _wrap(ws, row)
        statuses = result.rule_statuses()
        for j, rule in enumerate(rules, start=3):
            st = statuses.get(rule)
            if st is not None:
                _status_cell(ws, row, j, st, STATUS_LABEL[st].pick(lang))
                ws.cell(row=row, column=j).border = BORDER
    _finish(ws)


FINDING_HEAD = [
    Text("检查项", "Check"),
    Text("状态", "Status"),
    Text("位置", "Where"),
    Text("实测", "Measured"),
    Text("要求", "Required"),
    Text("说明", "Message"),
    Text("如何修改", "How to fix"),
    Text("规则 id", "Rule id"),
]
FINDING_WIDTHS = [12, 8, 20, 12, 12, 40, 28, 14]


def _finding_cells(f: Finding, titles: dict[str, Text], lang: Lang) -> list[Any]:
    return [
        rule_title(f.rule, titles, lang),
        None,
        where(f),
        plain(f.actual, lang, f.rule),
        plain(f.expected, lang, f.rule),
        f.message,
        f.hint,
        f.rule,
    ]


def _details(
    ws: Worksheet,
    report: Report,
    items: list[BatchItem],
    lang: Lang,
    marks: list[list[tuple[Finding, str]]],
) -> None:
    """「问题明细」: one wrapped row per finding to act on, and one per batch rule a case is a
    member of (重复, 超指标); the requirements are on 「依据」, once per check."""
    lead = [CASE_HEAD["unit"].pick(lang), CASE_HEAD["name"].pick(lang), FOLDER_HEAD.pick(lang)]
    heads = lead + [h.pick(lang) for h in FINDING_HEAD]
    _sheet(ws, heads, [9, 14, 16, *FINDING_WIDTHS], "D2")
    for n, (item, r) in enumerate(zip(items, report.submissions, strict=True)):
        case = [r.case.unit or "", r.case.name or "", item.rel]
        rows: list[tuple[Finding, list[Any]]] = []
        for f, words in marks[n]:
            cells = _finding_cells(f, report.titles, lang)
            cells[5] = words  # what this case's row says: 「重复：与 1 个案例重复：案例二」
            rows.append((f, cells))
        for f in r.findings:
            if f.status in (Status.PASS, Status.SKIPPED, Status.WAIVED):  # waived: own sheet
                continue
            rows.append((f, _finding_cells(f, report.titles, lang)))
        for f, cells in rows:
            row = _append(ws, [*case, *cells])
            _wrap(ws, row)
            _status_cell(ws, row, len(lead) + 2, f.status, STATUS_LABEL[f.status].pick(lang))
    _finish(ws)


def _requirements(ws: Worksheet, report: Report, lang: Lang) -> None:
    """「依据」: the requirement of each check that has a problem, once."""
    heads = [
        _t("检查项", "Check", lang),
        _t("依据（征集通知原文）", "Source (the call for cases)", lang),
        _t("规则 id", "Rule id", lang),
    ]
    _sheet(ws, heads, [16, 90, 20], "A2", height=22)
    seen: dict[str, str] = {}
    findings = [f for r in report.submissions for f in r.findings] + report.batch_findings
    for f in findings:
        if f.status in ACT_ON and f.requirement and f.rule not in seen:
            seen[f.rule] = f.requirement
    for rule, requirement in sorted(seen.items()):
        row = _append(ws, [rule_title(rule, report.titles, lang), requirement, rule])
        _wrap(ws, row)
    _finish(ws)


def _batch(ws: Worksheet, report: Report, lang: Lang) -> None:
    _sheet(ws, [h.pick(lang) for h in FINDING_HEAD], BATCH_WIDTHS, "A2")
    for f in report.batch_findings:
        row = _append(ws, _finding_cells(f, report.titles, lang))
        _wrap(ws, row)
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
    marks = case_marks(report, lang)
    _summary(summary, report, items, lang, path, pages, marks)
    _details(wb.create_sheet(_t("问题明细", "Findings", lang)), report, items, lang, marks)
    if quota:
        _quota(wb.create_sheet(_t("指标", "Quota", lang)), quota, lang)
    _batch(wb.create_sheet(_t("批量规则", "Batch rules", lang)), report, lang)
    _rule_columns(wb.create_sheet(_t("各项结果", "Per check", lang)), report, items, lang)
    _requirements(wb.create_sheet(_t("依据", "Sources", lang)), report, lang)
    add_waiver_sheet(wb, report, lang)
    if (waivers := _t("豁免", "Waivers", lang)) in wb.sheetnames:
        print_setup(wb[waivers])
    wb.save(path)
