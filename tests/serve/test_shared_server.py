"""``casecheck serve --shared`` under hostile input and trouble, through real HTTP on loopback.

Each test starts the real command (a child process, settings in casecheck.toml, HOME and
TMPDIR pointed at an empty folder that must stay empty) and talks to it as browsers and
scripts would: hostile files and names, limits passed, slow clients, forged headers, a full
queue, a worker that hangs or dies, a shutdown with jobs in flight. Retention runs an
in-process server whose clock the test moves.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.factories.shared_helpers import (
    Browser,
    SharedServer,
    cli_findings,
    findings_of,
    folder_files,
    multipart,
    start_shared,
)
from tests.factories.submission_factory import make_deck, make_report, make_submission

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "02-名师工作室-常见问题"
LONG_NAME = "湖南省长沙市第一中学初中数学名师线上工作室" * 14 + "课件.pptx"  # 300 characters
HOSTILE = {
    "max_file_mb": 2,
    "max_job_mb": 5,
    "max_spool_gb": 0.004,  # 4 MB: an announced 4.5 MB upload does not fit
    "upload_idle_s": 1.5,
    "workers": 2,
    "jobs_per_hour": 1000,
    "requests_per_minute": 100000,
    "shutdown_grace_s": 2,
}


def zip_bomb_deck(path: Path) -> Path:
    """A real deck with one more part: 60 MB of zeros deflated to ~60 kB."""
    make_deck(path, "案例课件")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as deck:
        deck.writestr("ppt/media/image99.png", b"\0" * (60 << 20))
    return path


def raw_request(port: int, head: str, body: bytes = b"", wait_s: float = 10) -> tuple[int, str]:
    """Send ``head`` (and ``body``) on a socket, then read what the server answers."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait_s) as sock:
        sock.sendall(head.encode("latin-1") + body)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
            if b"\r\n\r\n" in data and len(data) > data.index(b"\r\n\r\n") + 4:
                head_end = data.index(b"\r\n\r\n")
                length = [
                    int(line.split(b":")[1])
                    for line in data[:head_end].split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                ]
                if length and len(data) >= head_end + 4 + length[0]:
                    break
    if not data:
        return 0, ""
    status = int(data.split(b" ", 2)[1])
    return status, data.split(b"\r\n\r\n", 1)[1].decode("utf-8", "replace")


def post_head(port: int, browser: Browser, length: int, ctype: str) -> str:
    cookie = "; ".join(f"{k}={v}" for k, v in browser.http.cookies.items())
    return (
        f"POST /api/upload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\n"
        f"X-CSRF-Token: {browser.csrf}\r\nContent-Type: {ctype}\r\n"
        f"Content-Length: {length}\r\n\r\n"
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SharedServer]:
    shared = start_shared(tmp_path_factory.mktemp("shared"), HOSTILE)
    yield shared
    shared.stop()


def test_hostile_files_and_names_get_the_checks_answers(
    server: SharedServer, tmp_path: Path
) -> None:
    """A zip-bomb deck, a truncated video, a 0-byte form, a report sent as
    ``../../etc/x.docx``: stored inside the job, each problem named as ``check`` names it."""
    local = tmp_path / "A"
    local.mkdir()
    zip_bomb_deck(local / "案例课件.pptx")
    make_submission(tmp_path / "full")
    video = (tmp_path / "full" / "案例视频.mp4").read_bytes()
    (local / "案例视频.mp4").write_bytes(video[: len(video) // 2])
    (local / "案例信息表.docx").write_bytes(b"")
    make_report(local / "x.docx")  # no keyword: the check knows it as the report by content
    browser = Browser(server.base)
    sent = [
        (("../../etc/x.docx" if name == "x.docx" else name), data)
        for name, data in folder_files(local)
    ]
    upload = browser.upload(sent)
    assert upload.status_code == 200, upload.text
    case = upload.json()
    renamed = {f["name"]: f["sentAs"] for f in case["files"]}
    assert renamed["x.docx"] == "../../etc/x.docx"
    view = browser.wait(case["id"])
    assert view["check"]["state"] == "done"
    report = browser.report(case["id"])
    assert findings_of(report) == cli_findings(local)  # the same answers as `check`
    messages = " ".join(m for _, status, m in findings_of(report) if status == "error")
    assert "压缩炸弹" in messages and "文件是空的（0 字节）" in messages
    assert "视频" in messages
    assert not (server.spool.parent / "etc").exists()
    assert not list(server.spool.parent.glob("**/etc/*"))
    assert browser.post(f"/api/cases/{case['id']}/delete").json() == {"deleted": True}


def test_device_and_300_character_gbk_names(server: SharedServer, tmp_path: Path) -> None:
    make_report(tmp_path / "r.docx")
    make_deck(tmp_path / "d.pptx", "案例课件")
    browser = Browser(server.base)
    upload = browser.upload(
        [
            (b"CON.docx", (tmp_path / "r.docx").read_bytes()),
            (LONG_NAME.encode("gbk"), (tmp_path / "d.pptx").read_bytes()),
        ]
    )
    assert upload.status_code == 200, upload.text
    files = {f["sentAs"]: f["name"] for f in upload.json()["files"]}
    assert files["CON.docx"] == "CON_.docx"
    long = files[LONG_NAME]  # decoded from GBK: readable
    assert long.startswith("湖南省长沙市第一中学") and long.endswith("课件.pptx")
    assert len(long.encode()) <= 200
    view = browser.wait(upload.json()["id"])
    materials = browser.report(view["id"])["submissions"][0]["materials"]
    assert materials["courseware"] == long  # still recognised as the deck
    browser.post(f"/api/cases/{view['id']}/delete")


def test_limits_and_forged_requests_are_refused_clearly(server: SharedServer) -> None:
    browser = Browser(server.base)
    port = server.port
    body, ctype = multipart([("案例视频.mp4", b"x" * 100)])
    # announced over the job limit: refused before a byte is read
    status, text = raw_request(port, post_head(port, browser, 6_000_000, ctype))
    assert status == 413 and "超过上限 5 MB" in json.loads(text)["error"]
    # one file over the per-file limit, inside the job limit: the answer, not a reset
    big = browser.upload([("案例视频.mp4", b"\0" * 2_500_000)])
    assert big.status_code == 413
    assert big.json()["error"] == "文件「案例视频.mp4」超过单个文件的上限 2 MB"
    # inside the job limit, over what the spool has room for
    full = browser.upload([("a.mp4", b"\0" * 1_500_000)] * 3)
    assert full.status_code == 507 and "暂存空间已满" in full.json()["error"]
    assert full.headers["retry-after"]
    # no CSRF token, a wrong one, another site's request, a forged Host
    naked = browser.http.post("/api/upload", content=body, headers={"Content-Type": ctype})
    assert naked.status_code == 403 and "安全校验" in naked.json()["error"]
    wrong = browser.http.post(
        "/api/upload", content=body, headers={"Content-Type": ctype, "X-CSRF-Token": "x"}
    )
    assert wrong.status_code == 403
    cross = browser.http.post(
        "/api/upload",
        content=body,
        headers={"Content-Type": ctype, "X-CSRF-Token": browser.csrf, "Origin": "http://evil.cn"},
    )
    assert cross.status_code == 403 and "其他网站" in cross.json()["error"]
    forged = browser.http.get("/", headers={"Host": "evil.example.cn"})
    assert forged.status_code == 403 and "不是本检查服务的公开地址" in forged.text
    not_form = browser.http.post(
        "/api/upload", content=b"{}", headers={"X-CSRF-Token": browser.csrf}
    )
    assert not_form.status_code == 400 and "选择文件" in not_form.json()["error"]
    assert server.health()["status"] == "ok"
    assert server.job_folders() == []  # every refused upload left nothing


def test_slow_clients_are_cut_off_while_others_are_served(server: SharedServer) -> None:
    browser = Browser(server.base)
    port = server.port
    body, ctype = multipart([("案例视频.mp4", b"\0" * 50_000)])
    answers: dict[str, Any] = {}

    def slow_body() -> None:  # sends a tenth of the body, then nothing
        started = time.monotonic()
        answers["body"] = raw_request(port, post_head(port, browser, len(body), ctype), body[:5000])
        answers["body_s"] = time.monotonic() - started

    def slow_headers() -> None:  # never finishes its request line and headers
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            started = time.monotonic()
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            answers["headers"] = sock.recv(100)
            answers["headers_s"] = time.monotonic() - started

    threads = [threading.Thread(target=slow_body), threading.Thread(target=slow_headers)]
    for t in threads:
        t.start()
    time.sleep(0.3)
    other = Browser(server.base)  # served while the slow ones hold their connections
    assert other.http.get("/healthz").status_code == 200
    for t in threads:
        t.join(timeout=15)
    status, text = answers["body"]
    assert status == 408 and "上传中断或太慢" in json.loads(text)["error"]
    assert 1.4 < answers["body_s"] < 6
    assert answers["headers"] == b"" and answers["headers_s"] < 6  # closed
    assert server.job_folders() == []


def test_server_goes_on_and_wrote_nothing_outside_the_spool(server: SharedServer) -> None:
    """After everything above: a normal upload gets the CLI's answer; HOME and TMPDIR of the
    server hold nothing but the compiled packs' cache; the log has sizes and outcomes but no file names and no people."""
    browser = Browser(server.base)
    upload = browser.upload(folder_files(EXAMPLE))
    view = browser.wait(upload.json()["id"])
    assert findings_of(browser.report(view["id"])) == cli_findings(EXAMPLE)
    browser.post(f"/api/cases/{view['id']}/delete")
    packs_cache = server.home / "cache" / "casecheck" / "packs"  # the rules, from the start
    leftovers = [p for p in server.home.rglob("*") if p.is_file() and p.parent != packs_cache]
    assert leftovers == []
    log = server.log()
    assert re.search(r"uploaded files=5 bytes=\d+ seconds=", log) and "check done" in log
    for private in ("信息表", "课件", "视频", "报告", "CON", "湖南", "张明", "长沙", "etc"):
        assert private not in log, private
    assert "Traceback" not in log


def test_full_queue_hung_and_crashed_workers(tmp_path: Path) -> None:
    """One worker, one place in the queue: a hung check is stopped at the time limit, a
    crashed one is reported, a full queue is a 503 page, and the next check gets a fresh
    worker and the right report."""
    server = start_shared(
        tmp_path,
        {"workers": 1, "queue": 1, "check_timeout_min": 0.15, "jobs_per_hour": 100},
    )
    try:
        folder = make_submission(tmp_path / "case")
        browser = Browser(server.base)
        first = browser.upload(folder_files(folder)).json()["id"]
        hung = wait_for_worker(server)
        os.kill(hung, signal.SIGSTOP)  # hangs, as on a file that never finishes decoding
        second = browser.upload(folder_files(folder)).json()
        assert second["check"]["state"] == "queued"
        assert browser.case(second["id"])["check"]["position"] == 1
        third = browser.upload(folder_files(folder))
        assert third.status_code == 503 and "排队检查的人太多" in third.json()["error"]
        assert int(third.headers["retry-after"]) > 0
        assert '"busy": true' in browser.http.get("/").text
        failed = browser.wait(first)["check"]
        assert failed["state"] == "failed" and "超过 9 秒仍未完成" in failed["error"]
        crashed = wait_for_worker(server, not_pid=hung)
        os.kill(crashed, signal.SIGKILL)  # dies, as in a crash of a native library
        died = browser.wait(second["id"])["check"]
        assert died["state"] == "failed" and "检查进程意外结束" in died["error"]
        fresh = browser.upload(folder_files(folder)).json()["id"]
        view = browser.wait(fresh)
        assert view["check"]["state"] == "done"
        assert findings_of(browser.report(fresh)) == cli_findings(folder)
        log = server.log()
        assert "check timeout" in log and "check died" in log and "reason=queue_full" in log
    finally:
        server.stop()


def wait_for_worker(server: SharedServer, not_pid: int | None = None) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        pids = [p for p in server.workers() if p != not_pid]
        if pids:
            return pids[0]
        time.sleep(0.05)
    raise AssertionError("no worker started")


def test_shutdown_lets_running_checks_finish_and_tells_the_waiting(tmp_path: Path) -> None:
    server = start_shared(tmp_path, {"workers": 1, "shutdown_grace_s": 30})
    browser = Browser(server.base)
    folder = make_submission(tmp_path / "case")
    running = browser.upload(folder_files(folder)).json()["id"]
    waiting = browser.upload(folder_files(folder)).json()["id"]
    wait_for_worker(server)
    streams = {cid: open_events(server.port, browser, cid) for cid in (running, waiting)}
    server.proc.send_signal(signal.SIGTERM)
    last = {cid: last_event(conn) for cid, conn in streams.items()}
    output = server.stop()
    assert server.proc.returncode == 0, output
    assert last[running]["check"]["state"] == "done"  # finished within the grace time
    assert last[waiting]["check"]["state"] == "cancelled"
    assert "服务器正在重启或关闭" in last[waiting]["check"]["error"]
    assert "已停止" in output and "Traceback" not in output
    assert list(server.spool.iterdir()) == []  # every case deleted, the lock released


def open_events(port: int, browser: Browser, case_id: str) -> http.client.HTTPResponse:
    cookie = "; ".join(f"{k}={v}" for k, v in browser.http.cookies.items())
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", f"/api/cases/{case_id}/events", headers={"Cookie": cookie})
    response = conn.getresponse()
    assert response.status == 200
    assert response.readline().startswith(b"data: ")  # the stream is open
    return response


def last_event(stream: http.client.HTTPResponse) -> dict[str, Any]:
    """Read the event stream to its end (bounded by the socket's timeout)."""
    last: dict[str, Any] = {}
    for line in stream:
        if line.startswith(b"data: "):
            last = json.loads(line[6:])
    return last


def test_a_second_server_on_the_same_spool_is_refused(server: SharedServer) -> None:
    command = [sys.executable, "-m", "casecheck", "serve", "--shared", "--bind", "127.0.0.1:0"]
    second = subprocess.run(
        [*command, "--spool", str(server.spool)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert second.returncode == 2, second.stdout + second.stderr
    assert "正被另一个 casecheck 共用网页使用" in second.stderr
    assert server.health()["status"] == "ok"  # the first one's jobs untouched
