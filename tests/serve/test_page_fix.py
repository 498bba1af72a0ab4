"""The local page's fix, in the page's own terms: one zip of the corrected folder, and the
video left un-encoded told as the page's check box, not as a command-line flag.

The jobs run in the test's process (``InlineJobs``) on a small real submission (factories:
.docx, .pptx, a 0.4-second .mp4), so these tests are not ``slow``.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from casecheck.serve.fixing import FIX_BUTTON, VIDEO_BOX
from tests.factories.serve_helpers import (
    POST_HEADERS,
    InlineJobs,
    page_client,
    snapshot,
    wait_job,
)
from tests.factories.submission_factory import make_submission

CASE = "张老师的案例"


def fixed(client: Any, lang: str = "zh") -> dict[str, Any]:
    """Check the case, then fix it into a temporary folder; the finished fix job."""
    body = {"path": CASE, "lang": lang}
    check = client.post("/api/check", json=body, headers=POST_HEADERS).json()
    assert wait_job(client, check["id"])["state"] == "done"
    body = {"job": check["id"], "lang": lang}
    job = client.post("/api/fix", json=body, headers=POST_HEADERS).json()
    done = wait_job(client, job["id"])
    assert done["state"] == "done", done["error"]
    return done


def test_the_corrected_folder_downloads_as_one_zip(tmp_path: Path) -> None:
    case = make_submission(tmp_path / CASE)
    before = snapshot(case)
    with page_client(tmp_path, jobs=InlineJobs()) as (client, state):
        done = fixed(client)
        outdir = Path(done["outdir"])
        assert outdir.name == CASE and not outdir.is_relative_to(case)
        answer = client.get(f"/api/jobs/{done['id']}/fixed.zip")
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "application/zip"
        disposition = answer.headers["content-disposition"]
        assert disposition.startswith("attachment") and quote(f"{CASE}-修改后.zip") in disposition

        archive = zipfile.ZipFile(io.BytesIO(answer.content))
        names = sorted(archive.namelist())
        assert names == sorted(f["name"] for f in done["files"])
        assert names == ["案例信息表.docx", "案例总结报告.docx", "案例视频.mp4", "案例课件.pptx"]
        for info in archive.infolist():
            assert info.flag_bits & 0x800, info.filename  # UTF-8 names: Explorer shows 中文
            assert archive.read(info) == (outdir / info.filename).read_bytes()
        report = next(f for f in done["files"] if f["name"] == "案例总结报告.docx")
        assert report["written"]  # the zip holds the corrected report, not the original
        assert archive.read("案例总结报告.docx") != (case / "案例总结报告.docx").read_bytes()
        assert list(state.session_dir.glob("*.zip")) == []  # made for the download, then deleted

        check_id = done["check"]
        assert client.get(f"/api/jobs/{check_id}/fixed.zip").status_code == 404
        assert client.get("/api/jobs/nope/fixed.zip").status_code == 404
    assert snapshot(case) == before  # nothing written in the submission folder


def test_a_fix_folder_deleted_meanwhile_is_said_not_crashed(tmp_path: Path) -> None:
    make_submission(tmp_path / CASE)
    with page_client(tmp_path, jobs=InlineJobs()) as (client, _):
        done = fixed(client)
        for name in Path(done["outdir"]).iterdir():
            name.unlink()
        Path(done["outdir"]).rmdir()
        answer = client.get(f"/api/jobs/{done['id']}/fixed.zip")
        assert answer.status_code == 410
        assert "请重新自动修改" in answer.json()["error"]


def test_the_video_note_names_the_pages_box_in_both_languages(tmp_path: Path) -> None:
    make_submission(tmp_path / CASE)  # a 0.4-second video: its format rules fail
    with page_client(tmp_path, jobs=InlineJobs()) as (client, _):
        page = client.get("/").text
        assert VIDEO_BOX.zh in page and VIDEO_BOX.en in page  # the box's label comes from here
        for lang, box, button in (
            ("zh", VIDEO_BOX.zh, FIX_BUTTON.zh),
            ("en", VIDEO_BOX.en, FIX_BUTTON.en),
        ):
            done = fixed(client, lang)
            video = next(f for f in done["files"] if f["name"] == "案例视频.mp4")
            (note,) = video["left"]
            assert f"“{box}”" in note and f"“{button}”" in note
            assert "--video" not in note
            assert not video["written"]
