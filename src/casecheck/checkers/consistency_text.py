"""Text helpers for the consistency rules: name normalisation and a bigram Dice similarity.

Kept apart from the rules so the measure can be read (and tested) on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

HAN_NAME = re.compile(r"[\u3400-\u9fff]{2,4}")  # a Chinese personal name: 2–4 Han characters


def fold(text: str) -> str:
    """NFKC (full-width → half-width), case-folded, every space removed."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def normalize_title(text: str, label_prefixes: Sequence[str] = ()) -> str:
    """Letters and digits only: 「案例：《AI 课堂 分析》」 → 「ai课堂分析」.

    NFKC folds full-width forms, then a leading label such as 「案例：」 or 「案例名称:」 is
    dropped, then spaces, punctuation (《》, quotes, dashes) and symbols go.
    """
    folded = unicodedata.normalize("NFKC", text).strip()
    for prefix in label_prefixes:
        m = re.match(rf"\s*{re.escape(unicodedata.normalize('NFKC', prefix))}\s*[:：]", folded)
        if m:
            folded = folded[m.end() :]
            break
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LN").casefold()


def strip_phrases(text: str, phrases: list[str]) -> str:
    """``text`` (normalised) without any of ``phrases`` (normalised), longest first."""
    for phrase in sorted((normalize_title(p) for p in phrases), key=len, reverse=True):
        if phrase:
            text = text.replace(phrase, "")
    return text


def _bigrams(text: str) -> Counter[str]:
    if len(text) < 2:
        return Counter([text]) if text else Counter()
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def dice(a: str, b: str) -> float:
    """Sørensen–Dice coefficient over character bigrams (multiset): 1.0 same, 0.0 disjoint."""
    x, y = _bigrams(a), _bigrams(b)
    total = sum(x.values()) + sum(y.values())
    return 2 * sum((x & y).values()) / total if total else 0.0


@dataclass(frozen=True)
class Match:
    score: float  # 1.0 when one contains the other
    contained: bool


def compare(name: str, candidate: str, min_contained_chars: int) -> Match:
    """How well a (normalised) ``candidate`` text shows the (normalised) case ``name``."""
    if name in candidate or (len(candidate) >= min_contained_chars and candidate in name):
        return Match(1.0, True)
    return Match(round(dice(name, candidate), 3), False)
