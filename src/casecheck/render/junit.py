"""JUnit XML for CI dashboards: one testsuite per submission, one testcase per rule.

``classname`` is the submission's folder and ``name`` the rule id, so a test keeps its
name under ``--select``. A testcase's outcome is the rule's status under the result's
counting rule (result.py): ``error`` → error, ``fail`` (and ``warn`` with ``--strict``) →
failure, ``skipped`` and ``manual`` → skipped; its text carries each problem's message,
location and fix. ``waived`` passes, with the waiver in ``properties``. So the suites'
failures and errors are the result's counts. Totals and times are on the root.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from casecheck.i18n import Lang, Text
from casecheck.result import Finding, Report, Status, blocking, count, rule_statuses

LABELS = {
    "where": Text("位置", "location"),
    "file": Text("文件", "file"),
    "fix": Text("修改方法", "fix"),
    "actual": Text("实测", "measured"),
    "expected": Text("要求", "required"),
    "requirement": Text("依据", "requirement"),
}


def _value(v: object) -> str:
    """A measured or required value as compact text, without empty (None) parts."""
    if isinstance(v, dict):
        return ", ".join(f"{k}={_value(w)}" for k, w in v.items() if w is not None)
    if isinstance(v, list):
        return "; ".join(_value(w) for w in v)
    return str(v)


def _describe(f: Finding, lang: Lang) -> str:
    lines = [f"[{f.status.value}] {f.message}"]
    for key, value in (
        ("file", f.file),
        ("where", f.location),
        ("actual", f.actual),
        ("expected", f.expected),
        ("fix", f.hint),
        ("requirement", f.requirement),
    ):
        if value is not None and value != "":
            lines.append(f"  {LABELS[key].pick(lang)}: {_value(value)}")
    if f.waiver is not None:
        lines.append(f"  waived: {f.waiver.reason} ({f.waiver.by}, {f.waiver.date})")
    return "\n".join(lines)


def _by_rule(findings: list[Finding]) -> dict[str, list[Finding]]:
    rules: dict[str, list[Finding]] = {}
    for f in findings:
        rules.setdefault(f.rule, []).append(f)
    return rules


def _testcase(
    suite: ET.Element,
    folder: str,
    rule: str,
    status: Status,
    findings: list[Finding],
    lang: Lang,
    strict: bool,
) -> None:
    """Add the rule's testcase, its outcome decided by ``status`` (the counted one)."""
    case = ET.SubElement(suite, "testcase", classname=folder, name=rule)
    problems = [f for f in findings if f.status not in (Status.PASS, Status.SKIPPED)]
    text = "\n".join(_describe(f, lang) for f in problems)
    first = problems[0].message if problems else ""
    if status is Status.ERROR:
        ET.SubElement(case, "error", message=first, type="error").text = text
        return
    if status in blocking(strict):
        failing = next(f for f in problems if f.status is status)
        ET.SubElement(
            case, "failure", message=failing.message, type=failing.status.value
        ).text = text
        return
    if status is Status.SKIPPED:
        ET.SubElement(case, "skipped", message=findings[0].message)
        return
    if status is Status.MANUAL:
        ET.SubElement(case, "skipped", message=f"manual: {first}")
        ET.SubElement(case, "system-out").text = text
        return
    for f in findings:  # waived: passes, on record
        if f.status is Status.WAIVED and f.waiver is not None:
            props = ET.SubElement(case, "properties")
            for key, value in f.waiver.model_dump(mode="json").items():
                if value is not None:
                    ET.SubElement(props, "property", name=f"waiver.{key}", value=str(value))
    if problems:  # warnings without --strict, waived findings
        ET.SubElement(case, "system-out").text = text


def render_junit(
    report: Report,
    lang: Lang = "zh",
    *,
    strict: bool = False,
    times: dict[str, float] | None = None,
) -> str:
    times = times or {}
    root = ET.Element("testsuites", name="casecheck")
    groups = [(r.path, r.findings, r.counts) for r in report.submissions]
    if report.batch_findings:
        groups.append(("batch", report.batch_findings, count(report.batch_findings)))
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for folder, findings, counts in groups:
        suite = ET.SubElement(root, "testsuite", name=folder)
        props = ET.SubElement(suite, "properties")
        for status, n in counts.items():
            ET.SubElement(props, "property", name=f"casecheck.{status}", value=str(n))
        by_rule = _by_rule(findings)
        for rule, status in rule_statuses(findings).items():
            _testcase(suite, folder, rule, status, by_rule[rule], lang, strict)
        numbers = {
            "tests": sum(counts.values()),
            "failures": sum(counts[s.value] for s in blocking(strict) if s is not Status.ERROR),
            "errors": counts["error"],
            "skipped": counts["skipped"] + counts["manual"],
        }
        for key, n in numbers.items():
            suite.set(key, str(n))
            totals[key] += n
        suite.set("time", f"{times.get(folder, 0.0):.3f}")
    for key, n in totals.items():
        root.set(key, str(n))
    root.set("time", f"{sum(times.values()):.3f}")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
