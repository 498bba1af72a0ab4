"""The local page's API: checks as jobs with streamed progress, reports, robustness."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casecheck.cli import app
from casecheck.serve.jobs import JobManager
from casecheck.serve.page import page_html
from tests.factories.serve_helpers import POST_HEADERS, page_client, snapshot, wait_job
from tests.factories.submission_factory import make_form, make_report

pytestmark = pytest.mark.slow  # the page's jobs in child processes

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CASE = "02-名师工作室-常见问题"


def cli_json(folder: Path, *args: str) -> dict:
    """What ``casecheck check FOLDER --format json`` prints (run in this process)."""
    run = CliRunner().invoke(app, ["check", str(folder), "--format", "json", *args])
    assert run.exit_code in (0, 1), run.output
    return json.loads(run.stdout)


def findings(report: dict) -> list[tuple[str, str, str]]:
    return [(f["rule"], f["status"], f["message"]) for f in report["submissions"][0]["findings"]]


def report_only_case(parent: Path) -> Path:
    case = parent / "案例"
    case.mkdir()
    make_report(case / "案例总结报告.docx")
    return case


def test_check_streams_progress_and_gives_the_cli_findings() -> None:
    before = snapshot(EXAMPLES / CASE)
    with page_client(EXAMPLES) as (client, _):
        job = client.post("/api/check", json={"path": CASE}, headers=POST_HEADERS).json()
        events = []
        with client.stream("GET", f"/api/jobs/{job['id']}/events") as stream:
            for line in stream.iter_lines():
                if line.startswith("data: "):
                    events.append(json.loads(line[6:]))
        # the stream sends the job's state as it is at each poll (0.15 s), so a stage that
        # lasts less (classify) may be passed over; what it sends is in the pipeline's order
        stages = [s for e in events if (s := e["progress"].get("stage"))]
        order = {"classify": 0, "read": 1, "decode": 1, "rules": 2}
        assert [order[s] for s in stages] == sorted(order[s] for s in stages), stages
        assert "read" in stages and stages[-1] == "rules"
        read_files = {e["progress"]["file"] for e in events if e["progress"].get("stage") == "read"}
        assert read_files <= {"信息表.docx", "课件.pptx", "视频.mp4", "总结报告.docx"}
        final = events[-1]
        assert final["state"] == "done"
        assert final["summary"]["status"] == "fail"
        problems = {(p["rule"], p["status"]) for p in final["summary"]["problems"]}
        assert ("video.frame_rate", "fail") in problems
        page_json = client.get(f"/api/jobs/{job['id']}/report.json").json()
        html = client.get(f"/api/jobs/{job['id']}/report.html").text
        download = client.get(f"/api/jobs/{job['id']}/report.html?download=1")
    cli = cli_json(EXAMPLES / CASE)
    assert findings(page_json) == findings(cli)
    counts = cli["submissions"][0]["counts"]
    assert counts["error"] == 0  # the heading words the counts as check does: zeros left out
    zh = final["summary"]["sentence"]["zh"]
    assert zh.startswith(f"不合格 {counts['fail']} 项，") and "无法读取" not in zh
    assert final["summary"]["sentence"]["en"].startswith(f"{counts['fail']} failed, ")
    assert "视频帧率为 30 fps，要求 25 fps" in html
    assert "attachment" in download.headers["content-disposition"]
    assert snapshot(EXAMPLES / CASE) == before


def test_english_check_and_pack_choice() -> None:
    with page_client(EXAMPLES) as (client, _):
        body = {"path": CASE, "lang": "en", "pack": "ncet2026-evidence"}
        job = wait_job(
            client, client.post("/api/check", json=body, headers=POST_HEADERS).json()["id"]
        )
        report = client.get(f"/api/jobs/{job['id']}/report.json").json()
    assert report["submissions"][0]["pack"] == "ncet2026-evidence"
    cli = cli_json(EXAMPLES / CASE, "--lang", "en", "--pack", "ncet2026-evidence")
    assert findings(report) == findings(cli)


def test_unreadable_file_shows_the_cli_finding(tmp_path: Path) -> None:
    case = tmp_path / "案例"
    case.mkdir()
    make_form(case / "案例信息表.docx")
    (case / "案例总结报告.docx").write_bytes(b"PK\x03\x04 this is no real zip")
    with page_client(tmp_path) as (client, _):
        job = client.post("/api/check", json={"path": "案例"}, headers=POST_HEADERS).json()
        done = wait_job(client, job["id"])
        assert done["state"] == "done"
        html = client.get(f"/api/jobs/{job['id']}/report.html").text
    cli = cli_json(case)
    errors = [f for f in cli["submissions"][0]["findings"] if f["status"] == "error"]
    assert errors, "the CLI reports the broken report file as an error"
    for finding in errors:
        assert finding["message"] in html
    assert {p["rule"] for p in done["summary"]["problems"]} >= {f["rule"] for f in errors}


def test_killed_check_fails_clearly_and_the_server_goes_on(tmp_path: Path) -> None:
    report_only_case(tmp_path)
    with page_client(tmp_path) as (client, state):
        job = client.post("/api/check", json={"path": "案例"}, headers=POST_HEADERS).json()
        deadline = time.monotonic() + 30
        while (pid := state.jobs.get(job["id"]).pid) is None and time.monotonic() < deadline:  # type: ignore[union-attr]
            time.sleep(0.02)
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        dead = wait_job(client, job["id"])
        assert dead["state"] == "failed"
        assert "检查进程意外结束" in dead["error"]
        again = client.post("/api/check", json={"path": "案例"}, headers=POST_HEADERS).json()
        assert wait_job(client, again["id"])["state"] == "done"


def test_stop_button_cancels_a_running_check(tmp_path: Path) -> None:
    report_only_case(tmp_path)
    with page_client(tmp_path) as (client, _):
        job = client.post("/api/check", json={"path": "案例"}, headers=POST_HEADERS).json()
        assert client.post(f"/api/jobs/{job['id']}/cancel", headers=POST_HEADERS).status_code == 200
        stopped = wait_job(client, job["id"])
    assert stopped["state"] == "cancelled"
    assert stopped["error"] == "已停止"


def test_two_tabs_and_a_closed_tab() -> None:
    """Two pages check at once; one closes its progress stream mid-way: both finish."""
    with page_client(EXAMPLES) as (client, _):
        first = client.post("/api/check", json={"path": CASE}, headers=POST_HEADERS).json()
        second = client.post(
            "/api/check", json={"path": "01-循证教研-基本合格"}, headers=POST_HEADERS
        ).json()
        with client.stream("GET", f"/api/jobs/{first['id']}/events") as stream:
            next(stream.iter_lines())  # the tab closes after the first event
        results = {}

        def watch(job_id: str) -> None:
            results[job_id] = wait_job(client, job_id)

        threads = [threading.Thread(target=watch, args=(j["id"],)) for j in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert client.get("/api/folders").status_code == 200
    assert results[first["id"]]["summary"]["pack"] == "ncet2026-studio"
    assert results[second["id"]]["summary"]["pack"] == "ncet2026-evidence"


def test_page_is_self_contained() -> None:
    html = page_html(
        {"token": "t", "lang": "zh", "root": "r", "packs": [], "fix": False, "uploadLimit": 1}
    )
    assert "<script>" in html and "const CONFIG = {" in html
    for external in ("http://", "https://", "<link", 'src="http', "@import"):
        assert external not in html, external


def test_folder_listing_names_materials_only(tmp_path: Path) -> None:
    case = tmp_path / "案例"
    case.mkdir()
    make_report(case / "案例总结报告.docx")
    (case / "notes.txt").write_text("private")
    (case / ".hidden.docx").write_bytes(b"x")
    with page_client(tmp_path) as (client, _):
        listing = client.get("/api/folders", params={"path": "案例"}).json()
    assert listing["parent"] == ""
    assert [f["name"] for f in listing["files"]] == ["案例总结报告.docx"]
    assert "private" not in json.dumps(listing)


def test_fix_needs_a_finished_check() -> None:
    with page_client(EXAMPLES) as (client, _):
        answer = client.post("/api/fix", json={"job": "nope"}, headers=POST_HEADERS)
    assert answer.status_code == 400
    assert answer.json()["error"] == "请先完成一次检查"


def test_a_check_past_its_time_limit_is_stopped(tmp_path: Path) -> None:
    report_only_case(tmp_path)
    jobs = JobManager(timeout_s={"check": 0.01})
    with page_client(tmp_path, jobs=jobs) as (client, _):
        job = client.post("/api/check", json={"path": "案例"}, headers=POST_HEADERS).json()
        stopped = wait_job(client, job["id"])
    assert stopped["state"] == "failed"
    assert "秒仍未完成，已停止" in stopped["error"]


def test_a_check_that_cannot_start_says_why_as_the_cli_does(tmp_path: Path) -> None:
    report_only_case(tmp_path)
    with page_client(tmp_path) as (client, _):
        body = {"path": "案例", "pack": "no-such-pack"}
        job = client.post("/api/check", json=body, headers=POST_HEADERS).json()
        failed = wait_job(client, job["id"])
    run = CliRunner().invoke(app, ["check", str(tmp_path / "案例"), "--pack", "no-such-pack"])
    assert run.exit_code == 2
    assert failed["state"] == "failed"
    assert failed["error"] in run.output  # the CLI's own sentence, not an internal error
