"""Line breaking for mixed Chinese/Latin text, by display cells (a CJK character is two).

Breaks are allowed between CJK characters and at spaces, except where a reader needs the
pieces together: 「第 3 张」 and 「共 400 字」 (a number with its counter or unit), URLs,
ids and other runs of Latin characters, a short bracketed phrase such as 「（Data Matrix）」,
closing punctuation at a line start and opening punctuation at a line end (kinsoku).
Wrapped lines are indented under the first line's text (a hanging indent), so a prefix
such as ``→`` always stands before the words it introduces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text as RichText

NO_LINE_START = set("，。、；：！？）」』》〉】〕”’…·%,.;:!?)]}") | {"—"}
NO_LINE_END = set("（「『《〈【〔“‘([{")
PAIRS = {"（": "）", "「": "」", "『": "』", "《": "》", "“": "”"}
SHORT_BRACKET = 24  # cells: a bracketed phrase up to this wide is kept on one line
UNITS = {
    "cm", "mm", "pt", "px", "fps", "bps", "kbps", "Mbps", "Hz", "kHz", "s", "ms", "min",
    "KB", "MB", "GB", "LUFS", "dB", "dBFS", "%", "×",
}  # fmt: skip
_CHUNK = re.compile(r" +|[^\s]", re.S)


def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _chunks(text: str) -> list[str]:
    """Spaces, single wide characters, and runs of narrow non-space characters."""
    out: list[str] = []
    for m in _CHUNK.finditer(text):
        piece = m.group()
        if (
            piece[0] == " "
            or is_wide(piece)
            or not out
            or out[-1][0] == " "
            or is_wide(out[-1][-1])
        ):
            out.append(piece)
        else:
            out[-1] += piece
    return out


_NUMBER = re.compile(r"[\d.,:×%+\-–/]*\d[\d.,:×%+\-–/]*")


def _has_digit(word: str) -> bool:
    """A number as written in a sentence: 3, 1.5, 5.1×5.1, 07:00.0–10:00.0, 2%."""
    return _NUMBER.fullmatch(word) is not None


def _glued(left: str, right: str) -> bool:
    """No break between two adjacent chunks (no space between them)."""
    if right[0] in NO_LINE_START or left[-1] in NO_LINE_END:
        return True
    if left[-1] in "、，；" or right[0] in "、，；":
        return False  # a list 「第 2、5、8 段」 may break after its commas
    wide_left, wide_right = is_wide(left[-1]), is_wide(right[0])
    if wide_left and wide_right:
        return False
    # a number touching a CJK character: 「第3张」, 「400字」
    return (wide_left and _has_digit(right)) or (wide_right and _has_digit(left))


def _sticky_space(left: str, right: str) -> bool:
    """No break at a space: 「第 3 张」, 「400 字」, 「5.1 cm」, 「16 磅」."""
    if _has_digit(left) and not is_wide(left[-1]):
        return (is_wide(right[0]) and right[0] not in NO_LINE_END) or right in UNITS
    if is_wide(left[-1]) and left[-1] not in NO_LINE_START:
        return _has_digit(right) and not is_wide(right[0])
    return False


_IDENTIFIER = re.compile(r"\w+(?:[_.]\w+)*_\w+")  # 仿宋_GB2312, ids with underscores


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """Character spans never broken: short bracketed phrases and underscore identifiers."""
    spans = [(m.start(), m.end() - 1) for m in _IDENTIFIER.finditer(text)]
    for i, ch in enumerate(text):
        close = PAIRS.get(ch)
        if close:
            j = text.find(close, i + 1)
            if j > 0 and cell_len(text[i : j + 1]) <= SHORT_BRACKET:
                spans.append((i, j))
    return spans


def units(text: str) -> list[tuple[str, str]]:
    """The text as unbreakable units, each with the space that stood before it."""
    chunks = _chunks(text)
    protected = _protected_spans(text)
    result: list[tuple[str, str]] = []
    pos = 0
    space = ""
    for k, chunk in enumerate(chunks):
        start, pos = pos, pos + len(chunk)
        inside = any(a < start <= b for a, b in protected)
        if chunk[0] == " ":
            prev = chunks[k - 1] if k else ""
            nxt = chunks[k + 1] if k + 1 < len(chunks) else ""
            if prev and nxt and (inside or _sticky_space(prev, nxt)):
                result[-1] = (result[-1][0] + chunk, result[-1][1])
                space = "glue"
            else:
                space = chunk
            continue
        glue = space == "glue" or (not space and (inside or _glued(chunks[k - 1], chunk)))
        if result and glue:
            result[-1] = (result[-1][0] + chunk, result[-1][1])
        else:
            result.append((chunk, space))
        space = ""
    return result


def line_spans(text: str, width: int, rest_width: int | None = None) -> list[tuple[int, int]]:
    """Character spans of the lines of ``text``: the first ``width`` cells wide, the others
    ``rest_width`` (default the same). Spaces at a break are dropped."""
    rest = max(rest_width if rest_width is not None else width, 1)
    spans: list[tuple[int, int]] = []
    start = end = pos = 0
    used = 0
    room = max(width, 1)
    for word, space in units(text):
        word_at = pos + len(space)
        w = cell_len(word)
        gap = cell_len(space) if end > start else 0
        if end > start and used + gap + w > room:
            spans.append((start, end))
            start, used, room = word_at, 0, rest
            gap = 0
        elif end == start:
            start = word_at
        while w > room and used == 0:  # a unit wider than a whole line: cut it by cells
            cut = _cut(word, room)
            spans.append((word_at, word_at + cut))
            word, word_at = word[cut:], word_at + cut
            start, room, w = word_at, rest, cell_len(word)
        used += gap + w
        pos = word_at + len(word)
        end = pos
    if end > start or not spans:
        spans.append((start, end))
    return spans


def _cut(word: str, room: int) -> int:
    used = 0
    for i, ch in enumerate(word):
        used += cell_len(ch)
        if used > room:
            return max(i, 1)
    return len(word)


class Hanging:
    """A rich renderable: ``prefix`` + ``text`` wrapped with a hanging indent.

    With ``wrap=False`` (output that is not a terminal) it is one line, however long.
    """

    def __init__(self, text: RichText, indent: int, *, wrap: bool = True) -> None:
        self.text, self.indent, self.wrap = text, indent, wrap

    def lines(self, width: int) -> Iterator[RichText]:
        plain = self.text.plain
        if not self.wrap:
            yield self.text
            return
        lead = len(plain) - len(plain.lstrip(" "))  # the first line's own indent is kept
        spans = line_spans(plain[lead:], width - lead, width - self.indent)
        for n, (a, b) in enumerate(spans):
            line = self.text[: lead + b] if n == 0 else self.text[lead + a : lead + b]
            line.rstrip()
            yield (RichText(" " * self.indent) + line) if n else line

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(options.max_width):
            line.no_wrap = True
            line.overflow = "ignore"
            line.end = "\n"
            yield line
