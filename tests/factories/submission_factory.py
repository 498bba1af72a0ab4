"""Build whole submission folders from real documents (for engine, CLI and batch tests)."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import docx
import pptx
from pptx.util import Inches

from tests.factories.video_factory import make_video

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def make_report(path: Path, paragraphs: tuple[str, ...] = ("一、案例概述", "正文。")) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def make_form(path: Path, title: str = "人机协同循证教研案例信息表") -> Path:
    document = docx.Document()
    document.add_paragraph(title)
    table = document.add_table(rows=3, cols=2)
    for row, (label, value) in enumerate(
        [("案例名称", "示例案例"), ("案例类别", "☑区域案例 □学校案例 □教师案例"), ("作者声明", "")]
    ):
        table.cell(row, 0).text = label
        table.cell(row, 1).text = value
    document.save(str(path))
    return path


def make_deck(path: Path, text: str = "案例课件") -> Path:
    deck = pptx.Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = text
    deck.save(str(path))
    return path


def make_ole2(path: Path, stream: str) -> Path:
    """A compound file whose directory names ``stream`` (WordDocument, PowerPoint Document…)."""
    header = OLE2_MAGIC + b"\x00" * 16 + struct.pack("<HH", 0x3E, 3) + b"\xfe\xff" + b"\x00" * 470
    entry = stream.encode("utf-16-le").ljust(64, b"\x00") + struct.pack("<H", len(stream) * 2 + 2)
    path.write_bytes(header + entry.ljust(128, b"\x00") + b"\x00" * 384)
    return path


def make_keynote(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Index/Document.iwa", b"\x00")
    return path


def make_submission(folder: Path, *, video_seconds: float = 0.4) -> Path:
    """A complete four-material folder (the video is short: duration and bit rate fail)."""
    folder.mkdir(parents=True, exist_ok=True)
    make_form(folder / "案例信息表.docx")
    make_deck(folder / "案例课件.pptx")
    make_video(folder / "案例视频.mp4", seconds=video_seconds)
    make_report(folder / "案例总结报告.docx")
    return folder
