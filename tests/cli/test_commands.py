"""The command line end to end: exit codes, formats, selection, schema, and read-only folders."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from typer.testing import CliRunner

from casecheck.cli import app
from tests.factories.submission_factory import make_submission
from tests.factories.video_factory import make_video

runner = CliRunner()


@pytest.fixture(scope="module")
def submission(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_submission(tmp_path_factory.mktemp("sub") / "我的案例")


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        + str(p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_json_report_validates_against_schema(submission: Path) -> None:
    before = snapshot(submission)
    code, out = invoke("check", str(submission), "--format", "json")
    assert code == 1
    report = json.loads(out)  # stdout holds only JSON
    _, schema_out = invoke("schema", "report")
    jsonschema.validate(report, json.loads(schema_out))
    assert report["schema_version"] == 1
    sub = report["submissions"][0]
    assert sub["pack"] == "ncet2026-evidence" and sub["status"] == "fail"
    assert sub["materials"]["video"] == "案例视频.mp4"
    duration = next(f for f in sub["findings"] if f["rule"] == "video.duration")
    assert duration["status"] == "fail" and duration["actual"] == pytest.approx(0.4, abs=0.1)
    assert duration["requirement"] == "案例视频总时长 7-10 分钟之间"
    # counts are per rule (result.py): every rule once, under its worst status
    assert sum(sub["counts"].values()) == len({f["rule"] for f in sub["findings"]})
    assert snapshot(submission) == before  # nothing in the folder was written


def test_select_ignore_and_exit_codes(submission: Path) -> None:
    code, out = invoke("check", str(submission), "--format", "json", "--select", "video.*")
    rules = {f["rule"] for f in json.loads(out)["submissions"][0]["findings"]}
    assert rules and all(r.startswith("video.") for r in rules)
    code, out = invoke(
        "check",
        str(submission),
        "--format",
        "json",
        "--select",
        "video",
        "--ignore",
        "video.duration,video.bit_rate",
    )
    rules = {f["rule"] for f in json.loads(out)["submissions"][0]["findings"]}
    assert "video.duration" not in rules and "video.frame_rate" in rules
    code, _ = invoke(
        "check", str(submission), "--select", "video.frame_rate,video.container,materials"
    )
    assert code == 0
    (submission / "备注.txt").write_text("x", encoding="utf-8")
    try:
        assert invoke("check", str(submission), "--select", "materials")[0] == 0  # a warning
        assert invoke("check", str(submission), "--select", "materials", "--strict")[0] == 1
    finally:
        (submission / "备注.txt").unlink()


def test_usage_errors_exit_2(submission: Path, tmp_path: Path) -> None:
    assert invoke("check", str(submission), "--pack", "nope")[0] == 2
    assert invoke("check", str(submission), "--select", "video.nonexistent")[0] == 2
    assert invoke("check", str(tmp_path / "missing"))[0] == 2
    assert invoke("explain", "video.nonexistent")[0] == 2
    (tmp_path / "bad.yaml").write_text("id: bad\ntitle: 1\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(submission), "--packs-dir", str(tmp_path)])
    assert result.exit_code == 2 and "bad.yaml" in result.stderr


def test_text_report_in_chinese_and_english(submission: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "report.txt"
    invoke("check", str(submission), "--select", "video", "--output", str(out_file))
    text = out_file.read_text(encoding="utf-8")
    assert "视频时长" in text and "结论：未通过" in text and "规则包" in text
    _, out = invoke(
        "check", str(submission), "--select", "video", "--lang", "en", "--format", "json"
    )
    messages = [f["message"] for f in json.loads(out)["submissions"][0]["findings"]]
    assert any(m.startswith("Duration") for m in messages)


def test_junit(submission: Path) -> None:
    _, out = invoke("check", str(submission), "--format", "junit", "--select", "video")
    suite = ET.fromstring(out.split("?>", 1)[1]).find("testsuite")
    assert suite is not None and int(suite.get("failures", "0")) >= 1
    assert all(c.get("classname") == str(submission) for c in suite.iter("testcase"))


def test_corrupt_video_is_an_error_and_the_rest_is_checked(tmp_path: Path) -> None:
    folder = make_submission(tmp_path / "case")
    video = folder / "案例视频.mp4"
    video.write_bytes(video.read_bytes()[:2000])
    _, out = invoke("check", str(folder), "--format", "json")
    submission = json.loads(out)["submissions"][0]
    findings = {f["rule"]: f for f in submission["findings"]}
    # one unreadable file is one error, said by the first rule that reads it
    assert findings["video.container"]["status"] == "error"
    assert "重新" in findings["video.container"]["message"]
    assert findings["video.duration"]["status"] == "skipped"
    assert "video.container" in findings["video.duration"]["message"]
    assert submission["counts"]["error"] == 1
    assert findings["materials.report"]["status"] == "pass"


def test_info_commands(submission: Path) -> None:
    code, out = invoke("packs")
    assert code == 0 and "ncet2026-studio" in out
    code, out = invoke("rules", "--pack", "ncet2026-studio")
    assert code == 0 and "video.duration" in out
    code, out = invoke("explain", "video.frame_rate")
    assert code == 0 and "帧率 25 帧/秒" in out
    code, out = invoke("inspect", str(submission / "案例视频.mp4"), "--format", "json")
    assert code == 0 and json.loads(out)["video"]["codec"] == "AVC"
    code, out = invoke("schema", "pack")
    assert code == 0 and "rules" in json.loads(out)["properties"]


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "casecheck", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "check" in result.stdout


def test_the_process_ends_with_the_whole_report_and_its_exit_code(
    submission: Path, tmp_path: Path
) -> None:
    """Through a real process: what it printed to a pipe and wrote to -o is all there, and
    the exit code is the check's (1: problems found; 2: a folder that does not exist)."""
    command = [sys.executable, "-m", "casecheck", "check", str(submission), "--no-content"]
    piped = subprocess.run([*command, "--format", "json"], capture_output=True, text=True)
    assert piped.returncode == 1, piped.stderr
    assert json.loads(piped.stdout)["counts"]["fail"] > 0
    written = subprocess.run([*command, "-o", str(tmp_path / "报告.txt")], capture_output=True)
    assert written.returncode == 1
    assert "结论：未通过" in (tmp_path / "报告.txt").read_text(encoding="utf-8")
    missing = subprocess.run([*command[:-2], str(tmp_path / "没有这个文件夹")], capture_output=True)
    assert missing.returncode == 2


def test_next_years_guide_is_a_yaml_change(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    make_video(folder / "视频.mp4", seconds=1, fps=30)
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "y.yaml").write_text(
        "id: ncet2027\nextends: ncet2026-evidence\ntitle: {zh: '2027', en: '2027'}\nsource: 2027 指南\n"
        "rules:\n  video.frame_rate:\n    params: {fps: 30}\n    requirement: 帧率 30 帧/秒\n",
        encoding="utf-8",
    )
    _, out = invoke(
        "check",
        str(folder),
        "--pack",
        "ncet2026-evidence",
        "--select",
        "video.frame_rate",
        "--format",
        "json",
    )
    assert json.loads(out)["submissions"][0]["findings"][0]["status"] == "fail"
    _, out = invoke(
        "check",
        str(folder),
        "--packs-dir",
        str(packs),
        "--pack",
        "ncet2027",
        "--select",
        "video.frame_rate",
        "--format",
        "json",
    )
    finding = json.loads(out)["submissions"][0]["findings"][0]
    assert finding["status"] == "pass" and finding["requirement"] == "帧率 30 帧/秒"
