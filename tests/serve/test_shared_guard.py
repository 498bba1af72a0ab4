"""The shared page's guard (serve/shared_guard.py) answering real HTTP requests through
Starlette's TestClient: Host, session cookie, CSRF token, other sites, the access code. No job
runs here."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from casecheck.serve.shared_app import create_shared_app
from casecheck.serve.shared_options import SharedOptions
from casecheck.serve.shared_state import SharedState

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[tuple[TestClient, SharedState]]:
    options = SharedOptions.of(
        {
            "spool": tmp_path / "spool",
            "access_code": "春风2026",
            "public_names": ["check.example.cn"],
        }
    )
    state = SharedState(options, 8080)
    try:
        yield TestClient(create_shared_app(state), base_url="http://check.example.cn"), state
    finally:
        state.close()


def csrf_of(page: str) -> str:
    return page.split('"csrf": "')[1].split('"')[0]


def test_guard_host_session_csrf_and_access_code(shared: tuple[TestClient, SharedState]) -> None:
    client, state = shared
    forged = client.get("/", headers={"Host": "evil.example"})
    assert forged.status_code == 403 and "不是本检查服务的公开地址" in forged.text
    assert "<html" in forged.text  # a page for a browser
    api = client.get("/api/cases/x", headers={"Host": "192.168.1.10:8080"})
    assert api.status_code == 403 and api.json()["error"].startswith("这个地址")
    assert client.post("/api/upload").status_code == 403  # no session yet
    page = client.get("/")
    assert page.status_code == 200
    cookie = page.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie
    assert '"needCode": true' in page.text and '"packs": []' in page.text
    csrf = csrf_of(page.text)
    assert client.get("/api/cases/x").status_code == 401  # the code first
    no_token = client.post("/api/code", json={"code": "春风2026"})
    assert no_token.status_code == 403 and "安全校验" in no_token.json()["error"]
    foreign = client.post(
        "/api/code",
        json={"code": "春风2026"},
        headers={"X-CSRF-Token": csrf, "Origin": "https://evil.example"},
    )
    assert foreign.status_code == 403 and "其他网站" in foreign.json()["error"]
    wrong = client.post("/api/code", json={"code": "秋雨"}, headers={"X-CSRF-Token": csrf})
    assert wrong.status_code == 403 and "访问码不对" in wrong.json()["error"]
    right = client.post(
        "/api/code",
        json={"code": " 春风2026 "},
        headers={"X-CSRF-Token": csrf, "Origin": "http://check.example.cn"},
    )
    assert right.status_code == 200
    missing = client.get("/api/cases/no-such-case?lang=en")
    assert missing.status_code == 404 and "not found" in missing.json()["error"]
    assert client.get("/nothing").status_code == 404
    health = client.get("/healthz", headers={"Host": "127.0.0.1:8080"})  # the proxy's probe
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert len(state.sessions) == 1


def test_guessing_the_access_code_is_rate_limited(shared: tuple[TestClient, SharedState]) -> None:
    client, _ = shared
    csrf = csrf_of(client.get("/").text)
    answers = [
        client.post("/api/code", json={"code": str(n)}, headers={"X-CSRF-Token": csrf})
        for n in range(11)
    ]
    assert [a.status_code for a in answers] == [403] * 10 + [429]
    assert "retry-after" in answers[-1].headers
