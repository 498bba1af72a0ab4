"""Bilingual text: every user-facing sentence exists in Chinese and English.

A checker writes both languages side by side (``Text(zh=..., en=...)``) so a rule's
messages stay in the rule's own module; the renderer picks one with ``Text.pick(lang)``.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Lang = Literal["zh", "en"]


class Text(NamedTuple):
    zh: str
    en: str

    def pick(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.zh

    def format(self, **values: object) -> Text:  # type: ignore[override,unused-ignore]
        return Text(self.zh.format(**values), self.en.format(**values))


def as_lang(value: object) -> Lang:
    """``"en"`` → English; anything else (``"zh"``, None, an unknown value) → Chinese."""
    return "en" if getattr(value, "value", value) == "en" else "zh"
