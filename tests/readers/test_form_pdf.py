"""The form reader on real PDFs (reportlab, CJK font STSong-Light): text layer, glyph boxes,
AcroForm fields, scans, encryption."""

from __future__ import annotations

from pathlib import Path

import pytest

from casecheck.readers.errors import ReadError
from casecheck.readers.form import read_form
from tests.factories.form_factory import (
    EVIDENCE_TITLE,
    STUDIO_TITLE,
    build_acroform_pdf,
    build_pdf,
    build_scanned_pdf,
    evidence_form,
    studio_form,
)


def test_pdf_export_fields_and_glyph_boxes(tmp_path: Path) -> None:
    facts = read_form(build_pdf(evidence_form(), tmp_path / "信息表.pdf"))
    assert facts.source_kind == "pdf"
    assert facts.title == EVIDENCE_TITLE
    assert facts.pages == 1
    name = facts.find("案例名称")
    assert name is not None and name.value == "AI课堂分析赋能精准听评课"
    category = facts.find("案例类别")
    assert category is not None
    assert [(b.option, b.checked) for b in category.boxes] == [
        ("区域案例", False),
        ("学校案例", True),
        ("教师案例", False),
    ]
    # The label 「作者信息(排序填写, 最多 3 人)」 wraps over three lines of the label column.
    authors = facts.find("作者信息")
    assert authors is not None and authors.key == "作者信息(排序填写,最多3人)"
    assert authors.rows[1] == ["张明", "长沙市第一中学", "高级教师/教研组长", "13912345678"]
    tools = facts.find("平台工具")
    assert tools is not None
    assert [b.option for b in tools.boxes if b.checked] == [
        "网页",
        "完全免费",
        "小程序",
        "有限免费",
    ]


def test_label_wrapped_without_parentheses_is_found_by_the_pack_label(tmp_path: Path) -> None:
    facts = read_form(build_pdf(evidence_form(), tmp_path / "f.pdf"))
    unit = facts.find("第一作者所在单位意见")  # drawn as 「第一作者所在单」 / 「位意见」
    assert unit is not None and "长沙市第一中学" in unit.value


def test_long_summary_wraps_into_rows_of_one_field(tmp_path: Path) -> None:
    form = evidence_form()
    form.rows[5].value = "循证" * 60  # type: ignore[union-attr]
    facts = read_form(build_pdf(form, tmp_path / "f.pdf"))
    summary = facts.find("案例简介")
    assert summary is not None and summary.value.replace("\n", "") == "循证" * 60


def test_studio_pdf(tmp_path: Path) -> None:
    facts = read_form(build_pdf(studio_form(), tmp_path / "f.pdf"))
    assert facts.title == STUDIO_TITLE
    kind = facts.find("工作室类型")
    assert kind is not None and [b.option for b in kind.boxes if b.checked] == ["名师"]


def test_acroform_fields_and_check_boxes(tmp_path: Path) -> None:
    facts = read_form(build_acroform_pdf(tmp_path / "f.pdf", checked="教师案例"))
    assert [(b.option, b.checked, b.style) for b in facts.other_boxes] == [
        ("区域案例", False, "acroform"),
        ("学校案例", False, "acroform"),
        ("教师案例", True, "acroform"),
    ]
    name = facts.find("案例名称")
    assert name is not None and "AI class review" in name.value


def test_scanned_pdf_is_reported_as_a_scan(tmp_path: Path) -> None:
    facts = read_form(build_scanned_pdf(tmp_path / "scan.pdf"))
    assert facts.source_kind == "pdf_scanned"
    assert facts.fields == [] and facts.title is None


def test_encrypted_and_corrupt_pdfs(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    locked = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(locked), encrypt="secret")
    c.drawString(100, 700, "form")
    c.save()
    with pytest.raises(ReadError) as err:
        read_form(locked)
    assert err.value.reason == "encrypted"
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"
    )
    with pytest.raises(ReadError) as err:
        read_form(broken)
    assert err.value.reason == "corrupt"


def _encrypt(src: Path, dest: Path, user_password: str, algorithm: str) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(src))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    writer.write(str(dest))
    return dest


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256"])
def test_aes_encrypted_pdfs(tmp_path: Path, algorithm: str) -> None:
    """Issue 11 item 4: AES (what Word/WPS/Acrobat write) opens with the empty password."""
    plain = build_pdf(evidence_form(), tmp_path / "plain.pdf")
    opens = _encrypt(plain, tmp_path / "restricted.pdf", "", algorithm)
    facts = read_form(opens)
    name = facts.find("案例名称")
    assert name is not None and name.value == "AI课堂分析赋能精准听评课"
    locked = _encrypt(plain, tmp_path / "locked.pdf", "user", algorithm)
    with pytest.raises(ReadError) as err:
        read_form(locked)
    assert err.value.reason == "encrypted" and "文件已加密" in err.value.message.zh


def test_any_other_reader_exception_becomes_an_error_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 11 item 4: a reader bug on odd input is a finding, never a traceback."""
    import casecheck.engine as engine

    def broken(path: Path) -> None:
        raise RuntimeError("<_io.BytesIO object at 0x7f>")

    monkeypatch.setattr(engine, "reader_for", lambda material: broken)
    got = engine.FactsCache().get("info_form", str(tmp_path / "x.pdf"))
    assert isinstance(got, ReadError)
    assert "读取文件时出错" in got.message.zh and "0x7f" not in got.message.zh
