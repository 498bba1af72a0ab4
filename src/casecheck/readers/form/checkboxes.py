"""Check boxes in forms: every way a tick is written, turned into (option, checked) pairs.

A form cell is read as a sequence of *tokens*: plain text and boxes. Boxes come from text
symbols (☐ □ / ☑ ☒ ■ √ ✓ ✔ ▣), Word content controls (``w14:checkbox``), legacy form fields
(``w:ffData/w:checkBox``), Wingdings / Wingdings 2 symbols (``w:sym``) and PDF glyphs. The
option a box belongs to is the text that follows it, up to the next box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

BoxStyle = Literal[
    "symbol", "content_control", "legacy_field", "wingdings", "text_mark", "acroform"
]

UNCHECKED_SYMBOLS = "☐□◻⬜▢❏❑❒"
CHECKED_SYMBOLS = "☑☒■▣⊠⌧✅◼⬛"
# Marks a person types beside an option rather than as a box (「√区域案例」).
TICK_MARKS = "√✓✔✗✘×"
BOX_CHARS = UNCHECKED_SYMBOLS + CHECKED_SYMBOLS + TICK_MARKS

# Symbol-font character codes (low byte; Word stores them as F0xx or 00xx).
WINGDINGS: dict[int, bool] = {
    0x6F: False,
    0x70: False,
    0x71: False,
    0x72: False,
    0xA8: False,  # □ ◻ ❑ ❒ ◻
    0xFE: True,
    0xFD: True,
    0xFC: True,
    0x78: True,
    0x6E: True,  # ☑ ☒ ✓ ⌧ ■
}
WINGDINGS_2: dict[int, bool] = {
    0xA3: False,
    0x2A: False,  # ⬜ (the box Word's 符号 dialog offers), 🗆
    0x52: True,
    0x53: True,
    0x54: True,
    0x51: True,
    0x50: True,
    0xA8: True,  # ☑ ☒ ☒ 🗵 ✓ ▣
}
# In PDFs, symbol-font glyphs without a ToUnicode map come out as U+F0xx; only codes that
# mean the same thing in both fonts are trusted.
PDF_PRIVATE_USE: dict[str, bool] = {
    "\uf06f": False,
    "\uf0a3": False,
    "\uf0fe": True,
    "\uf0fd": True,
    "\uf0fc": True,
    "\uf052": True,
    "\uf054": True,
    "\uf050": True,
}


def symbol_font_box(font: str, char: str) -> bool | None:
    """The checked state of a ``w:sym`` box, or None when the symbol is not a box."""
    try:
        code = int(char, 16) & 0xFF
    except ValueError:
        return None
    name = font.strip().lower().replace(" ", "")
    if name == "wingdings2":
        return WINGDINGS_2.get(code)
    if name in ("wingdings", "wingdings1"):
        return WINGDINGS.get(code)
    return None


@dataclass(frozen=True)
class Box:
    checked: bool
    style: BoxStyle
    glyph: str = ""


Token = str | Box


class CheckBox(BaseModel):
    """One box on the form and the option written beside it."""

    option: str
    checked: bool
    style: BoxStyle
    glyph: str = ""


def tokens_from_text(text: str) -> list[Token]:
    """Split text into plain text and text-symbol boxes."""
    tokens: list[Token] = []
    buf: list[str] = []
    for ch in text:
        state = _symbol_state(ch)
        if state is None:
            buf.append(ch)
            continue
        if buf:
            tokens.append("".join(buf))
            buf = []
        style: BoxStyle = "text_mark" if ch in TICK_MARKS else "symbol"
        tokens.append(Box(state, style, ch))
    if buf:
        tokens.append("".join(buf))
    return tokens


def _symbol_state(ch: str) -> bool | None:
    if ch in UNCHECKED_SYMBOLS:
        return False
    if ch in CHECKED_SYMBOLS or ch in "√✓✔":
        return True
    if ch in PDF_PRIVATE_USE:
        return PDF_PRIVATE_USE[ch]
    if ch in "✗✘×":
        return False  # a cross beside an option reads as "not this one"
    return None


_SPACE = re.compile(r"\s+")
_OPTION_END = re.compile(r"[\s,，、;；/]+$")


@dataclass(frozen=True)
class _TrailingTick:
    checked: bool
    glyph: str


def parse_boxes(tokens: list[Token]) -> list[CheckBox]:
    """Pair each box with the option text after it.

    Boxes separated only by whitespace (「☐ √学校案例」) are one box, checked if any is. A tick
    glued to the end of an option and followed by space, another box or the end
    (「学校案例√ ☐教师案例」) ticks the option before it.
    """
    boxes: list[CheckBox] = []
    pending: Box | None = None
    for tok in _merge(_mark_trailing(_join_text(tokens))):
        if isinstance(tok, _TrailingTick):
            if pending is not None:  # 「☐√」 with no option: keep the box
                boxes.append(_box(pending, ""))
                pending = None
            if boxes and tok.checked:
                boxes[-1] = boxes[-1].model_copy(update={"checked": True, "style": "text_mark"})
            continue
        if isinstance(tok, Box):
            if pending is not None:
                boxes.append(_box(pending, ""))
            pending = tok
        elif pending is not None:
            boxes.append(_box(pending, tok))
            pending = None
        elif tok.strip() and boxes and boxes[-1].option == "":
            boxes[-1] = boxes[-1].model_copy(update={"option": _clean(tok)})
    if pending is not None:
        boxes.append(_box(pending, ""))
    return boxes


def _join_text(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for tok in tokens:
        if isinstance(tok, str) and out and isinstance(out[-1], str):
            out[-1] = out[-1] + tok
        elif not (isinstance(tok, str) and not tok):
            out.append(tok)
    return out


def _mark_trailing(tokens: list[Token]) -> list[Token | _TrailingTick]:
    out: list[Token | _TrailingTick] = []
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i > 0 else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        glued = isinstance(prev, str) and prev.strip() and not prev[-1].isspace()
        free_after = nxt is None or isinstance(nxt, Box) or nxt[:1].isspace()
        if isinstance(tok, Box) and tok.style == "text_mark" and glued and free_after:
            out.append(_TrailingTick(tok.checked, tok.glyph))
        else:
            out.append(tok)
    return out


def _merge(tokens: list[Token | _TrailingTick]) -> list[Token | _TrailingTick]:
    """Fold boxes separated only by whitespace into one box."""
    out: list[Token | _TrailingTick] = []
    for tok in tokens:
        if isinstance(tok, Box):
            if out and isinstance(out[-1], Box):
                out[-1] = _fold(out[-1], tok)
                continue
            if (
                len(out) >= 2
                and isinstance(out[-1], str)
                and not out[-1].strip()
                and isinstance(out[-2], Box)
            ):
                out.pop()
                out[-1] = _fold(out[-1], tok)  # type: ignore[arg-type]
                continue
        out.append(tok)
    return out


def _fold(a: Box, b: Box) -> Box:
    checked = a.checked or b.checked
    # The box that carries the tick names the style (「☐√」 is a typed mark).
    style = b.style if b.checked and not a.checked else a.style
    return Box(checked, style, a.glyph + b.glyph)


def _clean(text: str) -> str:
    return _OPTION_END.sub("", _SPACE.sub(" ", text).strip())


def _box(box: Box, text: str) -> CheckBox:
    return CheckBox(option=_clean(text), checked=box.checked, style=box.style, glyph=box.glyph)


def render_tokens(tokens: list[Token]) -> str:
    """Plain text with boxes shown as ☑ / ☐ (what a reader of the form sees)."""
    return "".join(tok if isinstance(tok, str) else ("☑" if tok.checked else "☐") for tok in tokens)


def text_without_boxes(tokens: list[Token]) -> str:
    return "".join(tok if isinstance(tok, str) else " " for tok in tokens)
