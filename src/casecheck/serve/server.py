"""``casecheck serve``: bind 127.0.0.1, print the URL with its token, open the browser, serve."""

from __future__ import annotations

import socket
import sys
import threading
import webbrowser
from pathlib import Path

from casecheck.i18n import Lang
from casecheck.serve.app import ServeState, create_app
from casecheck.serve.folders import FolderBrowser
from casecheck.serve.security import Guard, new_token

HOST = "127.0.0.1"  # never another interface: the page is for the person at this PC


def bind(port: int, host: str = HOST, backlog: int = 64) -> socket.socket:
    """A listening socket on ``host`` — 127.0.0.1 for the local page — (``port`` 0: a free
    one the system picks)."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    if sys.platform != "win32":
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    sock.set_inheritable(True)
    return sock


def page_url(port: int, token: str) -> str:
    return f"http://{HOST}:{port}/?token={token}"


def serve(
    sock: socket.socket,
    root: Path,
    lang: Lang = "zh",
    open_browser: bool = True,
    packs_dirs: list[Path] | None = None,
) -> None:
    """Serve the page on ``sock`` until Ctrl-C (then stop every job and delete temp files)."""
    import uvicorn

    port = sock.getsockname()[1]
    state = ServeState(
        guard=Guard(new_token(), port),
        browser=FolderBrowser(root),
        lang=lang,
        packs_dirs=list(packs_dirs or []),
    )
    url = page_url(port, state.guard.token)
    zh = lang == "zh"
    print(
        ("casecheck 检查页面已启动：" if zh else "casecheck page is running: ") + url,
        flush=True,
    )
    print(
        "（按 Ctrl-C 停止；只能在本机打开）"
        if zh
        else "(Ctrl-C to stop; reachable from this PC only)",
        flush=True,
    )
    config = uvicorn.Config(
        create_app(state),
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=2,
        lifespan="on",
    )
    server = uvicorn.Server(config)
    state.stopping = lambda: server.should_exit
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn re-raises the Ctrl-C it handled: the stop was asked for, not a crash
    finally:
        state.close()
        sock.close()
    print("casecheck 检查页面已停止" if zh else "casecheck page stopped", flush=True)
