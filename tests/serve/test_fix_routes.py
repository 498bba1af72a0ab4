"""The page's fix: ``fix_submission`` as a job, into a temporary or a chosen folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.factories.serve_helpers import POST_HEADERS, page_client, snapshot, wait_job

pytestmark = pytest.mark.slow  # the page's jobs in child processes

ROOT = Path(__file__).resolve().parents[2]
CASE = "02-名师工作室-常见问题"


def checked(client, path: str) -> str:  # type: ignore[no-untyped-def]
    job = client.post("/api/check", json={"path": path}, headers=POST_HEADERS).json()
    assert wait_job(client, job["id"])["state"] == "done"
    return str(job["id"])


def test_fix_into_a_chosen_folder_then_download(tmp_path: Path) -> None:
    case = tmp_path / CASE
    shutil.copytree(ROOT / "examples" / CASE, case)
    (tmp_path / "修改稿").mkdir()
    before = snapshot(case)
    with page_client(tmp_path) as (client, _):
        check_id = checked(client, CASE)
        problems_before = len(client.get(f"/api/jobs/{check_id}").json()["summary"]["problems"])
        body = {"job": check_id, "outdir": "修改稿"}
        job = client.post("/api/fix", json=body, headers=POST_HEADERS).json()
        done = wait_job(client, job["id"], timeout=120)
        assert done["state"] == "done", done["error"]
        assert Path(done["outdir"]) == (tmp_path / "修改稿" / CASE).resolve()
        files = {f["name"]: f for f in done["files"]}
        report = files["总结报告.docx"]
        assert report["written"] and report["changed"]
        assert files["课件.pptx"]["written"]  # the external hyperlink was removed
        after = done["summary"]
        assert len(after["problems"]) < problems_before
        assert not any(p["rule"] == "courseware.hyperlink" for p in after["problems"])
        download = client.get(f"/api/jobs/{job['id']}/files/总结报告.docx")
        assert download.status_code == 200
        assert download.content == (tmp_path / "修改稿" / CASE / "总结报告.docx").read_bytes()
        assert "attachment" in download.headers["content-disposition"]
        assert client.get(f"/api/jobs/{job['id']}/files/../{CASE}/课件.pptx").status_code == 404
        html = client.get(f"/api/jobs/{job['id']}/report.html").text
        assert "视频帧率为 30 fps" in html  # what fix cannot change is still reported

        again = client.post("/api/fix", json=body, headers=POST_HEADERS).json()
        refused = wait_job(client, again["id"])
        assert refused["state"] == "failed"
        assert "已存在" in refused["error"] and "内部错误" not in refused["error"]
    assert snapshot(case) == before


def test_fix_refuses_output_inside_a_submission(tmp_path: Path) -> None:
    case = tmp_path / CASE
    shutil.copytree(ROOT / "examples" / CASE, case)
    shutil.copytree(ROOT / "examples" / "01-循证教研-基本合格", tmp_path / "other")
    (case / "sub").mkdir()
    before = snapshot(case)
    with page_client(tmp_path) as (client, _):
        check_id = checked(client, CASE)
        for outdir, message in (
            (CASE, "不能在案例文件夹里面"),
            (f"{CASE}/sub", "不能在案例文件夹里面"),
            ("other", "不能是另一个案例文件夹"),
            ("../", "只能浏览起始文件夹以内"),
        ):
            body = {"job": check_id, "outdir": outdir}
            answer = client.post("/api/fix", json=body, headers=POST_HEADERS)
            assert answer.status_code in (400, 403), outdir
            assert message in answer.json()["error"]
    assert snapshot(case) == before


def test_fix_uploaded_files_into_a_temp_folder(tmp_path: Path) -> None:
    case = ROOT / "examples" / CASE
    files = [
        ("files", (p.name, p.read_bytes(), "application/octet-stream"))
        for p in sorted(case.iterdir())
    ]
    with page_client(tmp_path) as (client, state):
        job = client.post("/api/upload", files=files, headers=POST_HEADERS).json()
        assert wait_job(client, job["id"])["state"] == "done"
        fix = client.post("/api/fix", json={"job": job["id"]}, headers=POST_HEADERS).json()
        done = wait_job(client, fix["id"], timeout=120)
        assert done["state"] == "done", done["error"]
        out = Path(done["outdir"])
        assert out.is_relative_to(state.session_dir) and out.name == "案例材料"
        assert (out / "总结报告.docx").is_file()
    assert not out.exists()  # temp folders go with the server
    assert list(tmp_path.iterdir()) == []


def test_fix_with_video_streams_the_re_encode_progress(tmp_path: Path) -> None:
    case = tmp_path / CASE
    shutil.copytree(ROOT / "examples" / CASE, case)
    before = snapshot(case)
    with page_client(tmp_path) as (client, _):
        check_id = checked(client, CASE)
        body = {"job": check_id, "video": True}
        job = client.post("/api/fix", json=body, headers=POST_HEADERS).json()
        events = []
        with client.stream("GET", f"/api/jobs/{job['id']}/events") as stream:
            for line in stream.iter_lines():
                if line.startswith("data: "):
                    events.append(json.loads(line[6:]))
    done = events[-1]
    assert done["state"] == "done", done["error"]
    fractions = [
        e["progress"].get("fraction") for e in events if e["progress"].get("file") == "视频.mp4"
    ]
    assert fractions and all(0 <= f <= 1 for f in fractions if f is not None)
    files = {f["name"]: f for f in done["files"]}
    assert files["视频.mp4"]["written"]
    fixed = {p["rule"] for p in done["summary"]["problems"]}
    assert not fixed & {"video.frame_rate", "video.resolution", "video.audio_codec"}
    assert "video.duration" in fixed  # 1.5 s stays 1.5 s: only the teacher can film more
    assert snapshot(case) == before
