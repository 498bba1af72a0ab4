"""PDFs whose CJK font is encoded as Chinese PDF writers encode it, made from reportlab's.

reportlab's ``UnicodeCIDFont('STSong-Light')`` writes the Adobe-GB1 font with the predefined
CMap ``/UniGB-UCS2-H`` (strings are UTF-16BE) and no ``/ToUnicode``. :func:`reencode` rewrites
that font's CMap and every string drawn in it, the glyphs staying the same:

- ``GBK-EUC-H`` / ``GBKp-EUC-H``: the strings become GBK bytes (what older Chinese PDF tools
  write; pypdf decodes the first and not the second, pdfminer both);
- ``UniGB-UTF8-H``: UTF-8 bytes (pypdf has no table for it, pdfminer has);
- ``Identity-H`` with the font's ordering set to ``Identity``: the strings become glyph ids
  and no reader can map them back to characters (a subset font exported without a Unicode
  map) — the text layer cannot be read.

Characters GBK lacks (☑ ☐) are drawn as ■ □, as WPS forms in GBK fonts do.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import ByteStringObject, ContentStream, NameObject, TextStringObject

GBK_STAND_INS = {"☑": "■", "☐": "□", "☒": "■"}


def _encoded(text: str, cmap: str) -> bytes:
    if cmap.startswith("GBK"):
        return "".join(GBK_STAND_INS.get(c, c) for c in text).encode("gbk")
    if cmap == "UniGB-UTF8-H":
        return text.encode("utf-8")
    from pdfminer.cmapdb import CMapDB

    cids = CMapDB.get_cmap("UniGB-UCS2-H").decode(text.encode("utf-16-be"))
    return b"".join(cid.to_bytes(2, "big") for cid in cids)


def _raw(item: object) -> bytes:
    if isinstance(item, TextStringObject):
        return item.original_bytes
    return bytes(item)  # type: ignore[call-overload]


def reencode(src: Path, dst: Path, cmap: str) -> Path:
    """Write ``src`` again with its CID font's CMap set to ``cmap`` (see module docstring)."""
    writer = PdfWriter(clone_from=src)
    for page in writer.pages:
        fonts = page["/Resources"]["/Font"]
        cid = set()
        for name, ref in fonts.items():
            font = ref.get_object()
            if font.get("/Subtype") != "/Type0":
                continue
            cid.add(name)
            font[NameObject("/Encoding")] = NameObject("/" + cmap)
            if cmap == "Identity-H":
                info = font["/DescendantFonts"][0].get_object()["/CIDSystemInfo"]
                info.get_object()[NameObject("/Ordering")] = TextStringObject("Identity")
        content = ContentStream(page.get_contents(), writer)
        current = None
        for operands, operator in content.operations:
            if operator == b"Tf":
                current = operands[0]
            elif current in cid and operator in (b"Tj", b"TJ", b"'", b'"'):
                items = operands[-1] if operator == b"TJ" else operands
                for i, item in enumerate(items):
                    if isinstance(item, (ByteStringObject, TextStringObject)):
                        text = _raw(item).decode("utf-16-be")
                        items[i] = ByteStringObject(_encoded(text, cmap))
        page.replace_contents(content)
    with dst.open("wb") as fh:
        writer.write(fh)
    return dst


def build_blank_pdf(path: Path, pages: int = 1) -> Path:
    """A PDF whose pages show nothing: no text, no image (a 「空白页」)."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for _ in range(pages):
        c.showPage()
    c.save()
    return path
