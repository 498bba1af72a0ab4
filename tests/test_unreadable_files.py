"""Real files that cannot be read as they are: encrypted and truncated Office files, GBK-named
videos. Each gets the sentence for its material and an honest exit code (issue 11)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casecheck.cli import app
from tests.form_factory import build_docx, evidence_form
from tests.submission_factory import make_submission

runner = CliRunner()


def encrypt_office(src: Path, dest: Path, password: str = "secret") -> Path:
    """Password-protect an OOXML file as Word/PowerPoint do (ECMA-376 agile encryption)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with src.open("rb") as fh:
        out = io.BytesIO()
        OOXMLFile(fh).encrypt(password, out)
    dest.write_bytes(out.getvalue())
    return dest


def _check(folder: Path) -> tuple[int, dict[str, dict]]:
    result = runner.invoke(app, ["check", str(folder), "--format", "json"])
    findings = json.loads(result.stdout)["submissions"][0]["findings"]
    by_rule: dict[str, dict] = {}
    for f in findings:
        by_rule.setdefault(f["rule"], f)
    return result.exit_code, by_rule


@pytest.mark.parametrize("damage", ["encrypted", "truncated"])
def test_unreadable_info_form_docx_gets_the_reports_sentences(tmp_path: Path, damage: str) -> None:
    """Item 5: the same 「文件已加密」/「文件已损坏」 as the report, not 「须为 Word 或 PDF」."""
    folder = make_submission(tmp_path / "case")
    form = folder / "案例信息表.docx"
    good = build_docx(evidence_form(), tmp_path / "form.docx")
    if damage == "encrypted":
        encrypt_office(good, form)
    else:
        data = good.read_bytes()
        form.write_bytes(data[: len(data) // 2])
    code, findings = _check(folder)
    assert code == 1
    assert findings["materials.info_form"]["status"] == "pass"
    got = findings["form.fields"]
    assert got["status"] == "error"
    expected = "文件已加密" if damage == "encrypted" else "文件已损坏"
    assert expected in got["message"] and "须为 Word" not in got["message"]
