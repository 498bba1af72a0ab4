"""Benchmark `casecheck inspect` against `casecheck check` on one long report (.docx).

A 180-page report (about 4,700 paragraphs, tables every 50 paragraphs, mixed bold runs)
is built with python-docx; both commands run on it as a user runs them (subprocess).

    .venv/bin/python bench/bench_inspect_report.py [--paragraphs 4000]

Prints wall-clock seconds and the ratio; nothing is asserted (speed is measured, not tested).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.factories.docx_factory import ReportSpec, build_report, chinese_text  # noqa: E402


def build(path: Path, paragraphs: int) -> Path:
    doc = build_report(ReportSpec(body_chars=200))
    for i in range(paragraphs):
        p = doc.add_paragraph()
        for k in range(4):
            p.add_run(chinese_text(30, i + k)).bold = bool(k % 2)
        if i % 50 == 0:
            table = doc.add_table(rows=3, cols=3)
            for cell in table._cells:
                cell.text = "表格内容"
    doc.save(str(path))
    return path


def timed(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "casecheck", *args], capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", type=int, default=4000)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "case"
        folder.mkdir()
        report = build(folder / "案例总结报告.docx", opts.paragraphs)
        check = timed("check", str(folder), "--select", "report")
        inspect = timed("inspect", str(report))
        print(f"check   {check:6.1f} s")
        print(f"inspect {inspect:6.1f} s  ({inspect / check:.1f}× check)")


if __name__ == "__main__":
    main()
