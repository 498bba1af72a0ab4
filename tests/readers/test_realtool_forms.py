"""casecheck on files LibreOffice wrote (tests/realtool/, made by tests/realtool/make.py from
the flat ODF sources there): a clean submission is clean, and each one-defect variant is
caught. The committed outputs are used as they are, so CI needs no LibreOffice."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from casecheck.cli import app
from casecheck.readers.docx.wordcount import count_zi
from casecheck.readers.form import FormFacts, read_form

REAL = Path(__file__).resolve().parents[1] / "realtool"
runner = CliRunner()


def check(tmp_path: Path, files: dict[str, str], *args: str) -> list[dict[str, Any]]:
    folder = tmp_path / "案例"
    folder.mkdir(parents=True)
    for name, source in files.items():
        shutil.copy(REAL / source, folder / name)
    result = runner.invoke(app, ["check", str(folder), "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    findings: list[dict[str, Any]] = json.loads(result.stdout)["submissions"][0]["findings"]
    return findings


def not_passing(findings: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    allowed = {("form.declaration", "manual"), ("form.font", "skipped")}
    return [
        (f["rule"], f["status"], f["message"])
        for f in findings
        if f["status"] != "pass" and (f["rule"], f["status"]) not in allowed
    ]


@pytest.mark.parametrize("form", ["form-evidence.pdf", "form-evidence.docx"])
def test_clean_libreoffice_submission_is_clean(tmp_path: Path, form: str) -> None:
    files = {
        "案例信息表" + Path(form).suffix: form,
        "案例课件.pptx": "deck.pptx",
        "案例总结报告.docx": "report.docx",
    }
    findings = check(tmp_path, files, "--select", "form,report,courseware,consistency")
    assert not_passing(findings) == []
    assert {f["rule"].split(".")[0] for f in findings} >= {"form", "report", "courseware"}


def test_clean_studio_form_is_clean(tmp_path: Path) -> None:
    for form in ("form-studio.pdf", "form-studio.docx"):
        findings = check(
            tmp_path / form, {"案例信息表" + Path(form).suffix: form}, "--select", "form"
        )
        assert not_passing(findings) == [], form


def _summary(facts: FormFacts) -> list[Any]:
    out = []
    for f in facts.fields:
        out.append((f.key, f.rows, [(b.option, b.checked, b.row, b.col) for b in f.boxes]))
    return out


@pytest.mark.parametrize("name", ["form-evidence", "form-studio"])
def test_pdf_form_reads_exactly_as_the_docx_it_came_from(name: str) -> None:
    """Issue 11 item 2: ☑ drawn in a fallback font, a label wrapped over three lines."""
    pdf, docx = read_form(REAL / f"{name}.pdf"), read_form(REAL / f"{name}.docx")
    assert pdf.source_kind == "pdf" and pdf.title == docx.title
    assert _summary(pdf) == _summary(docx)
    authors = pdf.find("作者信息")
    assert authors is not None and authors.key == "作者信息（排序填写，最多3人）"
    assert [r[0] for r in authors.rows[1:]] == ["张明", "李华"]
    assert [r[3] for r in authors.rows[1:]] == ["13912345678", "13812345678"]
    summary = pdf.find("案例简介") or pdf.find("案例概述")
    twin = docx.find("案例简介") or docx.find("案例概述")
    assert summary is not None and twin is not None
    assert count_zi(summary.value) == count_zi(twin.value) == 119


def _status(findings: list[dict[str, Any]], rule: str) -> set[str]:
    return {f["status"] for f in findings if f["rule"] == rule}


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
@pytest.mark.parametrize(
    ("variant", "rule", "words"),
    [
        ("two-ticks", "form.choice", "学校案例"),
        ("four-authors", "form.authors", "4"),
        ("summary-351", "form.summary_length", "351"),
    ],
)
def test_one_defect_form_variants_are_caught(
    tmp_path: Path, suffix: str, variant: str, rule: str, words: str
) -> None:
    form = f"form-evidence-{variant}{suffix}"
    findings = check(tmp_path, {"案例信息表" + suffix: form}, "--select", "form")
    problems = not_passing(findings)
    assert [p[0] for p in problems] == [rule], problems
    assert problems[0][1] == "fail" and words in problems[0][2]


@pytest.mark.parametrize(("target", "status"), [(3000, "pass"), (3001, "fail")])
def test_report_padded_to_the_limit_before_the_attachment_line(
    tmp_path: Path, target: int, status: str
) -> None:
    report = f"report-{target}.docx"
    findings = check(tmp_path, {"案例总结报告.docx": report}, "--select", "report")
    [count] = [f for f in findings if f["rule"] == "report.word_count"]
    assert count["status"] == status and count["actual"]["count"] == target
    assert count["actual"]["attachments"] > 1500  # the appendix after 「附件：支撑材料…」
    assert [p[0] for p in not_passing(findings)] == ([] if status == "pass" else [count["rule"]])
