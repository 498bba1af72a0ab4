"""The per-submission feedback page (`check --html`, `batch --feedback`) and the pack chosen
from the Hunan folder layout, on real submissions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casecheck.cli import app
from casecheck.render.feedback import feedback_name, render_feedback_page, write_feedback_pages
from casecheck.result import Finding, Picture, Report, Severity, Status, SubmissionResult, Waiver
from tests.factories.batch_factory import make_case, template_video
from tests.factories.pptx_factory import photo

runner = CliRunner()


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return template_video(tmp_path_factory.mktemp("video") / "t.mp4")


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory, video: bytes) -> Path:
    root = tmp_path_factory.mktemp("one")
    return make_case(root / "长沙市/用AI/案例1", "AI赋能听评课", video, category="用AI")


def test_check_html_writes_the_page_with_every_problem(case: Path, tmp_path: Path) -> None:
    page = tmp_path / "反馈.html"
    result = runner.invoke(app, ["check", str(case), "--html", str(page), "--format", "json"])
    assert result.exit_code == 1, result.output
    html = page.read_text(encoding="utf-8")
    assert "<h1>AI赋能听评课</h1>" in html
    assert "结论：未通过（不合格）" in html
    for label in ("长沙市第一中学", "张明", "用AI"):  # school, first author, category
        assert label in html
    # The duration problem with where, measured, required, how to fix and the source sentence.
    block = re.search(r'<article class="problem" data-rule="video.duration".*?</article>', html)
    assert block is not None
    text = block.group(0)
    assert "视频时长" in text and "案例视频.mp4" in text and "0.4 秒" in text
    assert "7–10 分钟" in text and "如何修改" in text and "「案例视频总时长 7-10 分钟之间」" in text
    # Measured values in words, never JSON.
    assert not re.search(r"<dd>[{\[]", html)
    assert "视频流" in html and "Mbps" in html
    assert "<script" not in html and "http" not in html.split("</title>")[1].replace(
        "http-equiv", ""
    )


def test_html_refuses_several_folders_and_writing_inside_one(case: Path, tmp_path: Path) -> None:
    two = runner.invoke(app, ["check", str(case), str(case), "--html", str(tmp_path / "x.html")])
    assert two.exit_code == 2 and "batch" in two.output
    inside = runner.invoke(app, ["check", str(case), "--html", str(case / "反馈.html")])
    assert inside.exit_code == 2 and not (case / "反馈.html").exists()


def jpeg() -> bytes:
    import io

    buf = io.BytesIO()
    photo(64, 36, seed=3).save(buf, "JPEG")
    return buf.getvalue()


def test_waived_findings_and_pictures_are_shown() -> None:
    picture = Picture(label="正脸（学生）", time_s=195.0, jpeg=jpeg())
    findings = [
        Finding(
            rule="video.faces",
            status=Status.MANUAL,
            severity=Severity.WARNING,
            material="video",
            file="案例视频.mp4",
            location="03:15",
            message="画面中出现正脸，请人工确认",
            pictures=[picture],
        ),
        Finding(
            rule="courseware.logo",
            status=Status.WAIVED,
            severity=Severity.WARNING,
            material="courseware",
            message="第 1 张幻灯片有学校标志",
            waiver=Waiver(
                original_status=Status.WARN,
                reason="校徽为活动方允许",
                by="李老师",
                date="2026-06-01",
            ),
        ),
    ]
    result = SubmissionResult(
        path="/x/案例", pack="hunan2026-ai-case", pack_reason="default", findings=findings
    ).finish()
    html = render_feedback_page(result, "zh")
    assert "data:image/jpeg;base64," in html and "正脸（学生） · 03:15" in html
    waived = html.split("已豁免（1）")[1]
    for word in ("校徽为活动方允许", "李老师", "2026-06-01", "警告"):
        assert word in waived
    english = render_feedback_page(result, "en")
    assert "Waived (1)" in english and "Reviewer" in english


def test_feedback_names_are_sanitised_and_unique(tmp_path: Path) -> None:
    result = SubmissionResult(path="/r/案例", pack="p", pack_reason="default")
    result.case.unit, result.case.school = "长沙市", "一中/二部"
    result.case.first_author, result.case.name = "张明", "AI:赋能*听评课?"
    assert feedback_name(result) == "长沙市-一中_二部-张明-AI_赋能_听评课_"
    nameless = SubmissionResult(path="/r/案例07", pack="p", pack_reason="default")
    assert feedback_name(nameless) == "案例07"
    pages = write_feedback_pages(Report.of([result, result, nameless]), tmp_path / "fb", "zh")
    assert [p.name for p in pages] == [
        "长沙市-一中_二部-张明-AI_赋能_听评课_.html",
        "长沙市-一中_二部-张明-AI_赋能_听评课_-2.html",
        "案例07.html",
    ]


@pytest.mark.slow
def test_batch_feedback_and_pack_from_the_hunan_layout(
    tmp_path: Path, video: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASECHECK_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "推荐"
    make_case(root / "长沙市/用AI/甲", "甲案例", video, category="用AI", seed=1)
    make_case(root / "株洲市/教AI/乙", "乙案例", video, category="教AI", seed=2)
    pages = tmp_path / "反馈"
    result = runner.invoke(
        app,
        [
            "batch",
            str(root),
            "--select",
            "materials,form,batch",
            "--feedback",
            str(pages),
            "--format",
            "json",
        ],
    )
    assert result.exit_code in (0, 1), result.output
    assert "使用规则包 hunan2026-ai-case" in result.stderr
    names = sorted(p.name for p in pages.iterdir())
    assert names == [
        "株洲市-长沙市第一中学-张明-乙案例.html",
        "长沙市-长沙市第一中学-张明-甲案例.html",
    ]
    assert "hunan2026-ai-case（根据批量目录的文件夹结构识别）" in (pages / names[1]).read_text(
        "utf-8"
    )
    explicit = runner.invoke(
        app,
        [
            "batch",
            str(root),
            "--select",
            "materials",
            "--pack",
            "ncet2026-evidence",
            "--format",
            "json",
        ],
    )
    assert "使用规则包" not in explicit.stderr and '"pack": "ncet2026-evidence"' in explicit.stdout
