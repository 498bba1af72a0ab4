"""The facts of a 案例信息表 (.docx or .pdf): label → value fields, check boxes and fonts.

The reader is generic: every table row whose first cell holds text becomes a field (the
label) with the row's other cells as its value; rows whose first cell is merged with the
one above (作者信息 over 姓名/工作单位/… rows) or empty continue the field above, and a
table nested in a value cell adds its rows to the field. Which labels are required and which
boxes form a single-choice group is the pack's business (checkers/form.py).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from casecheck.readers.form.checkboxes import CheckBox
from casecheck.readers.package import MissingPart

# pdf_scanned: no text layer, images on a page; pdf_blank: neither text nor images on any
# page (「空白页」); pdf_unreadable: a text layer that reads as gibberish (a font without a
# Unicode map or a CMap no reader decodes): the checkers ask for the .docx.
SourceKind = Literal["docx", "pdf", "pdf_scanned", "pdf_blank", "pdf_unreadable"]

_WS = re.compile(r"\s+")


def label_key(text: str) -> str:
    """A label with every space removed, so 「案 例 名 称」 matches 「案例名称」."""
    return _WS.sub("", text.replace("\u3000", " "))


class FieldBox(CheckBox):
    """A check box and the value cell it sits in (boxes in one cell form one group)."""

    row: int  # 0-based row within the field
    col: int  # 0-based value cell within that row


class RunFont(BaseModel):
    """The effective East Asian font and size of a run of filled-in text (.docx only)."""

    field: str
    row: int
    col: int
    text: str
    font: str | None  # None: unresolved
    size_pt: float | None


class FormField(BaseModel):
    label: str  # as written, line breaks as spaces: 「作者信息 (排序填写, 最多 3 人)」
    key: str  # label without spaces: 「作者信息(排序填写,最多3人)」
    table: int  # 1-based table number (0 for a PDF text layer)
    row: int  # 1-based row (table row, or text line for PDFs)
    page: int | None = None
    rows: list[list[str]] = Field(default_factory=list)  # value cells, row by row
    boxes: list[FieldBox] = Field(default_factory=list)

    @property
    def value(self) -> str:
        return "\n".join("\t".join(c for c in r if c) for r in self.rows if any(r)).strip()


class FormFacts(BaseModel):
    """What a 案例信息表 says: title, fields, ticks, fonts of filled-in text."""

    path: str
    source_kind: SourceKind
    title: str | None = None
    fields: list[FormField] = Field(default_factory=list)
    other_boxes: list[CheckBox] = Field(default_factory=list)  # boxes outside any field
    runs: list[RunFont] = Field(default_factory=list)
    text: str = ""  # all text in reading order (declaration, signature, date)
    pages: int | None = None
    blank_pages: list[int] = Field(default_factory=list)  # PDF pages with neither text nor image
    strict_ooxml: bool = False  # a .docx saved as 「Strict Open XML」 (read as Word reads it)
    missing_parts: list[MissingPart] = Field(default_factory=list)  # dangling, ignored as Word does

    def find(self, label: str) -> FormField | None:
        """The first field whose label contains ``label`` (spaces ignored)."""
        want = label_key(label)
        for f in self.fields:
            if f.key.startswith(want):
                return f
        for f in self.fields:
            if want in f.key:
                return f
        return self._find_wrapped(want)

    def _find_wrapped(self, want: str) -> FormField | None:
        """A label wrapped over two or three PDF lines (「第一作者所在单」「位意见」)."""
        for i, first in enumerate(self.fields):
            if not first.key or not want.startswith(first.key):
                continue
            parts = [first]
            for nxt in self.fields[i + 1 : i + 3]:
                parts.append(nxt)
                key = "".join(p.key for p in parts)
                if key.startswith(want) or want in key:
                    return _join(parts)
                if not want.startswith(key):
                    break
        return None


def _join(parts: list[FormField]) -> FormField:
    joined = parts[0].model_copy(deep=True)
    for part in parts[1:]:
        offset = len(joined.rows)
        joined.label += part.label
        joined.rows.extend(part.rows)
        joined.boxes.extend(b.model_copy(update={"row": b.row + offset}) for b in part.boxes)
    joined.key = label_key(joined.label)
    return joined


def pick_title(lines: list[str]) -> str | None:
    """The form's title among the lines before its table: the one naming a 信息表."""
    for line in lines:
        key = label_key(line)  # spaces removed: 「人 机 协 同 … 信 息 表」 still names its pack
        if "信息表" in key:
            return key
    return None
