"""Retention (serve/shared_state.py): a case older than the retention time is gone from disk
and from the server — an in-process server whose clock the test moves."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.factories.shared_helpers import Browser, folder_files

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "02-名师工作室-常见问题"


def make_state(tmp_path: Path, now: list[float]) -> Any:
    from casecheck.serve.shared_options import SharedOptions
    from casecheck.serve.shared_state import SharedState

    options = SharedOptions.of({"spool": tmp_path / "spool", "workers": 1, "retention_min": 120})
    return SharedState(options, 8080, clock=lambda: now[0])


def new_case(state: Any, session: str = "s") -> Any:
    root = state.spool.new_folder()
    (root / "案例材料").mkdir()
    (root / "案例材料" / "课件.pptx").write_bytes(b"x" * 10)
    state.spool.claim(10, unwritten=False)
    return state.add_case(session, root, [], 10, None)


def test_sweep_forgets_what_passed_the_retention_time(tmp_path: Path) -> None:
    now = [0.0]
    state = make_state(tmp_path, now)
    try:
        old = new_case(state)
        now[0] += 3600
        young = new_case(state)
        now[0] += 3601  # old: two hours and a second; young: one hour
        state.sweep()
        assert list(state.cases) == [young.id]
        assert not old.root.exists() and young.root.exists()
        assert state.spool.used == 10
        assert state.case_of(young.id, "another session") is None
    finally:
        state.close()
    assert list((tmp_path / "spool").iterdir()) == []


def test_finished_cases_past_the_cap_are_dropped_oldest_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casecheck.serve import shared_state

    monkeypatch.setattr(shared_state, "MAX_CASES", 3)
    state = make_state(tmp_path, [0.0])
    try:
        cases = [new_case(state) for _ in range(5)]
        assert list(state.cases) == [c.id for c in cases[2:]]
        assert [c.root.exists() for c in cases] == [False, False, True, True, True]
    finally:
        state.close()


@pytest.mark.slow
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
        folders = list((tmp_path / "spool").glob("job-*"))
        assert len(folders) == 1 and (folders[0] / "案例材料" / "课件.pptx").is_file()
        now[0] += 119 * 60  # not yet
        time.sleep(0.5)
        assert browser.case(young)["expiresIn"] == 60
        now[0] += 61  # two hours and a second after the upload
        deadline = time.monotonic() + 10
        while list((tmp_path / "spool").glob("job-*")) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert list((tmp_path / "spool").glob("job-*")) == []
        assert state.cases == {}
        gone = browser.http.get(f"/api/cases/{young}")
        assert gone.status_code == 404 and "超过保留时间" in gone.json()["error"]
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()
