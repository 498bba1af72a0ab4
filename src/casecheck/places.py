"""Where a finding is: the localised words and the same place as language-independent data.

A ``Where`` is what checkers pass as a finding's ``location``; the finding keeps the words
(``location``, in the report's language) and the data (``place``). One place is a flat dict:

    {"slide": 7}   {"paragraph": 12}   {"table": 1, "row": 4, "field": "案例名称"}
    {"page": 2}    {"time_s": 195.0, "end_s": 210.0}   {"region": "长沙市"}

A finding that groups several places lists every one of them under ``places``
(``{"places": [{"paragraph": 4}, {"paragraph": 5}, …]}``) however many the words show.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from casecheck.i18n import Lang, Text

SHOWN = 5  # places named one by one in a grouped finding's words; the rest are counted


class Where(NamedTuple):
    zh: str
    en: str
    place: dict[str, Any]

    def pick(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.zh

    @property
    def text(self) -> Text:
        return Text(self.zh, self.en)

    def plus(self, detail: Text, en_sep: str = ", ", **place: Any) -> Where:
        """The same place, described more closely (「第 3 张幻灯片」 + 「正文」)."""
        extra = {k: v for k, v in place.items() if v is not None}
        if "places" in self.place:
            merged = {"places": [{**p, **extra} for p in self.place["places"]]}
        else:
            merged = {**self.place, **extra}
        en = f"{self.en}{en_sep}{detail.en}" if detail.en else self.en
        return Where(f"{self.zh}{detail.zh}", en, merged)


def places_of(place: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Every single place in a finding's ``place`` (one, several, or none)."""
    if not place:
        return []
    return list(place["places"]) if "places" in place else [place]


def _ranges(numbers: Sequence[int]) -> list[str]:
    nums = sorted(set(numbers))
    runs: list[str] = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        runs.append(str(nums[i]) if i == j else f"{nums[i]}–{nums[j]}")
        i = j + 1
    return runs


def slides(numbers: Iterable[int]) -> Where:
    """「第 1、3–5 张幻灯片」 / "slides 1, 3–5"; every slide is in ``place``."""
    nums = sorted(set(numbers))
    runs = _ranges(nums)
    word = "slide" if len(nums) == 1 else "slides"
    place: dict[str, Any] = (
        {"slide": nums[0]} if len(nums) == 1 else {"places": [{"slide": n} for n in nums]}
    )
    return Where(f"第 {'、'.join(runs)} 张幻灯片", f"{word} {', '.join(runs)}", place)


def paragraph(
    index: int, words: str = "", table: int | None = None, cell: tuple[int, int] | None = None
) -> Where:
    """「第 12 段「二、实施过程」」, with the table cell when the paragraph is in a table."""
    place: dict[str, Any] = {"paragraph": index}
    zh_cell = en_cell = ""
    if table is not None and cell is not None:
        place.update(table=table, row=cell[0], col=cell[1])
        zh_cell = f"（表 {table} 第 {cell[0]} 行第 {cell[1]} 列）"
        en_cell = f" (table {table}, row {cell[0]}, col {cell[1]})"
    zh_words, en_words = (f"「{words}」", f" “{words}”") if words else ("", "")
    return Where(
        f"第 {index} 段{zh_words}{zh_cell}", f"paragraph {index}{en_words}{en_cell}", place
    )


def paragraph_range(first: int, last: int) -> Where:
    return Where(
        f"第 {first}–{last} 段",
        f"paragraphs {first}–{last}",
        {"paragraph": first, "end_paragraph": last},
    )


def paragraphs(indexes: Sequence[int], shown: int = SHOWN) -> Where:
    """「第 2、5、8 段」 or 「第 2、5、8、11、14 段等 9 段」; every paragraph is in ``place``."""
    nums = list(dict.fromkeys(indexes))
    if len(nums) == 1:
        return paragraph(nums[0])
    head = nums[:shown]
    more = len(nums) - len(head)
    zh = f"第 {'、'.join(map(str, head))} 段" + (f"等 {len(nums)} 段" if more else "")
    en = f"paragraphs {', '.join(map(str, head))}" + (f" and {more} more" if more else "")
    return Where(zh, en, {"places": [{"paragraph": n} for n in nums]})


def form_field(
    label: str, table: int | None = None, row: int | None = None, page: int | None = None
) -> Where:
    """「表1 第4行「工作室类型」」 / 「第1页「案例类别」」."""
    if table:
        return Where(
            f"表{table} 第{row}行「{label}」",
            f"table {table}, row {row} ({label})",
            {"table": table, "row": row, "field": label},
        )
    page = page or 1
    return Where(f"第{page}页「{label}」", f"page {page} ({label})", {"page": page, "field": label})


def named(label: str, **place: Any) -> Where:
    """A place that is its own name in both languages (a form field, a region, a folder)."""
    return Where(label, label, {k: v for k, v in place.items() if v is not None})


def timecode(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def time_span(start_s: float, end_s: float | None = None) -> Where:
    """「03:15–03:30」 / "03:15–03:30" (or one instant)."""
    place: dict[str, Any] = {"time_s": round(start_s, 3)}
    words = timecode(start_s)
    if end_s is not None:
        place["end_s"] = round(end_s, 3)
        words += f"–{timecode(end_s)}"
    return Where(words, words, place)


def several(wheres: Sequence[Where], shown: int = SHOWN) -> Where:
    """Several places as one: the first ``shown`` named, the rest counted, all in ``place``."""
    if len(wheres) == 1:
        return wheres[0]
    head = wheres[:shown]
    more = len(wheres) - len(head)
    zh = "、".join(w.zh for w in head) + (f" 等 {len(wheres)} 处" if more else "")
    en = "; ".join(w.en for w in head) + (f" and {more} more" if more else "")
    return Where(zh, en, {"places": [p for w in wheres for p in places_of(w.place)]})
