"""Paragraph roles from all the evidence (issue 24 items 1–2): visible and automatic numbering,
style names in Chinese or English, outline levels relative to the document, position; and no
body swallowed by a missing section or an 附件 label at the top."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from casecheck.readers.docx import DocxFacts, read_docx
from tests.conftest import run_rule
from tests.factories.docx_factory import (
    EVIDENCE_TITLES,
    add_numbering,
    body_style,
    chinese_text,
    cn_number,
    heading_style,
    number_paragraph,
    png_bytes,
    save,
)

SENTENCE = "教研组以课堂观察数据为证据，围绕提问质量开展了三轮循证改进。"


def _read(doc: Any, tmp_path: Path) -> DocxFacts:
    return read_docx(save(doc, tmp_path / "report.docx"))


def _roles(facts: DocxFacts) -> list[tuple[str, str]]:
    return [(p.role, p.text) for p in facts.paragraphs]


def document(*lines: str | tuple[str, Any]) -> Any:
    """A document of these paragraphs: a text, or (text, style or style name)."""
    doc = docx.Document()
    for line in lines:
        text, style = (line, None) if isinstance(line, str) else line
        doc.add_paragraph(text, style=style)
    return doc


def _style(doc: Any, name: str, outline: int | None = None) -> Any:
    """A custom paragraph style named ``name`` (Chinese names as Chinese templates carry)."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    if outline is not None:
        style.element.get_or_add_pPr().append(
            parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{outline}"/>')
        )
    return style


def gongwen(auto: bool = False, sections: int = 3) -> Any:
    """The Word/WPS 公文 set-up: title 标题 1, 「一、」 标题 2, 「（一）」 标题 3, 「1.」 标题 4."""
    doc = docx.Document()
    body_style(doc.styles["Normal"])
    heading_style(doc.styles["Heading 1"], "方正小标宋简体", pt=22)
    heading_style(doc.styles["Heading 2"], "黑体")
    heading_style(doc.styles["Heading 3"], "仿宋_GB2312")
    heading_style(doc.styles["Heading 4"], "仿宋_GB2312")
    num = add_numbering(doc) if auto else None
    doc.add_paragraph("人机协同循证教研案例总结报告", style="Heading 1")
    doc.add_paragraph("长沙市第一中学 张明")
    for i, title in enumerate(EVIDENCE_TITLES[:sections]):
        h = doc.add_paragraph(title if num else f"{cn_number(i + 1)}、{title}", style="Heading 2")
        sub = doc.add_paragraph("基本情况" if num else "（一）基本情况", style="Heading 3")
        if num:
            number_paragraph(h, num, 0)
            number_paragraph(sub, num, 1)
        doc.add_paragraph("1.提问层次", style="Heading 4")
        doc.add_paragraph(SENTENCE)
    return doc


@pytest.mark.parametrize("auto", [False, True])
def test_gongwen_levels_are_relative_to_the_document(tmp_path: Path, auto: bool) -> None:
    facts = _read(gongwen(auto), tmp_path)
    roles = [p.role for p in facts.paragraphs]
    assert roles[:7] == ["title", "title", "h1", "h2", "body", "body", "h1"]
    h1 = facts.paragraphs[2]
    assert h1.heading_signal == ("numbering" if auto else "text")
    assert h1.role_reason is not None
    said = "自动编号“一、”" if auto else "文字以“一、”开头"
    assert h1.role_reason.zh == f"一级标题：{said}；样式 标题 2；大纲 2 级"
    assert "style Heading 2" in h1.role_reason.en
    title = facts.paragraphs[0].role_reason
    assert title is not None and "高于“一、”标题" in title.zh and "样式 标题 1" in title.zh
    third = facts.paragraphs[4]
    assert third.heading_level == 3 and "按正文检查" in (third.role_reason or title).zh
    assert [p.text for p in facts.by_role("h2")] == ["（一）基本情况"] * 3


def test_gongwen_rules_judge_the_right_paragraphs(tmp_path: Path) -> None:
    """Was: the title judged as 一级标题, 「一、」 against the 二级 rule, 「（一）」 against 正文."""
    facts = _read(gongwen(sections=7), tmp_path)
    for rule in ("report.heading1_style", "report.heading2_style", "report.body_style"):
        assert [f.status.value for f in run_rule(rule, facts)] == ["pass"], rule
    [sections] = run_rule("report.sections", facts, {"level1_titles": EVIDENCE_TITLES})
    assert sections.status.value == "pass"


def test_title_in_heading_1_without_any_section_is_the_title_block(tmp_path: Path) -> None:
    doc = docx.Document()
    body_style(doc.styles["Normal"])
    doc.add_paragraph("关于提问质量的研究报告", style="Heading 1")
    for i in range(3):
        doc.add_paragraph(chinese_text(200, i) + "。")
    facts = _read(doc, tmp_path)
    assert [p.role for p in facts.paragraphs] == ["title", "body", "body", "body"]
    assert facts.word_count.body_text == 603 and facts.word_count.stop_paragraph is None
    [body] = run_rule("report.body_style", facts)
    assert body.status.value == "pass" and "3 段" in body.message
    [spacing] = run_rule("report.line_spacing", facts)
    assert spacing.status.value == "pass"
    [sections] = run_rule("report.sections", facts, {"level1_titles": EVIDENCE_TITLES})
    assert sections.status.value == "fail" and sections.expected == EVIDENCE_TITLES
    assert "未找到任何一级标题" in sections.message and "「七、推广建议」" in sections.message
    [english] = run_rule("report.sections", facts, {"level1_titles": EVIDENCE_TITLES}, lang="en")
    assert "none of the template's 7 sections" in english.message


def test_attachment_label_at_the_top_is_no_boundary(tmp_path: Path) -> None:
    """Was: 「附件4」 first swallowed the document: 「附件前共 0 字」, style rules skipped."""
    doc = docx.Document()
    body_style(doc.styles["Normal"])
    doc.add_paragraph("附件4")
    doc.add_paragraph("某某学校课堂提问质量改进报告")
    for i in range(20):
        p = doc.add_paragraph(chinese_text(180, i) + "。")
        if i == 5:
            p.paragraph_format.line_spacing = docx.shared.Pt(26)  # 固定值 26 磅
            p.paragraph_format.line_spacing_rule = docx.enum.text.WD_LINE_SPACING.EXACTLY
    facts = _read(doc, tmp_path)
    assert [p.role for p in facts.paragraphs[:3]] == ["title", "title", "body"]
    reason = facts.paragraphs[0].role_reason
    assert reason is not None and "文档标签" in reason.zh
    wc = facts.word_count
    assert wc.stop_paragraph is None and wc.label_paragraph == 1
    assert wc.body == sum(p.zi for p in facts.paragraphs) == 3 + 14 + 20 * 181
    [count] = run_rule("report.word_count", facts)
    assert count.status.value == "fail" and count.actual["count"] == wc.body
    assert "文档标签" in count.message
    [spacing] = run_rule("report.line_spacing", facts)
    assert spacing.status.value == "fail" and "固定值 26 磅" in spacing.message


def test_attachment_label_then_sections_still_ends_at_the_real_attachment(tmp_path: Path) -> None:
    doc = document("附件2", "总结报告")
    for i, title in enumerate(EVIDENCE_TITLES[:2]):
        doc.add_paragraph(f"{cn_number(i + 1)}、{title}")
        doc.add_paragraph(SENTENCE)
    doc.add_paragraph("附件：课堂提问质量评价模型")
    doc.add_paragraph(SENTENCE)
    facts = _read(doc, tmp_path)
    assert [p.role for p in facts.paragraphs] == [
        *("title", "title", "h1", "body", "h1", "body"),
        *("attachment", "attachment"),
    ]
    assert facts.word_count.stop_paragraph == 7 and facts.word_count.label_paragraph == 1


def test_title_style_and_unnumbered_sections_one_level_below(tmp_path: Path) -> None:
    """No 「一、」 anywhere: the sections are the top level once the document has content."""
    doc = document(
        ("总结报告", "Title"),
        ("副标题也是标题块", "Heading 1"),
        ("案例概述", "Heading 2"),
        ("基本情况", "Heading 3"),
        SENTENCE,
        ("实施过程", "Heading 2"),
        SENTENCE,
    )
    facts = _read(doc, tmp_path)
    assert [p.role for p in facts.paragraphs] == [
        *("title", "title", "h1", "h2", "body", "h1", "body")
    ]
    why = facts.paragraphs[2].role_reason
    assert why is not None and why.zh.startswith("一级标题：与文中最高一级的章节标题同级")


def test_title_above_unnumbered_heading_1_sections(tmp_path: Path) -> None:
    """Title and sections all 标题 1: the first line without a number is the title."""
    h1 = "Heading 1"
    doc = document(("研修总结报告", h1), ("案例概述", h1), SENTENCE, ("实施过程", h1), SENTENCE)
    facts = _read(doc, tmp_path)
    assert [p.role for p in facts.paragraphs] == ["title", "h1", "body", "h1", "body"]


@pytest.mark.parametrize(
    ("h1_name", "h2_name"),
    [("一级标题", "二级标题"), ("报告1级标题", "报告2级标题"), ("标题 1", "标题 2")],
)
def test_level_from_a_chinese_style_name_without_outline_level(
    tmp_path: Path, h1_name: str, h2_name: str
) -> None:
    doc = document("总结报告")
    h1, h2 = _style(doc, h1_name), _style(doc, h2_name)
    for text, style in (("案例概述", h1), ("基本情况", h2), (SENTENCE, None), ("实施过程", h1)):
        doc.add_paragraph(text, style=style)
    facts = _read(doc, tmp_path)
    assert [p.role for p in facts.paragraphs] == ["title", "h1", "h2", "body", "h1"]
    assert facts.paragraphs[1].heading_signal == "style"


def test_visible_numbering_wins_over_a_deeper_style(tmp_path: Path) -> None:
    long_numbered = "一、" + chinese_text(60) + "。"  # numbered body text
    doc = document(
        "报告",
        ("一、案例概述", "Heading 2"),
        SENTENCE,
        ("二、实施过程", "Heading 3"),
        long_numbered,
    )
    facts = _read(doc, tmp_path)
    assert [p.role for p in facts.paragraphs] == ["title", "h1", "body", "h1", "body"]
    reason = facts.paragraphs[4].role_reason
    assert reason is not None and "编号正文" in reason.zh


def test_captions_are_not_body(tmp_path: Path) -> None:
    doc = docx.Document()
    body_style(doc.styles["Normal"])
    doc.add_paragraph("一、案例概述")
    doc.add_paragraph(SENTENCE)
    image = tmp_path / "chart.png"
    image.write_bytes(png_bytes())
    doc.add_paragraph().add_run().add_picture(str(image))
    caption = doc.add_paragraph("图1 提问类型分布")
    caption.runs[0].font.size = docx.shared.Pt(10.5)
    doc.add_paragraph("表1 三轮改进数据", style="Caption")
    doc.add_paragraph("图1显示高阶问题占比逐轮上升，学生回答的完整程度明显提高。")
    doc.add_paragraph("图2 没有图片相邻的一行")
    facts = _read(doc, tmp_path)
    roles = {p.text: p.role for p in facts.paragraphs}
    assert roles["图1 提问类型分布"] == "caption"
    assert roles["表1 三轮改进数据"] == "caption"
    assert roles["图1显示高阶问题占比逐轮上升，学生回答的完整程度明显提高。"] == "body"
    assert roles["图2 没有图片相邻的一行"] == "body"
    assert facts.paragraphs[3].role_reason is not None
    assert facts.paragraphs[3].role_reason.zh == "题注：以“图1”开头，紧邻图片或表格"
    [body] = run_rule("report.body_style", facts)  # the 10.5 pt caption is not judged as body
    assert body.status.value == "pass", body.message


def test_typed_sections_under_a_heading_1_title(tmp_path: Path) -> None:
    """Only the title has a heading style; the 「一、」 headings are typed in 正文."""
    quoted = "他说：“提问要有层次。”"  # a sentence, closing quote and all
    doc = document(("研修总结报告", "Heading 1"), "张明", quoted, "一、案例概述", SENTENCE)
    facts = _read(doc, tmp_path)
    assert [p.role for p in facts.paragraphs] == ["title", "title", "body", "h1", "body"]
    why = facts.paragraphs[0].role_reason
    assert why is not None and "没有其他设了标题样式或大纲级别的章节" in why.zh


def test_inspect_shows_document_text_that_looks_like_markup(tmp_path: Path) -> None:
    """Was a traceback: rich read 「[/附件]」 in a paragraph as a closing tag."""
    from typer.testing import CliRunner

    from casecheck.cli import app

    path = save(document("一、案例概述", "参考文献[1]见[/附件]说明。"), tmp_path / "报告.docx")
    result = CliRunner().invoke(app, ["inspect", str(path)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "参考文献[1]见[/附件]说明。" in result.stdout
