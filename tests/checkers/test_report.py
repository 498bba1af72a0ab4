"""Report checkers over facts read from real generated .docx files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx.enum.style import WD_STYLE_TYPE

from casecheck.readers.docx import DocxFacts, read_docx
from casecheck.result import Finding, Status
from tests.conftest import run_rule
from tests.factories.docx_factory import (
    EVIDENCE_TITLES,
    STUDIO_TITLES,
    ReportSpec,
    build_report,
    chinese_text,
    report_zi,
    save,
    set_bold,
    set_fonts,
    set_line_spacing,
    set_size,
    wrap_in_content_control,
)

STYLE_RULES = [
    "report.heading1_style",
    "report.heading2_style",
    "report.body_style",
    "report.line_spacing",
]


def _facts(doc: Any, tmp_path: Path) -> DocxFacts:
    return read_docx(save(doc, tmp_path / "总结报告.docx"))


def _statuses(findings: list[Finding]) -> list[Status]:
    return [f.status for f in findings]


def _sections(facts: DocxFacts, titles: list[str] = EVIDENCE_TITLES) -> list[Finding]:
    return run_rule("report.sections", facts, {"level1_titles": titles})


@pytest.mark.parametrize("auto", [False, True])
def test_conforming_report_passes_every_rule(tmp_path: Path, auto: bool) -> None:
    facts = _facts(build_report(ReportSpec(auto_numbering=auto, attachment_chars=500)), tmp_path)
    for rule in [*STYLE_RULES, "report.word_count"]:
        assert _statuses(run_rule(rule, facts)) == [Status.PASS], rule
    assert _statuses(_sections(facts)) == [Status.PASS]


@pytest.mark.parametrize(("target", "status"), [(3000, Status.PASS), (3001, Status.FAIL)])
def test_word_count_limit(tmp_path: Path, target: int, status: Status) -> None:
    spec = ReportSpec(body_chars=400, attachment_chars=2000)
    doc = build_report(spec)
    note = next(p for p in doc.paragraphs if p.text.startswith("附件："))
    note.insert_paragraph_before(chinese_text(target - report_zi(spec)))
    [finding] = run_rule("report.word_count", _facts(doc, tmp_path))
    assert finding.status is status
    note_zi = len(spec.attachment_note or "")
    assert finding.actual["count"] == target and finding.actual["attachments"] == note_zi + 2003
    assert "附件：支撑材料" in finding.message and "不计入" in finding.message


def test_word_count_with_labels_option(tmp_path: Path) -> None:
    spec = ReportSpec(auto_numbering=True, body_chars=420)
    facts = _facts(build_report(spec), tmp_path)
    limit = report_zi(spec) + 10  # passes as Word counts, fails once the 35 label 字 count
    assert _statuses(run_rule("report.word_count", facts, {"max_chars": limit})) == [Status.PASS]
    assert _statuses(
        run_rule("report.word_count", facts, {"max_chars": limit, "count": "with_labels"})
    ) == [Status.FAIL]


def test_sections_tolerant_matching_and_content_controls(tmp_path: Path) -> None:
    doc = build_report(ReportSpec(sections=STUDIO_TITLES, subheading=False))
    heads = [p for p in doc.paragraphs if p.style.name == "Heading 1"]
    heads[0].text = "一． 研修概况：聚焦课堂提问"
    heads[1].style = doc.styles["Normal"]  # typed heading, found by its text
    heads[1].text = "二、 过程与举措"
    wrap_in_content_control(heads[2])
    findings = _sections(_facts(doc, tmp_path), STUDIO_TITLES)
    assert _statuses(findings) == [Status.PASS]


def test_sections_missing_renamed_misordered_and_extra(tmp_path: Path) -> None:
    titles = list(EVIDENCE_TITLES)
    titles[2] = "证据收集与分析"  # renamed
    titles[3], titles[4] = titles[4], titles[3]  # 特色与创新 before 成效评估
    del titles[6]  # 推广建议 missing
    titles.append("参考文献")  # extra
    facts = _facts(build_report(ReportSpec(sections=titles)), tmp_path)
    findings = _sections(facts)
    by_status = {s: [f.message for f in findings if f.status is s] for s in Status}
    fails = "\n".join(by_status[Status.FAIL])
    assert "「三、证据收集与分析」" in fails and "应为「证据采集与分析」" in fails
    assert "顺序不对" in fails and "缺少一级标题「推广建议」" in fails
    assert len(by_status[Status.FAIL]) == 3
    assert by_status[Status.WARN] == ["一级标题「七、参考文献」不在模板中"]
    renamed = next(f for f in findings if "应为" in f.message)
    assert (
        renamed.location is not None
        and renamed.location.startswith("第 ")
        and "证据收集与分析" in renamed.location
    )


def test_heading_fonts_fail_and_near_miss(tmp_path: Path) -> None:
    spec = ReportSpec(heading_font="宋体", heading2_font="仿宋", body_font="仿宋")
    facts = _facts(build_report(spec), tmp_path)
    h1 = run_rule("report.heading1_style", facts)
    # one finding: the same mistake in the style is one problem, listing its paragraphs
    assert len(h1) == 1 and h1[0].status is Status.FAIL
    assert "（一级标题 7 段中的 7 段）" in h1[0].message
    assert "中文字体为 宋体（要求 黑体）" in h1[0].message
    assert h1[0].location == "第 2、5、8、11、14 段等 7 段"
    assert h1[0].place == {"places": [{"paragraph": n} for n in (2, 5, 8, 11, 14, 17, 20)]}
    h2 = run_rule("report.heading2_style", facts)
    assert {f.status for f in h2} == {Status.WARN}
    body = run_rule("report.body_style", facts)
    assert {f.status for f in body} == {Status.WARN}
    assert "中文字体为 仿宋（要求 仿宋_GB2312）" in body[0].message


def test_one_paragraph_off_is_named_with_its_text(tmp_path: Path) -> None:
    doc = build_report()
    body = [p for p in doc.paragraphs if p.style.name == "Normal" and len(p.text) > 50]
    set_fonts(body[2].runs[0], east_asia="楷体")
    run = body[4].add_run("（14磅）")
    set_size(run, 14)
    facts = _facts(doc, tmp_path)
    findings = run_rule("report.body_style", facts)
    assert _statuses(findings) == [Status.FAIL, Status.FAIL]  # two kinds of problem
    para_kai = next(p for p in facts.paragraphs if p.text == body[2].text)
    assert findings[0].location == para_kai.where().zh
    assert findings[0].place == {"paragraph": para_kai.index}
    assert (
        "中文字体为 楷体" in findings[0].message
        and f"第 {para_kai.index} 段" in findings[0].message
    )
    assert (
        "字号 14 磅（四号）（要求 16 磅（三号））" in findings[1].message
        and "「（14磅）」" in findings[1].message
    )


def test_mixed_runs_with_latin_in_another_font_pass(tmp_path: Path) -> None:
    doc = build_report()
    para = next(p for p in doc.paragraphs if len(p.text) > 50)
    latin = para.add_run(" ChatGPT 2026 ")
    set_fonts(latin, ascii="Arial", east_asia="Arial")  # only Latin text: eastAsia slot unused
    mixed = para.add_run("AI课堂")
    set_fonts(mixed, ascii="Calibri")
    assert _statuses(run_rule("report.body_style", _facts(doc, tmp_path))) == [Status.PASS]


def test_python_docx_default_template_body_is_not_fangsong(tmp_path: Path) -> None:
    import docx

    doc = docx.Document()
    doc.add_paragraph("一、案例概述", style="Heading 1")
    doc.add_paragraph("默认模板写成的正文，没有设置任何中文字体。")
    findings = run_rule("report.body_style", _facts(doc, tmp_path))
    assert [f.status for f in findings] == [Status.FAIL]
    assert "ＭＳ 明朝" in findings[0].message and "11 磅" in findings[0].message


def test_bold_off_at_run_level_and_toggled_off_by_a_bold_char_style(tmp_path: Path) -> None:
    doc = build_report(ReportSpec(subheading=False))
    heads = [p for p in doc.paragraphs if p.style.name == "Heading 1"]
    set_bold(heads[0].runs[0], False)
    char = doc.styles.add_style("标题字符", WD_STYLE_TYPE.CHARACTER)
    set_bold(char, True)
    heads[1].runs[0].style = char
    findings = run_rule("report.heading1_style", _facts(doc, tmp_path))
    # Issue 11 item 6: Heading 1 (bold) + a bold character style is not bold → fail, not manual.
    # Both headings have the same problem: one finding naming both paragraphs.
    assert _statuses(findings) == [Status.FAIL]
    assert "未加粗" in findings[0].message and len(findings[0].place["places"]) == 2


@pytest.mark.parametrize(
    ("line", "rule", "status", "text"),
    [
        (360, "auto", Status.FAIL, "1.5 倍行距"),
        (560, "atLeast", Status.FAIL, "最小值 28 磅"),  # issue 11 item 7: SPEC says exactly
        (560, None, Status.FAIL, "2.33333 倍行距"),
        (560, "exact", Status.PASS, ""),
    ],
)
def test_line_spacing(
    tmp_path: Path, line: int, rule: str | None, status: Status, text: str
) -> None:
    doc = build_report()
    set_line_spacing(doc.styles["Normal"], line, rule)
    findings = run_rule("report.line_spacing", _facts(doc, tmp_path))
    assert findings[0].status is status
    assert text in findings[-1].message


def test_many_paragraphs_failing_alike_are_grouped(tmp_path: Path) -> None:
    doc = build_report(ReportSpec(sections=EVIDENCE_TITLES * 4))
    set_line_spacing(doc.styles["Normal"], 360, "auto")
    findings = run_rule("report.line_spacing", _facts(doc, tmp_path), {"max_listed": 3})
    assert len(findings) == 1  # 28 section bodies (the 附件 line is not body), one problem
    assert "（正文 28 段中的 28 段）" in findings[0].message
    assert findings[0].location is not None and findings[0].location.endswith("段等 28 段")
    assert len(findings[0].place["places"]) == 28


def test_english_messages(tmp_path: Path) -> None:
    facts = _facts(build_report(ReportSpec(heading_font="微软雅黑")), tmp_path)
    findings = run_rule("report.heading1_style", facts, lang="en")
    assert findings[0].message.startswith(
        "paragraphs 2, 5, 8, 11, 14 and 2 more (7 of 7 first-level headings): "
        "East Asian font 微软雅黑 (required 黑体)"
    )


def test_end_to_end_through_the_engine(tmp_path: Path) -> None:
    from casecheck.engine import Options, check_submission
    from casecheck.packs.ruleset import load_ruleset

    folder = tmp_path / "我的案例"
    folder.mkdir()
    doc = build_report(ReportSpec(body_font="仿宋", attachment_chars=300))
    set_line_spacing(doc.paragraphs[3], 360, "auto")  # first body paragraph: 1.5 lines
    save(doc, folder / "案例总结报告.docx")
    result = check_submission(
        folder, load_ruleset(), Options(select=["report"]), "ncet2026-evidence"
    )
    status = {}
    for f in result.findings:
        status.setdefault(f.rule, []).append(f.status)
    assert status["report.word_count"] == [Status.PASS]
    assert status["report.sections"] == [Status.PASS]
    assert status["report.heading1_style"] == [Status.PASS]
    assert status["report.body_style"][0] is Status.WARN  # 仿宋 for 仿宋_GB2312
    assert status["report.line_spacing"] == [Status.FAIL]
    spacing = next(f for f in result.findings if f.rule == "report.line_spacing")
    assert (
        spacing.file == "案例总结报告.docx"
        and spacing.location
        and spacing.location.startswith("第 4 段")
    )
    assert spacing.requirement == "正文，3号，仿宋_GB2312，行距28磅。"


def test_template_attachment_line_on_the_same_page_ends_the_count(tmp_path: Path) -> None:
    """Issue 11 item 1: 「附件：支撑材料…」 as a plain line, 1,500 字 of appendix after it."""
    spec = ReportSpec(body_chars=390)
    doc = build_report(spec)
    doc.add_paragraph(chinese_text(1500))  # the appendix, no page break before it
    [finding] = run_rule("report.word_count", _facts(doc, tmp_path))
    body = report_zi(spec)
    assert 2700 < body <= 3000
    assert finding.status is Status.PASS
    assert finding.actual["count"] == body
    assert finding.actual["attachments"] == len(spec.attachment_note or "") + 1500
    assert f"附件前共 {body} 字" in finding.message and "其中正文段落" in finding.message
