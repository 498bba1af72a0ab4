"""The README's two commands work as written everywhere, .ci/run runs exactly them, and the
sample output is what a real run prints."""

from __future__ import annotations

import re
from pathlib import Path

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


def test_samples_are_what_a_real_default_run_prints() -> None:
    """docs/make_readme_samples.py wrote them; a default check at 80 columns, as a newcomer
    runs it after the README's first command (no LibreOffice)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "samples", ROOT / "docs" / "make_readme_samples.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    samples = script.samples()
    for mark, sample in samples.items():
        found = script.block_after(README, mark)
        assert found is not None, mark
        assert found.group(1).rstrip() == sample, f"README out of date: run {spec.origin}"
    text = samples[script.TEXT_MARK]
    assert "无法读取 0 项" not in text and "结论：未通过" in text
