"""One read per Office file: one open shared by sniffing and the reader, limits from the
central directory, large binary parts read one at a time and never kept."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from casecheck.engine import Options, check_submission
from casecheck.packs.ruleset import load_ruleset
from casecheck.readers import zipopen
from casecheck.readers.errors import ReadError
from casecheck.readers.package import KEEP_BINARY_BELOW, checked_package
from casecheck.readers.pptx import read_pptx
from tests.factories.pptx_factory import add_picture, blank_slide, jpeg_bytes, new_deck, photo, save
from tests.factories.submission_factory import make_submission


def deck_with_photo(path: Path) -> bytes:
    prs = new_deck()
    data = jpeg_bytes(photo(1200, 800, seed=3))
    assert len(data) > KEEP_BINARY_BELOW  # the photo is a deferred part
    add_picture(blank_slide(prs), data)
    save(prs, path)
    return data


def test_large_pictures_are_deferred_and_read_from_the_package(tmp_path: Path) -> None:
    path = tmp_path / "课件.pptx"
    data = deck_with_photo(path)
    package = checked_package(path)
    copy = zipfile.ZipFile(package.library_copy())
    media = [n for n in copy.namelist() if n.startswith("ppt/media/")]
    assert media and all(copy.read(n) == b"" for n in media)  # the library holds no photo
    assert {"/" + n for n in media} <= package.deferred
    (picture,) = read_pptx(path).slides[0].pictures
    assert picture.sha256 == hashlib.sha256(data).hexdigest()
    assert picture.size_bytes == len(data) and (picture.width, picture.height) == (1200, 800)


def test_a_member_that_lies_about_its_size_fails_its_read(tmp_path: Path) -> None:
    """Bounded streaming: zipfile stops at the declared size and the CRC check fails."""
    path = tmp_path / "课件.pptx"
    deck_with_photo(path)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = next(i for i in zf.infolist() if i.filename.startswith("ppt/media/"))
    # Corrupt the photo's compressed bytes (its directory entry still looks fine).
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 100
    raw[start : start + 64] = bytes(64)
    bad = tmp_path / "bad.pptx"
    bad.write_bytes(bytes(raw))
    with pytest.raises(ReadError) as caught:
        checked_package(bad).read(info.filename)
    assert caught.value.reason in ("truncated", "corrupt")
    # Issue 24 item 3: one damaged picture is that picture's problem, not a corrupt deck.
    (picture,) = read_pptx(bad).slides[0].pictures
    assert picture.scan == "unreadable" and picture.part == "/" + info.filename


def test_each_office_file_is_opened_once_per_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_submission(tmp_path / "案例")
    zipopen.close_all()
    opened: list[str] = []
    real = zipfile.ZipFile.__init__

    def counting(self: zipfile.ZipFile, file: object, *args: object, **kw: object) -> None:
        if isinstance(file, (str, Path)):
            opened.append(Path(file).name)
        real(self, file, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "__init__", counting)
    check_submission(folder, load_ruleset(), Options())
    assert sorted(opened) == sorted(set(opened))  # sniff, limits and reader share one open
    assert "案例课件.pptx" in opened and "案例总结报告.docx" in opened
