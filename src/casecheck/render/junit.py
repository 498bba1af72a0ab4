"""JUnit XML: one testsuite per submission, one testcase per finding (for CI dashboards)."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from casecheck.findings import Report, Status


def render_junit(report: Report) -> str:
    suites = ET.Element("testsuites", name="casecheck")
    groups = [(r.path, r.findings) for r in report.submissions]
    if report.batch_findings:
        groups.append(("batch", report.batch_findings))
    for path, findings in groups:
        failures = sum(f.status is Status.FAIL for f in findings)
        errors = sum(f.status is Status.ERROR for f in findings)
        skipped = sum(f.status in (Status.SKIPPED, Status.MANUAL) for f in findings)
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=path,
            tests=str(len(findings)),
            failures=str(failures),
            errors=str(errors),
            skipped=str(skipped),
        )
        for i, f in enumerate(findings):
            name = (
                f.rule
                + (f" [{f.location}]" if f.location else "")
                + (f" #{i}" if f.location is None else "")
            )
            case = ET.SubElement(suite, "testcase", classname=f.rule.split(".")[0], name=name)
            text = "\n".join(
                x
                for x in (
                    f.message,
                    f"file: {f.file}" if f.file else "",
                    f"actual: {f.actual}",
                    f"expected: {f.expected}",
                    f.requirement or "",
                )
                if x
            )
            if f.status is Status.FAIL:
                ET.SubElement(case, "failure", message=f.message, type=f.rule).text = text
            elif f.status is Status.ERROR:
                ET.SubElement(case, "error", message=f.message, type=f.rule).text = text
            elif f.status in (Status.SKIPPED, Status.MANUAL):
                ET.SubElement(case, "skipped", message=f"{f.status.value}: {f.message}")
            elif f.status is Status.WARN:
                ET.SubElement(case, "system-out").text = f"warning: {text}"
            elif f.status is Status.WAIVED and f.waiver is not None:  # passes, on record
                props = ET.SubElement(case, "properties")
                for key, value in f.waiver.model_dump(mode="json").items():
                    if value is not None:
                        ET.SubElement(props, "property", name=f"waiver.{key}", value=str(value))
                ET.SubElement(case, "system-out").text = f"waived: {text}"
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
