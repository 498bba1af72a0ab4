"""Report problems a fixer cannot solve, and Word comments for every note of the report fixer.

字数 over the limit is noted at the first paragraph with the count and how much to cut; a
renamed or misordered section at its heading, a missing one at the heading of the section
before it; an AI-generated image without 「AI生成」 at the image; other ``manual`` findings
where they point. ``write_comments`` turns each note into a comment by "casecheck".
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from casecheck.checkers.ai_label import ai_signals, report_verdicts
from casecheck.checkers.report import _heading_title, _key
from casecheck.fix.model import FixItem, Notes
from casecheck.i18n import Lang, Text
from casecheck.packs.ruleset import Rule
from casecheck.readers.docx.document import shown_paragraphs
from casecheck.readers.docx.models import DocxFacts
from casecheck.readers.docx.wml import A, R, W
from casecheck.result import Finding, Status

AUTHOR, INITIALS = "casecheck", "cc"
BAD = (Status.FAIL, Status.WARN)
STYLE_CHECKERS = {
    "report.heading1_style",
    "report.heading2_style",
    "report.body_style",
    "report.line_spacing",
}


def _first(facts: DocxFacts) -> dict[str, Any]:
    return (
        {"location": facts.paragraphs[0].where(), "place": {"paragraph": 1}}
        if facts.paragraphs
        else {}
    )


def annotate_left(
    facts: DocxFacts, findings: list[Finding], rules: dict[str, Rule], notes: Notes
) -> None:
    """Add a ``left`` note for each report problem that needs the teacher."""
    where_index = {p.where().pick(notes.lang): p for p in facts.paragraphs}
    for f in findings:
        rule = rules.get(f.rule)
        checker = rule.checker_name if rule else ""
        params: Any = rule.params if rule else None
        if checker == "report.word_count" and f.status in BAD and params is not None:
            n = f.actual.get("count") if isinstance(f.actual, dict) else None
            if isinstance(n, int):
                over, limit = n - params.max_chars, params.max_chars
                notes.left(
                    Text(
                        f"全文（附件前）共 {n} 字，超过 {limit} 字的字数上限 {over} 字：请删减至少 {over} 字"
                        "（最后一部分之后以「附件」「附件：」或「附件1」开头的一行起为附件，不计字数）",
                        f"The text before the attachments has {n} characters, {over} over the "
                        f"{limit}-character limit: cut at least {over}",
                    ),
                    rule=f.rule,
                    **_first(facts),
                )
        elif checker == "report.sections" and f.status in BAD:
            _section(facts, f, params, where_index, notes)
        elif checker == "report.ai_label" and f.status in BAD and params is not None:
            continue  # handled once below, per image
        elif f.status is Status.MANUAL and checker not in STYLE_CHECKERS:
            para = where_index.get(f.location or "")
            notes.left(
                Text(f.message, f.message),
                rule=f.rule,
                **(
                    {"location": para.where(), "place": {"paragraph": para.index}}
                    if para
                    else _first(facts)
                ),
            )
    ai_rules = [
        (rid, rule.params)
        for rid, rule in rules.items()
        if rule.checker_name == "report.ai_label" and rule.params is not None
    ]
    for rule_id, params in ai_rules:
        if any(f.rule == rule_id and f.status in BAD for f in findings):
            _ai_images(facts, rule_id, params, notes)


def _section(
    facts: DocxFacts, f: Finding, params: Any, where_index: dict[str, Any], notes: Notes
) -> None:
    joint = "；" if notes.lang == "zh" else ". "  # the finding's message, then its fix
    hint = joint + f.hint if f.hint else ""
    para = where_index.get(f.location or "")
    if para is not None:  # renamed or out of order: at the heading itself
        notes.left(
            Text(f.message + hint, f.message + hint),
            rule=f.rule,
            location=para.where(),
            place={"paragraph": para.index},
        )
        return
    titles: list[str] = list(getattr(params, "level1_titles", []) or [])
    missing = next(
        (i for i, t in enumerate(titles) if f"「{t}」" in f.message or f"“{t}”" in f.message), None
    )
    heads = facts.by_role("h1")
    neighbour = None
    if missing is not None and heads:
        keys = {_heading_title(h.text): h for h in heads}
        for ri in [*range(missing - 1, -1, -1), *range(missing + 1, len(titles))]:
            rk = _key(titles[ri])
            neighbour = next((h for k, h in keys.items() if k == rk or k.startswith(rk)), None)
            if neighbour is not None:
                after = ri < missing
                title = titles[missing]
                msg = Text(
                    f"缺少一级标题「{title}」（模板第 {missing + 1} 部分），应写在本部分{'之后' if after else '之前'}",
                    f"The section “{title}” (part {missing + 1} of the template) is missing: it belongs {'after' if after else 'before'} this section",
                )
                notes.left(
                    msg,
                    rule=f.rule,
                    location=neighbour.where(),
                    place={"paragraph": neighbour.index},
                )
                return
    notes.left(Text(f.message + hint, f.message + hint), rule=f.rule, **_first(facts))


def _ai_images(facts: DocxFacts, rule_id: str, params: Any, notes: Notes) -> None:
    verdicts = report_verdicts(facts, params)
    for img, item in zip(facts.images, verdicts.images, strict=True):
        if item.labelled or not ai_signals(item.signals, params) or img.paragraph is None:
            continue
        para = facts.paragraphs[img.paragraph - 1]
        notes.left(
            Text(
                f"此图片（{item.name}）的元数据表明由 AI 生成，但图片旁没有「AI生成」标注：请在图片所在段落或题注中加上「AI生成」",
                f"This image ({item.name}) is AI-generated by its metadata but has no 「AI生成」 label: add one in its paragraph or caption",
            ),
            rule=rule_id,
            location=para.where(),
            place={"paragraph": para.index, "image": img.part_name},
        )


def _image_run(p: etree._Element, doc: Any, part_name: str) -> etree._Element | None:
    for blip in p.iter(A + "blip"):
        rid = blip.get(R + "embed")
        rel = doc.part.rels.get(rid) if rid else None
        if rel is not None and not rel.is_external and str(rel.target_part.partname) == part_name:
            node = blip.getparent()
            while node is not None and node.tag != W + "r":
                node = node.getparent()
            return node
    return None


def write_comments(doc: Any, facts: DocxFacts, items: list[FixItem], lang: Lang) -> int:
    """One Word comment by "casecheck" per note, anchored at its paragraph (or image)."""
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    shown = shown_paragraphs(doc)
    anchored = [(p, runs) for p, runs in shown if runs]
    if not anchored:
        return 0
    prefix = {
        "changed": Text("【casecheck 已修改】", "[casecheck changed] "),
        "left": Text("【需要您修改】", "[please fix] "),
    }
    count = 0
    for item in items:
        n = item.place.get("paragraph") if item.place else None
        p, runs = shown[int(n) - 1] if isinstance(n, int) and 0 < n <= len(shown) else anchored[0]
        image = item.place.get("image") if item.place else None
        if isinstance(image, str) and (r := _image_run(p, doc, image)) is not None:
            runs = [r]
        if not runs:
            p, runs = anchored[0]
        para = Paragraph(p, doc._body)
        doc.add_comment(
            [Run(runs[0], para), Run(runs[-1], para)],
            text=prefix[item.kind].pick(lang) + item.message,
            author=AUTHOR,
            initials=INITIALS,
        )
        count += 1
    return count
