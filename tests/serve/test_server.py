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

pytestmark = pytest.mark.slow  # uvicorn servers

ROOT = Path(__file__).resolve().parents[2]


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


LAUNCHERS = ROOT / "src" / "casecheck" / "serve" / "launchers"


def start(
    command: list[str], tmp_path: Path, **env_extra: str
) -> tuple[subprocess.Popen[str], int, str]:
    """Start a page server; returns it with the port and token from the URL it prints."""
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONUNBUFFERED": "1", **env_extra}
    proc = subprocess.Popen(
        command,
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
    return proc, port, token


def stop(proc: subprocess.Popen[str]) -> str:
    """Ctrl-C (SIGINT to the process group, as a terminal sends it); returns the output."""
    os.killpg(proc.pid, signal.SIGINT)
    output, _ = proc.communicate(timeout=20)
    return output


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int, str]]:
    command = [sys.executable, "-m", "casecheck", "serve", "--no-browser"]
    proc, port, token = start([*command, "--root", str(ROOT / "examples")], tmp_path)
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
    output = stop(proc)
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
    def serve(*lang: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "casecheck",
                "serve",
                "--no-browser",
                "--root",
                tempfile.gettempdir() + "/nope-18",
                *lang,
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )

    run = serve("--lang", "en")
    assert run.returncode == 2
    assert "not a folder" in run.stderr
    assert "Traceback" not in run.stderr
    zh = serve()  # the default: Chinese, with what to do
    assert zh.returncode == 2
    assert "不是文件夹" in zh.stderr and "修改方法" in zh.stderr and "--root" in zh.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="the .command launcher is for macOS")
def test_macos_launcher_starts_the_page_and_opens_the_browser(tmp_path: Path) -> None:
    """The double-clickable .command finds this checkout's .venv, starts ``serve`` and opens the
    page's URL (with its token) in the browser — here a stand-in named by $BROWSER."""
    launcher = LAUNCHERS / "casecheck-serve.command"
    assert os.access(launcher, os.X_OK)
    if not (ROOT / ".venv" / "bin" / "casecheck").exists():
        pytest.skip("no .venv in this checkout for the launcher to find")
    opened = tmp_path / "opened.txt"
    browser = f"sh -c 'echo %s > {opened}'"
    proc, port, token = start(["sh", str(launcher), "--root", str(ROOT)], tmp_path, BROWSER=browser)
    try:
        assert request(port, "/")[0] == 403
        assert request(port, f"/?token={token}")[0] == 303
        deadline = time.monotonic() + 20
        while not (opened.exists() and opened.read_text().strip()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert opened.read_text().strip() == f"http://127.0.0.1:{port}/?token={token}"
    finally:
        output = stop(proc)
    assert proc.returncode == 0, output


def test_windows_launcher_runs_serve() -> None:
    """The .cmd (checked as text here): CRLF lines, UTF-8 console, runs ``casecheck serve``."""
    data = (LAUNCHERS / "casecheck-serve.cmd").read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")
    text = data.decode("utf-8")
    assert "chcp 65001" in text
    assert ".venv\\Scripts\\casecheck.exe" in text and '"%FOUND%" serve %*' in text
