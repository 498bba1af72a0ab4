"""What an administrator reads (issue 26, "nothing lost"): an empty folder is a row, 主要问题 are
the worst problems in a teacher's words, a duplicate set is one group and each member says
重复, batch output in a file has one line per case, and the workbook prints on A4.

One small Hunan tree, checked once through the command line (``--jobs 1 --no-content``).
"""

from __future__ import annotations

import shutil
from typing import Any

import pytest
from openpyxl import load_workbook

from casecheck.checkers.batch import short_names
from casecheck.i18n import Text
from casecheck.render.batch_text import case_marks, main_problems
from casecheck.result import Finding, Report, Severity, Status, SubmissionResult
from tests.factories.batch_factory import make_case, template_video
from tests.factories.examples_run import run_cli


# ── through the command line ────────────────────────────────────────────────
@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("admin")
    video = template_video(base / "template.mp4")
    root = base / "湖南省推荐"
    one = make_case(root / "长沙市/用AI/案例一", "智能作文批改助手的课堂实践", video, seed=1)
    two = make_case(root / "长沙市/用AI/案例二", "人工智能辅助数学分层作业设计", video, seed=2)
    shutil.copy(one / "案例总结报告.docx", two / "案例总结报告.docx")  # a duplicate pair
    (root / "长沙市/用AI/案例三").mkdir()  # empty: must not vanish
    damaged = make_case(root / "株洲市/教AI/案例甲", "基于大模型的英语口语陪练", video, seed=3)
    (damaged / "案例总结报告.docx").write_bytes(b"PK\x03\x04not a document")
    out = base / "结果"
    out.mkdir()
    mp = pytest.MonkeyPatch()
    mp.setenv("CASECHECK_CACHE_DIR", str(base / "cache"))
    try:
        code, _, err = run_cli(
            "batch",
            str(root),
            "--jobs",
            "1",
            "--no-content",
            "--select",
            "materials,report,video,batch",
            "--xlsx",
            str(out / "汇总.xlsx"),
            "--html",
            str(out / "汇总.html"),
            "--feedback",
            str(out / "反馈"),
            "--output",
            str(out / "结果.txt"),
        )
    finally:
        mp.undo()
    return {"code": code, "err": err, "out": out}


@pytest.mark.slow
def test_a_file_gets_one_borderless_line_per_case(batch: dict[str, Any]) -> None:
    text = (batch["out"] / "结果.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert not set(text) & set("┏┃━│─┌└╇┡")
    cases = [line for line in lines if line.startswith(("未通过", "通过"))]
    assert len(cases) == 4 and all(len(line) < 200 for line in cases)
    assert lines[-1].startswith("共 4 个案例文件夹（其中 1 个是空文件夹）")
    empty = next(line for line in cases if "案例三" in line)
    assert "缺少案例信息表" in empty and "不合格 4" in empty
    damaged = next(line for line in cases if "案例甲" in line)
    assert "案例总结报告无法打开；视频时长" in damaged
    first = next(line for line in cases if "案例一" in line)
    assert "重复：与 1 个案例重复：案例二" in first and "视频分辨率 320×180" in first
    group = next(line for line in lines if "疑似重复报送" in line)
    assert "2 个案例疑似重复报送（总结报告内容完全相同）：案例一、案例二" in group
    assert group.count("长沙市/用AI/案例一") == 1  # the full path once, as the place


@pytest.mark.slow
def test_workbook_summary_prints_on_a4_and_marks_duplicates(batch: dict[str, Any]) -> None:
    wb = load_workbook(batch["out"] / "汇总.xlsx")
    summary, details = wb["汇总"], wb["问题明细"]
    assert summary.max_column <= 12 and summary.max_row == 5
    assert summary.page_setup.orientation == "landscape"
    assert summary.print_title_rows == "$1:$1"
    heads = [c.value for c in summary[1]]
    main = {
        row[5].value: row[heads.index("主要问题")].value for row in summary.iter_rows(min_row=2)
    }
    assert main["长沙市/用AI/案例二"].startswith("重复：与 1 个案例重复：案例一；")
    assert main["长沙市/用AI/案例三"] == "缺少案例信息表；缺少案例课件；缺少案例视频"
    assert "各项结果" in wb.sheetnames and wb["各项结果"].max_column > 12
    said = [[c.value for c in row] for row in details.iter_rows(min_row=2)]
    dup = [row for row in said if row[3] == "重复报送"]
    assert {row[2] for row in dup} == {"长沙市/用AI/案例一", "长沙市/用AI/案例二"}
    assert all(row[1] is None or "重复" not in str(row[1]) for row in said)
    assert all(summary.row_dimensions[r].height for r in range(2, 6))


@pytest.mark.slow
def test_feedback_pages_and_summary_page_say_duplicate(batch: dict[str, Any]) -> None:
    pages = {p.name: p.read_text(encoding="utf-8") for p in (batch["out"] / "反馈").glob("*.html")}
    assert len(pages) == 4
    dup = [name for name, html in pages.items() if 'id="batch-marks"' in html]
    assert len(dup) == 2 and all("重复：与 1 个案例重复" in pages[n] for n in dup)
    html = (batch["out"] / "汇总.html").read_text(encoding="utf-8")
    assert "共 4 个案例文件夹（其中 1 个是空文件夹）" in html
    assert html.count("重复：与 1 个案例重复") >= 4  # each member's row and its details


# ── the shared helpers ──────────────────────────────────────────────────────
def finding(rule: str, status: Status, material: str | None = None, **kw: Any) -> Finding:
    return Finding(
        rule=rule, status=status, severity=Severity.ERROR, material=material, message="…", **kw
    )


def test_main_problems_rank_by_status_then_material_order() -> None:
    result = SubmissionResult(
        path="/r/长沙市/用AI/案例一",
        pack="p",
        pack_reason="",
        materials={"info_form": "a.docx", "courseware": "b.pptx", "video": "c.mp4", "report": "d"},
        findings=[
            finding("courseware.contact", Status.WARN, "courseware"),
            finding("report.body_style", Status.FAIL, "report", actual={"font": "宋体"}),
            finding("video.resolution", Status.FAIL, "video", actual="1280×720"),
            finding("report.word_count", Status.ERROR, "report"),
            finding("courseware.qr_code", Status.FAIL, "courseware"),
        ],
    ).finish()
    titles = {
        "video.resolution": Text("视频分辨率", "Video resolution"),
        "courseware.qr_code": Text("课件二维码", "QR codes"),
    }
    assert main_problems(result, titles, "zh") == [
        "案例总结报告无法打开",
        "课件二维码",
        "视频分辨率 1280×720",
    ]
    assert main_problems(result, titles, "en")[0] == "Summary report cannot be opened"


def test_over_quota_members_are_marked() -> None:
    results = [
        SubmissionResult(path=f"/r/长沙市/用AI/{n}", pack="p", pack_reason="").finish()
        for n in ("案例1", "案例2")
    ]
    over = finding(
        "batch.quota",
        Status.FAIL,
        location="长沙市「用AI」",
        place={"region": "长沙市", "category": "用AI", "folders": ["长沙市/用AI/案例2"]},
    )
    marks = case_marks(Report.of(results, [over]), "zh")
    assert marks[0] == [] and [w for _, w in marks[1]] == ["超指标：长沙市「用AI」"]


def test_short_names_tell_folders_apart() -> None:
    assert short_names(["长沙市/用AI/案例1", "株洲市/用AI/案例1", "株洲市/教AI/案例2"]) == [
        "长沙市/用AI/案例1",
        "株洲市/用AI/案例1",
        "案例2",
    ]
