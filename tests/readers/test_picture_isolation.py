"""One bad picture is that picture's problem (issue 24 item 3), in a deck and in a report:
a picture whose data in the zip is damaged (a CRC that fails, a truncated member) leaves the
file readable; only a file that cannot be opened is 「已损坏」."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Inches
from typer.testing import CliRunner

from casecheck.cli import app
from casecheck.readers.docx import read_docx
from casecheck.readers.package import KEEP_BINARY_BELOW, checked_package
from casecheck.readers.pptx import read_pptx
from tests.factories.pptx_factory import (
    add_picture,
    blank_slide,
    new_deck,
    photo,
    png_bytes,
    qr_image,
    save,
)


def damage(path: Path, member: str) -> None:
    """Overwrite part of a member's compressed bytes; its directory entry still looks fine."""
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + min(info.compress_size // 2, 200)
    raw[middle : middle + 32] = bytes(32)
    path.write_bytes(bytes(raw))


def media(path: Path, prefix: str) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(path) as zf:
        return sorted(
            (i for i in zf.infolist() if i.filename.startswith(prefix)), key=lambda i: i.file_size
        )


@pytest.mark.parametrize("large", [False, True])
def test_a_damaged_picture_in_a_deck(tmp_path: Path, large: bool) -> None:
    """Small pictures go into the library copy, large ones are read one at a time: both ways
    the damaged one is 「unreadable」 for a person and the code on the other slide is found."""
    prs = new_deck()
    add_picture(blank_slide(prs), png_bytes(qr_image("https://example.cn/ok")))
    picture = png_bytes(photo(900, 700, seed=3)) if large else png_bytes(photo(120, 90))
    assert (len(picture) >= KEEP_BINARY_BELOW) is large
    add_picture(blank_slide(prs), picture)
    path = save(prs, tmp_path / "课件.pptx")
    bad = media(path, "ppt/media/")[-1]  # the photo: larger than the QR picture either way
    damage(path, bad.filename)
    deck = read_pptx(path)
    pictures = {p.part: p for s in deck.slides for p in s.pictures}
    assert pictures["/" + bad.filename].scan == "unreadable"
    assert [c.text for p in pictures.values() for c in p.qr] == ["https://example.cn/ok"]
    folder = tmp_path / "案例"
    folder.mkdir()
    (folder / "案例课件.pptx").write_bytes(path.read_bytes())
    out = CliRunner().invoke(
        app, ["check", str(folder), "--format", "json", "--select", "courseware"]
    )
    found = json.loads(out.stdout)["submissions"][0]["findings"]
    assert not [f for f in found if f["status"] == "error"]
    assert any("图片数据缺失或已损坏" in f["message"] for f in found if f["status"] == "manual")


def test_a_damaged_picture_in_a_report(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("一、案例概述")
    for seed in (1, 2):
        buf = io.BytesIO(png_bytes(photo(700, 500, seed=seed)))
        doc.add_picture(buf, width=Inches(3))
        doc.add_paragraph("图：课堂观察数据")
    path = tmp_path / "案例总结报告.docx"
    doc.save(str(path))
    bad = media(path, "word/media/")[0]
    damage(path, bad.filename)
    package = checked_package(path)
    package.library_copy()
    assert package.part_bytes(type("Part", (), {"partname": "/" + bad.filename})()) == b""
    assert package.damaged == {"/" + bad.filename}
    facts = read_docx(path)
    assert len(facts.images) == 2
    assert [i.width_px is None for i in sorted(facts.images, key=lambda i: i.part_name)] in (
        [True, False],
        [False, True],
    )
