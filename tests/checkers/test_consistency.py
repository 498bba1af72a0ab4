"""consistency.case_name / consistency.authors through the CLI, on real .docx/.pptx files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from casecheck.checkers.consistency_text import compare, dice, normalize_title
from casecheck.cli import app
from tests.factories import docx_factory as dx
from tests.factories import form_factory as ff
from tests.factories import pptx_factory as px
from tests.factories.submission_factory import make_submission

GOOD = Path(__file__).resolve().parents[2] / "examples" / "01-循证教研-基本合格"
NAME = "AI课堂分析赋能精准听评课"
THREE = [
    ("张明", "长沙市第一中学", "高级教师", "13912345678"),
    ("李华", "长沙市第一中学", "一级教师", "13912345679"),
    ("王芳", "长沙市教育科学研究院", "教研员", "13912345670"),
]


def build(
    folder: Path,
    *,
    cover: tuple[str, ...] = (NAME,),
    report_title: str = "人机协同循证教研案例总结报告",
    report_byline: str | None = None,
    authors: list[tuple[str, str, str, str]] | None = None,
    form: ff.Form | None = None,
) -> Path:
    folder.mkdir(parents=True)
    form = form or ff.evidence_form()
    if authors is not None:
        ff.replace_row(form, "作者信息", ff.Authors("作者信息\n(排序填写, 最多 3 人)", authors))
    ff.build_docx(form, folder / "案例信息表.docx")
    prs = px.new_deck()
    slide = px.blank_slide(prs)
    for i, line in enumerate(cover):
        px.add_text(slide, line, top=1 + i)
    px.add_text(px.blank_slide(prs), "案例概述")
    px.save(prs, folder / "案例课件.pptx")
    doc = dx.build_report(dx.ReportSpec(title=report_title))
    if report_byline:
        doc.paragraphs[1].insert_paragraph_before(report_byline)  # under the title
    dx.save(doc, folder / "案例总结报告.docx")
    return folder


def consistency(folder: Path, *extra: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(
        app, ["check", str(folder), "--select", "consistency", "--format", "json", *extra]
    )
    assert result.exit_code == 0, result.output  # warnings never fail the exit code
    return list(json.loads(result.stdout)["submissions"][0]["findings"])


def by(findings: list[dict[str, Any]], rule: str, file: str) -> dict[str, Any]:
    (found,) = [f for f in findings if f["rule"] == rule and f["file"] == file]
    return found


def test_clean_case_passes(tmp_path: Path) -> None:
    findings = consistency(build(tmp_path / "clean", cover=(NAME, "汇报人：张明")))
    assert {f["status"] for f in findings} == {"pass"}
    deck = by(findings, "consistency.case_name", "案例课件.pptx")
    assert deck["actual"] == {"text": NAME, "similarity": 1.0, "contained": True}
    assert deck["place"] == {"slide": 1} and deck["location"] == "第 1 张幻灯片"
    # the report keeps the template's title: it shows no case name, nothing to compare
    assert "未写出案例名称" in by(findings, "consistency.case_name", "案例总结报告.docx")["message"]
    assert by(findings, "consistency.authors", "案例课件.pptx")["actual"]["shown"] == ["张明"]


@pytest.mark.parametrize("folder", [GOOD, None])
def test_factory_and_example_submissions_stay_clean(tmp_path: Path, folder: Path | None) -> None:
    folder = folder or make_submission(tmp_path / "factory")
    findings = consistency(folder)
    assert findings and {f["status"] for f in findings} <= {"pass", "skipped"}
    shown = {f["file"] for f in findings if f["status"] == "pass"}
    assert len(shown) == 2 and all(n.endswith((".pptx", ".docx")) for n in shown)


def test_report_title_naming_another_case_warns(tmp_path: Path) -> None:
    other = "大单元作业设计的实践研究——人机协同循证教研案例总结报告"
    findings = consistency(build(tmp_path / "other", report_title=other))
    report = by(findings, "consistency.case_name", "案例总结报告.docx")
    assert report["status"] == "warn"
    assert other in report["message"] and NAME in report["message"]  # both texts quoted
    assert "第 1 段" in report["message"] and "表1 第1行「案例名称」" in report["message"]
    assert report["place"] == {"paragraph": 1}
    assert report["actual"]["similarity"] < 0.6 and report["actual"]["contained"] is False
    assert by(findings, "consistency.case_name", "案例课件.pptx")["status"] == "pass"


def test_title_with_case_name_and_template_title_passes(tmp_path: Path) -> None:
    title = f"《{NAME}》——人机协同循证教研案例总结报告"
    findings = consistency(build(tmp_path / "named", report_title=title))
    assert by(findings, "consistency.case_name", "案例总结报告.docx")["status"] == "pass"


def test_reworded_title_passes_with_its_score(tmp_path: Path) -> None:
    findings = consistency(build(tmp_path / "reworded", cover=("AI课堂分析助力精准听评课",)))
    deck = by(findings, "consistency.case_name", "案例课件.pptx")
    assert deck["status"] == "pass" and deck["actual"]["similarity"] == pytest.approx(0.75)


def test_three_authors_on_form_two_on_cover_warns(tmp_path: Path) -> None:
    folder = build(tmp_path / "authors", cover=(NAME, "张明  李华"), authors=THREE)
    findings = consistency(folder, "--lang", "en")
    deck = by(findings, "consistency.authors", "案例课件.pptx")
    assert deck["status"] == "warn"
    assert deck["actual"]["missing"] == ["王芳"] and deck["actual"]["extra"] == []
    assert "missing 王芳" in deck["message"] and deck["location"] == "slide 1"
    assert by(findings, "consistency.authors", "案例总结报告.docx")["status"] == "pass"


def test_extra_author_after_a_byline_label_warns(tmp_path: Path) -> None:
    folder = build(
        tmp_path / "extra",
        report_title=NAME,
        report_byline="作者：张明、赵强（长沙市第一中学）",
    )
    report = by(consistency(folder), "consistency.authors", "案例总结报告.docx")
    assert report["status"] == "warn" and report["actual"]["extra"] == ["赵强"]
    assert report["actual"]["missing"] == []


def test_studio_topic_on_cover_passes(tmp_path: Path) -> None:
    form = ff.studio_form()
    folder = build(tmp_path / "studio", cover=("大单元教学中的作业设计",), form=form)
    findings = consistency(folder)
    deck = by(findings, "consistency.case_name", "案例课件.pptx")
    assert deck["status"] == "pass", deck


def test_normalisation_and_measure() -> None:
    assert normalize_title("案例：《ＡＩ 课堂分析》“赋能”", ["案例"]) == "ai课堂分析赋能"
    assert compare("ai课堂分析赋能", "ai课堂分析赋能精准听评课", 4).contained
    assert dice("abcd", "abcd") == 1.0 and dice("abcd", "wxyz") == 0.0
