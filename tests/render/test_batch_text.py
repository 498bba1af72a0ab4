"""Batch renderers on a small real batch: progress on a terminal only, spreadsheet-safe text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.console import Console

from casecheck.render.csv import render_csv
from casecheck.render.html import render_html
from casecheck.render.xlsx import write_xlsx
from tests.factories.batch_factory import run_batch_at
from tests.factories.submission_factory import make_report

pytestmark = pytest.mark.slow  # batches in worker processes


@pytest.fixture
def small_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CASECHECK_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "root"
    for name in ("=1+1", "学校<b>乙</b>", "案例3"):
        (root / name).mkdir(parents=True)
        make_report(root / name / "案例总结报告.docx", ("一、案例概述", f"正文 {name}"))
    return root


def test_progress_bar_only_on_a_terminal(small_root: Path) -> None:
    tty = io.StringIO()
    run_batch_at(
        small_root,
        jobs=1,
        select=["materials"],
        use_cache=False,
        progress_console=Console(file=tty, force_terminal=True, width=120),
    )
    assert "3/3" in tty.getvalue() and "/s" in tty.getvalue()
    pipe = io.StringIO()
    run_batch_at(
        small_root,
        jobs=1,
        select=["materials"],
        use_cache=False,
        progress_console=Console(file=pipe, force_terminal=False),
    )
    assert pipe.getvalue() == ""


def test_folder_names_are_never_formulas_or_markup(small_root: Path, tmp_path: Path) -> None:
    run = run_batch_at(small_root, jobs=1, select=["materials"])
    write_xlsx(run.report, run.items, tmp_path / "o.xlsx", "zh")
    ws = load_workbook(tmp_path / "o.xlsx").worksheets[0]
    cell = next(c for r in ws.iter_rows(min_row=2) for c in r if c.value == "=1+1")
    assert cell.data_type == "s"
    rows = list(csv.reader(io.StringIO(render_csv(run.report, run.items, "zh"))))
    assert "'=1+1" in {c for r in rows for c in r}
    page = render_html(run.report, run.items, "en")
    assert "<b>乙</b>" not in page and "学校&lt;b&gt;乙&lt;/b&gt;" in page
