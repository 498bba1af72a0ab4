"""One decision, three faces: the verdict line, the JUnit failures and the exit code agree.

A submission is *ready* when no finding is ``fail`` or ``error`` — with ``--strict``, no
``warn`` either. ``waived`` counts as passed and is shown on its own. The problem counts are
what a teacher must fix: one unreadable file reported by several rules is one problem.
"""

from __future__ import annotations

from dataclasses import dataclass

from casecheck.findings import Finding, Report, Status


def blocking(strict: bool) -> frozenset[Status]:
    """The statuses that make a submission not ready."""
    return frozenset({Status.FAIL, Status.ERROR} | ({Status.WARN} if strict else set()))


@dataclass(frozen=True)
class Tally:
    fail: int = 0
    error: int = 0
    warn: int = 0
    manual: int = 0
    passed: int = 0
    waived: int = 0
    skipped: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(a + b for a, b in zip(self.astuple(), other.astuple(), strict=True)))

    def astuple(self) -> tuple[int, ...]:
        return (
            self.fail,
            self.error,
            self.warn,
            self.manual,
            self.passed,
            self.waived,
            self.skipped,
        )

    def ready(self, strict: bool = False) -> bool:
        return not (self.fail or self.error or (strict and self.warn))


def tally(findings: list[Finding]) -> Tally:
    """Problems to fix: grouped findings count once; one unreadable file counts once."""
    unreadable = {(f.file, f.message) for f in findings if f.status is Status.ERROR}
    by = {s: sum(f.status is s for f in findings) for s in Status}
    return Tally(
        fail=by[Status.FAIL],
        error=len(unreadable),
        warn=by[Status.WARN],
        manual=by[Status.MANUAL],
        passed=len(passed_rules(findings)),
        waived=by[Status.WAIVED],
        skipped=by[Status.SKIPPED],
    )


def passed_rules(findings: list[Finding]) -> list[str]:
    """Rules whose every finding that was decided is a pass."""
    decided: dict[str, bool] = {}
    for f in findings:
        if f.status is not Status.SKIPPED:
            decided[f.rule] = decided.get(f.rule, True) and f.status is Status.PASS
    return [rule for rule, ok in decided.items() if ok]


def report_tally(report: Report) -> Tally:
    total = tally(report.batch_findings)
    for result in report.submissions:
        total = total + tally(result.findings)
    return total


def exit_code(report: Report, strict: bool) -> int:
    """0 ready, 1 not ready (the same rule as the verdict line and JUnit's failures)."""
    return 0 if report_tally(report).ready(strict) else 1
