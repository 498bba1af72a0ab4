"""The command line's settings: casecheck.toml under the options given, and the waivers file.

Kept out of cli.py (commands only); a bad config or waivers file is a usage error (exit 2).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

import typer


def usage_error(message: str) -> NoReturn:
    from casecheck.cli import usage_error as report  # cli imports this module lazily

    report(message)


def settings(ctx: typer.Context, config: Path | None) -> Any:
    """casecheck.toml (found upward, or --config) under the options given on the command line."""
    from casecheck.config import ConfigError, given_options, resolve

    try:
        return resolve(given_options(ctx), config)
    except ConfigError as exc:
        usage_error(str(exc))


def read_waivers(path: Path | None) -> Any:
    """The waivers file (``--waivers`` or the config's ``waivers``), or None; bad file → exit 2."""
    if path is None:
        return None
    from casecheck.waivers import WaiverError, load_waivers

    try:
        return load_waivers(path)
    except WaiverError as exc:
        usage_error(str(exc))


def waive(results: list[Any], waivers: Any, lang: str) -> list[Any]:
    """Apply the waivers (if any) to ``results``; the warnings about the file come back."""
    from casecheck.waivers import apply_waivers

    return apply_waivers(results, waivers, "en" if lang == "en" else "zh") if waivers else []
