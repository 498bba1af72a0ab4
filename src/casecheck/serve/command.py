"""The ``casecheck serve`` command (cli.py registers it; the web stack loads only when it runs)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer


class ServeLang(StrEnum):
    zh = "zh"
    en = "en"


def _usage_error(message: str) -> NoReturn:
    typer.echo(f"casecheck: {message}", err=True)
    raise typer.Exit(2)


def serve_command(
    port: Annotated[int, typer.Option("--port", help="端口（默认自动选空闲端口）/ port")] = 0,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="不自动打开浏览器 / do not open a browser")
    ] = False,
    root: Annotated[
        Path | None,
        typer.Option("--root", help="文件夹浏览的起点（默认用户主目录）/ folder browser root"),
    ] = None,
    lang: Annotated[ServeLang, typer.Option("--lang", help="页面语言 / page language")] = (
        ServeLang.zh
    ),
    packs_dir: Annotated[
        list[Path] | None,
        typer.Option("--packs-dir", help="额外的规则包目录 / extra pack directory"),
    ] = None,
) -> None:
    """打开本机检查页面（浏览器中使用）/ Open the local check page in the browser."""
    try:
        from casecheck.serve.server import bind, serve
    except ModuleNotFoundError as exc:
        _usage_error(f"serve needs the page's dependencies ({exc.name}): pip install casecheck")
    start = (root or Path.home()).expanduser()
    if not start.is_dir():
        _usage_error(f"not a folder: {start}")
    try:
        sock = bind(port)
    except OSError as exc:
        _usage_error(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}")
    serve(sock, start, lang.value, open_browser=not no_browser, packs_dirs=packs_dir)
