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


def test_video_named_in_gbk_bytes_is_read(tmp_path: Path) -> None:
    """Item 3: a Chinese Windows zip unpacked on Linux leaves GBK bytes in the name."""
    import os

    folder = make_submission(tmp_path / "case")
    video = folder / "案例视频.mp4"
    gbk = os.path.join(os.fsencode(folder), "案例视频.mp4".encode("gbk"))
    os.rename(video, gbk)
    code, findings = _check(folder)
    assert findings["materials.video"]["status"] == "pass"
    duration = findings["video.duration"]
    assert duration["status"] == "fail" and duration["actual"] == pytest.approx(0.4, abs=0.1)
    assert findings["video.resolution"]["actual"]  # measured, not 「文件已损坏」
    assert code == 1  # the 0.4 s video is too short: a real fail, not an unreadable file


def test_unopenable_video_gets_a_video_sentence(tmp_path: Path) -> None:
    """Item 3: each material its own fix sentence (no 「请用 Office」 for a video)."""
    folder = make_submission(tmp_path / "case")
    video = folder / "案例视频.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypisom" + b"\x00" * 64)
    _, findings = _check(folder)
    got = findings["video.duration"]
    assert got["status"] == "error" and "Office" not in got["message"]
    assert "视频" in got["message"] or "MP4" in got["message"]
