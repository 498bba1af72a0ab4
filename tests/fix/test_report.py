"""`casecheck fix` on real reports: the hard cases pass after fixing, the rest is kept, every
edit and every problem left has a Word comment, and the submission folder is untouched."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from casecheck.cli import app
from casecheck.fix import FixError, fix_submission
from casecheck.readers.docx import read_docx
from casecheck.result import Status
from tests.factories.docx_factory import (
    EVIDENCE_TITLES,
    ReportSpec,
    build_report,
    chinese_text,
    report_zi,
)
from tests.factories.fix_factory import hard_report, new_report_folder, snapshot
from tests.factories.provenance_factory import AIGC_JSON, png

STYLE_RULES = (
    "report.heading1_style",
    "report.heading2_style",
    "report.body_style",
    "report.line_spacing",
)


def _statuses(result, rule: str) -> set[Status]:
    return {f.status for f in result.findings if f.rule == rule}


def _comments(path: Path) -> list[tuple[str, str]]:
    return [(c.author, c.text) for c in docx.Document(str(path)).comments]


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("fix")
    folder = new_report_folder(root / "张老师案例", hard_report())
    before = snapshot(folder)
    report = fix_submission(folder, root / "out")
    return folder, before, report


def test_hard_cases_pass_after_fixing_and_source_is_untouched(fixed) -> None:
    folder, before, report = fixed
    for rule in STYLE_RULES:
        assert (
            Status.PASS not in _statuses(report.before, rule)
            or len(_statuses(report.before, rule)) > 1
        )
        assert _statuses(report.after, rule) == {Status.PASS}, rule
    assert snapshot(folder) == before
    assert Path(report.output) == folder.parent / "out" / "张老师案例"
    assert not list((folder.parent / "out").glob(".*partial"))


def test_effective_format_is_what_the_pack_requires(fixed) -> None:
    folder, _, report = fixed
    src = read_docx(folder / "案例总结报告.docx")
    out = read_docx(Path(report.output) / "案例总结报告.docx")
    assert [p.text for p in src.paragraphs] == [p.text for p in out.paragraphs]
    for p in out.paragraphs:
        runs = [r for r in p.runs if r.east_asia_chars]
        if p.role == "h1":
            assert {(r.east_asia_font, r.size_pt, r.bold) for r in runs} == {("黑体", 16, True)}
        elif p.role == "h2":
            assert {(r.east_asia_font, r.size_pt, r.bold) for r in runs} == {
                ("仿宋_GB2312", 16, True)
            }
        elif p.role == "body" and runs:
            assert {(r.east_asia_font, r.size_pt) for r in runs} == {("仿宋_GB2312", 16)}
            assert (p.line_spacing.rule, p.line_spacing.line) == ("exact", 560)
    # Latin fonts, the title, the 5号宋体 table and the list are as they were.
    for a, b in zip(src.paragraphs, out.paragraphs, strict=True):
        assert [r.ascii_font for r in a.runs] == [r.ascii_font for r in b.runs]
        if a.role in ("title", "table", "attachment") or a.text == "编号列表第一项":
            assert [(r.east_asia_font, r.size_pt, r.bold) for r in a.runs] == [
                (r.east_asia_font, r.size_pt, r.bold) for r in b.runs
            ]
            assert a.line_spacing.describe() == b.line_spacing.describe()
    assert out.paragraphs[-1].label == "1."


def test_everything_else_is_kept_and_each_edit_has_a_comment(fixed) -> None:
    _, _, report = fixed
    path = Path(report.output) / "案例总结报告.docx"
    doc = docx.Document(str(path))
    assert doc.sections[0].header.paragraphs[0].text == "页眉文字"
    xml = doc.element.xml
    assert "<w:ins " in xml and "删掉的字" in xml and "<w:del " in xml
    comments = _comments(path)
    assert ("李老师", "老师的批注") in comments
    ours = [text for author, text in comments if author == "casecheck"]
    changed = [i for f in report.files for i in f.changed]
    assert len(ours) == len([i for f in report.files for i in f.items]) >= 6
    assert any("仿宋_GB2312" in t and "已将" in t for t in ours)
    assert any("宋体" in t and "删除" in t for t in ours)
    assert any("StrongX" in t for t in ours)
    assert any("最小值 28 磅" in t for t in ours)
    assert {i.rule for i in changed} >= set(STYLE_RULES)


@pytest.mark.slow  # starts LibreOffice
def test_libreoffice_opens_the_fixed_copy(fixed, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: PDF conversion not tested")
    _, _, report = fixed
    src = Path(report.output) / "案例总结报告.docx"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    from pypdf import PdfReader

    text = "".join(p.extract_text() or "" for p in PdfReader(tmp_path / "案例总结报告.pdf").pages)
    assert "案例概述" in text and "表格单元" in text


def test_over_3000_zi_gets_a_comment_naming_the_limit(tmp_path: Path) -> None:
    spec = ReportSpec(attachment_note=None)
    doc = build_report(spec)
    doc.add_paragraph(chinese_text(3001 - report_zi(spec)))
    folder = new_report_folder(tmp_path / "超字数", doc)
    report = fix_submission(folder, tmp_path / "out")
    assert [f.actual["count"] for f in report.before.findings if f.rule == "report.word_count"] == [
        3001
    ]
    texts = [t for a, t in _comments(Path(report.output) / "案例总结报告.docx") if a == "casecheck"]
    assert any("3001 字" in t and "3000 字" in t and "删减至少 1 字" in t for t in texts)
    assert _statuses(report.after, "report.word_count") == {Status.FAIL}  # left for the teacher


def test_missing_section_and_ai_image_are_annotated_where_they_are(tmp_path: Path) -> None:
    titles = [t for t in EVIDENCE_TITLES if t != "成效评估"]
    doc = build_report(ReportSpec(sections=titles))
    import io

    from docx.shared import Inches

    doc.add_paragraph().add_run().add_picture(
        io.BytesIO(png(text={"AIGC": AIGC_JSON})), width=Inches(1)
    )
    folder = new_report_folder(tmp_path / "缺部分", doc)
    report = fix_submission(folder, tmp_path / "out")
    left = [i for f in report.files for i in f.left]
    missing = next(i for i in left if "成效评估" in i.message)
    assert "证据采集与分析" in (missing.location or "") and "之后" in missing.message
    image = next(i for i in left if "AI生成" in i.message)
    assert image.place and str(image.place["image"]).startswith("/word/media/")
    out = docx.Document(str(Path(report.output) / "案例总结报告.docx"))
    # The image comment's range holds the picture run.
    body = out.element.body
    start = body.xpath("//w:commentRangeStart")[-1]
    assert start.getnext().xpath(".//w:drawing")


def test_conforming_report_is_copied_unchanged(tmp_path: Path) -> None:
    folder = new_report_folder(tmp_path / "合格", build_report())
    report = fix_submission(folder, tmp_path / "out")
    [record] = [f for f in report.files if f.material == "report"]
    assert not record.written and not record.items
    copy = Path(report.output) / "案例总结报告.docx"
    assert copy.read_bytes() == (folder / "案例总结报告.docx").read_bytes()


def test_refuses_an_output_folder_inside_the_submission(tmp_path: Path) -> None:
    folder = new_report_folder(tmp_path / "案例", build_report())
    before = snapshot(folder)
    with pytest.raises(FixError):
        fix_submission(folder, folder / "fixed")
    with pytest.raises(FixError):
        fix_submission(folder, folder)
    with pytest.raises(FixError):  # OUTDIR/<name> would be the submission itself
        fix_submission(folder, tmp_path)
    assert snapshot(folder) == before
    result = CliRunner().invoke(app, ["fix", str(folder), "-o", str(folder / "x")])
    assert result.exit_code == 2 and "案例文件夹内" in result.output
    assert snapshot(folder) == before


def test_cli_json_lists_fixes_and_the_recheck(tmp_path: Path) -> None:
    folder = new_report_folder(tmp_path / "案例", hard_report())
    result = CliRunner().invoke(
        app, ["fix", str(folder), "-o", str(tmp_path / "o"), "--format", "json", "--lang", "en"]
    )
    data = json.loads(result.stdout)
    [record] = [f for f in data["fix"]["files"] if f["material"] == "report"]
    assert record["written"] and any(
        "Set the East Asian font" in i["message"] for i in record["items"]
    )
    rules = {
        f["rule"]: f["status"]
        for f in data["check"]["submissions"][0]["findings"]
        if f["rule"] in STYLE_RULES
    }
    assert set(rules.values()) == {"pass"}
