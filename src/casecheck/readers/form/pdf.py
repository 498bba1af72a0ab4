"""The PDF side of the form reader: ruled tables by geometry, else layout text; AcroForm.

A form exported from Word/WPS/LibreOffice draws its table with ruling lines: those tables
are read by geometry (``pdf_geometry.py``: cells from the lines, glyphs by coordinates).
For a table drawn without ruling lines, pypdf's layout mode is the fallback: it puts each
row on a line with the label at the left margin and the value cells after a gap, so a line
that starts at the margin opens a field (its first segment is the label); an indented line
adds a row to the field above; a margin line that continues an open parenthesis
(「(排序填写,」) continues the label.

A PDF without any text layer is a scan when a page shows an image, and blank (「空白页」)
when no page shows text or an image. Chinese PDFs whose CJK font is encoded with a predefined
CMap pypdf has no table for give pypdf's text as gibberish: ``/GBKp-EUC-H`` (GBK bytes, the
same characters as ``/GBK-EUC-H``; the ``p`` only picks proportional Latin glyphs) is read
through the table pypdf has for its twin; a page still read as gibberish is read through
pdfminer, which decodes predefined CMaps from Adobe's CMap resources. A text layer that
reads as gibberish either way (a subset font with no Unicode map) is not guessed at: the form
is ``pdf_unreadable`` and the checkers ask for the .docx. pypdf's and pdfminer's own warnings
about such fonts never reach the terminal (readers/library_messages.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from casecheck.i18n import Text
from casecheck.readers.errors import CORRUPT_PDF, ENCRYPTED, ReadError
from casecheck.readers.form.checkboxes import CheckBox, parse_boxes, render_tokens, tokens_from_text
from casecheck.readers.form.model import FieldBox, FormFacts, FormField, label_key, pick_title
from casecheck.readers.library_messages import library_messages

MAX_PAGES = 30
MAX_FILE_BYTES = 100 * 1024 * 1024
_GAP = re.compile(r"\S+(?: \S+)*")  # segments separated by two or more spaces
_MARGIN = 2  # characters of indentation that still count as the left margin

TOO_LARGE = Text(
    "PDF 文件过大或页数过多，不像一份案例信息表：请只导出信息表本身",
    "The PDF is too large or has too many pages for an info form: export the form alone.",
)


# What a Chinese form's text is made of: ASCII, CJK ideographs and kana, CJK and general
# punctuation, full-width forms, and the symbols forms use (√ × · ° ☐ ☑ ■ ✓ ①). Anything
# else filling the text means it was decoded wrongly: Latin-1 letters from GBK bytes read one
# by one (「¹Ø ÓÚ」), Hangul or lone surrogates from GBK bytes read as UTF-16, Greek, Cyrillic
# or Indic letters from glyph ids read as UTF-16, private-use code points, U+FFFD.
_EXPECTED = re.compile(
    r"[\s\x20-\x7e\u00a0\u00b0\u00b1\u00b7\u00d7\u00f7\u2000-\u206f\u2100-\u27bf"
    r"\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    r"\U00020000-\U0003134f]"
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def garbled(text: str) -> bool:
    """Whether a text layer reads as gibberish rather than as the form's Chinese."""
    if "(cid:" in text:  # pdfminer's mark for a glyph it could not map
        return True
    wrong = len(_EXPECTED.sub("", text))
    return (
        wrong >= 3 and wrong >= 0.3 * len("".join(text.split())) and wrong > len(_CJK.findall(text))
    )


def clean(text: str) -> str:
    """Text with lone surrogates replaced, so it can always be printed and written as JSON."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def read_form_pdf(path: Path) -> FormFacts:
    with library_messages():  # pypdf's and pdfminer's words on a font are not the teacher's
        return _read_form_pdf(path)


def _read_form_pdf(path: Path) -> FormFacts:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if path.stat().st_size > MAX_FILE_BYTES:
        raise ReadError("too_large", TOO_LARGE)
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("encrypted", ENCRYPTED)
        pages = len(reader.pages)
        if pages > MAX_PAGES:
            raise ReadError("too_large", TOO_LARGE)
        acro = reader.get_fields() or {}
        facts = FormFacts(path=str(path), source_kind="pdf", pages=pages)
        by_geometry = _read_geometry(path, facts)
        texts = [] if by_geometry else _layout_texts(path, reader)
        facts.blank_pages = [
            n
            for n, (page, text) in enumerate(zip(reader.pages, texts, strict=False), start=1)
            if not text.strip() and not _shows_images(page)
        ]
    except ReadError:
        raise
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        OSError,
        RecursionError,
    ) as exc:
        if "decrypt" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise ReadError("encrypted", ENCRYPTED) from exc
        raise ReadError("corrupt", CORRUPT_PDF) from exc
    if garbled(facts.text if by_geometry else "\n".join(texts)):
        facts.source_kind = "pdf_unreadable"
        facts.fields = []
        return facts
    if not by_geometry:
        if not any(t.strip() for t in texts) and not acro:
            blank = len(facts.blank_pages) == pages
            facts.source_kind = "pdf_blank" if blank else "pdf_scanned"
            return facts
        lines: list[tuple[int, str]] = []
        for page_no, text in enumerate(texts, start=1):
            lines.extend((page_no, line) for line in text.splitlines() if line.strip())
        facts.title = pick_title([line for _, line in lines[:8]])
        facts.text = "\n".join(" ".join(line.split()) for _, line in lines)
        _fields_from_lines(facts, lines)
    _add_acroform(facts, acro)
    return facts


# Predefined CMaps pypdf has no table for → one it has that maps the same bytes to the same
# characters (Adobe's CMap resources: the p/pc variants differ only in their Latin glyphs).
CMAP_TWINS = {
    "/GBKp-EUC-H": "/GBK-EUC-H",
    "/GBKp-EUC-V": "/GBK-EUC-V",
    "/B5pc-H": "/ETen-B5-H",
    "/B5pc-V": "/ETen-B5-V",
}


def _read_cmaps_as_twins(page: Any) -> None:
    """Point each of the page's fonts whose CMap pypdf lacks at that CMap's twin (in memory)."""
    from pypdf.generic import NameObject

    resources = page.get("/Resources")
    fonts = resources.get_object().get("/Font") if resources is not None else None
    for ref in fonts.get_object().values() if fonts is not None else []:
        font = ref.get_object()
        twin = CMAP_TWINS.get(str(font.get("/Encoding", "")))
        if twin is not None:
            font[NameObject("/Encoding")] = NameObject(twin)


def _layout_texts(path: Path, reader: Any) -> list[str]:
    """Each page's layout text from pypdf; a page pypdf reads as gibberish (a CMap it cannot
    decode) from pdfminer, whose layout is shifted to the same left margin."""
    for page in reader.pages:
        _read_cmaps_as_twins(page)
    texts = [clean(page.extract_text(extraction_mode="layout") or "") for page in reader.pages]
    wrong = [n for n, text in enumerate(texts) if garbled(text)]
    if wrong:
        import pdfplumber

        with pdfplumber.open(path, password="") as pdf:
            for n in wrong:
                text = pdf.pages[n].extract_text(layout=True) or ""
                lines = [line.rstrip() for line in text.splitlines()]
                margin = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
                texts[n] = clean("\n".join(line[margin:] for line in lines))
    return texts


def _shows_images(page: Any) -> bool:
    try:
        return len(page.images) > 0
    except Exception:  # an image pypdf cannot list is still an image on the page
        return True


def _read_geometry(path: Path, facts: FormFacts) -> bool:
    """Fields of the ruled tables (True), or False to fall back on the layout text."""
    from casecheck.readers.form.pdf_geometry import read_geometry

    try:
        return read_geometry(path, facts)
    except Exception as exc:  # pdfminer raises its own exception types for damaged files
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise ReadError("encrypted", ENCRYPTED) from exc
        raise ReadError("corrupt", CORRUPT_PDF) from exc


def _segments(line: str) -> tuple[int, list[str]]:
    """Indentation of a layout line and its cells (text runs split at 2+ spaces)."""
    indent = len(line) - len(line.lstrip(" "))
    parts = _GAP.findall(line)
    # Letter-spaced labels (「案  例  名  称」) come out as one-character cells: rejoin them.
    while len(parts) >= 2 and len(parts[0]) <= 2 and len(parts[1]) == 1:
        parts[0:2] = [parts[0] + parts[1]]
    return indent, parts


def _open_paren(text: str) -> bool:
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


def _fields_from_lines(facts: FormFacts, lines: list[tuple[int, str]]) -> None:
    current: FormField | None = None
    for number, (page, line) in enumerate(lines, start=1):
        indent, cells = _segments(line)
        if not cells:
            continue
        if facts.title and number <= 8 and label_key(cells[0]) == label_key(facts.title):
            continue
        if (
            indent <= _MARGIN
            and current is not None
            and (_open_paren(current.label) or cells[0][:1] in "(（")
        ):
            current.label = f"{current.label} {cells[0]}".strip()
            current.key = label_key(current.label)
            cells = cells[1:]
        elif indent <= _MARGIN:
            current = FormField(
                label=cells[0], key=label_key(cells[0]), table=0, row=number, page=page
            )
            facts.fields.append(current)
            cells = cells[1:]
        if current is None or not cells:
            continue
        row = len(current.rows)
        rendered: list[str] = []
        for col, cell in enumerate(cells):
            tokens = tokens_from_text(cell)
            rendered.append(render_tokens(tokens))
            for box in parse_boxes(tokens):
                current.boxes.append(FieldBox(**box.model_dump(), row=row, col=col))
        current.rows.append(rendered)


def _add_acroform(facts: FormFacts, acro: dict[str, Any]) -> None:
    """Fillable-PDF fields: text fields become fields, check boxes go to ``other_boxes``."""
    for name, spec in acro.items():
        label = str(spec.get("/TU") or name)
        kind = spec.get("/FT")
        value = spec.get("/V")
        if kind == "/Btn":
            state = str(value) if value is not None else "/Off"
            facts.other_boxes.append(
                CheckBox(option=label, checked=state not in ("/Off", "", "None"), style="acroform")
            )
        elif kind == "/Tx":
            text = str(value or "").strip()
            existing = facts.find(label)
            if existing is not None and existing.key == label_key(label):
                existing.rows.append([text])
            else:
                facts.fields.append(
                    FormField(label=label, key=label_key(label), table=0, row=0, rows=[[text]])
                )
