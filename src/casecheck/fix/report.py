"""Report (.docx) fixer: apply the pack's formatting, and annotate what only the teacher can fix.

Works on the copy in the output folder with python-docx + lxml. Formatting rules that failed
(``report.heading1_style`` … ``report.line_spacing``) are repaired by ``report_format``; every
change and every problem fix cannot solve (字数 over the limit, a missing or misordered
section, an AI image without 「AI生成」, an ambiguous bold) becomes a Word comment by
"casecheck" at the place it concerns, so the teacher can review each edit in Word.
"""

from __future__ import annotations

from pathlib import Path

from casecheck.checkers.report_style import FontStyleParams, LineSpacingParams
from casecheck.fix.model import FixItem, Notes
from casecheck.fix.report_format import ReportFormatter
from casecheck.fix.report_notes import annotate_left, write_comments
from casecheck.fix.report_targets import Target
from casecheck.i18n import Lang
from casecheck.packs.ruleset import Rule
from casecheck.readers.docx.document import load_document
from casecheck.readers.docx.models import DocxFacts
from casecheck.result import Finding, Status

BAD = (Status.FAIL, Status.WARN)


def style_targets(findings: list[Finding], rules: dict[str, Rule]) -> list[Target]:
    """The formatting rules that did not pass, as what their paragraphs must become: each
    rule's parameters say which paragraphs it judges and what they must be."""
    # manual (ambiguous bold) too: the formatter comments on those paragraphs instead.
    failing = {f.rule for f in findings if f.status in (*BAD, Status.MANUAL)}
    targets: list[Target] = []
    for rule_id, rule in rules.items():
        params = rule.params if rule_id in failing else None
        if isinstance(params, FontStyleParams):
            roles = params.judged_roles()
            targets.append(Target(rule_id, roles, params.font, params.size_pt, params.bold))
        elif isinstance(params, LineSpacingParams):
            targets.append(Target(rule_id, params.judged_roles(), line_pt=params.line_pt))
    return targets


def fix_report(
    path: Path,
    facts: DocxFacts,
    findings: list[Finding],
    rules: dict[str, Rule],
    lang: Lang = "zh",
) -> tuple[bool, list[FixItem]]:
    """Fix the copy at ``path`` in place; (whether it was rewritten, what was done and left)."""
    notes = Notes(lang)
    targets = style_targets(findings, rules)
    annotate_left(facts, findings, rules, notes)
    if not targets and not notes.items:
        return False, []
    doc = load_document(path)
    if targets:
        ReportFormatter(doc, facts, notes).apply(targets)
    write_comments(doc, facts, notes.items, lang)
    tmp = path.with_name(path.name + ".casecheck-tmp")
    doc.save(str(tmp))
    tmp.replace(path)
    return True, notes.items
