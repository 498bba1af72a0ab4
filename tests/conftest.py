"""Shared test helpers. Fixture files are always generated from code, never committed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from casecheck.engine import judge
from casecheck.i18n import as_lang
from casecheck.packs.ruleset import Rule
from casecheck.result import Finding


def run_rule(
    checker_name: str,
    facts: Any,
    params: dict[str, Any] | None = None,
    *,
    rule_id: str | None = None,
    severity: str = "error",
    material: str | None = None,
    lang: str = "zh",
) -> list[Finding]:
    """Judge already-read facts with one registered checker, as the engine does (engine.judge)."""
    rule = Rule.of(
        checker_name,
        params,
        rule_id=rule_id,
        severity=severity,
        material=material,
        requirement="requirement",
    )
    assert rule.checker is not None, f"checker {checker_name!r} is not registered"
    return judge(rule, facts, as_lang(lang), file="file")


def deck_findings(prs: Any, folder: Path, select: str) -> tuple[int, list[dict[str, Any]]]:
    """Save ``prs`` as ``folder/案例课件.pptx`` and run ``casecheck check FOLDER --format json
    --select SELECT`` with the built-in packs: its exit code and findings."""
    from typer.testing import CliRunner

    from casecheck.cli import app

    folder.mkdir(parents=True, exist_ok=True)
    prs.save(str(folder / "案例课件.pptx"))
    args = ["check", str(folder), "--format", "json", "--select", select]
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    findings: list[dict[str, Any]] = json.loads(result.stdout)["submissions"][0]["findings"]
    return result.exit_code, findings


@pytest.fixture(autouse=True, scope="session")
def no_slide_renders_by_default() -> Any:
    """LibreOffice takes seconds per deck: only tests that ask for renders get them
    (``monkeypatch.delenv("CASECHECK_SOFFICE")``); the rest see opening/closing as manual."""
    import os

    previous = os.environ.get("CASECHECK_SOFFICE")
    os.environ["CASECHECK_SOFFICE"] = "none"
    yield
    if previous is None:
        os.environ.pop("CASECHECK_SOFFICE", None)
    else:
        os.environ["CASECHECK_SOFFICE"] = previous


@pytest.fixture(autouse=True, scope="session")
def own_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The tests' batch and pack caches live in one folder of the test session, never the
    user's ~/.cache/casecheck: a run there answered a test's first ``batch`` from results
    cached by earlier sessions (tests that need a fresh cache set their own)."""
    import os

    previous = os.environ.get("CASECHECK_CACHE_DIR")
    os.environ["CASECHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("CASECHECK_CACHE_DIR", None)
    else:
        os.environ["CASECHECK_CACHE_DIR"] = previous


@pytest.fixture
def rule_runner():
    return run_rule
