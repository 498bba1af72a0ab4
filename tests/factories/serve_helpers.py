"""A casecheck page app for tests: real HTTP requests through Starlette's TestClient (httpx)."""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette prefers httpx2; httpx is what it runs on here
    from starlette.testclient import TestClient

from casecheck.i18n import Text
from casecheck.serve.app import ServeState, create_app
from casecheck.serve.folders import FolderBrowser
from casecheck.serve.jobs import Job, JobManager
from casecheck.serve.security import Guard
from casecheck.serve.worker import child_main

TOKEN = "test-token-0123456789"
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
POST_HEADERS = {"X-Casecheck-Token": TOKEN, "Origin": BASE}


class InlineJobs(JobManager):
    """Jobs run by the worker's own code in the test's process (no child process, which costs
    seconds): for tests of the routes around a finished check or fix."""

    def _watch(self, job: Job) -> None:
        self._update(job, state="running")
        sent: list[tuple[str, Any]] = []
        child_main(job.kind, job.params, sent.append)
        kind, value = next(m for m in reversed(sent) if m[0] != "progress")
        if kind == "result":
            self._finish(job, "done", result=value, outcome="done")
        else:
            self._finish(job, "failed", error=Text(value, value), outcome=kind)


@contextmanager
def page_client(root: Path, **state_args: Any) -> Iterator[tuple[TestClient, ServeState]]:
    """A client that has opened the page's URL (so it holds the token cookie)."""
    state = ServeState(guard=Guard(TOKEN, PORT), browser=FolderBrowser(root), **state_args)
    with TestClient(create_app(state), base_url=BASE) as client:
        assert client.get(f"/?token={TOKEN}").status_code == 200
        yield client, state


def wait_job(client: TestClient, job_id: str, timeout: float = 60.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed", "cancelled"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish in {timeout} s")


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under ``folder`` with size and mtime (to prove nothing was written)."""
    return {
        str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    } | {".": (0, folder.stat().st_mtime_ns)}
