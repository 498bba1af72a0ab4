"""Word's automatic numbering (numbering.xml): the label Word draws before a paragraph.

``一、`` produced by a ``chineseCounting`` list is not in the paragraph's text, so checkers
that look at text alone miss auto-numbered headings. ``NumberingState`` replays the lists in
document order (ECMA-376 §17.9: lvlText, start, lvlRestart, lvlOverride/startOverride, isLgl)
and returns each paragraph's rendered label.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from casecheck.readers.docx.wml import W, wattr, wval

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def chinese_counting(n: int, digits: str = _CN_DIGITS, units: str = "十百千") -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (as Word's chineseCounting)."""
    if n <= 0:
        return digits[0]
    if n >= 10000:
        return str(n)
    parts: list[str] = []
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = (n // power) % 10
        if d == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append(digits[0])
            zero = False
        if not (d == 1 and power == 10 and not parts and digits is _CN_DIGITS):
            parts.append(digits[d])
        parts.append(unit)
    return "".join(parts)


def _letters(n: int) -> str:
    # Word repeats the letter: 27 → AA, 28 → BB.
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def _roman(n: int) -> str:
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """Format counter ``n`` with ST_NumberFormat ``fmt`` (unknown formats fall back to decimal)."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",  # ST_NumberFormat's spelling; LibreOffice writes 一, 二, 三 so
        "taiwaneseCountingThousand",
        "taiwanCounting",
        "taiwanCountingThousand",
        "koreanCounting",
    ):
        return chinese_counting(n)
    if fmt in ("chineseLegalSimplified", "japaneseLegal", "ideographLegalTraditional"):
        return chinese_counting(n, _CN_LEGAL, "拾佰仟")
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt in (
        "ideographDigital",
        "taiwaneseDigital",
        "taiwanDigital",
        "japaneseDigitalTenThousand",
    ):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart (1-based level), None = after any shallower level
    is_legal: bool = False
    suffix: str = "tab"
    pstyle: str | None = None
    ppr: etree._Element | None = None


@dataclass
class AbstractNum:
    levels: dict[int, Level] = field(default_factory=dict)
    style_link: str | None = None  # w:numStyleLink: the definition lives in a numbering style


@dataclass
class Num:
    abstract_id: str
    overrides: dict[int, Level] = field(default_factory=dict)
    start_overrides: dict[int, int] = field(default_factory=dict)


def _parse_level(el: etree._Element) -> Level:
    lvl = Level()
    if (v := wval(el.find(W + "start"))) is not None and v.lstrip("-").isdigit():
        lvl.start = int(v)
    lvl.fmt = wval(el.find(W + "numFmt")) or "decimal"
    lvl.text = wval(el.find(W + "lvlText")) or ""
    if (v := wval(el.find(W + "lvlRestart"))) is not None and v.isdigit():
        lvl.restart = int(v)
    legal = el.find(W + "isLgl")
    lvl.is_legal = legal is not None and wval(legal) not in ("0", "false", "off")
    lvl.suffix = wval(el.find(W + "suff")) or "tab"
    lvl.pstyle = wval(el.find(W + "pStyle"))
    lvl.ppr = el.find(W + "pPr")
    return lvl


class Numbering:
    """The list definitions of numbering.xml, and the counters of one pass over the body."""

    def __init__(self, root: etree._Element | None) -> None:
        self.abstracts: dict[str, AbstractNum] = {}
        self.nums: dict[str, Num] = {}
        self._counters: dict[str, list[int | None]] = {}
        if root is None:
            return
        for an in root.iterfind(W + "abstractNum"):
            aid = wattr(an, "abstractNumId") or ""
            absn = AbstractNum(style_link=wval(an.find(W + "numStyleLink")))
            for el in an.iterfind(W + "lvl"):
                ilvl = wattr(el, "ilvl")
                if ilvl is not None and ilvl.isdigit():
                    absn.levels[int(ilvl)] = _parse_level(el)
            self.abstracts[aid] = absn
        for num in root.iterfind(W + "num"):
            nid = wattr(num, "numId") or ""
            n = Num(abstract_id=wval(num.find(W + "abstractNumId")) or "")
            for ov in num.iterfind(W + "lvlOverride"):
                ilvl = wattr(ov, "ilvl")
                if ilvl is None or not ilvl.isdigit():
                    continue
                if (so := wval(ov.find(W + "startOverride"))) is not None and so.isdigit():
                    n.start_overrides[int(ilvl)] = int(so)
                if (lv := ov.find(W + "lvl")) is not None:
                    n.overrides[int(ilvl)] = _parse_level(lv)
            self.nums[nid] = n

    def abstract_for(
        self, num_id: str, style_num: dict[str, str] | None = None
    ) -> AbstractNum | None:
        """The abstract definition of ``num_id``, following one numStyleLink indirection."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        absn = self.abstracts.get(num.abstract_id)
        if absn is not None and absn.style_link and style_num:
            linked = style_num.get(absn.style_link)
            if linked and linked in self.nums and linked != num_id:
                target = self.abstracts.get(self.nums[linked].abstract_id)
                if target is not None and target.levels:
                    return target
        return absn

    def level(
        self, num_id: str, ilvl: int, style_num: dict[str, str] | None = None
    ) -> Level | None:
        """The effective level definition (lvlOverride/lvl wins over the abstract one)."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        if ilvl in num.overrides:
            return num.overrides[ilvl]
        absn = self.abstract_for(num_id, style_num)
        return absn.levels.get(ilvl) if absn else None

    def next_label(
        self, num_id: str, ilvl: int, style_num: dict[str, str] | None = None
    ) -> tuple[str, str]:
        """Advance the list of ``num_id`` at level ``ilvl``; return (label, suffix).

        Lists sharing an abstractNum continue one sequence; a num with startOverride keeps
        its own. Bullets return their bullet character.
        """
        num = self.nums.get(num_id)
        absn = self.abstract_for(num_id, style_num)
        if num is None or absn is None:
            return "", "nothing"
        key = f"num:{num_id}" if num.start_overrides else f"abs:{num.abstract_id}"
        counters = self._counters.setdefault(key, [None] * 9)
        levels = {i: lv for i in range(9) if (lv := self.level(num_id, i, style_num)) is not None}
        cur = levels.get(ilvl)
        if cur is None:
            return "", "nothing"

        def start(i: int) -> int:
            if i in num.start_overrides:
                return num.start_overrides[i]
            return levels[i].start if i in levels else 1

        prev = counters[ilvl]
        counters[ilvl] = start(ilvl) if prev is None else prev + 1
        for deeper in range(ilvl + 1, 9):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        if cur.fmt == "bullet":
            return cur.text, cur.suffix

        def fill(match_level: int) -> str:
            value = counters[match_level]
            if value is None:
                value = start(match_level)
            fmt = (
                "decimal"
                if cur.is_legal
                else (levels[match_level].fmt if match_level in levels else "decimal")
            )
            return format_number(value, fmt)

        out: list[str] = []
        text = cur.text
        i = 0
        while i < len(text):
            if (
                text[i] == "%"
                and i + 1 < len(text)
                and text[i + 1].isdigit()
                and text[i + 1] != "0"
            ):
                out.append(fill(int(text[i + 1]) - 1))
                i += 2
            else:
                out.append(text[i])
                i += 1
        return "".join(out), cur.suffix
