"""Retention (serve/shared_state.py): a case older than the retention time is gone from disk
and from the server — an in-process server whose clock the test moves."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from tests.factories.shared_helpers import Browser, folder_files

pytestmark = pytest.mark.slow

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "02-名师工作室-常见问题"


def test_retention_deletes_old_cases_on_an_injected_clock(tmp_path: Path) -> None:
    import uvicorn

    from casecheck.serve.shared_app import create_shared_app
    from casecheck.serve.shared_options import SharedOptions
    from casecheck.serve.shared_server import bind_shared
    from casecheck.serve.shared_state import SharedState

    now = [1_000_000.0]
    sock = bind_shared("127.0.0.1", 0)
    port = sock.getsockname()[1]
    options = SharedOptions.of({"spool": tmp_path / "spool", "workers": 1, "retention_min": 120})
    state = SharedState(options, port, clock=lambda: now[0], sweep_every_s=0.1)
    server = uvicorn.Server(uvicorn.Config(create_shared_app(state), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        browser = Browser(f"http://127.0.0.1:{port}")
        young = browser.upload(folder_files(EXAMPLE)).json()["id"]
        view = browser.wait(young)
        assert view["expiresIn"] == 7200
        folders = list((tmp_path / "spool").iterdir())
        assert len(folders) == 1 and (folders[0] / "案例材料" / "课件.pptx").is_file()
        now[0] += 119 * 60  # not yet
        time.sleep(0.5)
        assert browser.case(young)["expiresIn"] == 60
        now[0] += 61  # two hours and a second after the upload
        deadline = time.monotonic() + 10
        while list((tmp_path / "spool").iterdir()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert list((tmp_path / "spool").iterdir()) == []
        assert state.cases == {}
        gone = browser.http.get(f"/api/cases/{young}")
        assert gone.status_code == 404 and "超过保留时间" in gone.json()["error"]
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()
