"""Time reading and checking a ~20-page 总结报告 (.docx): ``python bench/bench_report.py``.

Builds the report with tests/docx_factory.py (7 sections × 3 sub-headings × 3 paragraphs of
mixed Chinese/Latin runs, a 6×4 table, an image, a 2000-字 附件 section),
then reports the median wall time of ``read_docx`` and of all report checkers.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import run_rule  # noqa: E402
from tests.factories.docx_factory import (  # noqa: E402
    EVIDENCE_TITLES,
    ReportSpec,
    add_page_break,
    build_report,
    chinese_text,
    png_bytes,
    save,
    set_fonts,
)

from casecheck.readers.docx import read_docx  # noqa: E402

RULES = [
    "report.word_count",
    "report.heading1_style",
    "report.heading2_style",
    "report.body_style",
    "report.line_spacing",
]


def build(path: Path) -> Path:
    doc = build_report(ReportSpec(subheading=False, body_chars=60, attachment_note=None))
    heads = [p for p in doc.paragraphs if p.style.name == "Heading 1"]
    image = path.with_suffix(".png")
    image.write_bytes(png_bytes(800, 450))
    for s in range(len(heads)):
        # The section's content goes before the next heading (or at the end), in order.
        nxt = heads[s + 1] if s + 1 < len(heads) else None
        add = nxt.insert_paragraph_before if nxt else doc.add_paragraph
        for k in range(3):
            add(f"（{'一二三'[k]}）小节标题", style="ReportH2")
            for j in range(3):
                para = add(chinese_text(70, j))
                set_fonts(para.add_run(" AI 2026 COVID-19 "), ascii="Times New Roman")
                para.add_run(chinese_text(70, j + 3) + "。")
        table = doc.add_table(rows=6, cols=4) if nxt is None else None
        if table is not None:
            for r in range(6):
                for c in range(4):
                    table.cell(r, c).text = chinese_text(8, r + c)
    doc.add_picture(str(image))
    add_page_break(doc)
    doc.add_paragraph("附件1")
    for j in range(10):
        doc.add_paragraph(chinese_text(200, j))
    return save(doc, path)


def main(runs: int = 15) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp) / "总结报告.docx")
        read_times, check_times = [], []
        facts = read_docx(path)
        for _ in range(runs):
            t0 = time.perf_counter()
            facts = read_docx(path)
            t1 = time.perf_counter()
            for rule in RULES:
                run_rule(rule, facts)
            run_rule("report.sections", facts, {"level1_titles": EVIDENCE_TITLES})
            t2 = time.perf_counter()
            read_times.append(t1 - t0)
            check_times.append(t2 - t1)
        wc = facts.word_count
        runs_n = sum(len(p.runs) for p in facts.paragraphs)
        total_zi = wc.body + wc.attachments
        print(
            f"file: {path.stat().st_size / 1024:.0f} KiB, {len(facts.paragraphs)} paragraphs, {runs_n} runs, "
            f"{total_zi} 字 (~{total_zi / 600:.0f} pages at 3号/28 pt), {len(facts.images)} image(s)"
        )
        print(
            f"read_docx: median {statistics.median(read_times) * 1000:.1f} ms, max {max(read_times) * 1000:.1f} ms"
        )
        print(
            f"checkers : median {statistics.median(check_times) * 1000:.1f} ms, max {max(check_times) * 1000:.1f} ms"
        )
        total = [a + b for a, b in zip(read_times, check_times, strict=True)]
        print(f"total    : median {statistics.median(total) * 1000:.1f} ms (budget 500 ms)")


if __name__ == "__main__":
    main()
