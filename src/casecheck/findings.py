"""Findings: what a rule decided about a submission, and how results add up."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    MANUAL = "manual"
    SKIPPED = "skipped"
    ERROR = "error"
    WAIVED = "waived"  # a fail/warn a reviewer accepted in a waivers file (issue 17)


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


def worst(statuses: list[Status] | tuple[Status, ...]) -> Status:
    """The worst status of several; ``pass`` when there are none or all were skipped."""
    result = Status.PASS
    for status in statuses:
        if status is not Status.SKIPPED and STATUS_RANK[status] > STATUS_RANK[result]:
            result = status
    return result


class Picture(BaseModel):
    """A small picture that backs a finding (a video frame, a face, a slide render).

    ``jpeg`` holds the JPEG bytes for the HTML renderers; JSON names the picture by its
    label and timecode only.
    """

    label: str
    time_s: float | None = None
    jpeg: bytes = Field(default=b"", exclude=True, repr=False)


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


def empty_counts() -> dict[str, int]:
    return {status.value: 0 for status in Status}


def count(findings: list[Finding]) -> dict[str, int]:
    counts = empty_counts()
    for finding in findings:
        counts[finding.status.value] += 1
    return counts


class CaseInfo(BaseModel):
    """Who and what a submission is, for the administrator's columns: from the info form
    (case name, category, first author and unit) and, in a batch, from the folder layout
    (市州 or 高校, category)."""

    name: str | None = None  # 案例名称 (工作室名称)
    category: str | None = None  # 教AI / 用AI … or the ticked 案例类别
    first_author: str | None = None
    school: str | None = None  # the first author's unit
    unit: str | None = None  # 市州 (附件1) or 高校 the case counts for (batch only)
    unit_kind: str | None = None  # "region" | "university"


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
        """Fill status and counts from the findings."""
        self.status = worst([f.status for f in self.findings])
        self.counts = count(self.findings)
        return self


class Report(BaseModel):
    """The JSON report (schema_version 1) shared by ``check`` and ``batch``."""

    schema_version: int = 1
    tool: dict[str, str]
    submissions: list[SubmissionResult]
    batch_findings: list[Finding] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=empty_counts)
