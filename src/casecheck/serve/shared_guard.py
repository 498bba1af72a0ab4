"""The guard in front of every request of the shared page (a server many teachers use).

In order, for every request but ``/healthz``:

1. the ``Host`` header must be one of the configured public names (or the bound address):
   anything else — a forged name, DNS rebinding — gets 403;
2. at most ``requests_per_minute`` requests per client address (429);
3. a browser session: the page (``GET /``) opens one (a random id in an HttpOnly,
   SameSite=Strict cookie, Secure behind HTTPS); any other request without a live session
   gets 403 (the page says to reload);
4. every state-changing request (POST) carries the session's CSRF token in ``X-CSRF-Token``,
   and when the browser says where it comes from (``Origin``, ``Sec-Fetch-Site``), that is this
   site;
5. with an access code set, a session that has not given it reaches the page and
   ``/api/code`` only (401).

The session reaches the routes as ``request.state.session``. Answers are in the page's
language: JSON for ``/api/`` requests, a small page for anything a browser navigates to.
"""

from __future__ import annotations

import html
import json
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from casecheck.i18n import Lang, Text
from casecheck.serve.security import (
    SAFE_METHODS,
    SECURITY_HEADERS,
    ASGIApp,
    Message,
    Receive,
    Scope,
    Send,
    _cookie,
    _headers,
)
from casecheck.serve.sessions import RateLimit, Session, Sessions

COOKIE = "casecheck_session"
CSRF_HEADER = "x-csrf-token"
OPEN_PATHS = frozenset({"/healthz"})
CODE_PATHS = frozenset({"/", "/api/code"})

WRONG_HOST = Text(
    "这个地址不是本检查服务的公开地址，请使用管理员提供的网址",
    "This address is not the check service's public address; use the one your administrator gave",
)
NO_SESSION = Text(
    "页面已过期，请刷新页面后重试（上传的文件不会保留在服务器上）",
    "The page has expired; reload it and try again",
)
NO_CSRF = Text(
    "请求缺少本页面的安全校验，请刷新页面后重试",
    "The request lacks this page's security token; reload the page and try again",
)
CROSS_SITE = Text("拒绝来自其他网站的请求", "Requests from other sites are refused")
NEED_CODE = Text(
    "请先输入管理员提供的访问码", "Enter the access code from your administrator first"
)
TOO_MANY_REQUESTS = Text(
    "请求太频繁，请稍等片刻再试", "Too many requests; please wait a moment and try again"
)
TITLE = Text("案例报送材料检查", "Case submission check")


def lang_of(scope: Scope, default: Lang) -> Lang:
    query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
    value = query.get("lang")
    return "en" if value == "en" else "zh" if value == "zh" else default


def error_page(message: Text, lang: Lang) -> str:
    """A small page a browser shows for a refusal: the sentence and a way back."""
    back = "返回检查页面" if lang == "zh" else "Back to the check page"
    return (
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(TITLE.pick(lang))}</title><style>body{{font-family:"
        '"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;max-width:36em;'
        "margin:3em auto;padding:0 1em;line-height:1.7;color:#222;overflow-wrap:anywhere}"
        "</style></head><body>"
        f'<h1 style="font-size:1.2em">{html.escape(message.pick(lang))}</h1>'
        f'<p><a href="/">{back}</a></p></body></html>'
    )


async def answer(
    send: Send,
    status: int,
    message: Text,
    lang: Lang,
    *,
    api: bool,
    extra: list[tuple[bytes, bytes]] | None = None,
) -> None:
    """A refusal: JSON ``{"error": …}`` for the page's requests, a page for a browser."""
    if api:
        body = json.dumps({"error": message.pick(lang)}, ensure_ascii=False).encode("utf-8")
        kind = b"application/json"
    else:
        body = error_page(message, lang).encode("utf-8")
        kind = b"text/html; charset=utf-8"
    headers = [
        (b"content-type", kind),
        (b"content-length", str(len(body)).encode()),
        *SECURITY_HEADERS,
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


@dataclass
class SharedGuard:
    """What the guard accepts; ``hosts`` are ``name`` or ``name:port`` (lower case)."""

    hosts: list[str]
    sessions: Sessions
    requests: RateLimit
    access_code: str | None = None
    lang: Lang = "zh"

    def host_allowed(self, host: str) -> bool:
        host = host.lower()
        bare = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return host in self.hosts or bare in self.hosts

    def code_matches(self, candidate: str) -> bool:
        return self.access_code is not None and secrets.compare_digest(
            candidate.strip().encode(), self.access_code.encode()
        )


def _same_site(headers: dict[str, str]) -> bool:
    origin = headers.get("origin")
    if origin is not None and urlsplit(origin).netloc.lower() != headers.get("host", "").lower():
        return False
    return headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")


class SharedGuardMiddleware:
    """Pure ASGI middleware enforcing :class:`SharedGuard` on every HTTP request."""

    def __init__(self, app: ASGIApp, guard: SharedGuard) -> None:
        self.app = app
        self.guard = guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        guard = self.guard
        headers = _headers(scope)
        path, method = scope["path"], scope["method"].upper()
        lang = lang_of(scope, guard.lang)
        api = path.startswith("/api/")
        if not guard.host_allowed(headers.get("host", "")):
            await answer(send, 403, WRONG_HOST, lang, api=api)
            return
        client = (scope.get("client") or ("?", 0))[0]
        wait = guard.requests.hit(client)
        if wait is not None:
            retry = [(b"retry-after", str(int(wait) + 1).encode())]
            await answer(send, 429, TOO_MANY_REQUESTS, lang, api=api, extra=retry)
            return
        session = guard.sessions.get(_cookie(headers, COOKIE))
        new_cookie: bytes | None = None
        if session is None:
            if not (method == "GET" and path == "/"):
                await answer(send, 403, NO_SESSION, lang, api=api)
                return
            session = guard.sessions.new(admitted=guard.access_code is None)
            secure = "; Secure" if scope.get("scheme") == "https" else ""
            new_cookie = (
                f"{COOKIE}={session.id}; Path=/; HttpOnly; SameSite=Strict{secure}".encode()
            )
        if method not in SAFE_METHODS:
            if not _same_site(headers):
                await answer(send, 403, CROSS_SITE, lang, api=api)
                return
            token = headers.get(CSRF_HEADER, "")
            if not secrets.compare_digest(token.encode(), session.csrf.encode()):
                await answer(send, 403, NO_CSRF, lang, api=api)
                return
        if not session.admitted and path not in CODE_PATHS:
            await answer(send, 401, NEED_CODE, lang, api=api)
            return
        scope.setdefault("state", {})["session"] = session
        scope["state"]["client"] = client

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = list(SECURITY_HEADERS)
                if new_cookie is not None:
                    extra.append((b"set-cookie", new_cookie))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def session_of(scope_state: dict[str, object]) -> Session:
    session = scope_state["session"]
    assert isinstance(session, Session)
    return session
