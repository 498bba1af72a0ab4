"""What each report paragraph *is*: title block, first/second-level heading, body, table
cell, or part of the 附件 (attachment) section — and where Word's 字数 stops counting.

Heading signals, strongest first (notes/docx-formatting.md §6): the effective outline level,
a built-in heading style name, then the rendered text (numbering label included) starting
with 「一、」 / 「（一）」. The 附件 section starts at a paragraph that is only 「附件」,
「附件1」, 「附件：」 … on a new page (GB/T 9704-2012 §7.3.7); the 附件说明 line inside the
body (「附件：1.××」) and 「详见附件2」 in a sentence are not boundaries.
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

    First choice: a 「附件」/「附件1」/「附件1：标题」 line that starts a new page. Fallback: the
    last bare 「附件」/「附件：」 line after the last first-level heading.
    """
    last_h1 = max((i for i, p in enumerate(paras) if p.heading_level == 1), default=-1)
    bare: list[int] = []
    for i, p in enumerate(paras):
        if p.in_table:
            continue
        flat = squeeze(p.text)
        if (
            p.starts_page
            and len(flat) <= MAX_HEADING_CHARS
            and ATTACH_TITLE.match(flat)
            and not _is_note(flat)
        ):
            return i, "page-break"
        if ATTACH_BARE.match(flat) and i > last_h1:
            bare.append(i)
    if bare:
        return bare[-1], "bare-line"
    return None, None


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
