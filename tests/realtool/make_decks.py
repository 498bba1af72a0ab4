"""Write the decks of issue 24 with LibreOffice: a deck with embedded OLE objects clicked open,
and a meetup-style deck full of QR codes, one of them damaged.

    python tests/realtool/make_decks.py       # needs soffice (LibreOffice) on PATH, and segno

The flat ODF sources are built here (the QR codes are generated, then embedded as base64),
converted to .pptx by LibreOffice, and committed beside this script so tests never need
LibreOffice:

- ``deck-ole-actions.pptx``: three embedded objects (OLE, ``p:oleObj progId="Excel.Sheet.12"``
  with its .xlsx and an EMF preview, as LibreOffice writes an embedded Calc table; this
  LibreOffice has no Math module, so the object is a table, not an equation — to PowerPoint
  both are OLE objects, a MathType equation being ``Equation.DSMT4``), a 「下一页」 button, a
  「例题」 button jumping to slide 3 and a 「结束」 button. LibreOffice 7.4 writes no click
  action to .pptx at all, so they are added to its output with lxml, as PowerPoint and WPS
  write them: ``ppaction://ole?verb=0`` on each object's ``p:cNvPr`` (what WPS and MathType
  equations carry), ``ppaction://hlinkshowjump?jump=nextslide``, ``ppaction://hlinksldjump``
  with a relationship to slide 3, ``ppaction://hlinkshowjump?jump=endshow``.
- ``deck-qr-codes.pptx``: twelve readable codes (Wi-Fi, tel:, a WeChat login, a repository,
  mailto:, a contact card, a web address, a Micro QR, one rotated, one pasted into a photo,
  one light-on-dark, one on a transparent background) and one damaged code: a QR whose
  modules are partly overwritten and which is turned, so that zxing locates it but cannot
  read its size (it reports the code with no area — the empty crop that used to make the
  whole deck 「已损坏」).
"""

from __future__ import annotations

import base64
import io
import random
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))
sys.path.insert(0, str(HERE.parents[1]))

from lxml import etree  # noqa: E402
from tests.realtool.make import soffice  # noqa: E402

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
SLIDE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.presentation">
 <office:font-face-decls><style:font-face style:name="宋体" svg:font-family="宋体"/></office:font-face-decls>
 <office:automatic-styles>
  <style:page-layout style:name="PM1"><style:page-layout-properties fo:margin-top="0cm" fo:margin-bottom="0cm" fo:margin-left="0cm" fo:margin-right="0cm" fo:page-width="28cm" fo:page-height="15.75cm" style:print-orientation="landscape"/></style:page-layout>
  <style:style style:name="gr1" style:family="graphic"><style:graphic-properties draw:stroke="none" draw:fill="none"/></style:style>
  <style:style style:name="T" style:family="text"><style:text-properties style:font-name-asian="宋体" fo:font-size="24pt" style:font-size-asian="24pt"/></style:style>
 </office:automatic-styles>
 <office:master-styles><style:master-page style:name="Default" style:page-layout-name="PM1"/></office:master-styles>
 <office:body><office:presentation>
"""
TAIL = """ </office:presentation></office:body>
</office:document>
"""


def text_frame(text: str, x: float, y: float, w: float = 24, h: float = 2) -> str:
    return (
        f'<draw:frame draw:style-name="gr1" svg:x="{x}cm" svg:y="{y}cm" svg:width="{w}cm" '
        f'svg:height="{h}cm"><draw:text-box><text:p><text:span text:style-name="T">{text}'
        "</text:span></text:p></draw:text-box></draw:frame>"
    )


def page(name: str, *frames: str) -> str:
    return f'<draw:page draw:name="{name}" draw:master-page-name="Default">{"".join(frames)}</draw:page>\n'


# ── the OLE deck ───────────────────────────────────────────────────────────────
def calc_object(x: float, y: float, rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
            for v in row
        )
        + "</table:table-row>"
        for row in rows
    )
    return (
        f'<draw:frame svg:x="{x}cm" svg:y="{y}cm" svg:width="10cm" svg:height="3cm"><draw:object>'
        '<office:document office:mimetype="application/vnd.oasis.opendocument.spreadsheet" '
        'office:version="1.3"><office:body><office:spreadsheet><table:table table:name="数据">'
        f"{cells}</table:table></office:spreadsheet></office:body></office:document>"
        "</draw:object></draw:frame>"
    )


def ole_source() -> str:
    return (
        HEAD
        + page(
            "slide1",
            text_frame("勾股定理的探究", 2, 1.5),
            calc_object(3, 5, [("直角边 a", "3"), ("直角边 b", "4"), ("斜边 c", "5")]),
            text_frame("下一页", 2, 11, 6, 1.5),
            text_frame("例题", 10, 11, 6, 1.5),
        )
        + page(
            "slide2",
            text_frame("数据记录", 2, 1.5),
            calc_object(3, 5, [("轮次", "高阶问题占比"), ("1", "18%"), ("3", "41%")]),
            calc_object(15, 5, [("班级", "人数"), ("七(1)", "45")]),
        )
        + page("slide3", text_frame("例题", 2, 1.5), text_frame("结束", 2, 11, 6, 1.5))
        + TAIL
    )


def _action(shape: etree._Element, action: str, rid: str = "") -> None:
    c_nv_pr = next(shape.iter(f"{{{NS['p']}}}cNvPr"))
    link = etree.SubElement(c_nv_pr, f"{{{NS['a']}}}hlinkClick")
    link.set(f"{{{NS['r']}}}id", rid)
    link.set("action", action)


def _text_shape(root: etree._Element, text: str) -> etree._Element:
    for sp in root.iter(f"{{{NS['p']}}}sp"):
        if "".join(t.text or "" for t in sp.iter(f"{{{NS['a']}}}t")) == text:
            return sp
    raise LookupError(text)


def add_actions(pptx: Path) -> None:
    """The click actions LibreOffice does not write (see module docstring)."""
    with zipfile.ZipFile(pptx) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    slides = {n: etree.fromstring(parts[f"ppt/slides/slide{n}.xml"]) for n in (1, 2, 3)}
    for root in slides.values():
        for frame in root.iter(f"{{{NS['p']}}}graphicFrame"):
            if next(frame.iter(f"{{{NS['p']}}}oleObj"), None) is not None:
                _action(frame, "ppaction://ole?verb=0")
    _action(_text_shape(slides[1], "下一页"), "ppaction://hlinkshowjump?jump=nextslide")
    rels_name = "ppt/slides/_rels/slide1.xml.rels"
    rels = etree.fromstring(parts[rels_name])
    etree.SubElement(
        rels, f"{{{REL}}}Relationship", Id="rIdJump3", Type=SLIDE_REL, Target="slide3.xml"
    )
    parts[rels_name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
    _action(_text_shape(slides[1], "例题"), "ppaction://hlinksldjump", rid="rIdJump3")
    _action(_text_shape(slides[3], "结束"), "ppaction://hlinkshowjump?jump=endshow")
    for n, root in slides.items():
        parts[f"ppt/slides/slide{n}.xml"] = etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
    write_zip(pptx, parts)


def write_zip(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", parts.pop("[Content_Types].xml"))
        for name, data in parts.items():
            zf.writestr(name, data)


# ── the QR deck ────────────────────────────────────────────────────────────────
CODES = [
    ("WIFI:T:WPA;S:School-Guest;P:12345678;;", {}),
    ("tel:+8613912345678", {}),
    ("https://open.weixin.qq.com/connect/qrconnect?appid=wx0000demo", {}),
    ("https://github.com/example/course-demo", {}),
    ("mailto:teacher@school.example.cn", {}),
    ("MECARD:N:张明;TEL:13912345678;EMAIL:zhangming@example.cn;;", {}),
    ("https://www.smartedu.cn", {}),
    ("MICRO-42", {"micro": True}),
    ("https://meetup.example.cn/2026/slides", {"angle": 30}),
    ("https://forms.example.cn/signup", {"photo": True}),
    ("https://live.example.cn/room/88", {"inverted": True}),
    ("https://docs.example.cn/handout", {"transparent": True}),
]
DAMAGED_TEXT = "https://example.com/326"


def png(image: object) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def code_image(
    text: str,
    micro: bool = False,
    angle: float = 0,
    photo: bool = False,
    inverted: bool = False,
    transparent: bool = False,
) -> bytes:
    import segno
    from PIL import Image, ImageOps

    qr = segno.make(text, micro=micro, error="m")
    buf = io.BytesIO()
    qr.save(buf, kind="png", scale=6, border=4)
    im = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    if angle:
        im = im.rotate(angle, expand=True, fillcolor=255)
    if inverted:
        im = ImageOps.invert(im)
    if transparent:
        rgba = Image.new("RGBA", im.size, (0, 0, 0, 0))
        rgba.putalpha(ImageOps.invert(im))
        return png(rgba)
    if photo:
        rnd = random.Random(7)
        canvas = Image.new("L", (900, 600), 200)
        for _ in range(300):
            x, y = rnd.randrange(900), rnd.randrange(600)
            canvas.paste(rnd.randrange(90, 250), (x, y, x + rnd.randrange(10, 80), y + 20))
        canvas.paste(im.resize((220, 220)), (600, 300))
        return png(canvas)
    return png(im)


def damaged_code() -> bytes:
    """A QR zxing locates but cannot read (see module docstring); asserted, not assumed."""
    import segno
    import zxingcpp
    from PIL import Image, ImageDraw

    from casecheck.readers.media.images import scan_image

    for seed in range(326, 2000):
        rnd = random.Random(seed)
        qr = segno.make(DAMAGED_TEXT, error="l", micro=False)
        buf = io.BytesIO()
        qr.save(buf, kind="png", scale=6, border=1)
        im = Image.open(io.BytesIO(buf.getvalue())).convert("L")
        draw = ImageDraw.Draw(im)
        for _ in range(int((im.width / 6) ** 2 * 0.07)):
            x, y = rnd.randrange(im.width), rnd.randrange(im.width)
            draw.rectangle([x, y, x + 5, y + 5], fill=rnd.choice((0, 255)))
        im = im.rotate(rnd.uniform(0, 90), expand=True, fillcolor=255)
        found = zxingcpp.read_barcodes(im, return_errors=True)
        no_area = [
            r for r in found if not r.valid and r.position.top_left.x == r.position.bottom_right.x
        ]
        data = png(im)
        scan = scan_image(data, "image/png")
        if no_area and not any(r.valid for r in found) and scan.located and not scan.codes:
            return data
    raise SystemExit("no damaged code found: check segno/zxing versions")


def picture_frame(data: bytes, x: float, y: float, size: float = 5.5) -> str:
    return (
        f'<draw:frame svg:x="{x}cm" svg:y="{y}cm" svg:width="{size}cm" svg:height="{size}cm">'
        "<draw:image><office:binary-data>"
        + base64.b64encode(data).decode()
        + "</office:binary-data></draw:image></draw:frame>"
    )


def qr_source() -> str:
    images = [code_image(text, **options) for text, options in CODES]
    images.insert(7, damaged_code())  # slide 2, third picture
    pages = [
        page("slide1", text_frame("扫码参加活动", 2, 5), text_frame("2026 教师技术沙龙", 2, 8))
    ]
    for n in range(0, len(images), 4):
        frames = [picture_frame(data, 1 + 6.8 * i, 5) for i, data in enumerate(images[n : n + 4])]
        pages.append(
            page(f"slide{len(pages) + 1}", text_frame(f"资源 {n // 4 + 1}", 2, 1), *frames)
        )
    return HEAD + "".join(pages) + TAIL


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "deck-ole-actions.fodp").write_text(ole_source(), encoding="utf-8")
        (work / "deck-qr-codes.fodp").write_text(qr_source(), encoding="utf-8")
        # Told the input is a flat presentation: an embedded spreadsheet's own
        # office:mimetype would otherwise make LibreOffice open it as a spreadsheet.
        soffice(
            sorted(work.glob("*.fodp")),
            "pptx:Impress MS PowerPoint 2007 XML",
            work,
            "--infilter=OpenDocument Presentation Flat XML",
        )
        add_actions(work / "deck-ole-actions.pptx")
        for made in sorted(work.glob("*.pptx")):
            out = HERE / made.name
            out.write_bytes(made.read_bytes())
            assert out.stat().st_size <= 300 * 1024, out
            print(f"{out.name:40} {out.stat().st_size:>8} bytes")


if __name__ == "__main__":
    main()
