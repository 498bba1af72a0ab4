"""Waivers: exceptions a reviewer accepted on purpose, recorded in a YAML file.

```yaml
waivers:
  - submission: 张明-AI课堂分析*     # folder name or glob (also matched against the path)
    rule: video.duration             # rule id or prefix (``video``), as --select takes
    reason: 组委会同意视频延长至 10:05
    by: 李老师（市教研室）
    date: 2026-06-03
    expires: 2026-06-30              # optional; after this day the waiver no longer applies
```

A matching ``fail``/``warn`` becomes ``waived`` and keeps its original status, reason,
reviewer and date in ``Finding.waiver``. Waivers that matched nothing, or have expired, come
back as ``waivers.*`` warnings. The submission's files are never touched: this only changes
findings.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from casecheck.i18n import Lang, Text
from casecheck.packs.ruleset import rule_matches
from casecheck.result import Finding, Severity, Status, SubmissionResult, Waiver
from casecheck.validation import (
    ProblemsError,
    line_of,
    problem,
    read_yaml,
    validation_problems,
)

WAIVABLE = (Status.FAIL, Status.WARN)


class WaiverError(ProblemsError):
    """An invalid waivers file: every problem with the file, the line and the field."""


class WaiverEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # built when a file is read

    submission: str = Field(min_length=1)
    rule: str = Field(min_length=1)
    reason: str = Field(min_length=1)
    by: str = Field(min_length=1)
    date: dt.date
    expires: dt.date | None = None


class WaiverFile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    waivers: list[WaiverEntry]


@dataclass
class Waivers:
    path: Path
    entries: list[WaiverEntry]
    lines: list[int] = field(default_factory=list)  # 1-based line of each entry

    def matching(self, result: SubmissionResult, finding: Finding, skip: set[int]) -> int | None:
        """Index of the first entry (not in ``skip``) that covers ``finding`` of ``result``."""
        folder = Path(result.path)
        name = folder.name or folder.resolve().name
        posix = folder.as_posix()
        for i, entry in enumerate(self.entries):
            if i in skip:
                continue
            pattern = entry.submission.rstrip("/")
            if not (
                fnmatch.fnmatchcase(name, pattern)
                or fnmatch.fnmatchcase(posix, pattern)
                or fnmatch.fnmatchcase(posix, f"*/{pattern}")
            ):
                continue
            if rule_matches(finding.rule, [entry.rule]):
                return i
        return None


def load_waivers(path: Path) -> Waivers:
    """Parse and validate a waivers file; WaiverError says where it is wrong."""
    if not path.is_file():
        missing = Text("找不到豁免文件", "waivers file not found")
        raise WaiverError([problem(path, None, None, missing)])
    try:
        data, lines = read_yaml(path)
    except ProblemsError as exc:
        raise WaiverError(exc.problems) from exc
    if isinstance(data, list):  # a bare list of entries is accepted too
        data = {"waivers": data}
        lines = {("waivers", *k): v for k, v in lines.items()}
    if not isinstance(data, dict):
        what = Text(
            "豁免文件应为含 waivers 列表的映射", "a waivers file is a mapping with a 'waivers' list"
        )
        raise WaiverError([problem(path, 1, None, what)])
    try:
        parsed = WaiverFile.model_validate(data)
    except ValidationError as exc:
        where = lambda keys: f"{path}:{line_of(lines, keys) or 1}"  # noqa: E731
        raise WaiverError(validation_problems(exc, where)) from exc
    entry_lines = [lines.get(("waivers", str(i)), 1) for i in range(len(parsed.waivers))]
    return Waivers(path=path, entries=parsed.waivers, lines=entry_lines)


def apply_waivers(
    results: list[SubmissionResult],
    waivers: Waivers,
    lang: Lang,
    today: dt.date | None = None,
) -> list[Finding]:
    """Turn waived fail/warn findings into ``waived``; return warnings about the file itself."""
    today = today or dt.date.today()
    expired = {i for i, e in enumerate(waivers.entries) if e.expires and e.expires < today}
    used: set[int] = set()
    for result in results:
        for finding in result.findings:
            if finding.status not in WAIVABLE:
                continue
            hit = waivers.matching(result, finding, skip=expired)
            if hit is None:
                continue
            entry = waivers.entries[hit]
            used.add(hit)
            finding.waiver = Waiver(
                original_status=finding.status,
                reason=entry.reason,
                by=entry.by,
                date=entry.date.isoformat(),
                expires=entry.expires.isoformat() if entry.expires else None,
            )
            finding.status = Status.WAIVED
        result.finish()
    notes = []
    for i, entry in enumerate(waivers.entries):
        if i in expired:
            notes.append(_note("waivers.expired", EXPIRED, waivers, i, lang, entry.expires))
        elif i not in used:
            notes.append(_note("waivers.unused", UNUSED, waivers, i, lang, None))
    return notes


EXPIRED = Text(
    "豁免（{rule} → {submission}，{by}）已于 {expires} 过期，未生效：请续期或删除该条",
    "The waiver ({rule} → {submission}, by {by}) expired on {expires} and was not applied: renew or remove it",
)
UNUSED = Text(
    "豁免（{rule} → {submission}，{by}）没有匹配任何不合格或警告项：问题可能已修改，请删除该条",
    "The waiver ({rule} → {submission}, by {by}) matched no fail or warning: the problem may be fixed; remove it",
)


def _note(
    rule: str, message: Text, waivers: Waivers, i: int, lang: Lang, expires: dt.date | None
) -> Finding:
    entry = waivers.entries[i]
    fields: dict[str, Any] = {
        "rule": entry.rule,
        "submission": entry.submission,
        "by": entry.by,
        "expires": expires.isoformat() if expires else "",
    }
    line = waivers.lines[i] if i < len(waivers.lines) else 1
    return Finding(
        rule=rule,
        status=Status.WARN,
        severity=Severity.WARNING,
        file=str(waivers.path),
        location=Text(f"第 {line} 行", f"line {line}").pick(lang),
        place={"line": line},
        message=message.format(**fields).pick(lang),
        actual=entry.model_dump(mode="json"),
        hint=Text("编辑豁免文件", "Edit the waivers file").pick(lang),
    )
