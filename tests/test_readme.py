"""The README's two commands work as written everywhere, .ci/run runs exactly them, and the
sample output is what a real run prints."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console

from casecheck.render.text import render_text
from casecheck.result import Report
from tests.examples_run import EXAMPLE_01, run_cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def first_block() -> list[str]:
    block = re.search(r"```[a-z]*\n(.*?)```", README, re.S)
    assert block is not None
    return block.group(1).strip().splitlines()


def test_two_commands_user_then_development_install() -> None:
    user, dev = first_block()  # exactly two commands
    assert "pip install . " in user and "casecheck check examples" in user
    assert "[test]" not in user  # a teacher does not get the test tooling
    assert 'pip install -e ".[test]"' in dev  # editable: the tests test src/, not a copy
    for part in ("ruff check src tests", "mypy", "python -m pytest"):
        assert part in dev
    for command in (user, dev):
        assert "*" not in command and "examples/" not in command  # no glob for the shell
        assert command in CI, "the CI must run exactly the README's command"
    assert "Python ≥ 3.11" in README and ".venv\\Scripts\\" in README


def test_no_unquoted_glob_in_readme_commands() -> None:
    for line in re.findall(r"^casecheck .*$", README, re.M):
        command = line.split("#")[0]
        assert not re.search(r"(?<![\"'])\b\w+\.\*", command), f"unquoted glob in: {line}"


def test_sample_output_is_a_real_run() -> None:
    sample = re.search(r"100 列终端中的真实输出.*?```text\n(.*?)```", README, re.S)
    assert sample is not None
    _, out, _ = run_cli("check", str(EXAMPLE_01), "--no-content", "--format", "json")
    report = Report.model_validate_json(out)
    report.submissions[0].path = "examples/01-循证教研-基本合格"
    buf = io.StringIO()
    render_text(report, Console(file=buf, width=100, force_terminal=True, color_system=None), "zh")
    assert sample.group(1).rstrip() == buf.getvalue().rstrip()


def test_concise_sample_is_a_real_run() -> None:
    import os

    sample = re.search(r"--format concise --no-content`\n\n```text\n(.*?)```", README, re.S)
    assert sample is not None
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        code, out, _ = run_cli("check", "examples", "--format", "concise", "--no-content")
    finally:
        os.chdir(cwd)
    assert code == 1 and sample.group(1).rstrip() == out.rstrip()
