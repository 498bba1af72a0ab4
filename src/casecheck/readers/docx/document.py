"""Read a .docx report into plain facts: paragraphs as Word renders them, with effective
formatting per run, Word-compatible 字数, and embedded images.

``read_docx(path)`` is the reader the engine uses for the ``report`` material.
``load_document(path)`` opens a .docx safely with python-docx and ``resolver_for(doc)`` gives
its ``StyleResolver``, which resolves the effective style of any run, e.g. in a table cell of
the info form: ``resolver_for(doc).effective_run(r_element, p_element)``.

Paragraph numbering (``ParagraphFacts.index``): 1-based, in document order, counting every
body paragraph that shows text or an image — including paragraphs in content controls,
tracked insertions and table cells (marked with ``table`` and ``cell``); empty paragraphs,
headers, footers, footnotes and text boxes are not numbered. Locations also quote the first
words, so a teacher can find the paragraph with Ctrl+F.
"""

from __future__ import annotations

import hashlib
import io
import weakref
from pathlib import Path
from typing import Any

from lxml import etree

import casecheck.readers.docx.roles as docx_roles
from casecheck.i18n import Text
from casecheck.readers.docx.authoring import read_app
from casecheck.readers.docx.models import (
    DocxFacts,
    ImageFacts,
    ParagraphFacts,
    WordCountFacts,
)
from casecheck.readers.docx.numbering import Numbering
from casecheck.readers.docx.styles import LineSpacing, RunFacts, StyleResolver
from casecheck.readers.docx.wml import (
    A,
    R,
    V,
    W,
    chosen_branch,
    in_unchosen_branch,
    local,
    on_off,
    wattr,
    wval,
)
from casecheck.readers.docx.wordcount import count_zi
from casecheck.readers.errors import CORRUPT, ReadError
from casecheck.readers.media.provenance import ProvenanceSignal, scan_image_bytes
from casecheck.readers.ooxml import safe_xml
from casecheck.readers.package import Package, checked_package

__all__ = [
    "DocxFacts",
    "ImageFacts",
    "LineSpacing",
    "ParagraphFacts",
    "RunFacts",
    "StyleResolver",
    "WordCountFacts",
    "load_document",
    "read_docx",
    "resolver_for",
    "shown_paragraphs",
]

# fmt: off
_INLINE_CONTAINERS = {"hyperlink", "ins", "smartTag", "customXml", "fldSimple", "moveTo", "dir", "bdo"}
# fmt: on
_BLOCK_CONTAINERS = {"customXml", "ins", "moveTo", "smartTag"}
NOT_WORD = Text(
    "这不是 Word 文档（.docx）：请用 Word 另存为 .docx 后再检查",
    "This is not a Word document (.docx): save it as .docx in Word and check again.",
)


# Word's other main-part content types (.docm, .dotx, .dotm): the same WordprocessingML, which
# python-docx reads once told so (its ``Document()`` accepts only .docx by content type).
WORD_VARIANT_TYPES = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_PACKAGES: weakref.WeakKeyDictionary[Any, Package] = weakref.WeakKeyDictionary()


def part_bytes(part: Any, owner: Any) -> bytes:
    """A part's bytes, read from the package when the library copy left it empty
    (``owner``: an XML part of the same document; image parts do not know their package)."""
    package = _PACKAGES.get(owner.package) if owner.package is not None else None
    return package.part_bytes(part) if package is not None else bytes(part.blob)


def load_document(path: Path) -> Any:
    """Open ``path`` safely with python-docx (ReadError for bad input, never a traceback)."""
    import docx  # noqa: F401  (registers python-docx's part classes)
    from docx.opc.package import OpcPackage
    from docx.opc.part import PartFactory
    from docx.parts.document import DocumentPart

    for content_type in WORD_VARIANT_TYPES:
        PartFactory.part_type_for.setdefault(content_type, DocumentPart)
    package = checked_package(path)
    try:
        opc = OpcPackage.open(package.library_copy())
        part = opc.main_document_part
        if not isinstance(part, DocumentPart):
            raise ReadError("unsupported", NOT_WORD)
        _PACKAGES[opc] = package  # deferred image parts are read from it
        return part.document
    except ReadError:
        raise
    except Exception as exc:  # KeyError / XMLSyntaxError … from a damaged package
        raise ReadError("corrupt", CORRUPT) from exc


def _related(part: Any, suffix: str) -> Any | None:
    for rel in part.rels.values():
        if not rel.is_external and rel.reltype.endswith(suffix):
            return rel.target_part
    return None


def _part_xml(part: Any | None) -> etree._Element | None:
    if part is None:
        return None
    el = getattr(part, "element", None)
    return el if el is not None else safe_xml(part.blob)


def resolver_for(doc: Any) -> StyleResolver:
    """A ``StyleResolver`` for a python-docx ``Document`` (styles, theme, settings, numbering)."""
    main = doc.part
    numbering = Numbering(_part_xml(_related(main, "/numbering")))
    return StyleResolver(
        _part_xml(_related(main, "/styles")),
        _part_xml(_related(main, "/theme")),
        _part_xml(_related(main, "/settings")),
        numbering,
    )


# -- walking the body ------------------------------------------------------------------
class _Ctx:
    __slots__ = ("cell", "sdt", "table", "table_style")

    def __init__(
        self,
        table: int | None = None,
        cell: tuple[int, int] | None = None,
        sdt: bool = False,
        table_style: str | None = None,
    ) -> None:
        self.table, self.cell, self.sdt, self.table_style = table, cell, sdt, table_style


def _blocks(
    parent: etree._Element, ctx: _Ctx, tables: list[int], res: StyleResolver
) -> list[tuple[etree._Element, _Ctx]]:
    out: list[tuple[etree._Element, _Ctx]] = []
    for child in parent:
        name = local(child)
        if name == "p":
            out.append((child, ctx))
        elif name == "tbl":
            tables[0] += 1
            tno = tables[0]
            sid = wval(child.find(f"{W}tblPr/{W}tblStyle"))
            tstyle = sid if sid in res.styles else res.default_style.get("table")
            for r, tr in enumerate(child.iterfind(W + "tr"), 1):
                for c, tc in enumerate(_cells(tr), 1):
                    out += _blocks(tc, _Ctx(tno, (r, c), ctx.sdt, tstyle), tables, res)
        elif name == "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                out += _blocks(
                    content, _Ctx(ctx.table, ctx.cell, True, ctx.table_style), tables, res
                )
        elif name in _BLOCK_CONTAINERS:
            out += _blocks(child, ctx, tables, res)
        elif name == "AlternateContent" and (branch := chosen_branch(child)) is not None:
            out += _blocks(branch, ctx, tables, res)
    return out


def _cells(tr: etree._Element) -> list[etree._Element]:
    cells: list[etree._Element] = []
    for child in tr:
        name = local(child)
        if name == "tc":
            cells.append(child)
        elif name in ("sdt", "customXml", "AlternateContent"):
            inner = (
                child.find(W + "sdtContent")
                if name == "sdt"
                else chosen_branch(child)
                if name == "AlternateContent"
                else child
            )
            if inner is not None:
                cells += _cells(inner)
    return cells


def _runs(p: etree._Element) -> list[etree._Element]:
    out: list[etree._Element] = []
    for child in p:
        name = local(child)
        if name == "r":
            out.append(child)
        elif name in _INLINE_CONTAINERS:
            out += _runs(child)
        elif name == "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                out += _runs(content)
        elif name == "AlternateContent" and (branch := chosen_branch(child)) is not None:
            out += _runs(branch)
    return out


class _RunScan:
    """Text, page breaks, image ids and text boxes of one run."""

    text: str

    def __init__(self, r: etree._Element) -> None:
        parts: list[str] = []
        self.break_before_text = False
        self.break_after_text = False
        self.images: list[str] = []
        self.boxes: list[etree._Element] = []
        self._scan(r, r, parts, bool(on_off(r.find(f"{W}rPr/{W}vanish"))))
        self.text = "".join(parts)

    def _scan(self, el: etree._Element, r: etree._Element, parts: list[str], hidden: bool) -> None:
        for c in el:
            name = local(c)
            if name == "t" and not hidden:
                parts.append(c.text or "")
            elif name in ("tab", "ptab"):
                parts.append("\t")
            elif name == "br" and wattr(c, "type") == "page":
                if "".join(parts).strip():
                    self.break_after_text = True
                else:
                    self.break_before_text = True
            elif name in ("br", "cr"):
                parts.append("\n")
            elif name == "noBreakHyphen":
                parts.append("-")
            elif name == "ruby":  # 拼音指南: Word counts the base text, not the guide above it
                base = c.find(W + "rubyBase")
                if base is not None and not hidden:
                    parts += [_RunScan(inner).text for inner in base.iter(W + "r")]
            elif name == "AlternateContent":
                if (branch := chosen_branch(c)) is not None:
                    self._scan(branch, r, parts, hidden)
            elif name in ("drawing", "pict", "object"):
                self._media(c, r)

    def _media(self, el: etree._Element, r: etree._Element) -> None:
        for blip in el.iter(A + "blip"):
            rid = blip.get(R + "embed")
            if rid and rid not in self.images and not in_unchosen_branch(blip, r):
                self.images.append(str(rid))
        for img in el.iter(V + "imagedata"):
            rid = img.get(R + "id")
            if rid and rid not in self.images and not in_unchosen_branch(img, r):
                self.images.append(str(rid))
        for box in el.iter(W + "txbxContent"):
            if not in_unchosen_branch(box, r):
                self.boxes.append(box)


def _box_text(box: etree._Element) -> str:
    return "\n".join("".join(_RunScan(r).text for r in _runs(p)) for p in box.iter(W + "p"))


def read_docx(path: Path) -> DocxFacts:
    """Read a .docx report: paragraphs with effective formatting, 字数, images.

    Raises ``ReadError`` (with a Chinese/English message) for files that are not readable
    Word documents: encrypted, corrupt, truncated, zip bombs, or another OOXML type.
    """
    doc = load_document(path)
    try:
        return _read(doc)
    except ReadError:
        raise
    except (etree.XMLSyntaxError, KeyError, ValueError, AttributeError) as exc:
        raise ReadError("corrupt", CORRUPT) from exc


def shown_paragraphs(doc: Any) -> list[tuple[etree._Element, list[etree._Element]]]:
    """The ``w:p`` elements numbered like ``ParagraphFacts.index``, each with its text runs.

    For fixers that edit the paragraphs the facts describe: item ``i`` is paragraph
    ``i + 1`` of ``read_docx``; runs are those whose text the facts carry, in order.
    """
    out: list[tuple[etree._Element, list[etree._Element]]] = []
    for p, _ctx in _blocks(doc.element.body, _Ctx(), [0], resolver_for(doc)):
        scans = [(r, _RunScan(r)) for r in _runs(p)]
        if any(s.text.strip() or s.images for _, s in scans):
            out.append((p, [r for r, s in scans if s.text]))
    return out


def _read(doc: Any) -> DocxFacts:
    res = resolver_for(doc)
    body = doc.element.body
    facts = DocxFacts(theme_font_lang=res.theme_lang_ea)
    if (package := _PACKAGES.get(doc.part.package)) is not None:
        facts.strict_ooxml, facts.missing_parts = package.strict, package.missing
    image_cache: dict[str, ImageFacts | None] = {}
    pending_break = False
    tables = [0]
    for p, ctx in _blocks(body, _Ctx(), tables, res):
        props = res.effective_paragraph(p, ctx.table_style)
        label, suffix = ("", "nothing")
        if props.num is not None:
            label, suffix = res.numbering.next_label(props.num[0], props.num[1], res.style_num)
        runs: list[RunFacts] = []
        images: list[str] = []
        starts_page = pending_break or props.page_break_before
        pending_break = False
        for r in _runs(p):
            scan = _RunScan(r)
            text_so_far = any(x.text.strip() for x in runs)
            if scan.break_before_text and not text_so_far:
                starts_page = True  # the break comes before any text of this paragraph
            elif scan.break_before_text or scan.break_after_text:
                pending_break = True  # the break ends this paragraph's page
            images += scan.images
            facts.text_boxes += [t for t in (_box_text(b) for b in scan.boxes) if t.strip()]
            if scan.text:
                runs.append(res.effective_run(r, p, scan.text, ctx.table_style))
        sect = p.find(f"{W}pPr/{W}sectPr")
        if sect is not None and wval(sect.find(W + "type")) != "continuous":
            pending_break = True
        typed = "".join(x.text for x in runs)
        if not typed.strip() and not images:
            pending_break = pending_break or starts_page  # an empty page-break paragraph
            continue
        sep = " " if label and suffix in ("tab", "space") else ""
        para = ParagraphFacts(
            index=len(facts.paragraphs) + 1,
            text=f"{label}{sep}{typed}" if label else typed,
            label=label,
            style_id=props.style_id,
            style_name=props.style_name,
            outline_level=props.outline_level,
            in_table=ctx.table is not None,
            table=ctx.table,
            cell=ctx.cell,
            in_content_control=ctx.sdt,
            starts_page=starts_page,
            line_spacing=props.line_spacing,
            runs=runs,
            zi=count_zi(typed),
            label_zi=count_zi(label),
        )
        facts.paragraphs.append(para)
        for rid in images:
            img = _image(doc.part, rid, image_cache)
            if img is not None:
                facts.images.append(img.model_copy(update={"paragraph": para.index}))
    _assign_roles(facts)
    facts.app = read_app(doc.part.package)
    facts.word_count.text_boxes = sum(count_zi(t) for t in facts.text_boxes)
    facts.word_count.notes = _notes_count(doc.part)
    return facts


def _assign_roles(facts: DocxFacts) -> None:
    paras = facts.paragraphs
    pictures = {img.paragraph for img in facts.images if img.paragraph is not None}
    stop, reason = docx_roles.assign_roles(paras, pictures)
    wc = facts.word_count
    cut = len(paras) if stop is None else stop
    for p in paras[:cut]:
        wc.body += p.zi
        wc.labels += p.label_zi
        if p.role == "body":
            wc.body_text += p.zi
        if p.role == "title" and wc.label_paragraph is None and docx_roles.is_label(p.text):
            wc.label_paragraph = p.index
        elif wc.attachment_note_paragraph is None and docx_roles.is_attachment_note(p.text):
            wc.attachment_note_paragraph = p.index
    wc.attachments = sum(p.zi for p in paras[cut:])
    wc.with_labels = wc.body + wc.labels
    if stop is not None:
        wc.stop_paragraph, wc.stop_text, wc.stop_reason = (
            paras[stop].index,
            paras[stop].text,
            reason,
        )


def _notes_count(main: Any) -> int:
    total = 0
    for suffix in ("/footnotes", "/endnotes"):
        root = _part_xml(_related(main, suffix))
        if root is None:
            continue
        for note in root:
            if wattr(note, "type") in (None, "normal"):
                total += sum(
                    count_zi(_RunScan(r).text) for p in note.iter(W + "p") for r in _runs(p)
                )
    return total


def _image(main: Any, rid: str, cache: dict[str, ImageFacts | None]) -> ImageFacts | None:
    if rid in cache:
        return cache[rid]
    rel = main.rels.get(rid)
    img: ImageFacts | None = None
    if rel is not None and not rel.is_external:
        part = rel.target_part
        blob = part_bytes(part, main)
        img = ImageFacts(
            part_name=str(part.partname),
            sha256=hashlib.sha256(blob).hexdigest(),
            content_type=part.content_type,
        )
        try:
            from PIL import Image

            with Image.open(io.BytesIO(blob)) as im:
                img.width_px, img.height_px = im.size
        except Exception:  # not an image Pillow knows (EMF/WMF …): dimensions stay unknown
            pass
        img.provenance = _provenance(blob)
    cache[rid] = img
    return img


def _provenance(blob: bytes) -> list[ProvenanceSignal]:
    try:
        return list(scan_image_bytes(blob))
    except Exception:  # a provenance scanner bug must not stop the report check
        return []
