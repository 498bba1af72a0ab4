"""Write what a batch produced: the report on stdout or --output, the workbook, the summary
page, the CSV and the feedback pages; and the line that names every file written."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from casecheck.batch.places import QuotaRow
from casecheck.checkers.batch import BatchItem
from casecheck.findings import Report
from casecheck.i18n import Lang, Text
from casecheck.render.output import emit


def write_outputs(
    report: Report,
    items: list[BatchItem],
    quota: list[QuotaRow],
    fmt: str,
    output: Path | None,
    xlsx: Path | None,
    html: Path | None,
    csv: Path | None,
    feedback: Path | None,
    lang: Lang,
) -> list[Path]:
    """Everything asked for; returns the files written (the feedback folder as one entry)."""
    from casecheck.render import batch_text

    written: list[Path] = []
    if fmt == "json":
        from casecheck.render.json import render_json

        emit(render_json(report), output)
    elif fmt == "junit":
        from casecheck.render.junit import render_junit

        emit(render_junit(report), output)
    elif output is None:
        batch_text.render_batch_text(report, items, Console(), lang)
    else:
        with output.open("w", encoding="utf-8") as fh:
            batch_text.render_batch_text(
                report, items, Console(file=fh, width=160, no_color=True), lang
            )
    if output is not None:
        written.append(output)
    pages: list[Path] | None = None
    if feedback is not None:
        from casecheck.render.feedback import write_feedback_pages

        pages = write_feedback_pages(report.submissions, feedback, lang)
        written.append(feedback)
    if xlsx is not None:
        from casecheck.render.xlsx import write_xlsx

        write_xlsx(report, items, xlsx, lang, quota=quota, pages=pages)
        written.append(xlsx)
    if html is not None:
        from casecheck.render.html import render_html

        page = render_html(report, items, lang, pages=pages, base=html)
        html.write_text(page, encoding="utf-8")
        written.append(html)
    if csv is not None:
        from casecheck.render.csv import render_csv

        csv.write_text(render_csv(report, items, lang), encoding="utf-8-sig", newline="")
        written.append(csv)
    return written


def written_line(paths: list[Path], lang: Lang) -> str:
    """「已写出：汇总.xlsx、报告.html、反馈/（67 个反馈页）」"""
    shown = []
    for p in paths:
        if p.is_dir():
            n = sum(1 for _ in p.glob("*.html"))
            shown.append(Text(f"{p}/（{n} 个反馈页）", f"{p}/ ({n} feedback pages)").pick(lang))
        else:
            shown.append(str(p))
    return Text("已写出：" + "、".join(shown), "Written: " + ", ".join(shown)).pick(lang)
