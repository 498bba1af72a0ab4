"""The local page's protections, each with real HTTP requests (Starlette TestClient / httpx)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from casecheck.serve.app import ServeState, create_app
from casecheck.serve.folders import FolderBrowser
from casecheck.serve.security import Guard
from tests.factories.serve_helpers import (
    BASE,
    PORT,
    POST_HEADERS,
    TOKEN,
    TestClient,
    page_client,
    snapshot,
)
from tests.factories.submission_factory import make_form, make_report


@pytest.fixture
def root(tmp_path: Path) -> Path:
    case = tmp_path / "root" / "我的案例"
    case.mkdir(parents=True)
    make_form(case / "案例信息表.docx")
    make_report(case / "案例总结报告.docx")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.docx").write_bytes(b"secret")
    return tmp_path / "root"


@pytest.fixture
def fresh(root: Path) -> TestClient:
    """A client that has not opened the page URL: no cookie."""
    state = ServeState(guard=Guard(TOKEN, PORT), browser=FolderBrowser(root))
    return TestClient(create_app(state), base_url=BASE)


def test_no_token_is_403(fresh: TestClient) -> None:
    for path in ("/", "/api/folders", "/api/jobs/1-x", "/api/jobs/1-x/report.html"):
        response = fresh.get(path)
        assert response.status_code == 403, path
        assert "token" in response.text
    assert fresh.get("/?token=wrong").status_code == 403
    assert fresh.get("/", headers={"Cookie": f"casecheck_token_{PORT}=wrong"}).status_code == 403


def test_token_in_url_becomes_a_cookie(fresh: TestClient) -> None:
    first = fresh.get(f"/?token={TOKEN}", follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["location"] == "/"  # the token leaves the address bar
    cookie = first.headers["set-cookie"]
    assert f"casecheck_token_{PORT}={TOKEN}" in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    page = fresh.get("/")  # the client kept the cookie
    assert page.status_code == 200
    assert "casecheck" in page.text
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert fresh.get("/api/folders", headers={"X-Casecheck-Token": TOKEN}).status_code == 200


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        f"evil.example:{PORT}",
        "127.0.0.1",
        "127.0.0.1:9999",
        f"localhost.evil:{PORT}",
        "",
    ],
)
def test_foreign_host_is_403_even_with_the_token(fresh: TestClient, host: str) -> None:
    """DNS rebinding: a remote name pointed at 127.0.0.1 still sends its own Host header."""
    response = fresh.get(f"/?token={TOKEN}", headers={"Host": host}, follow_redirects=False)
    assert response.status_code == 403
    assert "Host" in response.text


def test_local_names_with_the_bound_port_are_accepted(fresh: TestClient) -> None:
    for host in (f"127.0.0.1:{PORT}", f"localhost:{PORT}", f"LOCALHOST:{PORT}"):
        response = fresh.get(f"/?token={TOKEN}", headers={"Host": host}, follow_redirects=False)
        assert response.status_code == 303, host


def test_cross_site_post_is_403(root: Path) -> None:
    with page_client(root) as (client, _):
        body = {"path": "我的案例"}
        # Another site's page posting with the teacher's cookie (a CSRF form): no header.
        assert client.post("/api/check", json=body).status_code == 403
        assert client.post("/api/check", json=body, headers={"Origin": BASE}).status_code == 403
        # Even with the token: a foreign Origin or a cross-site fetch is refused.
        evil = {"X-Casecheck-Token": TOKEN, "Origin": "http://evil.example"}
        assert client.post("/api/check", json=body, headers=evil).status_code == 403
        other_port = {"X-Casecheck-Token": TOKEN, "Origin": "http://127.0.0.1:9999"}
        assert client.post("/api/check", json=body, headers=other_port).status_code == 403
        fetch = {"X-Casecheck-Token": TOKEN, "Sec-Fetch-Site": "cross-site"}
        assert client.post("/api/check", json=body, headers=fetch).status_code == 403
        wrong = {"X-Casecheck-Token": "nope", "Origin": BASE}
        assert client.post("/api/check", json=body, headers=wrong).status_code == 403
        ok = client.post("/api/check", json=body, headers=POST_HEADERS)
        assert ok.status_code == 200
        client.post(f"/api/jobs/{ok.json()['id']}/discard", headers=POST_HEADERS)


@pytest.mark.parametrize(
    "path",
    ["..", "../outside", "我的案例/../..", "/etc", "/", "我的案例/..\\..", "a\x00b"],
)
def test_paths_outside_root_are_refused(root: Path, path: str) -> None:
    with page_client(root) as (client, _):
        listing = client.get("/api/folders", params={"path": path})
        assert listing.status_code == 403
        assert (
            client.post("/api/check", json={"path": path}, headers=POST_HEADERS).status_code == 403
        )


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks and FIFOs need POSIX")
def test_symlinks_out_and_device_files_are_refused(root: Path) -> None:
    (root / "out-link").symlink_to(root.parent / "outside")
    (root / "我的案例" / "leak.docx").symlink_to(root.parent / "outside" / "secret.docx")
    (root / "null.docx").symlink_to("/dev/null")
    os.mkfifo(root / "pipe.mp4")
    (root / "inside-link").symlink_to(root / "我的案例")
    with page_client(root) as (client, _):
        top = client.get("/api/folders").json()
        names = [e["name"] for e in top["folders"] + top["files"]]
        assert names == ["inside-link", "我的案例"]  # a symlink inside the root is fine
        case = client.get("/api/folders", params={"path": "我的案例"}).json()
        assert [f["name"] for f in case["files"]] == ["案例信息表.docx", "案例总结报告.docx"]
        for path in ("out-link", "null.docx", "pipe.mp4", "我的案例/leak.docx"):
            assert client.get("/api/folders", params={"path": path}).status_code == 403, path
            answer = client.post("/api/check", json={"path": path}, headers=POST_HEADERS)
            assert answer.status_code == 403, path
        assert client.get("/api/folders", params={"path": "inside-link"}).status_code == 200


def test_upload_over_the_bound_is_refused_and_leaves_nothing(root: Path) -> None:
    before = snapshot(root)
    with page_client(root, upload_limit=100_000) as (client, state):
        big = {"files": ("案例视频.mp4", b"\x00" * 150_000, "video/mp4")}
        response = client.post("/api/upload", files=big, headers=POST_HEADERS)
        assert response.status_code == 413
        assert "上传的文件太大" in response.json()["error"]
        assert list((state.session_dir / "uploads").iterdir()) == []  # nothing left behind

        # No Content-Length to trust: the body is counted as it arrives.
        def chunks() -> object:
            yield b"--x\r\nContent-Disposition: form-data; name=files; filename=a.mp4\r\n\r\n"
            for _ in range(20):
                yield b"\x00" * 10_000
            yield b"\r\n--x--\r\n"

        streamed = client.post(
            "/api/upload",
            content=chunks(),
            headers={**POST_HEADERS, "Content-Type": "multipart/form-data; boundary=x"},
        )
        assert streamed.status_code == 413
        assert list((state.session_dir / "uploads").iterdir()) == []  # nothing left behind
    assert snapshot(root) == before


def test_upload_goes_to_a_temp_folder_outside_root_and_is_deleted(root: Path) -> None:
    form = (root / "我的案例" / "案例信息表.docx").read_bytes()
    before = snapshot(root)
    with page_client(root) as (client, state):
        files = [
            ("files", ("../../案例信息表.docx", form, "application/octet-stream")),
            (
                "files",
                ("C:\\Users\\t\\案例总结报告.docx", b"not a docx", "application/octet-stream"),
            ),
        ]
        job = client.post("/api/upload", files=files, headers=POST_HEADERS).json()
        folder = state.jobs.get(job["id"]).folder  # type: ignore[union-attr]
        assert folder.parent.parent == state.session_dir / "uploads"
        assert sorted(p.name for p in folder.iterdir()) == ["案例信息表.docx", "案例总结报告.docx"]
        assert not folder.is_relative_to(root)
        client.post(f"/api/jobs/{job['id']}/discard", headers=POST_HEADERS)
        assert not folder.exists()
        session = state.session_dir
    assert not session.exists()  # the server's temp folder goes when it stops
    assert snapshot(root) == before
