"""The guard in front of every request of the local page (a server on the teacher's PC).

Modelled on Jupyter's local-server protections:

- the ``Host`` header must name this server (``127.0.0.1:PORT`` or ``localhost:PORT``), so a
  web page whose DNS name was re-pointed to 127.0.0.1 (DNS rebinding) gets 403;
- every request carries the random token: in the URL the first time (``?token=…``, which
  sets a cookie and redirects to the same URL without it), the cookie afterwards, or the
  ``X-Casecheck-Token`` header;
- a state-changing request (POST …) needs the token in the ``X-Casecheck-Token`` header —
  a header another site's form or script cannot send without a CORS preflight this server
  never grants — and, when the browser names an ``Origin``, it must be this server's.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_HEADER = "x-casecheck-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOCAL_NAMES = ("127.0.0.1", "localhost")
# Sent with every answer: no caching of reports, no Referer (it would carry the URL), nothing
# loaded from anywhere else, and no framing by other sites.
SECURITY_HEADERS = [
    (b"cache-control", b"no-store"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
        b"script-src 'self' 'unsafe-inline'; frame-ancestors 'self'; form-action 'self'",
    ),
]


def new_token() -> str:
    return secrets.token_urlsafe(32)


@dataclass
class Guard:
    """What the guard accepts: the token and the ``host:port`` names of this server."""

    token: str
    port: int
    extra_hosts: list[str] = field(default_factory=list)  # tests: "testserver"

    @property
    def cookie_name(self) -> str:
        # Cookies are shared by every port of 127.0.0.1: one name per port keeps two
        # casecheck pages (or another local tool) from overwriting each other's cookie.
        return f"casecheck_token_{self.port}"

    def host_allowed(self, host: str) -> bool:
        allowed = {f"{name}:{self.port}" for name in LOCAL_NAMES} | set(self.extra_hosts)
        return host.lower() in allowed

    def origin_allowed(self, origin: str) -> bool:
        return any(
            origin.lower() == f"http://{host}"
            for host in [f"{n}:{self.port}" for n in LOCAL_NAMES] + self.extra_hosts
        )

    def token_matches(self, candidate: str | None) -> bool:
        return bool(candidate) and secrets.compare_digest(str(candidate), self.token)


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _cookie(headers: dict[str, str], name: str) -> str | None:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed Cookie header is simply no cookie
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


async def _plain(send: Send, status: int, text: str, extra: list[tuple[bytes, bytes]]) -> None:
    body = text.encode("utf-8")
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        *SECURITY_HEADERS,
        *extra,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


FORBIDDEN_HOST = "403: 此页面只能通过 http://127.0.0.1 打开 / wrong Host header"
FORBIDDEN_TOKEN = (
    "403: 缺少或错误的访问令牌。请使用 casecheck serve 打印的完整网址（含 token=）打开 / "
    "missing or wrong token: open the full URL printed by casecheck serve"
)
FORBIDDEN_ORIGIN = "403: 拒绝来自其他网站的请求 / cross-site request refused"


class GuardMiddleware:
    """Pure ASGI middleware enforcing :class:`Guard` on every HTTP request."""

    def __init__(self, app: ASGIApp, guard: Guard) -> None:
        self.app = app
        self.guard = guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        if not self.guard.host_allowed(headers.get("host", "")):
            await _plain(send, 403, FORBIDDEN_HOST, [])
            return
        method = scope["method"].upper()
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        from_header = headers.get(TOKEN_HEADER)
        from_cookie = _cookie(headers, self.guard.cookie_name)
        from_query = query.get("token")
        if method not in SAFE_METHODS:
            origin = headers.get("origin")
            if (origin is not None and not self.guard.origin_allowed(origin)) or headers.get(
                "sec-fetch-site", "same-origin"
            ) not in ("same-origin", "none"):
                await _plain(send, 403, FORBIDDEN_ORIGIN, [])
                return
            if not self.guard.token_matches(from_header):
                await _plain(send, 403, FORBIDDEN_TOKEN, [])
                return
        elif not any(self.guard.token_matches(t) for t in (from_header, from_cookie, from_query)):
            await _plain(send, 403, FORBIDDEN_TOKEN, [])
            return
        if method == "GET" and self.guard.token_matches(from_query):
            await self._redirect_with_cookie(scope, query, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _redirect_with_cookie(self, scope: Scope, query: dict[str, str], send: Send) -> None:
        """Trade the token in the URL for a cookie, so it leaves the address bar and history."""
        rest = urlencode({k: v for k, v in query.items() if k != "token"})
        path = scope.get("raw_path") or scope.get("path", "/").encode("utf-8")
        location = path + (f"?{rest}".encode() if rest else b"")
        cookie = f"{self.guard.cookie_name}={self.guard.token}; Path=/; HttpOnly; SameSite=Strict"
        extra = [(b"location", location), (b"set-cookie", cookie.encode())]
        await _plain(send, 303, "", extra)
