"""``casecheck serve``: the local page (the web stack loads only when it runs)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from casecheck.cli.options import LangOpt, PacksDir
from casecheck.cli.settings import load_rules, settings
from casecheck.cli.usage import UsageProblem, fail
from casecheck.i18n import Lang, Text


def _refuse(lang: Lang, message: Text, fix: Text) -> NoReturn:
    fail(UsageProblem(message, fix), lang)


def serve(
    ctx: typer.Context,
    port: Annotated[int, typer.Option("--port", help="端口（默认自动选空闲端口）/ port")] = 0,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="不自动打开浏览器 / do not open a browser")
    ] = False,
    root: Annotated[
        Path | None,
        typer.Option("--root", help="文件夹浏览的起点（默认用户主目录）/ folder browser root"),
    ] = None,
    lang: LangOpt = "zh",
    packs_dir: PacksDir = None,
) -> None:
    """打开本机检查页面（浏览器中使用）/ Open the local check page in the browser."""
    s = settings(ctx, None)
    lang = s.lang
    load_rules(s)  # a broken user pack is said here, not on the page
    try:
        from casecheck.serve.server import bind
        from casecheck.serve.server import serve as run_server
    except ModuleNotFoundError as exc:
        _refuse(
            lang,
            Text(
                f"本机页面缺少依赖库 {exc.name}",
                f"serve needs the page's dependencies ({exc.name})",
            ),
            Text("重新安装：pip install casecheck", "Reinstall: pip install casecheck"),
        )
    start = (root or Path.home()).expanduser()
    if not start.is_dir():
        _refuse(
            lang,
            Text(f"不是文件夹：{start}", f"not a folder: {start}"),
            Text("--root 请给出一个已有的文件夹", "Give an existing folder to --root."),
        )
    try:
        sock = bind(port)
    except OSError as exc:
        why = exc.strerror or str(exc)
        _refuse(
            lang,
            Text(
                f"无法在 127.0.0.1:{port} 上监听：{why}",
                f"cannot listen on 127.0.0.1:{port}: {why}",
            ),
            Text(
                "换一个端口（--port），或不写 --port 让程序自选空闲端口",
                "Choose another --port, or leave it out to use a free one.",
            ),
        )
    run_server(sock, start, lang, open_browser=not no_browser, packs_dirs=s.packs_dir)
