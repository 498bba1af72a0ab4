"""``casecheck serve`` as a teacher starts it: a real uvicorn server on 127.0.0.1, Ctrl-C."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from casecheck.serve.server import bind

ROOT = Path(__file__).resolve().parent.parent


def request(
    port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, str, dict[str, str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return (
            response.status,
            response.read().decode("utf-8", "replace"),
            dict(response.getheaders()),
        )
    finally:
        conn.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int, str]]:
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "casecheck",
            "serve",
            "--no-browser",
            "--root",
            str(ROOT / "examples"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]+)", line)
    assert match, line
    port, token = int(match.group(1)), match.group(2)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:  # wait until uvicorn answers
        try:
            request(port, "/")
            break
        except OSError:
            time.sleep(0.1)
    yield proc, port, token
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl-C is sent as SIGINT on POSIX")
def test_real_server_guards_every_request_and_stops_on_ctrl_c(
    server: tuple[subprocess.Popen[str], int, str], tmp_path: Path
) -> None:
    proc, port, token = server
    assert request(port, "/")[0] == 403  # no token
    assert request(port, "/api/folders")[0] == 403
    status, _, headers = request(port, f"/?token={token}")
    assert status == 303
    cookie = headers["set-cookie"].split(";")[0]
    status, page, _ = request(port, "/", {"Cookie": cookie})
    assert status == 200 and "casecheck" in page
    assert request(port, f"/?token={token}", {"Host": f"rebind.example:{port}"})[0] == 403
    cross = {"Cookie": cookie, "Origin": "http://evil.example", "X-Casecheck-Token": token}
    assert request(port, "/api/check", cross, method="POST")[0] == 403
    status, body, _ = request(port, "/api/folders", {"Cookie": cookie})
    assert status == 200 and "01-循证教研-基本合格" in body
    session = [p for p in Path(tmp_path).iterdir() if p.name.startswith("casecheck-serve-")]
    assert len(session) == 1  # the server's temp folder, under TMPDIR

    # Ctrl-C while a check runs and a tab listens to its progress stream.
    post = {"Cookie": cookie, "X-Casecheck-Token": token, "Content-Type": "application/json"}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request(
        "POST", "/api/check", body='{"path": "02-名师工作室-常见问题"}'.encode(), headers=post
    )
    job = json.loads(conn.getresponse().read())
    conn.request("GET", f"/api/jobs/{job['id']}/events", headers={"Cookie": cookie})
    stream = conn.getresponse()
    assert stream.status == 200 and stream.readline().startswith(b"data: ")
    started = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
    output, _ = proc.communicate(timeout=20)
    assert proc.returncode == 0, output
    assert time.monotonic() - started < 10
    assert "Traceback" not in output
    assert "已停止" in output
    assert not session[0].exists()
    conn.close()


def test_bind_listens_on_loopback_only_on_a_free_port() -> None:
    first, second = bind(0), bind(0)
    try:
        assert first.getsockname()[0] == "127.0.0.1"
        assert first.getsockname()[1] != second.getsockname()[1]
    finally:
        first.close()
        second.close()


def test_serve_refuses_a_missing_root() -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "casecheck",
            "serve",
            "--no-browser",
            "--root",
            tempfile.gettempdir() + "/nope-18",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert run.returncode == 2
    assert "not a folder" in run.stderr
