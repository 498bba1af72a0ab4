"""Word-compatible 字数, and where the report's count stops (the 附件 section)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from casecheck.readers.docx import read_docx
from casecheck.readers.docx.numbering import chinese_counting, format_number
from casecheck.readers.docx.wordcount import count_zi, is_east_asian_char, zi_breakdown
from tests.factories.docx_factory import (
    ReportSpec,
    build_report,
    chinese_text,
    report_zi,
    save,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Cases published as matching Microsoft Word (notes/docx-formatting.md §2).
        ("Hello、World。", 4),
        ("東京2024オリンピック", 9),
        ("①②③④⑤", 1),
        ("ＡＢＣＤＥ", 5),
        ("「こんにちは」", 7),
        ("Hello “世界”", 5),
        ("Let's say ‘你好’ 100 times per day, 勤勉", 12),
        ("2026年", 2),
        ("增长3.5%", 3),
        ("一、案例概述", 6),
        ("（一）基本情况", 7),
        ("COVID-19 疫情", 3),
        ("全角\u3000空格", 4),
        ("零宽\u200b字符", 4),
        ("", 0),
    ],
)
def test_count_zi_matches_word(text: str, expected: int) -> None:
    assert count_zi(text) == expected


def test_breakdown_and_font_slots() -> None:
    assert zi_breakdown("AI课堂 2026").asian == 2
    assert zi_breakdown("AI课堂 2026").words == 2
    assert is_east_asian_char("课") and is_east_asian_char("，") and is_east_asian_char("（")
    assert not is_east_asian_char("A") and not is_east_asian_char("“")
    assert is_east_asian_char("“", hint_east_asia=True)


def test_chinese_numbering_formats() -> None:
    assert [chinese_counting(n) for n in (1, 10, 11, 20, 21, 100, 105, 110)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十一",
        "一百",
        "一百零五",
        "一百一十",
    ]
    assert format_number(3, "ideographTraditional") == "丙"
    assert format_number(2, "chineseLegalSimplified") == "贰"
    assert format_number(12, "decimalFullWidth") == "１２"
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(4, "upperRoman") == "IV"


def _report(tmp_path: Path, spec: ReportSpec, extra_chars: int = 0) -> Path:
    doc = build_report(spec)
    if extra_chars:
        # Body text appended before the 附件说明 line keeps the count before 附件 exact.
        note = doc.paragraphs[-1] if spec.attachment_note and not spec.attachment_chars else None
        para = (
            note.insert_paragraph_before(chinese_text(extra_chars))
            if note
            else doc.add_paragraph(chinese_text(extra_chars))
        )
        assert para.text
    return save(doc, tmp_path / "report.docx")


@pytest.mark.parametrize("target", [3000, 3001])
def test_report_counted_exactly_at_the_limit(tmp_path: Path, target: int) -> None:
    spec = ReportSpec(body_chars=300)
    extra = target - report_zi(spec)
    assert extra > 0
    facts = read_docx(_report(tmp_path, spec, extra))
    assert facts.word_count.body == target
    assert facts.word_count.stop_text == spec.attachment_note  # the template's own 附件 line


def test_attachment_section_of_2000_zi_is_not_counted(tmp_path: Path) -> None:
    spec = ReportSpec(body_chars=300, attachment_chars=1997)  # 「附件1」 is 3 字 more
    facts = read_docx(_report(tmp_path, spec))
    wc = facts.word_count
    assert wc.body == report_zi(spec)
    assert wc.attachments == len(spec.attachment_note or "") + 2000
    # The template's 「附件：支撑材料…」 line after 七、 opens the 附件 section (SPEC).
    assert wc.stop_reason == "after-sections" and wc.stop_text == spec.attachment_note
    assert facts.paragraphs[-1].role == "attachment"


def test_attachment_line_inside_a_section_is_not_the_boundary(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("一、案例概述")
    doc.add_paragraph("正文内容详见附件2")
    doc.add_paragraph("附件：1.评价模型 2.数据图表")  # the body goes on with 二、: no boundary
    doc.add_paragraph("二、推广建议")
    doc.add_paragraph("说明")
    doc.add_paragraph("附件2：数据图表")
    doc.add_paragraph("图表说明文字")
    facts = read_docx(save(doc, tmp_path / "r.docx"))
    wc = facts.word_count
    assert wc.stop_text == "附件2：数据图表" and wc.stop_reason == "after-sections"
    assert wc.body == 6 + 9 + count_zi("附件：1.评价模型 2.数据图表") + 6 + 2
    assert wc.attachments == 8 + 6
    assert wc.attachment_note_paragraph == 3


def test_appendix_with_its_own_numbered_headings(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("一、案例概述", style="Heading 1")
    doc.add_paragraph("正文")
    doc.add_paragraph("二、推广建议", style="Heading 1")
    doc.add_paragraph("附件：支撑材料（评价模型）")  # no page break: the template's plain line
    doc.add_paragraph("一、评价模型", style="Heading 1")  # the appendix restarts at 一、
    doc.add_paragraph("模型说明")
    facts = read_docx(save(doc, tmp_path / "r.docx"))
    wc = facts.word_count
    assert (wc.stop_text, wc.stop_reason) == ("附件：支撑材料（评价模型）", "after-sections")
    assert wc.body == 6 + 2 + 6
    assert [p.role for p in facts.paragraphs][-3:] == ["attachment"] * 3


def test_bare_attachment_line_without_page_break_is_the_boundary(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("一、案例概述")
    doc.add_paragraph("正文")
    doc.add_paragraph("附件：")
    doc.add_paragraph("附件内容不计入")
    facts = read_docx(save(doc, tmp_path / "r.docx"))
    assert facts.word_count.stop_reason == "after-sections"
    assert (facts.word_count.body, facts.word_count.attachments) == (8, 3 + 7)


def test_auto_numbering_labels_are_reported_beside_words_count(tmp_path: Path) -> None:
    spec = ReportSpec(auto_numbering=True)
    facts = read_docx(_report(tmp_path, spec))
    wc = facts.word_count
    assert wc.body == report_zi(spec)
    assert wc.labels == 7 * 2 + 7 * 3  # 「一、」 and 「（一）」 per section
    assert wc.with_labels == wc.body + wc.labels


def test_headers_and_footers_are_not_counted(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "页眉文字不计入"
    doc.sections[0].footer.paragraphs[0].text = "第1页"
    doc.add_paragraph("正文四字")
    facts = read_docx(save(doc, tmp_path / "r.docx"))
    assert facts.word_count.body == 4
    assert [p.text for p in facts.paragraphs] == ["正文四字"]


def test_page_break_at_the_end_of_a_paragraph_starts_the_next_page(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("一、案例概述")
    last = doc.add_paragraph("正文结尾")
    last.add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    doc.add_paragraph("附件1：活动照片")
    doc.add_paragraph("照片说明")
    facts = read_docx(save(doc, tmp_path / "r.docx"))
    assert facts.word_count.stop_text == "附件1：活动照片"
    assert (facts.word_count.body, facts.word_count.attachments) == (10, 8 + 4)
