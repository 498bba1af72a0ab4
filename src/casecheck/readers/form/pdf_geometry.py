"""PDF forms read by geometry: the table's ruling lines give the cells, every glyph goes to
the cell its centre lies in, and a cell's glyphs are ordered by their coordinates.

Word, WPS and LibreOffice draw the form's table as lines and place text glyph by glyph, in
an order of their own: a ☑ drawn in a fallback font may come after its option in the
content stream (text extraction gives 「教师案例☑」), and a label wrapped over three lines of
its cell is interleaved with the cells beside it. Here a box glyph precedes the option whose
text starts at its right edge, and a wrapped label or value is joined within its cell.
pdfplumber (pdfminer.six) finds the cells; tables without ruling lines are left to the
text-layout reader in ``pdf.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casecheck.readers.form.checkboxes import (
    BOX_CHARS,
    parse_boxes,
    render_tokens,
    symbol_font_box,
    text_without_boxes,
    tokens_from_text,
)
from casecheck.readers.form.model import FieldBox, FormFacts, FormField, label_key

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
MAX_CELLS = 5000  # a form has a few dozen; bound the work on hostile files


@dataclass(frozen=True)
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class PdfCell:
    bbox: tuple[float, float, float, float]
    text: str  # wrapped lines joined, paragraph ends as "\n", boxes as their glyphs


def _glyph(char: dict[str, Any]) -> Glyph | None:
    text = str(char.get("text") or "")
    font = str(char.get("fontname") or "").split("+")[-1].lower()
    if "wingdings" in font and text:
        # A symbol-font box without a ToUnicode map: its code, as in a .docx w:sym.
        name = "Wingdings 2" if "2" in font else "Wingdings"
        state = symbol_font_box(name, f"{ord(text[0]) & 0xFF:02X}")
        if state is None:
            return None
        text = "☑" if state else "☐"
    if not text:
        return None
    return Glyph(
        text,
        float(char["x0"]),
        float(char["x1"]),
        float(char["top"]),
        float(char["bottom"]),
        float(char.get("size") or 10.0),
    )


def _lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into lines (by vertical position), each line left to right."""
    lines: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (g.middle, g.x0)):
        line = lines[-1] if lines else None
        if line is not None and g.middle <= max(x.bottom for x in line) - 0.3 * g.size:
            line.append(g)
        else:
            lines.append([g])
    return [sorted(line, key=lambda g: g.x0) for line in lines]


def _line_text(line: list[Glyph]) -> str:
    out: list[str] = []
    prev: Glyph | None = None
    for g in line:
        gap = prev is not None and g.x0 - prev.x1 > 0.3 * min(g.size, prev.size)
        if gap and prev is not None and not g.text.isspace() and not prev.text.isspace():
            out.append(" ")  # a gap on the page where the writer drew no space glyph
        out.append(g.text)
        prev = g
    return "".join(out).strip()


def _joiner(before: str, after: str) -> str:
    """What a line wrap inside one paragraph stood for: nothing (CJK), or a space."""
    if after[:1] in BOX_CHARS:
        return " "
    if (
        before[-1:].isascii()
        and before[-1:].isalnum()
        and after[:1].isascii()
        and after[:1].isalnum()
    ):
        return " "
    return ""


def cell_text(glyphs: list[Glyph], right: float) -> str:
    """A cell's text: a line that runs to the cell's right edge wraps into the next one."""
    out = ""
    lines = _lines(glyphs)
    for i, line in enumerate(lines):
        text = _line_text(line)
        if not text:
            continue
        if out:
            prev = lines[i - 1]
            size = max(g.size for g in prev)
            wrapped = right - max(g.x1 for g in prev) < 2.5 * size
            out += _joiner(out, text) if wrapped else "\n"
        out += text
    return out


def _inside(g: Glyph, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    cx = (g.x0 + g.x1) / 2
    return x0 <= cx <= x1 and top <= g.middle <= bottom


def read_geometry(path: Path, facts: FormFacts) -> bool:
    """Add the fields of every ruled table to ``facts``; False when there is none."""
    import pdfplumber  # lazy: pdfminer is only needed for PDF forms

    found = False
    cells_seen = 0
    table_no = 0
    current: FormField | None = None
    texts: list[str] = []
    with pdfplumber.open(path, password="") as pdf:
        for page_no, page in enumerate(pdf.pages, start=1):
            glyphs = [g for c in page.chars if (g := _glyph(c)) is not None]
            page_text = page.extract_text() or ""
            texts.append(page_text)
            if page_no == 1:
                facts.title = _title(page_text)
            for table in page.find_tables(TABLE_SETTINGS):
                rows = [row.cells for row in table.rows]
                if len(rows) < 2 or max(len(r) for r in rows) < 2:
                    continue
                found = True
                table_no += 1
                inside = [g for g in glyphs if _inside(g, table.bbox)]
                for index, cells in enumerate(rows, start=1):
                    cells_seen += len(cells)
                    if cells_seen > MAX_CELLS:
                        break
                    read = [
                        None
                        if bbox is None
                        else PdfCell(
                            bbox, cell_text([g for g in inside if _inside(g, bbox)], bbox[2])
                        )
                        for bbox in cells
                    ]
                    current = _add_row(facts, current, read, table_no, index, page_no)
    facts.text = "\n".join(
        " ".join(line.split()) for t in texts for line in t.splitlines() if line.strip()
    )
    return found


def _title(page_text: str) -> str | None:
    from casecheck.readers.form.model import pick_title

    return pick_title([line for line in page_text.splitlines() if line.strip()][:8])


def _add_row(
    facts: FormFacts,
    current: FormField | None,
    cells: list[PdfCell | None],
    table_no: int,
    index: int,
    page: int,
) -> FormField | None:
    first = cells[0]
    values = [c for c in cells[1:] if c is not None]
    if first is not None and not values and "信息表" in label_key(first.text):
        return current  # a title row inside the table
    label = " ".join(text_without_boxes(tokens_from_text(first.text)).split()) if first else ""
    if current is None or label:
        current = FormField(label=label, key=label_key(label), table=table_no, row=index, page=page)
        facts.fields.append(current)
    elif first is not None and not label and not values:
        return current
    row = len(current.rows)
    rendered: list[str] = []
    for col, cell in enumerate(values):
        tokens = tokens_from_text(cell.text)
        rendered.append(render_tokens(tokens).strip())
        for box in parse_boxes(tokens):
            current.boxes.append(FieldBox(**box.model_dump(), row=row, col=col))
    current.rows.append(rendered)
    return current
