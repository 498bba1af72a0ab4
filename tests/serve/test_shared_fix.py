"""The shared page's fix in the shared page's own terms (issue 26): the note on a video it did
not re-encode names the page's check box and button — or, when the administrator switched
re-encoding off (``fix_video = false``), says so and where else to do it — never a bare
command-line flag. The box's label reaches the page from the server, its one home.

Real requests through Starlette's TestClient; the queue's jobs run in the test's process (no
child process) on a small real submission (a 0.4-second video), so these tests are not slow.
"""

from __future__ import annotations

import json
import re
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from casecheck.serve.fixing import FIX_BUTTON, SHARED_NO_VIDEO, SHARED_VIDEO_BOX
from casecheck.serve.queue import QueuedJobs
from casecheck.serve.shared_app import create_shared_app
from casecheck.serve.shared_options import SharedOptions
from casecheck.serve.shared_state import SharedState
from tests.factories.serve_helpers import InlineJobs
from tests.factories.shared_helpers import folder_files, multipart
from tests.factories.submission_factory import make_submission

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

SHARED_JS = Path(__file__).parents[2] / "src/casecheck/serve/assets/shared.js"


class SharedPage:
    """One browser session on a shared page whose jobs run inline."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        page = client.get("/")
        assert page.status_code == 200, page.text
        found = re.search(r"const CONFIG = (\{.*?\});\n", page.text)
        assert found is not None
        self.config: dict[str, Any] = json.loads(found.group(1))
        self.headers = {"X-CSRF-Token": self.config["csrf"]}

    def wait(self, case_id: str, job: str) -> dict[str, Any]:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            view: dict[str, Any] = self.client.get(f"/api/cases/{case_id}").json()
            if view.get(job) and view[job]["state"] in ("done", "failed", "cancelled"):
                return view
            time.sleep(0.1)
        raise AssertionError(f"{job} of {case_id} did not end")

    def video_note(self, folder: Path, lang: str, video: bool = False) -> str:
        """Upload the case, check it, fix it (without the re-encode); the note on the video."""
        body, ctype = multipart(folder_files(folder))
        headers = {**self.headers, "Content-Type": ctype}
        answer = self.client.post("/api/upload", content=body, headers=headers)
        assert answer.status_code == 200, answer.text
        case_id = answer.json()["id"]
        assert self.wait(case_id, "check")["check"]["state"] == "done"
        fix = self.client.post(
            f"/api/cases/{case_id}/fix?lang={lang}", json={"video": video}, headers=self.headers
        )
        assert fix.status_code == 200, fix.text
        done = self.wait(case_id, "fix")["fix"]
        assert done["state"] == "done", done
        (entry,) = [f for f in done["files"] if f["name"] == "案例视频.mp4"]
        assert not entry["written"]
        (note,) = entry["left"]
        assert isinstance(note, str)
        return note


@pytest.fixture
def shared_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """``open_page(fix_video)``: a page of a shared server with that setting."""
    monkeypatch.setattr(QueuedJobs, "_watch", InlineJobs._watch)
    states: list[SharedState] = []

    def open_page(fix_video: bool) -> SharedPage:
        spool = tmp_path / f"spool-{len(states)}"
        options = SharedOptions.of({"spool": spool, "fix_video": fix_video})
        state = SharedState(options, 8080)
        states.append(state)
        return SharedPage(TestClient(create_shared_app(state), base_url="http://127.0.0.1:8080"))

    try:
        yield open_page
    finally:
        for state in states:
            state.close()


def test_the_video_note_names_the_shared_pages_box(tmp_path: Path, shared_page: Any) -> None:
    case = make_submission(tmp_path / "张老师的案例")  # 0.4 s: the video's format rules fail
    page = shared_page(True)
    assert page.config["fixVideo"] is True
    assert page.config["words"]["fixVideo"] == SHARED_VIDEO_BOX._asdict()
    assert page.config["words"]["fixRun"] == FIX_BUTTON._asdict()
    for lang, box, button in (
        ("zh", SHARED_VIDEO_BOX.zh, FIX_BUTTON.zh),
        ("en", SHARED_VIDEO_BOX.en, FIX_BUTTON.en),
    ):
        note = page.video_note(case, lang)
        assert f"“{box}”" in note and f"“{button}”" in note, note
        assert "--video" not in note


def test_with_re_encoding_switched_off_the_note_says_where_else(
    tmp_path: Path, shared_page: Any
) -> None:
    case = make_submission(tmp_path / "张老师的案例")
    page = shared_page(False)
    assert page.config["fixVideo"] is False  # the page hides its box
    zh = page.video_note(case, "zh", video=True)  # a forged request cannot switch it on
    assert SHARED_NO_VIDEO.zh in zh and SHARED_VIDEO_BOX.zh not in zh
    assert zh.startswith("视频未重新编码") and "剪辑软件" in zh
    en = page.video_note(case, "en")
    assert SHARED_NO_VIDEO.en in en and SHARED_VIDEO_BOX.en not in en
    assert not re.search(r"[\u4e00-\u9fff]", en)  # English complete


def test_the_box_label_has_one_home() -> None:
    """shared.js takes the box and button labels from the server (CONFIG.words)."""
    script = SHARED_JS.read_text(encoding="utf-8")
    assert "CONFIG.words" in script
    assert SHARED_VIDEO_BOX.zh not in script and SHARED_VIDEO_BOX.en not in script
