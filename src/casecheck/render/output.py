"""The output formats of ``check`` and ``batch``: one table, one way to write them.

``text`` is the terminal report (panels on a terminal; no borders and no wrapping in a pipe
or a file) — for a batch, its summary table; ``concise`` one line per problem; ``json`` the
JSON report; ``junit`` JUnit XML for CI. Every format is a view of the same ``Report``: the
counts they show are the report's.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from casecheck.i18n import Lang
from casecheck.result import Report

Format = Literal["text", "concise", "json", "junit"]


@dataclass
class View:
    """A report and how to show it."""

    report: Report
    lang: Lang = "zh"
    strict: bool = False
    verbose: bool = False
    times: dict[str, float] = field(default_factory=dict)  # seconds per submission (JUnit)
    batch_items: list[Any] | None = None  # a batch's items: ``text`` is its summary table


def _json(view: View) -> str:
    from casecheck.render.json import render_json

    return render_json(view.report)


def _junit(view: View) -> str:
    from casecheck.render.junit import render_junit

    return render_junit(view.report, view.lang, strict=view.strict, times=view.times)


def _concise(view: View) -> str:
    from casecheck.render.concise import render_concise

    return render_concise(view.report, view.lang, strict=view.strict)


def _text(view: View, console: Any) -> None:
    if view.batch_items is not None:
        from casecheck.render.batch_text import render_batch_text

        render_batch_text(view.report, view.batch_items, console, view.lang)
    else:
        from casecheck.render.text import render_text

        render_text(view.report, console, view.lang, verbose=view.verbose, strict=view.strict)


FORMATS: dict[str, Callable[[View], str]] = {
    "concise": _concise,
    "json": _json,
    "junit": _junit,
}


def emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        output.write_text(text, encoding="utf-8")


def write_report(view: View, fmt: str, output: Path | None = None) -> None:
    """Write ``view`` in format ``fmt`` to stdout or ``output``."""
    if fmt in FORMATS:
        emit(FORMATS[fmt](view), output)
        return
    from rich.console import Console

    from casecheck.render.text import plain_console

    if output is None:
        console = Console()
        _text(view, console if console.is_terminal else plain_console())
    else:
        with output.open("w", encoding="utf-8") as fh:
            _text(view, plain_console(fh))
