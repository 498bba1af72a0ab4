"""The .docx reader: effective formatting through styles, theme, docDefaults and toggles."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from casecheck.readers.docx import read_docx
from casecheck.readers.errors import ReadError
from tests.factories.docx_factory import (
    add_deleted_text,
    add_numbering,
    add_text_box,
    body_style,
    number_paragraph,
    png_bytes,
    save,
    set_bold,
    set_doc_defaults,
    set_fonts,
    set_line_spacing,
    set_size,
    set_theme_east_asia,
    wrap_in_content_control,
    wrap_runs_in_insertion,
)


def _read(doc: docx.document.Document, tmp_path: Path):
    return read_docx(save(doc, tmp_path / "report.docx"))


def _only(facts, text: str):
    return next(p for p in facts.paragraphs if text in p.text)


def test_styles_set_only_through_a_based_on_chain(tmp_path: Path) -> None:
    doc = docx.Document()
    base = doc.styles.add_style("正文基础", WD_STYLE_TYPE.PARAGRAPH)
    set_fonts(base, east_asia="仿宋_GB2312")
    set_size(base, 16)
    set_line_spacing(base, 560, "exact")
    mid = doc.styles.add_style("正文中间", WD_STYLE_TYPE.PARAGRAPH)
    mid.base_style = base
    leaf = doc.styles.add_style("正文", WD_STYLE_TYPE.PARAGRAPH)
    leaf.base_style = mid
    set_bold(leaf, True)
    doc.add_paragraph("通过样式继承设置的正文", style=leaf)
    p = _only(_read(doc, tmp_path), "样式继承")
    run = p.runs[0]
    assert (run.east_asia_font, run.size_pt, run.bold) == ("仿宋_GB2312", 16.0, True)
    assert run.east_asia_source == "para-style:正文基础"
    assert run.bold_source == "para-style:正文"
    assert (p.line_spacing.rule, p.line_spacing.points, p.line_spacing.source) == (
        "exact",
        28.0,
        "para-style:正文基础",
    )


def test_east_asia_font_only_through_theme_hans(tmp_path: Path) -> None:
    # python-docx's docDefaults say eastAsiaTheme="minorEastAsia"; the theme maps Hans → 仿宋_GB2312.
    doc = docx.Document()
    set_theme_east_asia(doc, "仿宋_GB2312", script="Hans", lang="zh-CN")
    doc.add_paragraph("主题字体决定的正文")
    run = _only(_read(doc, tmp_path), "主题字体").runs[0]
    assert run.east_asia_font == "仿宋_GB2312"
    assert "theme minorEastAsia" in run.east_asia_source and "zh-CN → Hans" in run.east_asia_source
    assert run.east_asia_source.startswith("docDefaults")


def test_east_asia_font_through_doc_defaults(tmp_path: Path) -> None:
    doc = docx.Document()
    set_doc_defaults(doc, east_asia="仿宋_GB2312", pt=16)
    doc.add_paragraph("文档默认字体")
    run = _only(_read(doc, tmp_path), "文档默认").runs[0]
    assert (run.east_asia_font, run.east_asia_source, run.size_pt) == (
        "仿宋_GB2312",
        "docDefaults",
        16.0,
    )


def test_python_docx_default_template_is_japanese_theme_font(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("默认模板的中文")
    facts = _read(doc, tmp_path)
    run = _only(facts, "默认模板").runs[0]
    assert facts.theme_font_lang == "ja-JP"
    assert run.east_asia_font == "ＭＳ 明朝"  # not 仿宋_GB2312, although nothing looks wrong
    assert run.size_pt == 11.0


def test_theme_font_unresolvable_without_language(tmp_path: Path) -> None:
    doc = docx.Document()
    set_theme_east_asia(doc, "仿宋_GB2312", lang=None)  # no themeFontLang eastAsia, a:ea is ""
    doc.add_paragraph("无法确定的字体")
    run = _only(_read(doc, tmp_path), "无法确定").runs[0]
    assert run.east_asia_font is None
    assert "empty a:ea" in run.east_asia_source


def test_theme_attribute_beats_plain_name_in_one_rfonts(tmp_path: Path) -> None:
    doc = docx.Document()
    set_theme_east_asia(doc, "宋体", lang="zh-CN")
    p = doc.add_paragraph()
    run = p.add_run("看似仿宋")
    set_fonts(run, east_asia="仿宋_GB2312", east_asia_theme="minorEastAsia", keep_theme=True)
    assert _only(_read(doc, tmp_path), "看似仿宋").runs[0].east_asia_font == "宋体"


def test_bold_toggled_off_at_run_level_and_toggles_xor(tmp_path: Path) -> None:
    doc = docx.Document()
    style = doc.styles.add_style("粗体段落", WD_STYLE_TYPE.PARAGRAPH)
    set_bold(style, True)
    char = doc.styles.add_style("粗体字符", WD_STYLE_TYPE.CHARACTER)
    set_bold(char, True)
    p = doc.add_paragraph(style=style)
    set_bold(p.add_run("不加粗"), False)
    p.add_run("加粗")
    p.add_run("两级加粗", style=char)
    runs = {r.text: r for r in _only(_read(doc, tmp_path), "不加粗").runs}
    assert (runs["不加粗"].bold, runs["不加粗"].bold_source) == (False, "direct")
    assert runs["加粗"].bold is True
    # Issue 11 item 6: bold paragraph style XOR bold character style = not bold (ECMA §17.7.3).
    assert runs["两级加粗"].bold is False and runs["两级加粗"].bold_source.startswith("toggle")


def test_complex_script_bold_alone_is_not_cjk_bold(tmp_path: Path) -> None:
    doc = docx.Document()
    style = doc.styles.add_style("复杂文种加粗", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_rPr().append(style.element.makeelement(qn("w:bCs"), {}))
    doc.add_paragraph("仅 bCs 不算加粗", style=style)
    run = _only(_read(doc, tmp_path), "仅 bCs").runs[0]
    assert run.bold is False


@pytest.mark.parametrize(
    ("line", "rule", "expected"),
    [
        (360, "auto", ("auto", None, 1.5)),
        (560, "atLeast", ("atLeast", 28.0, None)),
        (560, "exact", ("exact", 28.0, None)),
        (560, None, ("auto", None, 560 / 240)),
    ],
)
def test_line_spacing_rules(tmp_path: Path, line: int, rule: str | None, expected: tuple) -> None:
    doc = docx.Document()
    p = doc.add_paragraph("行距测试")
    set_line_spacing(p, line, rule)
    ls = _only(_read(doc, tmp_path), "行距测试").line_spacing
    assert (ls.rule, ls.points, ls.lines) == expected
    assert ls.source == "direct"


def test_mixed_runs_only_east_asian_characters_use_the_east_asia_slot(tmp_path: Path) -> None:
    doc = docx.Document()
    body_style(doc.styles["Normal"])
    p = doc.add_paragraph()
    latin = p.add_run("AI 2026")
    set_fonts(latin, ascii="Arial")
    p.add_run("年“课堂”")
    hinted = p.add_run("“课堂”")
    set_fonts(hinted, hint="eastAsia")
    runs = _only(_read(doc, tmp_path), "AI 2026").runs
    assert (runs[0].east_asia_chars, runs[0].ascii_font) == (0, "Arial")
    assert runs[1].east_asia_chars == 3  # 年 课 堂; curly quotes use hAnsi without the hint
    assert runs[2].east_asia_chars == 4


def test_content_controls_insertions_deletions_and_text_boxes(tmp_path: Path) -> None:
    doc = docx.Document()
    inside = doc.add_paragraph("一、案例概述", style="Heading 1")
    wrap_in_content_control(inside)
    ins = doc.add_paragraph("修订插入的文字")
    wrap_runs_in_insertion(ins)
    add_deleted_text(ins, "已删除的文字")
    add_text_box(doc.add_paragraph("正文"), "文本框里的字")
    facts = _read(doc, tmp_path)
    h = _only(facts, "案例概述")
    assert h.in_content_control and h.role == "h1"
    assert _only(facts, "修订插入").text == "修订插入的文字"
    assert facts.text_boxes == ["文本框里的字"]  # once, not twice (mc:Choice + mc:Fallback)
    assert facts.word_count.text_boxes == 6
    assert facts.word_count.body == 6 + 7 + 2


def test_table_cells_are_numbered_and_use_the_table_style(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("表格前")
    table = doc.add_table(rows=2, cols=2)
    table.style = doc.styles["Table Grid"]
    set_fonts(doc.styles["Table Grid"], east_asia="宋体")
    table.cell(1, 1).text = "单元格文字"
    facts = _read(doc, tmp_path)
    cell = _only(facts, "单元格")
    assert (cell.in_table, cell.table, cell.cell, cell.role) == (True, 1, (2, 2), "table")
    assert cell.runs[0].east_asia_font == "宋体"
    assert cell.runs[0].east_asia_source == "table-style:Table Grid"
    assert "表 1 第 2 行第 2 列" in cell.where().zh


def test_images_are_hashed_sized_and_anchored(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("图片前")
    img = tmp_path / "chart.png"
    img.write_bytes(png_bytes(64, 48))
    doc.add_picture(str(img))
    doc.add_paragraph("图1 数据图表")
    facts = _read(doc, tmp_path)
    assert len(facts.images) == 1
    image = facts.images[0]
    assert (image.width_px, image.height_px, image.content_type) == (64, 48, "image/png")
    assert image.paragraph == 2 and len(image.sha256) == 64
    assert facts.paragraphs[1].text == ""


def test_bad_input_is_a_read_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"PK\x03\x04 definitely not a zip")
    other = tmp_path / "other.docx"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
    reasons = []
    for path in (empty, junk, other):
        with pytest.raises(ReadError) as info:
            read_docx(path)
        assert info.value.message.zh and info.value.message.en
        reasons.append(info.value.reason)
    assert reasons[0] == "empty"
    assert reasons[1] in ("truncated", "corrupt")


def test_numbering_through_heading_styles_restarts_and_overrides(tmp_path: Path) -> None:
    doc = docx.Document()
    num_id = add_numbering(doc, pstyles={0: "Heading1", 1: "Heading2"})
    number_paragraph(doc.styles["Heading 1"], num_id)  # numPr on the style, ilvl from lvl/pStyle
    h2 = doc.styles["Heading 2"]
    h2.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{num_id}"/></w:numPr>')
    )
    for i in range(11):
        doc.add_paragraph(f"第{i + 1}部分", style="Heading 1")
        if i < 2:
            doc.add_paragraph("小节甲", style="Heading 2")
            doc.add_paragraph("小节乙", style="Heading 2")
    # A second list on the same abstractNum restarted at 5 by startOverride.
    numbering = doc.part.numbering_part.element
    restarted = numbering.findall(qn("w:num"))[-1]
    aid = restarted.find(qn("w:abstractNumId")).get(qn("w:val"))
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="777"><w:abstractNumId w:val="{aid}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
        )
    )
    p = doc.add_paragraph("重新编号")
    number_paragraph(p, "777", 0)
    facts = _read(doc, tmp_path)
    labels = [(p.label, p.text) for p in facts.paragraphs]
    assert labels[:6] == [
        ("一、", "一、第1部分"),
        ("（一）", "（一）小节甲"),
        ("（二）", "（二）小节乙"),
        ("二、", "二、第2部分"),
        ("（一）", "（一）小节甲"),
        ("（二）", "（二）小节乙"),
    ]
    assert labels[-2] == ("十一、", "十一、第11部分")
    assert labels[-1] == ("五、", "五、重新编号")
    assert [p.role for p in facts.paragraphs[:3]] == ["h1", "h2", "h2"]
    assert facts.paragraphs[0].heading_signal == "numbering"  # the automatic label, then the style


def test_title_in_heading_style_is_the_title_block(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("人机协同循证教研案例总结报告", style="Heading 1")
    doc.add_paragraph("一、案例概述", style="Heading 1")
    doc.add_paragraph("正文")
    facts = _read(doc, tmp_path)
    assert [p.role for p in facts.paragraphs] == ["title", "h1", "body"]


def test_attachment_after_page_break_before_property(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("一、案例概述")
    doc.add_paragraph("正文")
    att = doc.add_paragraph("附件1")
    att.paragraph_format.page_break_before = True
    doc.add_paragraph("附件正文")
    wc = _read(doc, tmp_path).word_count
    assert (wc.stop_text, wc.stop_reason, wc.body, wc.attachments) == (
        "附件1",
        "after-sections",
        8,
        7,
    )
