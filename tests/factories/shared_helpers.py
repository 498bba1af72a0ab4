"""The shared page for tests: ``casecheck serve --shared`` as an administrator starts it (a child
process on loopback, its settings in casecheck.toml), and clients that behave like browsers —
each with its own session cookie and CSRF token — over real HTTP."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from typer.testing import CliRunner

from casecheck.cli import app as cli_app
from casecheck.serve.spool import folder_size


def toml_table(name: str, values: dict[str, Any]) -> str:
    lines = [f"[{name}]"]
    for key, value in values.items():
        text = str(value).lower() if isinstance(value, bool) else json.dumps(value)
        lines.append(f"{key} = {text}")
    return "\n".join(lines) + "\n"


@dataclass
class SharedServer:
    proc: subprocess.Popen[str]
    port: int
    spool: Path
    home: Path  # HOME and TMPDIR of the server: nothing may appear there
    stderr: Path
    output: str = ""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.stderr.read_text(encoding="utf-8", errors="replace")

    def health(self) -> dict[str, Any]:
        answer: dict[str, Any] = httpx.get(self.base + "/healthz", timeout=10).json()
        return answer

    def workers(self) -> list[int]:
        """The pids of the server's running check processes (its children)."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == self.proc.pid:
                found.append(int(entry.name))
        return found

    def peak_rss_kb(self) -> int:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+)", status).group(1))  # type: ignore[union-attr]

    def spool_bytes(self) -> int:
        return folder_size(self.spool)

    def job_folders(self) -> list[Path]:
        """What the spool holds for jobs (beside it: the server's lock file while it runs)."""
        return sorted(p for p in self.spool.iterdir() if p.name.startswith("job-"))

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60) -> str:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        out, _ = self.proc.communicate(timeout=timeout)
        self.output += out
        return self.output + self.log()


def start_shared(tmp_path: Path, shared: dict[str, Any], *args: str) -> SharedServer:
    """``casecheck serve --shared --bind 127.0.0.1:0`` with ``[shared]`` = ``shared``."""
    home = tmp_path / "home"
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    spool = tmp_path / "spool"
    config = tmp_path / "casecheck.toml"
    config.write_text(toml_table("shared", {"spool": str(spool), **shared}), encoding="utf-8")
    stderr = tmp_path / "server.log"
    env = {
        **os.environ,
        "HOME": str(home),
        "TMPDIR": str(home / "tmp"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "CASECHECK_SOFFICE": "none",
        "PYTHONUNBUFFERED": "1",
    }
    command = [sys.executable, "-m", "casecheck", "serve", "--shared"]
    proc = subprocess.Popen(
        [*command, "--bind", "127.0.0.1:0", "--config", str(config), *args],
        stdout=subprocess.PIPE,
        stderr=stderr.open("w", encoding="utf-8"),
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
    assert match, first + stderr.read_text()
    server = SharedServer(proc, int(match.group(1)), spool, home, stderr, first)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            server.health()
            return server
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("the shared server did not answer")


def multipart(files: Iterable[tuple[bytes | str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body as a browser sends it, file names as raw bytes (so a test
    can send what an old GBK client or a script would)."""
    boundary = uuid.uuid4().hex
    body = b""
    for name, data in files:
        raw = name.encode("utf-8") if isinstance(name, str) else name
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="'.encode()
            + raw
            + b'"\r\nContent-Type: application/octet-stream\r\n\r\n'
            + data
            + b"\r\n"
        )
    body += f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def folder_files(folder: Path) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(folder.iterdir()) if p.is_file()]


class Browser:
    """One browser session on the shared page (its own cookie and CSRF token)."""

    def __init__(self, base: str, code: str | None = None) -> None:
        self.http = httpx.Client(base_url=base, timeout=60)
        page = self.http.get("/")
        assert page.status_code == 200, page.text
        self.config = json.loads(re.search(r"const CONFIG = (\{.*?\});\n", page.text).group(1))  # type: ignore[union-attr]
        self.csrf: str = self.config["csrf"]
        if code is not None:
            assert self.post("/api/code", {"code": code}).status_code == 200

    def post(self, path: str, body: dict[str, Any] | None = None) -> httpx.Response:
        return self.http.post(path, json=body or {}, headers={"X-CSRF-Token": self.csrf})

    def upload(self, files: Iterable[tuple[bytes | str, bytes]], **query: str) -> httpx.Response:
        body, ctype = multipart(files)
        headers = {"X-CSRF-Token": self.csrf, "Content-Type": ctype}
        return self.http.post("/api/upload", content=body, headers=headers, params=query)

    def case(self, case_id: str) -> dict[str, Any]:
        view: dict[str, Any] = self.http.get(f"/api/cases/{case_id}").json()
        return view

    def wait(self, case_id: str, job: str = "check", timeout: float = 120) -> dict[str, Any]:
        """Poll the case (at most ``timeout`` seconds, 3 requests a second) until ``job`` ended."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            view = self.case(case_id)
            if view.get(job) and view[job]["state"] in ("done", "failed", "cancelled"):
                return view
            time.sleep(0.3)
        raise AssertionError(f"{job} of {case_id} did not end in {timeout} s")

    def report(self, case_id: str, which: str = "check") -> dict[str, Any]:
        response = self.http.get(f"/api/cases/{case_id}/report.json", params={"which": which})
        assert response.status_code == 200, response.text
        report: dict[str, Any] = response.json()
        return report


def findings_of(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(rule, status, message) of every finding of a one-submission JSON report, sorted."""
    return sorted(
        (f["rule"], f["status"], f["message"]) for f in report["submissions"][0]["findings"]
    )


def cli_findings(folder: Path) -> list[tuple[str, str, str]]:
    """What ``casecheck check FOLDER --format json`` finds, as ``findings_of`` gives it."""
    run = CliRunner().invoke(cli_app, ["check", str(folder), "--format", "json"])
    assert run.exit_code in (0, 1), run.output
    return findings_of(json.loads(run.stdout))
