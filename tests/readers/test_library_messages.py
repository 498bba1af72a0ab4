"""The libraries' own English messages (pypdf, FFmpeg through PyAV, …) never reach stderr in a
normal run; ``inspect -v`` shows them, said to be the library's words (issue 26 item 8)."""

from __future__ import annotations

import logging
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from casecheck.readers.library_messages import LibraryMessage, library_messages
from tests.factories.form_factory import build_pdf, evidence_form
from tests.factories.pdf_cmap_factory import reencode
from tests.factories.video_factory import make_video


def casecheck(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed command's way (python -m casecheck): real stderr, the real main()."""
    return subprocess.run(
        [sys.executable, "-m", "casecheck", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.fixture(scope="module")
def utf8_form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An info form whose CJK font uses the CMap pypdf logs 「not implemented yet」 for."""
    folder = tmp_path_factory.mktemp("forms")
    original = build_pdf(evidence_form(), folder / "ucs2.pdf")
    return reencode(original, folder / "案例信息表.pdf", "UniGB-UTF8-H")


def test_pypdf_warning_is_off_stderr_and_shown_under_verbose(utf8_form: Path) -> None:
    plain = casecheck("inspect", str(utf8_form))
    assert plain.returncode == 0 and plain.stderr == "" and "案例名称" in plain.stdout
    loud = casecheck("inspect", str(utf8_form), "-v")
    assert loud.returncode == 0
    assert "程序库 pypdf 的原文提示：Advanced encoding /UniGB-UTF8-H not implemented yet" in (
        loud.stderr
    )
    english = casecheck("inspect", str(utf8_form), "-v", "--lang", "en")
    assert "from the library pypdf: Advanced encoding" in english.stderr
    checked = casecheck("check", str(utf8_form.parent), "--select", "form", "--format", "json")
    assert checked.returncode in (0, 1) and checked.stderr == ""


def test_ffmpeg_log_is_off_stderr_and_shown_under_verbose(tmp_path: Path) -> None:
    whole = make_video(tmp_path / "whole.mp4", seconds=0.5)
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole.read_bytes()[:2000])  # the moov atom is gone
    plain = casecheck("inspect", str(cut), "--as", "video_content")
    assert plain.returncode == 1 and plain.stderr == ""
    assert "视频内容无法解码（文件可能已损坏或未复制完整）" in plain.stdout
    assert "Invalid data" not in plain.stdout  # FFmpeg's words are not the teacher's
    loud = casecheck("inspect", str(cut), "--as", "video_content", "-v")
    assert "程序库 FFmpeg 的原文提示：" in loud.stderr and "moov atom not found" in loud.stderr
    english = casecheck("inspect", str(cut), "--as", "video_content", "--lang", "en")
    assert "could not be decoded (Invalid data found" in english.stdout  # English keeps it


def test_captures_nest_and_nothing_leaks_outside_them(capfd: pytest.CaptureFixture[str]) -> None:
    with library_messages() as outer:
        with library_messages() as inner:
            logging.getLogger("pypdf._cmap").warning("inner %s", "words")
            warnings.warn("a library's warning", UserWarning, stacklevel=1)
        logging.getLogger("PIL.Image").error("outer words")
        logging.getLogger("pdfminer.psparser").debug("never made")
    assert inner == [
        LibraryMessage("pypdf", "inner words"),
        LibraryMessage("UserWarning", "a library's warning"),
    ]
    assert outer == [*inner, LibraryMessage("Pillow", "outer words")]
    logging.getLogger("pypdf").error("after every capture")  # dropped, not printed
    assert capfd.readouterr().err == ""
