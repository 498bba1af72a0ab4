"""The .docx side of the form reader: tables → fields, boxes of every style, run fonts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from casecheck.readers.docx.document import load_document, resolver_for
from casecheck.readers.docx.wml import MC, W, local, on_off, wattr, wval
from casecheck.readers.errors import CORRUPT, ReadError
from casecheck.readers.form.checkboxes import (
    Box,
    Token,
    parse_boxes,
    render_tokens,
    symbol_font_box,
    text_without_boxes,
    tokens_from_text,
)
from casecheck.readers.form.model import (
    FieldBox,
    FormFacts,
    FormField,
    RunFont,
    label_key,
    pick_title,
)
from casecheck.readers.package import checked_package

W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
_FontFn = Callable[[etree._Element], tuple[str | None, float | None] | None]
MAX_ROWS = 2000  # a form has a few dozen; bound the work on hostile files


@dataclass
class Cell:
    """One table cell as read: its tokens, its runs, and where it sits in the grid."""

    tokens: list[Token] = field(default_factory=list)
    runs: list[tuple[etree._Element, str]] = field(default_factory=list)  # (w:r, its text)
    col: int = 0
    span: int = 1
    vmerge: str | None = None  # "restart", "continue" or None
    nested: list[list[Cell]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return render_tokens(self.tokens).strip()

    @property
    def plain(self) -> str:
        return text_without_boxes(self.tokens).strip()


def read_form_docx(path: Path) -> FormFacts:
    doc = load_document(path)  # safe open: zip bombs, encryption, corrupt parts → ReadError
    body = doc.element.find(W + "body")
    if body is None:
        raise ReadError("corrupt", CORRUPT)
    fonts = _font_resolver(doc)
    package = checked_package(path)  # the same zip, opened once: how it was read, for inspect
    facts = FormFacts(
        path=str(path),
        source_kind="docx",
        strict_ooxml=package.strict,
        missing_parts=package.missing,
    )
    before_table: list[str] = []
    texts: list[str] = []
    table_no = 0
    for block in _blocks(body):
        if local(block) == "p":
            cell = Cell()
            _read_paragraph(block, cell)
            line = render_tokens(cell.tokens)
            texts.append(line)
            if table_no == 0:
                before_table.append(line)
            else:
                facts.other_boxes.extend(parse_boxes(cell.tokens))
        elif local(block) == "tbl":
            table_no += 1
            rows = _read_table(block)
            texts.extend("\t".join(c.text for c in r) for r in rows)
            title = _table_title(rows) if table_no == 1 and not pick_title(before_table) else None
            if title:
                before_table.append(title)
            _add_fields(facts, table_no, rows, fonts)
    facts.title = pick_title(before_table)
    facts.text = "\n".join(texts)
    return facts


def _blocks(parent: etree._Element) -> list[etree._Element]:
    """Body-level paragraphs and tables, unwrapping block-level content controls."""
    out: list[etree._Element] = []
    for child in parent:
        name = local(child)
        if name in ("p", "tbl"):
            out.append(child)
        elif name == "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                out.extend(_blocks(content))
        elif name == "customXml":
            out.extend(_blocks(child))
    return out


def _read_table(tbl: etree._Element, depth: int = 0) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for tr in tbl.iter(W + "tr"):
        if tr.getparent() is not tbl and _owner_table(tr) is not tbl:
            continue
        if len(rows) >= MAX_ROWS:
            break
        col = int(wval(tr.find(f"{W}trPr/{W}gridBefore")) or 0)
        cells: list[Cell] = []
        for tc in tr:
            if local(tc) == "sdt":
                content = tc.find(W + "sdtContent")
                tcs = [] if content is None else list(content.iter(W + "tc"))
            elif local(tc) == "tc":
                tcs = [tc]
            else:
                continue
            for one in tcs:
                cell = _read_cell(one, depth)
                cell.col = col
                cells.append(cell)
                col += cell.span
        rows.append(cells)
    return rows


def _owner_table(el: etree._Element) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and local(parent) != "tbl":
        parent = parent.getparent()
    return parent


def _read_cell(tc: etree._Element, depth: int) -> Cell:
    tcpr = tc.find(W + "tcPr")
    cell = Cell()
    if tcpr is not None:
        cell.span = max(1, int(wval(tcpr.find(W + "gridSpan")) or 1))
        vm = tcpr.find(W + "vMerge")
        if vm is not None:
            cell.vmerge = wval(vm) or "continue"
    for block in _blocks(tc):
        if local(block) == "p":
            if cell.tokens:
                cell.tokens.append("\n")
            _read_paragraph(block, cell)
        elif local(block) == "tbl" and depth < 3:
            cell.nested.extend(_read_table(block, depth + 1))
    return cell


def _read_paragraph(p: etree._Element, cell: Cell) -> None:
    for child in p:
        _read_inline(child, cell)


def _read_inline(el: etree._Element, cell: Cell) -> None:
    name = local(el)
    if name == "r":
        _read_run(el, cell)
    elif name == "sdt":
        pr = el.find(W + "sdtPr")
        box = pr.find(W14 + "checkbox") if pr is not None else None
        if box is not None:
            checked = box.find(W14 + "checked")
            state = checked is not None and checked.get(W14 + "val", "1") in ("1", "true", "on")
            cell.tokens.append(Box(state, "content_control"))
            return
        content = el.find(W + "sdtContent")
        for child in content if content is not None else []:
            _read_inline(child, cell)
    elif name in ("hyperlink", "smartTag", "ins", "customXml", "fldSimple", "moveTo", "dir", "bdo"):
        for child in el:
            _read_inline(child, cell)
    elif name == "AlternateContent":
        choice = el.find(MC + "Choice")
        for child in choice if choice is not None else []:
            _read_inline(child, cell)


def _read_run(r: etree._Element, cell: Cell) -> None:
    text: list[str] = []
    for child in r:
        name = local(child)
        if name == "t":
            text.append(child.text or "")
        elif name == "tab":
            text.append("\t")
        elif name in ("br", "cr"):
            text.append("\n")
        elif name == "sym":
            state = symbol_font_box(wattr(child, "font") or "", wattr(child, "char") or "")
            if state is not None:
                _flush(cell, r, text)
                cell.tokens.append(Box(state, "wingdings"))
        elif name == "fldChar":
            cb = child.find(f"{W}ffData/{W}checkBox")
            if cb is not None:
                _flush(cell, r, text)
                explicit = on_off(cb.find(W + "checked"))
                default = on_off(cb.find(W + "default"))
                state = explicit if explicit is not None else bool(default)
                cell.tokens.append(Box(state, "legacy_field"))
    _flush(cell, r, text)


def _flush(cell: Cell, r: etree._Element, text: list[str]) -> None:
    if not text:
        return
    joined = "".join(text)
    text.clear()
    cell.tokens.extend(tokens_from_text(joined))
    if joined.strip():
        cell.runs.append((r, joined))


def _table_title(rows: list[list[Cell]]) -> str | None:
    """A title typed into the table's first row (one merged cell naming a 信息表)."""
    if rows and len(rows[0]) == 1 and "信息表" in label_key(rows[0][0].plain):
        return rows[0][0].plain
    return None


def _add_fields(
    facts: FormFacts, table_no: int, rows: list[list[Cell]], fonts: _FontFn | None
) -> None:
    current: FormField | None = None
    for index, cells in enumerate(rows, start=1):
        if not cells:
            continue
        first = cells[0]
        continues = first.col == 0 and (first.vmerge == "continue" or not first.plain)
        if index == 1 and _table_title(rows):
            continue
        if current is None or not continues or first.col != 0:
            label = " ".join(first.plain.split())
            current = FormField(label=label, key=label_key(label), table=table_no, row=index)
            facts.fields.append(current)
        values = cells[1:] if first.col == 0 else cells
        _add_row(current, values, facts, fonts)
        for cell in values:
            for nested in cell.nested:
                _add_row(current, nested, facts, fonts)


def _add_row(field_: FormField, cells: list[Cell], facts: FormFacts, fonts: _FontFn | None) -> None:
    row = len(field_.rows)
    field_.rows.append([c.text for c in cells])
    for col, cell in enumerate(cells):
        for box in parse_boxes(cell.tokens):
            field_.boxes.append(FieldBox(**box.model_dump(), row=row, col=col))
        if fonts is None:
            continue
        for run, text in cell.runs:
            resolved = fonts(run)
            if resolved is None:
                continue
            font, size = resolved
            last = facts.runs[-1] if facts.runs else None
            if last and (last.field, last.row, last.col, last.font, last.size_pt) == (
                field_.label,
                row,
                col,
                font,
                size,
            ):
                last.text = (last.text + text.strip())[:40]
                continue
            facts.runs.append(
                RunFont(
                    field=field_.label,
                    row=row,
                    col=col,
                    text=text.strip()[:40],
                    font=font,
                    size_pt=size,
                )
            )


def _font_resolver(doc: Any) -> _FontFn:
    """The effective (East Asian font, size in pt) of a run, by the report reader's resolver;
    (None, None) for runs with no character drawn in the East Asian slot (digits, Latin)."""
    resolver = resolver_for(doc)

    def fonts(r: etree._Element) -> tuple[str | None, float | None] | None:
        p = next((a for a in r.iterancestors(W + "p")), None)
        if p is None:
            return None
        facts = resolver.effective_run(r, p)
        if facts.east_asia_chars == 0:
            return None
        return facts.east_asia_font, facts.size_pt

    return fonts
