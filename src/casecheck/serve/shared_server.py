"""``casecheck serve --shared``: the page a school or district hosts, served by uvicorn.

Behind the administrator's reverse proxy (docs/shared-server.md: systemd unit, nginx), or
directly on a school's network. uvicorn trusts ``X-Forwarded-For``/``-Proto`` only from
``trusted_proxies`` (the per-client limits count the real client; the session cookie becomes
Secure behind HTTPS). A connection must finish its request headers within ``upload_idle_s``
(uvicorn alone would wait forever: a slow-loris on the headers), and an upload's body has its
own limits (intake.py). SIGTERM/SIGINT: no new jobs, waiting ones are told the server is
restarting, running ones get ``shutdown_grace_s`` to finish, then every case is deleted.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
import sys
from pathlib import Path
from typing import Any

from casecheck.i18n import Lang
from casecheck.serve.server import bind
from casecheck.serve.shared_app import create_shared_app
from casecheck.serve.shared_options import SharedOptions
from casecheck.serve.shared_state import SharedState, log


def bind_shared(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (``port`` 0: a free one the system picks)."""
    return bind(port, host, backlog=512)


def header_timeout_protocol(seconds: float) -> Any:
    """uvicorn's h11 protocol, closing a connection whose request headers do not arrive
    within ``seconds`` (between requests, uvicorn's keep-alive timeout already applies)."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeaderTimeoutProtocol(H11Protocol):
        _header_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self._awaiting_headers():
                self._arm()
            else:
                self._disarm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _awaiting_headers(self) -> bool:
            return self.cycle is None or self.cycle.response_complete

        def _arm(self) -> None:
            if self._header_timer is None:
                self._header_timer = self.loop.call_later(seconds, self._expire)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _expire(self) -> None:
            self._header_timer = None
            if self._awaiting_headers() and not self.transport.is_closing():
                self.transport.close()

    return HeaderTimeoutProtocol


def start_lines(state: SharedState, url: str, lang: Lang) -> list[str]:
    o = state.options
    names = ", ".join(o.public_names) or "—"
    if lang == "en":
        return [
            f"casecheck shared page is running: {url}",
            f"public names: {names}; access code: {'set' if o.access_code else 'none'}",
            f"{o.workers} check(s) at a time, {o.queue} waiting at most; files kept "
            f"{o.retention_min:g} min at most; spool {state.spool.root}",
            "(Ctrl-C or SIGTERM to stop)",
        ]
    return [
        f"casecheck 共用检查网页已启动：{url}",
        f"公开地址：{names}；访问码：{'已设置' if o.access_code else '未设置'}",
        f"同时检查 {o.workers} 份，最多排队 {o.queue} 份；文件最多保留 {o.retention_min:g} 分钟；"
        f"暂存目录 {state.spool.root}",
        "（按 Ctrl-C 或发送 SIGTERM 停止）",
    ]


def run_shared(
    sock: socket.socket,
    options: SharedOptions,
    lang: Lang = "zh",
    packs_dirs: list[Path] | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> None:
    """Serve the shared page on ``sock`` until SIGTERM/Ctrl-C, then clean the spool."""
    import uvicorn

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    host, port = sock.getsockname()[:2]
    state = SharedState(
        options, port, lang=lang, packs_dirs=packs_dirs, select=select, ignore=ignore
    )
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    for line in start_lines(state, url, lang):
        print(line, flush=True)
    log.info(
        "started bind=%s:%d workers=%d queue=%d retention_min=%g",
        shown,
        port,
        options.workers,
        options.queue,
        options.retention_min,
    )
    config = uvicorn.Config(
        create_shared_app(state),
        http=header_timeout_protocol(options.upload_idle_s),
        log_level="warning",
        access_log=False,  # it would write client addresses and paths; our own log is enough
        proxy_headers=True,
        forwarded_allow_ips=options.trusted_proxies,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=int(options.shutdown_grace_s) + 5,
        lifespan="on",
    )
    server = uvicorn.Server(config)
    state.stopping = lambda: server.should_exit
    # uvicorn stops gracefully on SIGTERM, then raises it again with the handler it found:
    # make that a KeyboardInterrupt, so the stop is reported and the exit code is 0.
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn re-raises the Ctrl-C it handled: the stop was asked for
    finally:
        signal.signal(signal.SIGTERM, previous)
        state.close()
        sock.close()
    print(
        "casecheck 共用检查网页已停止" if lang == "zh" else "casecheck shared page stopped",
        flush=True,
    )
