"""The report's ``inspect`` says how the package was read, as the deck's and the form's do:
saved as Strict Open XML, or a relationship to a part that is not there (ignored as Word does)."""

from __future__ import annotations

from pathlib import Path

from casecheck.readers.docx import read_docx
from tests.factories.examples_run import run_cli

REALTOOL = Path(__file__).resolve().parents[1] / "realtool"


def test_strict_and_dangling_reports_are_read_and_said() -> None:
    strict = read_docx(REALTOOL / "report-strict.docx")
    assert strict.strict_ooxml and strict.paragraphs
    dangling = read_docx(REALTOOL / "report-dangling.docx")
    assert not dangling.strict_ooxml and [m.rid for m in dangling.missing_parts]
    code, out, _ = run_cli("inspect", str(REALTOOL / "report-strict.docx"))
    assert code == 0 and "Strict Open XML" in out
    code, out, _ = run_cli("inspect", str(REALTOOL / "report-dangling.docx"), "--lang", "en")
    assert code == 0 and "webSettings" in out
