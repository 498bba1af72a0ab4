"""The shipped examples, checked once per test session through the real command line
(``--no-content``: the content rules depend on LibreOffice being installed)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from casecheck.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_01 = EXAMPLES / "01-循证教研-基本合格"
EXAMPLE_02 = EXAMPLES / "02-名师工作室-常见问题"


def run_cli(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``casecheck ARGS``."""
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@cache
def example_json(folder: Path = EXAMPLE_02, lang: str = "zh") -> dict[str, Any]:
    code, out, _ = run_cli("check", str(folder), "--format", "json", "--lang", lang, "--no-content")
    assert code == 1, out
    report: dict[str, Any] = json.loads(out)
    return report
