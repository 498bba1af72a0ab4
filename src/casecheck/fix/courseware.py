"""Courseware (.pptx) fixer: remove links that leave the deck; list content for the teacher.

Hyperlinks and click / mouse-over actions to a URL, ``mailto:``, a file or a program are
removed from runs and shapes on slides, layouts, masters and notes (the text and the shape
stay; jumps to other slides of the deck stay). External relationships no part refers to any
more are dropped. QR codes, web addresses in the text, contact details, logos and AI labels
are content decisions: they are listed with their slide, never deleted.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from lxml import etree

from casecheck.fix.model import FixItem, Notes
from casecheck.i18n import Lang, Text
from casecheck.packs.ruleset import Rule
from casecheck.readers.package import load_package_bytes
from casecheck.readers.pptx.actions import EXTERNAL_KINDS, action_kind
from casecheck.result import Finding, Status

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
LINK_TAGS = (A + "hlinkClick", A + "hlinkHover", A + "hlinkMouseOver")
BAD = (Status.FAIL, Status.WARN)
CONTENT_RULES = {
    "courseware.qr_code": Text(
        "二维码未自动删除：是否替换图片由您决定", "QR code not deleted automatically (your call)"
    ),
    "courseware.url": Text(
        "网址文字未自动删除：请改写或删除", "web address text not deleted automatically"
    ),
    "courseware.contact": Text(
        "联系方式未自动删除：请改写或删除", "contact details not deleted automatically"
    ),
    "courseware.logo": Text(
        "疑似 Logo 未自动删除：请确认", "possible logo not deleted automatically"
    ),
    "courseware.ai_label": Text(
        "请在该页加上可见的「AI生成」", "add a visible 「AI生成」 on the slide"
    ),
}


def _part_label(part: Any, slides: dict[str, int]) -> Text:
    name = str(part.partname)
    if name in slides:
        return Text(f"第 {slides[name]} 张幻灯片", f"slide {slides[name]}")
    notes = next(
        (
            n
            for s, n in slides.items()
            if name == s.replace("/slides/slide", "/notesSlides/notesSlide")
        ),
        None,
    )
    if notes is not None:
        return Text(f"第 {notes} 张幻灯片的备注", f"notes of slide {notes}")
    short = name.rsplit("/", 1)[-1]
    if "/slideLayouts/" in name:
        return Text(f"版式 {short}", f"layout {short}")
    if "/slideMasters/" in name:
        return Text(f"母版 {short}", f"master {short}")
    return Text(short, short)


def _leaves_deck(link: etree._Element, part: Any) -> str | None:
    """The outside target of a link element, or None when it stays in the deck (or is a sound)."""
    rid = link.get(f"{{{R_NS}}}id") or ""
    action = link.get("action") or ""
    rel = part.rels.get(rid) if rid else None
    if rel is not None and rel.is_external:
        return str(rel.target_ref)
    if action and action_kind(action, None, False) in EXTERNAL_KINDS:
        return action
    return None


def _owner_text(link: etree._Element) -> Text:
    owner = link.getparent()
    if owner is not None and etree.QName(owner).localname == "rPr":
        run = owner.getparent()
        text = "".join(t.text or "" for t in run.iter(A + "t")) if run is not None else ""
        return Text(f"文字「{text}」", f"text “{text}”")
    name = owner.get("name") if owner is not None else None
    return Text(f"形状「{name}」", f"shape “{name}”") if name else Text("形状", "a shape")


def fix_courseware(
    path: Path,
    facts: Any,
    findings: list[Finding],
    rules: dict[str, Rule],
    lang: Lang = "zh",
) -> tuple[bool, list[FixItem]]:
    """Fix the copy at ``path`` in place; (whether it was rewritten, what was done and left)."""
    from pptx import Presentation

    notes = Notes(lang)
    checker_of = {rid: rule.checker_name for rid, rule in rules.items()}
    wants_links = any(
        checker_of.get(f.rule) == "courseware.hyperlink" and f.status in BAD for f in findings
    )
    written = False
    if wants_links:
        prs = Presentation(io.BytesIO(load_package_bytes(path)))
        slides = {str(s.part.partname): n for n, s in enumerate(prs.slides, 1)}
        removed = 0
        for part in prs.part.package.iter_parts():
            root = getattr(part, "_element", None)
            if root is None:
                continue
            removed += _unlink_part(part, root, slides, notes)
        if removed:
            tmp = path.with_name(path.name + ".casecheck-tmp")
            prs.save(str(tmp))
            tmp.replace(path)
            written = True
    for f in findings:
        checker = checker_of.get(f.rule, "")
        if f.status in BAD and checker == "courseware.hyperlink" and not written:
            notes.left(Text(f.message, f.message), rule=f.rule, location=_loc(f))
        elif checker in CONTENT_RULES and f.status in (*BAD, Status.MANUAL):
            why = CONTENT_RULES[checker]
            notes.left(
                Text(f"{f.message}。{why.zh}", f"{f.message}. {why.en}"),  # no （…（…）…）
                rule=f.rule,
                location=_loc(f),
            )
    return written, notes.items


def _loc(f: Finding) -> Text | None:
    return Text(f.location, f.location) if f.location else None


def _unlink_part(part: Any, root: etree._Element, slides: dict[str, int], notes: Notes) -> int:
    where = _part_label(part, slides)
    removed = 0
    for link in [el for tag in LINK_TAGS for el in root.iter(tag)]:
        target = _leaves_deck(link, part)
        if target is None:
            continue
        owner = _owner_text(link)
        event = (
            Text("鼠标悬停", "mouse-over")
            if not link.tag.endswith("hlinkClick")
            else Text("单击", "click")
        )
        link.getparent().remove(link)
        removed += 1
        notes.changed(
            Text(
                f"删除了{owner.zh}的{event.zh}链接（指向「{target}」），文字和形状保留",
                f"Removed the {event.en} link on {owner.en} (to “{target}”); the text and shape stay",
            ),
            rule="courseware.hyperlink",
            location=where,
            place={"part": str(part.partname)},
        )
    used = {v for el in root.iter() for k, v in el.attrib.items() if k.startswith(f"{{{R_NS}}}")}
    for rid, rel in list(part.rels.items()):
        if rel.is_external and rid not in used:
            part.rels.pop(rid)
            removed += 1
            notes.changed(
                Text(
                    f"删除了不再使用的外部关系（{rel.target_ref}）",
                    f"Dropped the unused external relationship ({rel.target_ref})",
                ),
                rule="courseware.hyperlink",
                location=where,
                place={"part": str(part.partname)},
            )
    return removed
