"""Word-compatible 字数 (Microsoft Word's "Words" figure in a Chinese UI).

字数 = CJK characters and full-width punctuation (1 each) + non-Chinese words (each maximal
run of characters that are neither whitespace nor "Asian"). See
shared/notes/docx-formatting.md §2: this reproduces Word's count for ``Hello、World。`` = 4,
``東京2024オリンピック`` = 9, ``①②③④⑤`` = 1, ``Hello “世界”`` = 5.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Explicit Unicode ranges for the `regex` module's \p{Script=Han} … \p{Block=…} classes.
_ASIAN_RANGES = (
    "\u1100-\u11ff"  # Hangul Jamo
    "\u2e80-\u2eff"  # CJK Radicals Supplement
    "\u2f00-\u2fdf"  # Kangxi Radicals
    "\u2ff0-\u2fff"  # Ideographic Description Characters
    "\u3000-\u303f"  # CJK Symbols and Punctuation (、。「」《》〇)
    "\u3040-\u309f"  # Hiragana
    "\u30a0-\u30ff"  # Katakana (incl. ・ ー)
    "\u3100-\u312f"  # Bopomofo
    "\u3130-\u318f"  # Hangul Compatibility Jamo
    "\u31a0-\u31bf"  # Bopomofo Extended
    "\u31c0-\u31ef"  # CJK Strokes
    "\u31f0-\u31ff"  # Katakana Phonetic Extensions
    "\u3200-\u32ff"  # Enclosed CJK Letters and Months
    "\u3300-\u33ff"  # CJK Compatibility
    "\u3400-\u4dbf"  # CJK Extension A
    "\u4e00-\u9fff"  # CJK Unified Ideographs
    "\uac00-\ud7af"  # Hangul Syllables
    "\uf900-\ufaff"  # CJK Compatibility Ideographs
    "\ufe10-\ufe1f"  # Vertical Forms
    "\ufe30-\ufe4f"  # CJK Compatibility Forms
    "\uff00-\uffef"  # Halfwidth and Fullwidth Forms (，：；！？（）％ Ａ１)
    "\U00020000-\U0003134f"  # CJK Extensions B–G
)
_ASIAN = re.compile(f"[{_ASIAN_RANGES}]")
_NON_ASIAN_WORD = re.compile(rf"[^{_ASIAN_RANGES}\s]+")
# Zero-width characters and the BOM are invisible: they neither count nor split words.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


class ZiCount(NamedTuple):
    """Word's 字数 split into its two parts (中文字符和朝鲜语单词, 非中文单词)."""

    asian: int
    words: int

    @property
    def total(self) -> int:
        return self.asian + self.words


def zi_breakdown(text: str) -> ZiCount:
    """Count ``text`` as Word does, keeping the Asian characters and other words apart."""
    clean = text.translate(_INVISIBLE).replace("\u3000", " ")  # 全角空格 is whitespace
    asian = len(_ASIAN.findall(clean))
    words = len(_NON_ASIAN_WORD.findall(clean))
    return ZiCount(asian, words)


def count_zi(text: str) -> int:
    """Word's 字数 of ``text``: ``count_zi("2026年增长3.5%")`` == 5 (2026, 年, 增, 长, 3.5%)."""
    return zi_breakdown(text).total


def is_east_asian_char(ch: str, hint_east_asia: bool = False) -> bool:
    """Whether Word draws ``ch`` with the run's East Asian (eastAsia) font slot.

    CJK ideographs, kana, Hangul, CJK punctuation and full-width forms always do; General
    Punctuation (“ ” — …) and Latin-1 symbols (· × °) only with ``w:hint="eastAsia"``;
    ASCII never does (MS-OI29500 §2.1.88).
    """
    code = ord(ch)
    if code < 0x80:
        return False
    if ch != "\u3000" and _ASIAN.match(ch):
        return True
    general = 0x2000 <= code <= 0x206F or 0xA0 <= code <= 0xFF or 0x2100 <= code <= 0x27BF
    return hint_east_asia and general


def count_east_asian(text: str, hint_east_asia: bool = False) -> int:
    """How many characters of ``text`` use the eastAsia font slot (see ``is_east_asian_char``)."""
    if hint_east_asia:
        return sum(1 for ch in text if is_east_asian_char(ch, True))
    return len(_ASIAN.findall(text)) - text.count("\u3000")
