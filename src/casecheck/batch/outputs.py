"""Write what a batch produced: the report on stdout or --output (in the shared formats of
render/output.py), the workbook, the summary page, the CSV and the feedback pages; and the
line that names every file written."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from casecheck.i18n import Lang, Text
from casecheck.render.output import View, write_report

if TYPE_CHECKING:
    from casecheck.batch.run import BatchJob, BatchRun
    from casecheck.cli.settings import Settings


def write_outputs(run: BatchRun, s: Settings, job: BatchJob) -> list[Path]:
    """Everything asked for; returns the files written (the feedback folder as one entry)."""
    report, lang = run.report, s.lang
    view = View(report, lang, strict=s.strict, verbose=s.verbose, batch_items=run.items)
    write_report(view, s.fmt, s.output)
    written: list[Path] = [s.output] if s.output is not None else []
    pages: list[Path] | None = None
    if job.feedback is not None:
        from casecheck.render.feedback import write_feedback_pages

        pages = write_feedback_pages(report, job.feedback, lang)
        written.append(job.feedback)
    if job.xlsx is not None:
        from casecheck.render.xlsx import write_xlsx

        write_xlsx(report, run.items, job.xlsx, lang, quota=run.quota, pages=pages)
        written.append(job.xlsx)
    if job.html is not None:
        from casecheck.render.html import render_html

        page = render_html(report, run.items, lang, pages=pages, base=job.html)
        job.html.write_text(page, encoding="utf-8")
        written.append(job.html)
    if job.csv is not None:
        from casecheck.render.csv import render_csv

        job.csv.write_text(render_csv(report, run.items, lang), encoding="utf-8-sig", newline="")
        written.append(job.csv)
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
