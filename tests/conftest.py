"""Shared test helpers. Fixture files are always generated from code, never committed."""

from __future__ import annotations

from typing import Any

import pytest

from casecheck.checkers.registry import RuleContext, get_checker
from casecheck.findings import Finding, Severity


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
    """Run one registered checker over already-read facts, as the engine would."""
    chk = get_checker(checker_name)
    assert chk is not None, f"checker {checker_name!r} is not registered"
    ctx = RuleContext(
        rule_id=rule_id or checker_name,
        severity=Severity(severity),
        material=material,
        file="file",
        requirement="requirement",
        lang=lang,  # type: ignore[arg-type]
        params=chk.params(**(params or {})),
    )
    return list(chk.run(facts, ctx))


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


@pytest.fixture
def rule_runner():
    return run_rule
