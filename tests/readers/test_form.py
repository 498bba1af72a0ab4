"""The form reader on real .docx files laid out like 附5.1 / 附5.2 (built with python-docx)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from casecheck.readers.errors import ReadError
from casecheck.readers.form import read_form
from casecheck.readers.form.checkboxes import parse_boxes, tokens_from_text
from tests.factories.form_factory import (
    EVIDENCE_TITLE,
    STUDIO_TITLE,
    Choice,
    build_docx,
    evidence_form,
    replace_row,
    studio_form,
)


@pytest.mark.parametrize(
    ("style", "expected_style"),
    [
        ("symbol", "symbol"),
        ("text_mark", "text_mark"),
        ("content_control", "content_control"),
        ("legacy", "legacy_field"),
        ("wingdings", "wingdings"),
        ("wingdings2", "wingdings"),
    ],
)
def test_every_check_box_style_reads_the_ticked_option(
    tmp_path: Path, style: str, expected_style: str
) -> None:
    facts = read_form(build_docx(evidence_form(box_style=style), tmp_path / "信息表.docx"))
    category = facts.find("案例类别")
    assert category is not None
    assert [(b.option, b.checked) for b in category.boxes] == [
        ("区域案例", False),
        ("学校案例", True),
        ("教师案例", False),
    ]
    assert {b.style for b in category.boxes if b.checked} == {expected_style}
    tools = facts.find("平台工具")
    assert tools is not None
    assert [b.option for b in tools.boxes if b.checked] == [
        "网页",
        "完全免费",
        "小程序",
        "有限免费",
    ]
    # The four groups sit in four cells of the same row.
    assert sorted({(b.row, b.col) for b in tools.boxes}) == [(2, 0), (2, 1), (2, 2), (2, 3)]


def test_title_fields_merged_cells_and_line_breaks(tmp_path: Path) -> None:
    facts = read_form(build_docx(evidence_form(), tmp_path / "f.docx"))
    assert facts.source_kind == "docx"
    assert facts.title == EVIDENCE_TITLE
    name = facts.find("案例名称")
    assert name is not None and name.value == "AI课堂分析赋能精准听评课"
    assert (name.table, name.row) == (1, 1)
    # 作者信息: a label over three lines, vertically merged over the header and author rows.
    authors = facts.find("作者信息")
    assert authors is not None
    assert authors.label == "作者信息 (排序填写, 最多 3 人)"
    assert authors.rows == [
        ["姓名", "工作单位", "职称/职务", "手机"],
        ["张明", "长沙市第一中学", "高级教师/教研组长", "13912345678"],
    ]
    # 平台工具: merged over three rows, horizontally merged cells read once.
    tools = facts.find("平台工具")
    assert tools is not None and len(tools.rows) == 3
    assert tools.rows[1] == ["平台工具 1 名称: 智慧课堂分析系统", "平台工具 2 名称: 问卷星"]
    decl = facts.find("作者声明")
    assert decl is not None and "作者签名: 张明" in decl.value
    assert "\n" in decl.value  # two paragraphs in one cell


def test_spaced_labels_are_found_by_their_plain_name(tmp_path: Path) -> None:
    facts = read_form(build_docx(evidence_form(spaced_labels=True), tmp_path / "f.docx"))
    field = facts.find("案例名称")
    assert field is not None and field.label == "案 例 名 称"


def test_studio_form(tmp_path: Path) -> None:
    facts = read_form(build_docx(studio_form(), tmp_path / "f.docx"))
    assert facts.title == STUDIO_TITLE
    level = facts.find("工作室认定层级")
    assert level is not None and [b.option for b in level.boxes if b.checked] == ["省级"]
    assert facts.find("案例概述") is not None


def test_custom_field_in_the_form_is_read_without_code_changes(tmp_path: Path) -> None:
    form = evidence_form()
    form.rows.insert(1, Choice("是否首次参评", ["是", "否"], ["否"]))
    facts = read_form(build_docx(form, tmp_path / "f.docx"))
    field = facts.find("是否首次参评")
    assert field is not None and [(b.option, b.checked) for b in field.boxes] == [
        ("是", False),
        ("否", True),
    ]


def test_effective_fonts_of_filled_in_text(tmp_path: Path) -> None:
    facts = read_form(build_docx(evidence_form(font="黑体"), tmp_path / "f.docx"))
    summary = [r for r in facts.runs if r.field == "案例简介"]
    assert summary and {(r.font, r.size_pt) for r in summary} == {("黑体", 10.5)}
    # Template text in the value cells (the box options) keeps the template's 宋体.
    assert {r.font for r in facts.runs if r.field == "案例类别"} == {"宋体"}


def test_two_ticks_and_no_tick_are_read_as_such(tmp_path: Path) -> None:
    form = replace_row(
        evidence_form(), "案例类别", Choice("案例类别", ["区域案例", "学校案例", "教师案例"], [])
    )
    facts = read_form(build_docx(form, tmp_path / "f.docx"))
    assert not any(b.checked for b in facts.find("案例类别").boxes)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "ticked"),
    [
        ("☐区域案例 ☑学校案例 ☐教师案例", ["学校案例"]),
        ("□区域案例 √学校案例 □教师案例", ["学校案例"]),
        ("√区域案例", ["区域案例"]),
        ("☐区域案例√ ☐学校案例 ☐教师案例", ["区域案例"]),  # tick written after the option
        ("☐ √学校案例 ☐区域案例", ["学校案例"]),  # tick beside an empty box
        ("■国家级 □省级 ▣市级 ☒县级", ["国家级", "市级", "县级"]),
        ("☐名师 ☐名校长 ✔名班主任 ☐其他", ["名班主任"]),
    ],
)
def test_text_symbols(text: str, ticked: list[str]) -> None:
    assert [b.option for b in parse_boxes(tokens_from_text(text)) if b.checked] == ticked


def test_bad_files_raise_read_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    with pytest.raises(ReadError) as err:
        read_form(empty)
    assert err.value.reason == "empty"
    broken = tmp_path / "broken.docx"
    good = build_docx(evidence_form(), tmp_path / "good.docx")
    broken.write_bytes(good.read_bytes()[:3000])
    with pytest.raises(ReadError):
        read_form(broken)
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "WordDocument".encode("utf-16-le")
    )
    with pytest.raises(ReadError) as err:
        read_form(legacy)
    assert err.value.reason == "unsupported" and ".docx" in err.value.message.zh
    no_body = tmp_path / "nobody.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(no_body, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:bodyX>").replace(b"</w:body>", b"</w:bodyX>")
            dst.writestr(item, data)
    with pytest.raises(ReadError):
        read_form(no_body)


def test_author_sub_table_nested_in_the_value_cell(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph(EVIDENCE_TITLE)
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "案例名称"
    table.cell(0, 1).text = "AI听评课"
    table.cell(1, 0).text = "作者信息"
    inner = table.cell(1, 1).add_table(rows=3, cols=4)
    people = [
        ["姓名", "工作单位", "职称/职务", "手机"],
        ["张明", "一中", "教师", "13912345678"],
        ["李华", "二中", "教师", ""],
    ]
    for r, row in enumerate(people):
        for c, text in enumerate(row):
            inner.cell(r, c).text = text
    doc.save(str(tmp_path / "f.docx"))
    facts = read_form(tmp_path / "f.docx")
    authors = facts.find("作者信息")
    assert authors is not None and authors.rows[1:] == people
    assert [f.key for f in facts.fields] == ["案例名称", "作者信息"]  # nested rows are not fields
