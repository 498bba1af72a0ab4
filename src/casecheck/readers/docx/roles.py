"""What each report paragraph *is*: title block, first/second-level heading, body, table
cell, or part of the 附件 (attachment) section — and where Word's 字数 stops counting.

Heading signals, strongest first (notes/docx-formatting.md §6): the effective outline level,
a built-in heading style name, then the rendered text (numbering label included) starting
with 「一、」 / 「（一）」.

The 附件 section (SPEC ``report.word_count``) starts at the first paragraph after the last
first-level section of the report whose text begins with 附件 — 「附件」「附件：」「附件1」
「附件1：支撑材料…」, on a new page or not (the template itself writes 「附件：支撑材料（…）」
as a plain line after 七、推广建议). 「详见附件2」 inside a sentence is no boundary. The
report's sections are the numbered first-level headings before that line: an appendix may
bring its own 「一、…」 headings, which restart the numbering instead of continuing it, so
the boundary is the first 附件 line after which the report's own numbering does not go on.
"""

from __future__ import annotations

import re
from typing import Protocol

H1_TEXT = re.compile(r"^[一二三四五六七八九十]+\s*[、．.]")
H2_TEXT = re.compile(r"^[（(]\s*[一二三四五六七八九十]+\s*[）)]")
# Longer paragraphs that start with 「一、」 are numbered body text, not headings.
MAX_HEADING_CHARS = 40
_NUM = "0-9０-９一二三四五六七八九十"
ATTACH_BARE = re.compile(rf"^附件[{_NUM}]*[:：]?$")
ATTACH_TITLE = re.compile(rf"^附件[{_NUM}]*(?:[:：]|$)")
ATTACH_NOTE = re.compile(rf"^附件[{_NUM}]*[:：]")
_SPACES = re.compile(r"\s+")
HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)


class _Para(Protocol):
    text: str
    in_table: bool
    starts_page: bool
    heading_level: int | None


def squeeze(text: str) -> str:
    """Text with all whitespace (incl. U+3000) removed, for pattern matching."""
    return _SPACES.sub("", text.replace("\u3000", " "))


def detect_heading(
    text: str, outline_level: int | None, style_name: str
) -> tuple[int | None, str | None]:
    """(level, signal) of a paragraph: ``(1, "outline")``, ``(2, "text")`` or ``(None, None)``."""
    if outline_level is not None:
        return outline_level + 1, "outline"
    m = HEADING_STYLE.match(style_name.strip())
    if m:
        return int(m.group(1)), "style"
    flat = squeeze(text)
    if 0 < len(flat) <= MAX_HEADING_CHARS:
        if H1_TEXT.match(flat):
            return 1, "text"
        if H2_TEXT.match(flat):
            return 2, "text"
    return None, None


def find_attachment_start(paras: list[_Para]) -> tuple[int | None, str | None]:
    """Index (into ``paras``) of the paragraph that opens the 附件 section, and why.

    Reason ``"after-sections"``: the first 附件 line after which no first-level heading
    continues the report's numbering (「八、」 after 「七、」; an unnumbered heading counts as
    continuing). Reason ``"page-break"``: a 附件 title line on a new page whose numbering
    continues anyway (a GB/T 9704 attachment page; not a 「附件：1.××」 list).
    """
    h1 = [(i, heading_ordinal(p.text)) for i, p in enumerate(paras) if p.heading_level == 1]
    for i, p in enumerate(paras):
        flat = squeeze(p.text)
        if p.in_table or not ATTACH_TITLE.match(flat):
            continue
        before = [n for j, n in h1 if j < i and n is not None]
        top = max(before, default=0)
        continued = any(j > i and (n is None or n > top) for j, n in h1)
        if not continued:
            return i, "after-sections"
        if p.starts_page and len(flat) <= MAX_HEADING_CHARS and not _is_note(flat):
            return i, "page-break"
    return None, None


_CN_DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九", 0)}


def heading_ordinal(text: str) -> int | None:
    """The number of a 「七、推广建议」-style heading (7), or None when it has no 「X、」."""
    m = re.match(r"^([一二三四五六七八九十]+)\s*[、．.]", squeeze(text))
    if not m:
        return None
    digits = m.group(1)
    if "十" not in digits:
        return _CN_DIGITS[digits] if len(digits) == 1 else None
    tens, _, ones = digits.partition("十")
    return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def _is_note(flat: str) -> bool:
    # 「附件：1.评价模型 2.…」 lists attachments: it is the 附件说明 line.
    return bool(re.match(rf"^附件[{_NUM}]*[:：][0-9０-９]+[.．、]", flat))


def is_attachment_note(text: str) -> bool:
    """The 附件说明 line inside the body, e.g. 「附件：支撑材料（…）」 or 「附件：1.××」."""
    flat = squeeze(text)
    return bool(ATTACH_NOTE.match(flat)) and not ATTACH_BARE.match(flat)


class _Heading(Protocol):
    text: str
    in_table: bool
    heading_level: int | None
    heading_signal: str | None


def demote_title(paras: list[_Heading]) -> None:
    """The report title styled 「标题 1」 is the title block, not section 一.

    Applies when the first paragraph is a level-1 heading only by style/outline, has no
    「一、」, and later level-1 headings do have one.
    """
    first = next((p for p in paras if not p.in_table), None)
    if first is None or first.heading_level != 1 or first.heading_signal == "text":
        return
    if H1_TEXT.match(squeeze(first.text)):
        return
    if any(
        p is not first and p.heading_level == 1 and H1_TEXT.match(squeeze(p.text)) for p in paras
    ):
        first.heading_level, first.heading_signal = None, None
