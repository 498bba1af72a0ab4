"""Reports as Chinese Word/WPS templates set them up (issue 24), through the command line:
LibreOffice's 公文-style report (tests/realtool/make_reports.py) is clean on every report rule,
each one-defect variant fails exactly its rule, the 「附件2」-first document is counted in full,
and the WPS-markup report reads like the others. Committed outputs: no LibreOffice needed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from casecheck.cli import app
from casecheck.readers.docx import read_docx
from tests.realtool.make_reports import OVER_LIMIT, VARIANTS, soffice, with_picture

REAL = Path(__file__).resolve().parents[1] / "realtool"
# Every report rule has its one-defect variant.
REPORT_RULES = {rule for rule, _ in VARIANTS.values()} | {OVER_LIMIT[1]}
runner = CliRunner()


def check_report(tmp_path: Path, source: str, *args: str) -> list[dict[str, Any]]:
    folder = tmp_path / "案例"
    folder.mkdir(parents=True)
    shutil.copy(REAL / source, folder / "案例总结报告.docx")
    result = runner.invoke(
        app, ["check", str(folder), "--format", "json", "--select", "report", *args]
    )
    assert result.exit_code in (0, 1), result.output
    findings: list[dict[str, Any]] = json.loads(result.stdout)["submissions"][0]["findings"]
    return findings


def statuses(findings: list[dict[str, Any]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in findings:
        out.setdefault(f["rule"], set()).add(f["status"])
    return out


@pytest.mark.parametrize("source", ["report-gongwen.docx", "report-wps.docx"])
def test_gongwen_report_is_clean_on_every_report_rule(tmp_path: Path, source: str) -> None:
    found = statuses(check_report(tmp_path, source))
    assert set(found) == REPORT_RULES
    assert all(s == {"pass"} for s in found.values()), found


@pytest.mark.parametrize(
    ("defect", "rule"),
    [(name, rule) for name, (rule, _) in VARIANTS.items()] + [OVER_LIMIT],
)
def test_each_variant_fails_exactly_its_rule(tmp_path: Path, defect: str, rule: str) -> None:
    found = statuses(check_report(tmp_path, f"report-gongwen-{defect}.docx"))
    failing = {r for r, s in found.items() if s != {"pass"}}
    assert failing == {rule}, found
    assert "fail" in found[rule]


def test_gongwen_variants_name_what_is_wrong(tmp_path: Path) -> None:
    by_rule = {
        f["rule"]: f
        for f in check_report(tmp_path, "report-gongwen-h1-songti.docx")
        if f["status"] == "fail"
    }
    h1 = by_rule["report.heading1_style"]
    assert "宋体" in h1["message"] and len(h1["place"]["places"]) == 7
    missing = check_report(tmp_path / "m", "report-gongwen-missing-section.docx")
    [sections] = [f for f in missing if f["rule"] == "report.sections"]
    assert "推广建议" in sections["message"]


def test_attachment_first_document_is_counted_in_full(tmp_path: Path) -> None:
    facts = read_docx(REAL / "report-attachment-first.docx")
    total = sum(p.zi for p in facts.paragraphs)
    assert facts.word_count.body == total > 3000
    assert facts.word_count.label_paragraph == 1 and facts.word_count.stop_paragraph is None
    assert [p.role for p in facts.paragraphs[:3]] == ["title", "title", "body"]
    found = check_report(tmp_path, "report-attachment-first.docx")
    [count] = [f for f in found if f["rule"] == "report.word_count"]
    assert count["status"] == "fail" and count["actual"]["count"] == total
    assert count["actual"]["body_text"] == total - facts.paragraphs[0].zi - facts.paragraphs[1].zi
    by_rule = statuses(found)
    assert by_rule["report.body_style"] == by_rule["report.line_spacing"] == {"pass"}
    assert by_rule["report.sections"] == {"fail"}
    assert by_rule["report.heading1_style"] == by_rule["report.heading2_style"] == {"skipped"}


def test_libreoffice_numbering_and_program_are_read() -> None:
    facts = read_docx(REAL / "report-gongwen.docx")
    heads = facts.by_role("h1")
    assert [p.label for p in heads] == [f"{n}、" for n in "一二三四五六七"]  # taiwaneseCounting…
    assert facts.app.program == "LibreOffice" and facts.app.version
    assert facts.app.application and facts.app.application.startswith("LibreOffice/")
    [caption] = facts.by_role("caption")
    assert caption.text.startswith("图1") and caption.runs[0].size_pt == 10.5


def test_wps_markup_is_read(tmp_path: Path) -> None:
    """WPS: custom.xml build, mc:AlternateContent without mc:Fallback, style-linked numbering."""
    facts = read_docx(REAL / "report-wps.docx")
    assert facts.app.program == "WPS Office" and facts.app.version == "11.1.0.11194"
    assert facts.app.kso_build == "2052-11.1.0.11194"
    assert facts.paragraphs[1].text == "长沙市第一中学 张明 李华"  # between wpsCustomData markers
    assert facts.text_boxes == ["图表数据来自平台导出"]  # the Requires="wps" branch
    assert [p.text for p in facts.by_role("h1")][:2] == ["一、案例概述", "二、实施过程"]
    assert facts.paragraphs[0].role == "title"


def test_inspect_shows_role_why_and_program(tmp_path: Path) -> None:
    out = runner.invoke(app, ["inspect", str(REAL / "report-wps.docx")], env={"COLUMNS": "300"})
    assert out.exit_code == 0, out.output
    assert "保存程序：WPS Office 11.1.0.11194" in out.stdout
    assert "一级标题：自动编号“一、”；样式 标题 2；大纲 2 级" in out.stdout
    assert "标题块：位于文首，高于“一、”标题；样式 标题 1；大纲 1 级" in out.stdout
    en = runner.invoke(
        app, ["inspect", str(REAL / "report-wps.docx"), "--lang", "en"], env={"COLUMNS": "300"}
    )
    assert "Saved by: WPS Office 11.1.0.11194" in en.stdout
    assert "first-level heading: automatic numbering “一、”; style Heading 2" in en.stdout
    as_json = runner.invoke(app, ["inspect", str(REAL / "report-wps.docx"), "--format", "json"])
    facts = json.loads(as_json.stdout)
    assert facts["app"]["program"] == "WPS Office"
    assert facts["paragraphs"][2]["role_reason"]["zh"].startswith("一级标题：自动编号")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_committed_outputs_are_what_libreoffice_makes_of_the_sources(tmp_path: Path) -> None:
    """The sources and the committed .docx have not drifted apart (re-run make_reports.py)."""
    source = tmp_path / "report-gongwen.fodt"
    source.write_text(
        with_picture((REAL / "report-gongwen.fodt").read_text(encoding="utf-8")), encoding="utf-8"
    )
    soffice([source, REAL / "report-attachment-first.fodt"], "docx", tmp_path)
    for name in ("report-gongwen.docx", "report-attachment-first.docx"):
        fresh, kept = read_docx(tmp_path / name), read_docx(REAL / name)
        assert [(p.role, p.text) for p in fresh.paragraphs] == [
            (p.role, p.text) for p in kept.paragraphs
        ], name
        assert fresh.word_count == kept.word_count, name
