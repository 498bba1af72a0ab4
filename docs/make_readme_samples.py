"""Write the README's sample outputs from real runs: what a newcomer sees after the README's
first command (a default check — sound and picture decoded — at 80 columns, without
LibreOffice, which the user install does not bring).

    .venv/bin/python docs/make_readme_samples.py        # rewrite the samples in README.md

tests/test_readme.py renders the same samples and fails when the README is out of date.
"""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
WIDTH = 80
# (where the sample begins in the README, the command it shows)
TEXT_MARK = "80 列终端中的真实输出"
CONCISE_MARK = "`casecheck check examples --format concise`"


def _run(*args: str) -> tuple[int, str]:
    from typer.testing import CliRunner

    from casecheck.cli import app

    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout


def samples() -> dict[str, str]:
    """{mark: output} for every sample block of the README, made by real runs."""
    from rich.console import Console

    from casecheck.render.text import render_text
    from casecheck.result import Report

    os.environ["CASECHECK_SOFFICE"] = "none"  # the README's install has no LibreOffice
    cwd = os.getcwd()
    os.chdir(ROOT)  # paths as the README shows them: examples/…
    try:
        _, out = _run("check", "examples/01-循证教研-基本合格", "--format", "json")
        report = Report.model_validate_json(out)
        from casecheck.packs.ruleset import load_ruleset

        report.titles = load_ruleset().titles()
        buf = io.StringIO()
        console = Console(file=buf, width=WIDTH, force_terminal=True, color_system=None)
        render_text(report, console, "zh")
        _, concise = _run("check", "examples", "--format", "concise")
    finally:
        os.chdir(cwd)
    return {TEXT_MARK: buf.getvalue().rstrip(), CONCISE_MARK: concise.rstrip()}


def block_after(text: str, mark: str) -> re.Match[str] | None:
    """The first ```text block after ``mark``."""
    return re.search(re.escape(mark) + r".*?```text\n(.*?)```", text, re.S)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    for mark, sample in samples().items():
        found = block_after(text, mark)
        if found is None:
            sys.exit(f"README.md has no ```text block after {mark!r}")
        text = text[: found.start(1)] + sample + "\n" + text[found.end(1) :]
    README.write_text(text, encoding="utf-8")
    print(f"wrote the samples into {README}")


if __name__ == "__main__":
    main()
