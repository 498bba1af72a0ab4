"""Smaller things seen on real-world files (issue 11 item 8): macro actions, ISBNs, ruby text,
WebM naming, library reprs in messages, and `inspect` on a long report."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from typer.testing import CliRunner

from casecheck.cli import app
from casecheck.readers.docx import read_docx
from casecheck.readers.patterns import find_contacts
from tests.factories.pptx_factory import (
    add_picture,
    add_text,
    blank_slide,
    new_deck,
    photo,
    png_bytes,
    save,
)
from tests.factories.submission_factory import make_submission
from tests.factories.video_factory import make_video

runner = CliRunner()
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _check(folder: Path, *args: str) -> list[dict]:
    result = runner.invoke(app, ["check", str(folder), "--format", "json", *args])
    findings: list[dict] = json.loads(result.stdout)["submissions"][0]["findings"]
    return findings


def test_macro_buttons_stay_inside_the_deck(tmp_path: Path) -> None:
    """Issue 11 made 12 macro buttons one finding; issue 24 item 4: a macro runs inside the
    deck, so it is named among the internal actions and the rule passes."""
    prs = new_deck()
    for n in range(4):
        slide = blank_slide(prs)
        for k in range(3):
            box = add_text(slide, f"按钮{n}{k}", top=1 + k)
            c_nv_pr = box._element.nvSpPr.cNvPr
            c_nv_pr.append(
                parse_xml(
                    f'<a:hlinkClick {nsdecls("a")} xmlns:r="{R_NS}" r:id="" '
                    'action="ppaction://macro?name=Module1.Next"/>'
                )
            )
    folder = tmp_path / "case"
    folder.mkdir()
    save(prs, folder / "案例课件.pptx")
    found = [f for f in _check(folder, "--select", "courseware.hyperlink")]
    assert [f["status"] for f in found] == ["pass"]
    assert "运行宏 12 处" in found[0]["message"]


def test_isbn_is_not_a_landline() -> None:
    assert find_contacts("参考书目：ISBN 0735619670，高等教育出版社") == []
    assert [h.kind for h in find_contacts("座机 0735619670")] == ["landline"]


def test_ruby_base_text_is_counted(tmp_path: Path) -> None:
    doc = docx.Document()
    p = doc.add_paragraph("拼音")
    p._p.append(
        parse_xml(
            f"<w:r {nsdecls('w')}><w:ruby><w:rubyPr/><w:rt><w:r><w:t>zhù yīn</w:t></w:r></w:rt>"
            "<w:rubyBase><w:r><w:t>注音</w:t></w:r></w:rubyBase></w:ruby></w:r>"
        )
    )
    doc.save(str(tmp_path / "r.docx"))
    facts = read_docx(tmp_path / "r.docx")
    assert facts.paragraphs[0].text == "拼音注音"  # the guide above the text is not text
    assert facts.word_count.body == 4


def test_renamed_webm_is_webm_in_every_rule(tmp_path: Path) -> None:
    folder = make_submission(tmp_path / "case")
    make_video(
        folder / "案例视频.mp4", seconds=0.3, codec="libvpx", container="webm", audio="libopus"
    )
    found = {f["rule"]: f for f in _check(folder, "--select", "materials.video,video.container")}
    assert "WebM" in found["materials.video"]["message"]
    assert "MKV" not in found["materials.video"]["message"]
    assert "WebM" in found["video.container"]["message"]


def test_undecodable_picture_message_has_no_python_repr(tmp_path: Path) -> None:
    prs = new_deck()
    add_picture(blank_slide(prs), png_bytes(photo(200, 120)))
    good = save(prs, tmp_path / "good.pptx")
    folder = tmp_path / "case"
    folder.mkdir()
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(folder / "案例课件.pptx", "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(
                info, b"not a picture" if info.filename.startswith("ppt/media/") else data
            )
    messages = [f["message"] for f in _check(folder, "--select", "courseware")]
    assert any("图片无法解码" in m for m in messages)
    assert not any("<_io" in m or "0x" in m or "BytesIO" in m for m in messages)


def test_inspect_collapses_alike_paragraphs_of_a_long_report(tmp_path: Path) -> None:
    """`inspect` of a 180-page report took 10× `check` laying out one row per paragraph;
    alike consecutive paragraphs are one row now (bench/bench_inspect_report.py measures)."""
    doc = docx.Document()
    doc.add_paragraph("一、案例概述", style="Heading 1")
    for i in range(300):
        doc.add_paragraph(f"第{i}段正文内容")
    doc.add_paragraph("二、实施过程", style="Heading 1")
    doc.save(str(tmp_path / "报告.docx"))
    result = runner.invoke(app, ["inspect", str(tmp_path / "报告.docx")], env={"COLUMNS": "250"})
    assert result.exit_code == 0
    assert "2–301" in result.stdout and "等 300 段" in result.stdout
    assert "第299段" not in result.stdout
    assert result.stdout.count("\n") < 60
