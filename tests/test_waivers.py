"""Waivers (--waivers FILE) and casecheck.toml through the CLI, on real files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from casecheck.cli import app
from casecheck.config import find_config
from tests.factories.submission_factory import make_deck, make_form, make_report
from tests.factories.video_factory import make_long_video, make_video

runner = CliRunner()


@pytest.fixture(scope="module")
def long_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A submission whose video runs 10:05 (a 5-second segment remuxed 121 times)."""
    root = tmp_path_factory.mktemp("batch")
    folder = root / "张明-AI课堂分析"
    folder.mkdir()
    make_form(folder / "案例信息表.docx")
    make_deck(folder / "案例课件.pptx")
    make_report(folder / "案例总结报告.docx")
    segment = make_video(tmp_path_factory.mktemp("seg") / "segment.mp4", seconds=5, audio=None)
    make_long_video(folder / "案例视频.mp4", seconds=605, segment=segment)
    return folder


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


WAIVER = """\
waivers:
  - submission: 张明-*
    rule: video.duration
    reason: 组委会同意视频延长至 10:05
    by: 李老师（市教研室）
    date: 2026-06-03
{expires}"""


def run(*args: str) -> tuple[int, Any, str]:
    result = runner.invoke(app, list(args))
    out = result.stdout
    data = json.loads(out) if out.lstrip().startswith("{") else None
    return result.exit_code, data, result.stderr


def duration(report: dict[str, Any]) -> dict[str, Any]:
    (found,) = [f for f in report["submissions"][0]["findings"] if f["rule"] == "video.duration"]
    return found


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_waiver_turns_the_duration_fail_into_waived(long_case: Path, tmp_path: Path) -> None:
    before = digest(long_case)
    waivers = write(tmp_path / "豁免.yaml", WAIVER.format(expires=""))
    args = ["--select", "video.duration", "--format", "json"]
    code, report, _ = run("check", str(long_case), *args)
    assert code == 1 and duration(report)["status"] == "fail"
    assert duration(report)["actual"] == pytest.approx(605, abs=1)  # 10:05

    code, report, _ = run("check", str(long_case), *args, "--waivers", str(waivers))
    assert code == 0
    finding = duration(report)
    assert finding["status"] == "waived"
    assert finding["waiver"] == {
        "original_status": "fail",
        "reason": "组委会同意视频延长至 10:05",
        "by": "李老师（市教研室）",
        "date": "2026-06-03",
        "expires": None,
    }
    assert report["submissions"][0]["status"] == "pass"
    assert report["submissions"][0]["counts"]["waived"] == 1
    assert report["batch_findings"] == []  # the waiver was used and has not expired
    assert digest(long_case) == before  # waivers never touch the submission


@pytest.mark.slow
def test_waived_finding_in_the_batch_xlsx(long_case: Path, tmp_path: Path) -> None:
    waivers = write(tmp_path / "w.yaml", WAIVER.format(expires="    expires: 2099-12-31\n"))
    xlsx = tmp_path / "汇总.xlsx"
    code, report, _ = run(
        "batch", str(long_case.parent), "--select", "video.duration", "--no-cache",
        "--waivers", str(waivers), "--xlsx", str(xlsx), "--format", "json", "--jobs", "1",
    )  # fmt: skip
    assert code == 0 and duration(report)["status"] == "waived"
    book = openpyxl.load_workbook(xlsx)
    assert "豁免" in book.sheetnames
    rows = list(book["豁免"].iter_rows(values_only=True))
    assert rows[0][:4] == ("案例文件夹", "规则", "原状态", "文件")
    (row,) = rows[1:]
    assert "张明-AI课堂分析" in row[0] and row[1] == "video.duration" and row[2] == "不合格"
    assert "组委会同意视频延长至 10:05" in row and "李老师（市教研室）" in row
    assert "2026-06-03" in row and "2099-12-31" in row


def test_expired_waiver_does_not_apply_and_is_warned(long_case: Path, tmp_path: Path) -> None:
    waivers = write(tmp_path / "old.yaml", WAIVER.format(expires="    expires: 2026-01-01\n"))
    code, report, _ = run(
        "check", str(long_case), "--select", "video", "--format", "json", "--waivers", str(waivers)
    )
    assert code == 1 and duration(report)["status"] == "fail"
    (note,) = report["batch_findings"]
    assert note["rule"] == "waivers.expired" and note["status"] == "warn"
    assert note["location"] == "第 2 行" and "2026-01-01" in note["message"]


def test_waiver_matching_nothing_is_warned(long_case: Path, tmp_path: Path) -> None:
    text = WAIVER.format(expires="").replace("张明-*", "王芳-*")
    waivers = write(tmp_path / "unused.yaml", text)
    code, report, _ = run(
        "check", str(long_case), "--select", "video.duration", "--format", "json",
        "--waivers", str(waivers), "--lang", "en",
    )  # fmt: skip
    assert code == 1
    (note,) = report["batch_findings"]
    assert note["rule"] == "waivers.unused" and "matched no fail" in note["message"]


def test_invalid_waivers_file_names_file_line_and_field(long_case: Path, tmp_path: Path) -> None:
    text = (
        WAIVER.format(expires="")
        .replace("    by: 李老师（市教研室）\n", "")
        .replace("date: 2026-06-03", "date: 六月三日")
    )
    waivers = write(tmp_path / "bad.yaml", text)
    code, _, err = run("check", str(long_case), "--waivers", str(waivers))
    assert code == 2
    assert f"{waivers}:2: waivers.0.by: 缺少必填字段" in err
    assert f"{waivers}:5: waivers.0.date: 应为日期" in err


def test_config_file_ignores_a_rule_and_the_command_line_wins(
    long_case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    (project / "deep").mkdir(parents=True)
    write(project / "casecheck.toml", 'ignore = ["video.duration"]\nlang = "en"\n')
    monkeypatch.chdir(project / "deep")  # found by searching upward
    code, report, _ = run("check", str(long_case), "--select", "video", "--format", "json")
    rules = {f["rule"] for f in report["submissions"][0]["findings"]}
    assert "video.duration" not in rules and "video.resolution" in rules
    resolution = next(
        f for f in report["submissions"][0]["findings"] if f["rule"] == "video.resolution"
    )
    assert resolution["message"].startswith("Resolution")  # lang = "en" from the file
    _, report, _ = run("check", str(long_case), "--select", "video", "--format", "json",
                       "--lang", "zh")  # fmt: skip
    assert "分辨率" in report["submissions"][0]["findings"][1]["message"]  # the option wins

    code, shown, _ = run("config", "--format", "json", "--jobs", "2")
    assert code == 0 and shown["config_file"] == str(project / "casecheck.toml")
    settings = shown["settings"]
    assert settings["ignore"] == {
        "value": ["video.duration"],
        "source": f"{project / 'casecheck.toml'}:1",
    }
    assert settings["jobs"] == {"value": 2, "source": "command line"}
    assert settings["pack"]["source"] == "default"


def test_config_search_stops_at_a_vcs_root(tmp_path: Path) -> None:
    write(tmp_path / "casecheck.toml", 'lang = "en"\n')
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "sub").mkdir()
    assert find_config(repo / "sub") is None
    assert find_config(tmp_path) == tmp_path / "casecheck.toml"


def test_invalid_config_is_a_usage_error(tmp_path: Path, long_case: Path) -> None:
    config = write(tmp_path / "casecheck.toml", 'jobs = 0\nlang = "fr"\n')
    code, _, err = run("check", str(long_case), "--config", str(config))
    assert code == 2
    assert f"{config}:1: jobs: 应 ≥ 1" in err and f"{config}:2: lang: 取值只能是" in err


def test_every_format_shows_the_waiver_apart(long_case: Path, tmp_path: Path) -> None:
    waivers = write(tmp_path / "w.yaml", WAIVER.format(expires=""))
    reason, reviewer = "组委会同意视频延长至 10:05", "李老师（市教研室）"
    common = ["--select", "video.duration", "--waivers", str(waivers)]
    text, junit = tmp_path / "out.txt", tmp_path / "out.xml"
    assert run("check", str(long_case), *common, "--output", str(text))[0] == 0
    shown = text.read_text(encoding="utf-8")
    assert "■ 已豁免 1 项" in shown and "已豁免 1 项" in shown.split("结论")[-1]
    assert f"豁免理由：{reason}；审核人：{reviewer}；日期：2026-06-03" in shown
    assert run("check", str(long_case), *common, "--format", "junit", "-o", str(junit))[0] == 0
    xml = junit.read_text(encoding="utf-8")
    assert "<failure" not in xml and f'name="waiver.by" value="{reviewer}"' in xml
    assert f'name="waiver.reason" value="{reason}"' in xml

    html, csv_file, summary = tmp_path / "s.html", tmp_path / "s.csv", tmp_path / "s.txt"
    code, _, _ = run(
        "batch", str(long_case.parent), *common, "--no-cache", "--jobs", "1",
        "--html", str(html), "--csv", str(csv_file), "--output", str(summary),
    )  # fmt: skip
    assert code == 0
    page = html.read_text(encoding="utf-8")
    waived_part = page.split('<h2 id="waived">')[1].split("<h2>")[0]
    assert reason in waived_part and reviewer in waived_part and "2026-06-03" in waived_part
    rows = csv_file.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].endswith("原状态,豁免理由,审核人,豁免日期")
    assert any(r.endswith(f"fail,{reason},{reviewer},2026-06-03") for r in rows)
    table = summary.read_text(encoding="utf-8")
    assert "已豁免" in table and reviewer in table


def test_concise_and_feedback_page_show_the_waiver(long_case: Path, tmp_path: Path) -> None:
    waivers = write(tmp_path / "w.yaml", WAIVER.format(expires=""))
    common = ["--select", "video.duration", "--waivers", str(waivers)]
    concise = tmp_path / "c.txt"
    assert run("check", str(long_case), *common, "--format", "concise", "-o", str(concise))[0] == 0
    (line,) = [x for x in concise.read_text(encoding="utf-8").splitlines() if "video.duration" in x]
    assert " video.duration waived " in line
    assert "原为 fail；李老师（市教研室） 2026-06-03：组委会同意视频延长至 10:05" in line

    page = tmp_path / "p.html"
    assert run("check", str(long_case), *common, "--html", str(page))[0] == 0
    html = page.read_text(encoding="utf-8")
    assert (
        "已豁免" in html and "组委会同意视频延长至 10:05" in html and "李老师（市教研室）" in html
    )
