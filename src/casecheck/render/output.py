"""Write a report in the chosen format to stdout or a file (shared by ``check``)."""

from __future__ import annotations

import sys
from pathlib import Path

from casecheck.findings import Report
from casecheck.i18n import Lang


def emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        output.write_text(text, encoding="utf-8")


def write_report(
    report: Report,
    fmt: str,
    output: Path | None,
    lang: Lang,
    *,
    verbose: bool = False,
    strict: bool = False,
    times: dict[str, float] | None = None,
) -> None:
    """``fmt`` is text, concise, json or junit; text to a pipe or a file has no borders."""
    if fmt == "json":
        from casecheck.render.json import render_json

        emit(render_json(report), output)
    elif fmt == "junit":
        from casecheck.render.junit import render_junit

        emit(render_junit(report, lang, strict=strict, times=times), output)
    elif fmt == "concise":
        from casecheck.render.concise import render_concise

        emit(render_concise(report, lang, strict=strict), output)
    else:
        from rich.console import Console

        from casecheck.render.text import plain_console, render_text

        if output is None:
            console = Console()
            if not console.is_terminal:
                console = plain_console()
            render_text(report, console, lang, verbose=verbose, strict=strict)
        else:
            with output.open("w", encoding="utf-8") as fh:
                render_text(report, plain_console(fh), lang, verbose=verbose, strict=strict)
