"""Real files that cannot be read as they are: encrypted and truncated Office files, GBK-named
videos. Each gets the sentence for its material and an honest exit code (issue 11)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casecheck.cli import app
from tests.factories.form_factory import build_docx, evidence_form
from tests.factories.submission_factory import make_submission

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
    got = findings["form.type"]  # the form's first rule says it; the others point to it
    assert got["status"] == "error"
    assert (
        findings["form.fields"]["status"] == "skipped"
        and "form.type" in findings["form.fields"]["message"]
    )
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
    got = findings["video.container"]
    assert got["status"] == "error" and "Office" not in got["message"]
    assert "视频" in got["message"] or "MP4" in got["message"]


def _retype(src: Path, dest: Path, old: str, new: str) -> Path:
    """The same package with another main-part content type (what Save As .ppsx/.docm does)."""
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "[Content_Types].xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            zout.writestr(info, data)
    return dest


PML = "application/vnd.openxmlformats-officedocument.presentationml."
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."


@pytest.mark.parametrize(
    ("suffix", "new_type", "named"),
    [
        (".ppsx", PML + "slideshow.main+xml", "PowerPoint 放映文件（.ppsx）"),
        (".potx", PML + "template.main+xml", "PowerPoint 模板（.potx）"),
        (".pptm", "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml", ".pptm"),
        (".docm", "application/vnd.ms-word.document.macroEnabled.main+xml", ".docm"),
        (".dotx", WML + "template.main+xml", "Word 模板（.dotx）"),
    ],
)
def test_office_variants_are_read_by_their_real_content_type(
    tmp_path: Path, suffix: str, new_type: str, named: str
) -> None:
    """Item 8: a valid .ppsx is not 「文件已损坏」; the material finding names the format."""
    folder = make_submission(tmp_path / "case")
    if suffix.startswith(".p"):
        src, old, name = folder / "案例课件.pptx", PML + "presentation.main+xml", "案例课件"
        material, rule = "materials.courseware", "courseware.aspect_ratio"
    else:
        src, old, name = folder / "案例总结报告.docx", WML + "document.main+xml", "案例总结报告"
        material, rule = "materials.report", "report.sections"
    _retype(src, folder / f"{name}{suffix}", old, new_type)
    src.unlink()
    _, findings = _check(folder)
    assert findings[material]["status"] == "pass" and named in findings[material]["message"]
    assert findings[rule]["status"] not in ("error", "skipped"), findings[rule]


@pytest.mark.parametrize("suffix", [".docx", ".pptx"])
@pytest.mark.parametrize("damage", ["encrypted", "truncated"])
def test_inspect_unreadable_office_file_says_what_check_says(
    tmp_path: Path, suffix: str, damage: str
) -> None:
    """Item 8: not 「无法识别文件类型」 with exit 2 (a usage error), but the sentence and exit 1."""
    folder = make_submission(tmp_path / "case")
    good = next(folder.glob(f"*{suffix}"))
    bad = tmp_path / f"坏{suffix}"
    if damage == "encrypted":
        encrypt_office(good, bad)
    else:
        bad.write_bytes(good.read_bytes()[:1500])
    result = runner.invoke(app, ["inspect", str(bad)])
    assert result.exit_code == 1, result.output
    expected = "文件已加密" if damage == "encrypted" else "文件已损坏"
    assert expected in result.output and "无法识别文件类型" not in result.output


def test_locked_aes_pdf_form_in_check_and_inspect(tmp_path: Path) -> None:
    """Item 4: no traceback, valid JSON, exit 1 with 「文件已加密」 (check) and exit 1 (inspect)."""
    from pypdf import PdfWriter

    from tests.factories.form_factory import build_pdf

    folder = make_submission(tmp_path / "case")
    (folder / "案例信息表.docx").unlink()
    writer = PdfWriter(clone_from=str(build_pdf(evidence_form(), tmp_path / "plain.pdf")))
    writer.encrypt(user_password="user", owner_password="owner", algorithm="AES-256")
    locked = folder / "案例信息表.pdf"
    writer.write(str(locked))
    code, findings = _check(folder)
    assert code == 1
    assert findings["form.type"]["status"] == "error"
    assert "文件已加密" in findings["form.type"]["message"]
    result = runner.invoke(app, ["inspect", str(locked)])
    assert result.exit_code == 1 and "文件已加密" in result.output
