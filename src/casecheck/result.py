"""The result of a check: findings, what each rule decided, and the counts every output shows.

Counting rule (SPEC, "counts"): counts are **per rule**. Each rule counts once, under the
worst status among its findings — error > fail > warn > manual > waived > pass; a rule that
decided nothing (every finding skipped) counts as skipped. Five body paragraphs in 宋体 are
one ``fail`` of ``report.body_style``. An unreadable file is reported once, by the first
rule that reads it (``error``); the other rules that need it are ``skipped``, so a damaged
report counts as one error. A check of several folders, and a batch, add up their
submissions' counts and the batch rules' own.

The counts are computed here, once, when a result is finished; the terminal, concise,
JSON, JUnit, HTML, feedback page, workbook, local page and ``fix``'s re-check read them.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from casecheck import __version__
from casecheck.i18n import Text
from casecheck.readers.case import CaseInfo
from casecheck.readers.pictures import Picture

__all__ = [
    "CaseInfo",
    "Finding",
    "Picture",
    "Report",
    "Severity",
    "Status",
    "SubmissionResult",
    "Waiver",
    "count",
    "exit_code",
    "group_of",
    "is_ready",
    "rule_statuses",
    "worst",
]


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    MANUAL = "manual"
    SKIPPED = "skipped"
    ERROR = "error"
    WAIVED = "waived"  # a fail/warn a reviewer accepted in a waivers file


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# Worst first: a submission's status is the worst of its findings' statuses.
STATUS_RANK: dict[Status, int] = {
    Status.ERROR: 5,
    Status.FAIL: 4,
    Status.WARN: 3,
    Status.MANUAL: 2,
    Status.PASS: 1,
    Status.WAIVED: 1,  # counts as passed: the exit code and verdict treat it so
    Status.SKIPPED: 0,
}
# The status a rule counts under, worst first (waived before pass: it is shown apart).
COUNT_ORDER = (
    Status.ERROR,
    Status.FAIL,
    Status.WARN,
    Status.MANUAL,
    Status.WAIVED,
    Status.PASS,
    Status.SKIPPED,
)
PROBLEMS = (Status.ERROR, Status.FAIL, Status.WARN, Status.MANUAL)


def worst(statuses: list[Status] | tuple[Status, ...]) -> Status:
    """The worst status of several; ``pass`` when there are none or all were skipped."""
    result = Status.PASS
    for status in statuses:
        if status is not Status.SKIPPED and STATUS_RANK[status] > STATUS_RANK[result]:
            result = status
    return result


class Waiver(BaseModel):
    """Who accepted a fail/warn, why and when (from a waivers file)."""

    original_status: Status
    reason: str
    by: str
    date: str
    expires: str | None = None


class Finding(BaseModel):
    """One decision of one rule about one place in one file."""

    rule: str
    status: Status
    severity: Severity
    material: str | None = None
    file: str | None = None
    location: str | None = None  # localised: 「第 7 张幻灯片」
    place: dict[str, Any] | None = Field(
        default=None,
        description=(
            "The location as language-independent data: one place is a flat object "
            '({"slide": 7}, {"paragraph": 12}, {"table": 1, "row": 4, "field": "案例名称"}, '
            '{"page": 2}, {"time_s": 195.0, "end_s": 210.0}, {"region": "长沙市"}); a finding '
            'that groups several places lists every one under "places" '
            '({"places": [{"paragraph": 4}, {"paragraph": 5}]}) however many `location` names. '
            "null when the finding is about the whole file or submission."
        ),
    )
    message: str
    actual: Any = None
    expected: Any = None
    requirement: str | None = None
    hint: str | None = None
    pictures: list[Picture] = Field(default_factory=list)
    waiver: Waiver | None = None


def group_of(finding: Finding) -> str:
    """The part of the report a finding is shown under: a material, or ``materials``,
    ``consistency``, ``batch`` (vocabulary.GROUP_TITLE names them)."""
    prefix = finding.rule.split(".")[0]
    if prefix in ("materials", "batch"):
        return prefix
    return finding.material or {"form": "info_form"}.get(prefix, prefix)


def rule_statuses(findings: list[Finding]) -> dict[str, Status]:
    """Each rule's status under the counting rule, in the order the rules first appear."""
    by_rule: dict[str, Status] = {}
    for f in findings:
        old = by_rule.get(f.rule)
        if old is None or COUNT_ORDER.index(f.status) < COUNT_ORDER.index(old):
            by_rule[f.rule] = f.status
    return by_rule


def empty_counts() -> dict[str, int]:
    return {status.value: 0 for status in Status}


def count(findings: list[Finding]) -> dict[str, int]:
    """Per-status counts of ``findings`` under the counting rule (one per rule)."""
    counts = empty_counts()
    for status in rule_statuses(findings).values():
        counts[status.value] += 1
    return counts


def add_counts(*parts: dict[str, int]) -> dict[str, int]:
    total = empty_counts()
    for part in parts:
        for status, n in part.items():
            total[status] += n
    return total


def blocking(strict: bool) -> frozenset[Status]:
    """The statuses that make a submission not ready (``--strict``: warnings too)."""
    return frozenset({Status.FAIL, Status.ERROR} | ({Status.WARN} if strict else set()))


def is_ready(counts: dict[str, int], strict: bool = False) -> bool:
    """No fail, no error (and with ``strict`` no warning): the verdict and the exit code."""
    return not any(counts.get(status.value, 0) for status in blocking(strict))


class SubmissionResult(BaseModel):
    """Everything decided about one submission folder."""

    path: str
    pack: str
    pack_reason: str
    status: Status = Status.PASS
    materials: dict[str, str | None] = Field(default_factory=dict)
    findings: list[Finding] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=empty_counts)
    case: CaseInfo = Field(default_factory=CaseInfo)

    def finish(self) -> SubmissionResult:
        """Fill status and counts from the findings (again after waivers changed them)."""
        self.status = worst([f.status for f in self.findings])
        self.counts = count(self.findings)
        return self

    def rule_statuses(self) -> dict[str, Status]:
        return rule_statuses(self.findings)

    def counts_by_group(self) -> dict[str, dict[str, int]]:
        """The counts of each part of the report (group_of), which add up to ``counts``."""
        groups: dict[str, list[Finding]] = {}
        for f in self.findings:
            groups.setdefault(group_of(f), []).append(f)
        return {group: count(findings) for group, findings in groups.items()}

    def ready(self, strict: bool = False) -> bool:
        return is_ready(self.counts, strict)

    @property
    def empty_folder(self) -> bool:
        """A submission folder holding none of its materials (found by its place, or an empty
        folder beside submissions)."""
        return bool(self.materials) and all(v is None for v in self.materials.values())


def empty_folders(results: Iterable[SubmissionResult]) -> int:
    return sum(1 for r in results if r.empty_folder)


class Report(BaseModel):
    """The JSON report (schema_version 1) shared by ``check`` and ``batch``."""

    schema_version: int = 1
    tool: dict[str, str]
    submissions: list[SubmissionResult]
    batch_findings: list[Finding] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=empty_counts)
    # Each rule's title (the packs' words), for the outputs that name a check in words.
    titles: dict[str, Text] = Field(default_factory=dict, exclude=True)

    @classmethod
    def of(
        cls,
        results: list[SubmissionResult],
        batch_findings: list[Finding] | None = None,
        titles: dict[str, Text] | None = None,
    ) -> Report:
        """The report of finished results (and the batch rules' findings), counts added up."""
        batch_findings = batch_findings or []
        return cls(
            tool={"name": "casecheck", "version": __version__},
            submissions=results,
            batch_findings=batch_findings,
            counts=add_counts(*(r.counts for r in results), count(batch_findings)),
            titles=titles or {},
        )

    def ready(self, strict: bool = False) -> bool:
        return is_ready(self.counts, strict)

    def cases_per_rule(
        self, statuses: tuple[Status, ...] = PROBLEMS
    ) -> list[tuple[str, Status, int]]:
        """(rule, worst status, how many submissions it counts under one of ``statuses``
        for), most frequent first: the batch's per-rule tally."""
        cases: dict[str, int] = {}
        worst_of: dict[str, Status] = {}
        for result in self.submissions:
            for rule, status in result.rule_statuses().items():
                if status in statuses:
                    cases[rule] = cases.get(rule, 0) + 1
                    old = worst_of.get(rule)
                    if old is None or COUNT_ORDER.index(status) < COUNT_ORDER.index(old):
                        worst_of[rule] = status
        return sorted(((r, worst_of[r], n) for r, n in cases.items()), key=lambda t: (-t[2], t[0]))


def exit_code(report: Report, strict: bool = False) -> int:
    """0 ready, 1 not ready: the same decision as the verdict line and JUnit's failures.
    (2, a usage error, is decided before any result exists.)"""
    return 0 if report.ready(strict) else 1
