"""Who and what a submission is, read from its info form: case name, category, first author
and the first author's unit (学校) — the columns an administrator sorts and files by."""

from __future__ import annotations

import re

from casecheck.readers.case import CaseInfo
from casecheck.readers.form.model import FormFacts, FormField, label_key

NAME_LABELS = ("案例名称", "工作室名称")
CATEGORY_LABELS = ("案例类别", "类别")
AUTHOR_LABELS = ("作者信息", "第一作者", "作者")
NAME_HEADERS = ("姓名",)
UNIT_HEADERS = ("工作单位", "单位", "学校")
VALUE_MAX = 80  # longer text is prose (a summary), not a name


def _clean(text: str) -> str | None:
    text = re.sub(r"\s+", " ", text.replace("\u3000", " ")).strip(" _\t:：")
    return text[:VALUE_MAX] if text else None


def _field(facts: FormFacts, labels: tuple[str, ...]) -> FormField | None:
    for label in labels:
        if (found := facts.find(label)) is not None:
            return found
    return None


def _column(row: list[str], headers: tuple[str, ...]) -> int | None:
    for i, cell in enumerate(row):
        if any(label_key(h) in label_key(cell) for h in headers):
            return i
    return None


def first_author(field: FormField) -> tuple[str | None, str | None]:
    """(name, unit) of the first author row: under a 姓名/工作单位 header row when there is
    one, else the first filled row's first two cells (「张明 长沙市第一中学」 in one cell is
    split at the first space)."""
    rows = [r for r in field.rows if any(c.strip() for c in r)]
    header = next((i for i, r in enumerate(rows) if _column(r, NAME_HEADERS) is not None), None)
    if header is not None:
        name_col = _column(rows[header], NAME_HEADERS)
        unit_col = _column(rows[header], UNIT_HEADERS)
        for row in rows[header + 1 :]:
            name = _clean(row[name_col]) if name_col is not None and name_col < len(row) else None
            if name:
                unit = row[unit_col] if unit_col is not None and unit_col < len(row) else ""
                return name, _clean(unit)
        return None, None
    if not rows:
        return None, None
    cells = [c for c in rows[0] if c.strip()]
    if len(cells) == 1:
        parts = re.split(r"[\s,，、]+", cells[0].strip(), maxsplit=1)
        return _clean(parts[0]), _clean(parts[1]) if len(parts) > 1 else None
    return _clean(cells[0]), _clean(cells[1])


def case_identity(facts: FormFacts) -> CaseInfo:
    """What the form says about the case; fields it lacks stay None."""
    info = CaseInfo()
    if (name := _field(facts, NAME_LABELS)) is not None:
        info.name = _clean(name.value.split("\n")[0])
    if (category := _field(facts, CATEGORY_LABELS)) is not None:
        ticked = [b.option for b in category.boxes if b.checked]
        info.category = _clean(ticked[0]) if len(ticked) == 1 else None
        if info.category is None and not category.boxes:
            info.category = _clean(category.value)
    if (authors := _field(facts, AUTHOR_LABELS)) is not None:
        info.first_author, info.school = first_author(authors)
    return info


FORM_VALUE_MAX = 200  # longer values (案例简介) are prose, not what a batch compares


def short_values(facts: FormFacts) -> dict[str, str]:
    """Short label → value pairs of the form (case name, category …): what the batch rules
    compare across submissions (duplicate case names)."""
    values: dict[str, str] = {}
    for f in facts.fields:
        if f.value and len(f.value) <= FORM_VALUE_MAX and f.key not in values:
            values[f.key] = f.value
    return values
