"""What each report paragraph *is* — title block, first-level heading (h1), second-level
heading (h2), body, caption, table cell or part of the 附件 (attachment) section — from all
the evidence, with the reason kept for ``casecheck inspect``.

Evidence of one paragraph outside tables:

- its **numbering**, as shown (typed, or the automatic label numbering.xml draws): 「一、」,
  「（一）」, 「1.」 — read only on short paragraphs (≤ ``MAX_HEADING_CHARS`` 字 without spaces);
- its **structural level**: a Title / 标题 / 副标题 style is level 0 (above every heading);
  else the effective outline level (1–9, from the paragraph or its style chain); else a level
  in the style's name (标题 2, Heading 2, 二级标题, 报告二级标题);
- its **position** and whether it reads like a sentence (ends with 。！？；：, closing quotes
  aside, or is longer than ``MAX_HEADING_CHARS``), which a title, author line or date does not.

Decision order:

1. **The document's first level L1** (levels are relative to the document): the most common
   structural level of the 「一、」 paragraphs; else one above that of the 「（一）」
   paragraphs (when that is level 2 or deeper); else the highest structural level used once
   the document has content (from its first sentence or its first deeper heading on); else
   none.
2. **Visible numbering wins**: a short paragraph starting 「一、」 is an h1, 「（一）」 an h2,
   whatever its style or outline level; a longer one is numbered body text.
3. **Otherwise the structural level against L1**: L1 → h1, L1 + 1 → h2, deeper → body (a
   third-level heading is judged as body text), above L1 (e.g. 标题 1 over 「一、」 headings in
   标题 2, or any level when there is no L1) → title block at the top of the document, h1
   further down.
4. **Title block**: the lines at the top before the first heading, the first 「1.」 point and
   the first sentence. A heading only by structure (no 「一、」/「（一）」) still belongs to it
   when it stands above L1, when it is the document's first line and not numbered, when the
   next heading of its rank or higher follows with no sentence between (a section without
   content is a title), or when no other heading of its rank follows at all. A 「附件N」 line
   before any other text labels the document; it is not the appendix boundary.
5. **Caption**: after the title block, a paragraph in a caption style (Caption, 题注 …) or a
   short 「图1…」/「表1…」 line next to a picture or a table (counted, not judged as body).
6. **Body**: everything else after the title block, sections recognised or not.
7. **Attachments**: from the 附件 boundary (below) to the end.

The 附件 section (SPEC ``report.word_count``) starts at the first paragraph after the last
first-level section of the report whose text begins with 附件 — 「附件」「附件：」「附件1」
「附件1：支撑材料…」, on a new page or not (the template itself writes 「附件：支撑材料（…）」
as a plain line after 七、推广建议). 「详见附件2」 inside a sentence is no boundary, nor is a
「附件N」 line in the title block. The report's sections are the numbered first-level
headings before that line: an appendix may bring its own 「一、…」 headings, which restart the
numbering instead of continuing it, so the boundary is the first 附件 line after which the
report's own numbering does not go on.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from casecheck.i18n import Text
from casecheck.readers.docx.models import ParagraphFacts, Role, Why

H1_TEXT = re.compile(r"^[一二三四五六七八九十]+\s*[、．.]")
H2_TEXT = re.compile(r"^[（(]\s*[一二三四五六七八九十]+\s*[）)]")
H3_TEXT = re.compile(r"^(?:[0-9０-９]+\s*[、．.](?![0-9０-９])|[（(]\s*[0-9０-９]+\s*[）)])")
# Longer paragraphs that start with 「一、」 are numbered body text, not headings.
MAX_HEADING_CHARS = 40
_NUM = "0-9０-９一二三四五六七八九十"
ATTACH_BARE = re.compile(rf"^附件[{_NUM}]*[:：]?$")
ATTACH_TITLE = re.compile(rf"^附件[{_NUM}]*(?:[:：]|$)")
ATTACH_NOTE = re.compile(rf"^附件[{_NUM}]*[:：]")
_SPACES = re.compile(r"\s+")
HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
LEVEL_STYLE = re.compile(r"([一二三四五六七八九1-9])\s*级\s*标题")
TITLE_STYLE = re.compile(
    r"^(?:title|subtitle|(?:文档|报告|文章|公文|主|副|大)?标题)$", re.IGNORECASE
)
CAPTION_STYLE = re.compile(
    r"^(?:caption|figure|table caption|题注|图题|表题|图注|表注|图表标题|图片标题|表格标题)$",
    re.IGNORECASE,
)
CAPTION_TEXT = re.compile(
    r"^[图表]\s*[0-9０-９一二三四五六七八九十]+(?:\s*[-－.．—–]\s*[0-9０-９]+)*"
)
_SENTENCE_END = tuple("。！？；：!?;:")
_CN_DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九", 0)}


def squeeze(text: str) -> str:
    """Text with all whitespace (incl. U+3000) removed, for pattern matching."""
    return _SPACES.sub("", text.replace("\u3000", " "))


def style_label(name: str) -> Text:
    """A style name as Word shows it: ``heading 2`` → 标题 2 / Heading 2."""
    n = name.strip()
    if m := HEADING_STYLE.match(n):
        return Text(f"标题 {m.group(1)}", f"Heading {m.group(1)}")
    builtin = {
        "title": Text("标题", "Title"),
        "subtitle": Text("副标题", "Subtitle"),
        "normal": Text("正文", "Normal"),
        "body text": Text("正文文本", "Body Text"),
        "caption": Text("题注", "Caption"),
    }
    return builtin.get(n.lower(), Text(n, n))


@dataclass
class Cue:
    """The evidence read from one paragraph (see the module docstring)."""

    flat: str  # text without whitespace
    number: str = ""  # the numbering as shown: 「一、」 「（一）」 「1.」
    rank: int | None = None  # 1 for 「一、」, 2 for 「（一）」, 3 for 「1.」 (short paragraphs)
    level: int | None = None  # structural level: 0 title style, 1–9 outline or style name
    level_from: str = ""  # "outline" / "style"
    from_label: bool = False  # the numbering is automatic (not typed)

    @property
    def sentence(self) -> bool:
        """Reads like body text: long, or ends like a sentence (not a 附件N label)."""
        if len(self.flat) > MAX_HEADING_CHARS:
            return True
        closed = self.flat.rstrip("”’」』）)\"'")  # 「……。”」 ends a sentence too
        return closed.endswith(_SENTENCE_END) and not ATTACH_BARE.match(self.flat)


def read_cue(p: ParagraphFacts) -> Cue:
    flat = squeeze(p.text)
    cue = Cue(flat, from_label=bool(p.label.strip()))
    if 0 < len(flat) <= MAX_HEADING_CHARS:
        for rank, pattern in ((1, H1_TEXT), (2, H2_TEXT), (3, H3_TEXT)):
            if m := pattern.match(flat):
                cue.number, cue.rank = m.group(0), rank
                break
    name = p.style_name.strip()
    if TITLE_STYLE.match(name):
        cue.level, cue.level_from = 0, "style"
    elif p.outline_level is not None:
        cue.level, cue.level_from = p.outline_level + 1, "outline"
    elif (m := HEADING_STYLE.match(name)) or (m := LEVEL_STYLE.search(name)):
        digit = m.group(1)
        cue.level = int(digit) if digit.isdigit() else _CN_DIGITS[digit]
        cue.level_from = "style"
    return cue


def _mode(levels: list[int]) -> int:
    counts = Counter(levels)
    return min(counts, key=lambda lv: (-counts[lv], lv))


def first_level(cues: list[Cue | None]) -> tuple[int | None, str]:
    """The structural level of the document's first-level headings, and from what."""
    cn = [c.level for c in cues if c and c.rank == 1 and c.level]
    if cn:
        return _mode(cn), "一、"
    paren = [c.level for c in cues if c and c.rank == 2 and c.level]
    if paren and _mode(paren) > 1:
        return _mode(paren) - 1, "（一）"
    present = [c for c in cues if c is not None]
    levels = [c.level for c in present if c.level]
    if not levels:
        return None, ""
    top = min(levels)
    start = next(
        (
            i
            for i, c in enumerate(present)
            if (c.level is None and c.sentence) or (c.level is not None and c.level > top)
        ),
        len(present),
    )
    after = [c.level for c in present[start:] if c.level]
    return (min(after), "") if after else (None, "")


def _words(cue: Cue, p: ParagraphFacts) -> Text:
    """「文字以“一、”开头；样式 标题 2（大纲 2 级）」: the evidence as a clause."""
    parts: list[Text] = []
    if cue.number:
        parts.append(
            Text(f"自动编号“{cue.number}”", f"automatic numbering “{cue.number}”")
            if cue.from_label
            else Text(f"文字以“{cue.number}”开头", f"text starts with “{cue.number}”")
        )
    if p.style_name:
        style = style_label(p.style_name)
        parts.append(Text(f"样式 {style.zh}", f"style {style.en}"))
    if p.outline_level is not None:
        n = p.outline_level + 1
        parts.append(Text(f"大纲 {n} 级", f"outline level {n}"))
    return Text("；".join(t.zh for t in parts), "; ".join(t.en for t in parts))


ROLE_NAMES: dict[Role, Text] = {
    "title": Text("标题块", "title block"),
    "h1": Text("一级标题", "first-level heading"),
    "h2": Text("二级标题", "second-level heading"),
    "body": Text("正文", "body"),
    "caption": Text("题注", "caption"),
    "table": Text("表格", "table"),
    "attachment": Text("附件", "attachment"),
}


def _set(p: ParagraphFacts, role: Role, why: Text | None, evidence: Text | None = None) -> None:
    name = ROLE_NAMES[role]
    clauses = [t for t in (why, evidence) if t is not None and t.zh]
    p.role = role
    p.role_reason = Why(
        zh=name.zh + ("：" + "；".join(t.zh for t in clauses) if clauses else ""),
        en=name.en + (": " + "; ".join(t.en for t in clauses) if clauses else ""),
    )


@dataclass
class _Heading:
    rank: int | None  # 0 above the first level, 1 / 2 heading, None not a heading
    signal: str | None  # text / numbering / outline / style
    why: Text | None


def _heading(cue: Cue, l1: int | None, l1_from: str) -> _Heading:
    """Steps 2 and 3 of the decision order for one paragraph."""
    if cue.rank in (1, 2):
        return _Heading(cue.rank, "numbering" if cue.from_label else "text", None)
    if cue.level is None:
        return _Heading(None, None, None)
    if l1 is None:
        return _Heading(
            0,
            cue.level_from,
            Text(
                "文中没有其他设了标题样式或大纲级别的章节",
                "no section below it has a heading style or outline level",
            ),
        )
    peers = {
        "一、": Text("“一、”标题", "the “一、” headings"),
        "（一）": Text("“（一）”标题的上一级", "the level above the “（一）” headings"),
    }.get(l1_from, Text("文中最高一级的章节标题", "the document's top section headings"))
    if cue.level < l1:
        return _Heading(0, cue.level_from, Text(f"高于{peers.zh}", f"above {peers.en}"))
    if cue.level == l1:
        return _Heading(1, cue.level_from, Text(f"与{peers.zh}同级", f"the level of {peers.en}"))
    if cue.level == l1 + 1:
        return _Heading(2, cue.level_from, Text(f"比{peers.zh}低一级", f"one below {peers.en}"))
    return _Heading(
        None,
        cue.level_from,
        Text(
            f"比{peers.zh}低 {cue.level - l1} 级，按正文检查",
            f"{cue.level - l1} levels below {peers.en}, judged as body text",
        ),
    )


_AT_TOP = Text("位于第一个标题和正文之前", "before the first heading and the first body text")


def _title_block(
    paras: list[ParagraphFacts], cues: list[Cue | None], heads: list[_Heading | None]
) -> tuple[int, dict[int, Text]]:
    """Step 4: where the title block ends (its first non-member) and why each member is in."""
    members: dict[int, Text] = {}
    seen_text = False  # a line other than a 附件 label came before
    for i, (p, cue, head) in enumerate(zip(paras, cues, heads, strict=True)):
        if cue is None or head is None:
            continue  # table cells neither extend nor end the title block
        if not seen_text and ATTACH_TITLE.match(cue.flat) and not cue.sentence:
            members[i] = Text(
                f"文首的“{p.text.strip()}”是文档标签，不是附件起点",
                f"“{p.text.strip()}” at the top labels the document; the attachments do not start here",
            )
            continue
        if head.rank in (1, 2):
            why = None if cue.rank in (1, 2) else _title_heading(i, cues, heads, seen_text)
            if why is None:
                return i, members
            members[i] = why
        elif head.rank == 0 and head.why is not None:
            members[i] = Text(f"位于文首，{head.why.zh}", f"at the top, {head.why.en}")
        elif cue.sentence or cue.rank == 3:
            return i, members
        else:
            members[i] = _AT_TOP
        seen_text = seen_text or bool(cue.flat)
    return len(paras), members


def _title_heading(
    i: int, cues: list[Cue | None], heads: list[_Heading | None], seen_text: bool
) -> Text | None:
    """Why a heading only by structure, at the top, is the title — or None when it is not."""
    cue, head = cues[i], heads[i]
    assert cue is not None and head is not None and head.rank is not None
    if not seen_text and not cue.number:
        return Text("文档的第一行，没有章节编号", "the document's first line, not numbered")
    alone = Text("文中没有与它同级的其他标题", "no other heading at its level")
    for j in range(i + 1, len(cues)):
        c, h = cues[j], heads[j]
        if c is None or h is None:
            continue
        if h.rank is not None and h.rank <= head.rank:
            return Text(
                "其后没有正文就是下一个同级标题（是标题，不是章节）",
                "the next heading of its level follows without body text (a title, not a section)",
            )
        if h.rank is None and c.sentence:  # a section with content — unless none other follows
            later = (h.rank for h in heads[j:] if h is not None and h.rank is not None)
            return None if any(rank <= head.rank for rank in later) else alone
    return alone


def is_caption(i: int, paras: list[ParagraphFacts], cue: Cue, image_paras: set[int]) -> Text | None:
    """Step 5: why paragraph ``i`` is a caption, or None."""
    p = paras[i]
    if CAPTION_STYLE.match(p.style_name.strip()):
        style = style_label(p.style_name)
        return Text(f"样式 {style.zh}", f"style {style.en}")
    if len(cue.flat) > MAX_HEADING_CHARS or not (m := CAPTION_TEXT.match(cue.flat)):
        return None
    near = [paras[j] for j in (i - 1, i, i + 1) if 0 <= j < len(paras)]
    if any(q.index in image_paras or (q.in_table and q is not p) for q in near):
        return Text(
            f"以“{m.group(0)}”开头，紧邻图片或表格",
            f"starts with “{m.group(0)}” next to a picture or table",
        )
    return None


def _body_why(cue: Cue, head: _Heading) -> Text | None:
    if head.why is not None:
        return head.why
    if cue.rank == 3:
        return Text(
            f"“{cue.number}”是三级及以下编号，按正文检查",
            f"“{cue.number}” is third-level numbering, judged as body text",
        )
    if H1_TEXT.match(cue.flat) or H2_TEXT.match(cue.flat):
        return Text(
            f"以编号开头但超过 {MAX_HEADING_CHARS} 字，是编号正文",
            f"numbered but longer than {MAX_HEADING_CHARS} characters: numbered body text",
        )
    return None


def assign_roles(
    paras: list[ParagraphFacts], image_paras: set[int]
) -> tuple[int | None, str | None]:
    """Set ``role``, ``role_reason``, ``heading_level`` and ``heading_signal`` of every
    paragraph (decision order in the module docstring); ``image_paras`` are the indexes of
    paragraphs holding a picture. Returns ``find_attachment_start``'s answer."""
    cues: list[Cue | None] = [None if p.in_table else read_cue(p) for p in paras]
    l1, l1_from = first_level(cues)
    heads = [None if c is None else _heading(c, l1, l1_from) for c in cues]
    end, members = _title_block(paras, cues, heads)
    for i, (p, cue, head) in enumerate(zip(paras, cues, heads, strict=True)):
        p.heading_level = p.heading_signal = None
        if cue is None or head is None:
            _set(p, "table", Text(f"第 {p.table} 个表格的单元格", f"a cell of table {p.table}"))
            continue
        evidence = _words(cue, p)
        rank = 1 if head.rank == 0 else head.rank  # above the first level, further down
        if i in members:
            _set(p, "title", members[i], evidence)
        elif rank in (1, 2):
            p.heading_level, p.heading_signal = rank, head.signal
            _set(p, "h1" if rank == 1 else "h2", head.why, evidence)
        elif why := is_caption(i, paras, cue, image_paras):
            _set(p, "caption", why)
        else:
            _set(p, "body", _body_why(cue, head), evidence)
            if cue.level is not None and l1 is not None:
                p.heading_level = cue.level - l1 + 1  # a deeper heading, judged as body
    stop, reason = find_attachment_start(paras, after=end)
    if stop is not None:
        first = paras[stop]
        why = Text(
            f"从第 {first.index} 段“{first.first_words()}”起是附件",
            f"the attachments start at paragraph {first.index} “{first.first_words()}”",
        )
        for p in paras[stop:]:
            _set(p, "attachment", why)
    return stop, reason


def find_attachment_start(
    paras: list[ParagraphFacts], after: int = 0
) -> tuple[int | None, str | None]:
    """Index (into ``paras``) of the paragraph that opens the 附件 section, and why.

    Candidates before ``after`` (the title block) are labels, not boundaries. Reason
    ``"after-sections"``: the first 附件 line after which no first-level heading continues
    the report's numbering (「八、」 after 「七、」; an unnumbered heading counts as continuing).
    Reason ``"page-break"``: a 附件 title line on a new page whose numbering continues anyway
    (a GB/T 9704 attachment page; not a 「附件：1.××」 list).
    """
    h1 = [(i, heading_ordinal(p.text)) for i, p in enumerate(paras) if p.heading_level == 1]
    for i, p in enumerate(paras):
        flat = squeeze(p.text)
        if i < after or p.in_table or not ATTACH_TITLE.match(flat):
            continue
        before = [n for j, n in h1 if j < i and n is not None]
        top = max(before, default=0)
        continued = any(j > i and (n is None or n > top) for j, n in h1)
        if not continued:
            return i, "after-sections"
        if p.starts_page and len(flat) <= MAX_HEADING_CHARS and not _is_note(flat):
            return i, "page-break"
    return None, None


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


def is_label(text: str) -> bool:
    """A 「附件2」 / 「附件：」 line as it labels a document at its top."""
    return bool(ATTACH_TITLE.match(squeeze(text)))
