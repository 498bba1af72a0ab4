"""Reusable builders of real .pptx decks and images for courseware tests (no binary fixtures).

python-pptx builds what it can (pictures, groups, tables, charts, notes, run hyperlinks,
click actions, jumps); the rest is real OOXML added to the same parts: picture fills,
backgrounds, pictures on layouts and masters, hover links, show-jump actions, SmartArt data.
"""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

import segno
from lxml import etree
from PIL import Image, ImageDraw, ImageOps
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml.shapes.picture import CT_Picture
from pptx.util import Emu, Inches

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECL = f'xmlns:a="{A}" xmlns:p="{P}" xmlns:r="{R}"'
WIDE = (Emu(12192000), Emu(6858000))  # 16:9, 13.333 × 7.5 in


# ── images ──────────────────────────────────────────────────────────────────────
def qr_image(text: str, px: int = 240, *, border: int = 4, micro: bool = False) -> Image.Image:
    """A QR code (segno) rendered to about ``px`` pixels wide, greyscale."""
    code = segno.make(text, micro=micro, error="m" if not micro else None)
    buf = io.BytesIO()
    code.save(buf, kind="png", scale=10, border=border)
    buf.seek(0)
    img = Image.open(buf).convert("L")
    return img.resize((px, px), Image.Resampling.NEAREST)


def png_bytes(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def jpeg_bytes(img: Image.Image, quality: int = 85) -> bytes:
    buf = io.BytesIO()
    img.convert("RGB").save(buf, format="JPEG", quality=quality)
    return buf.getvalue()


def photo(width: int = 1600, height: int = 1000, seed: int = 0) -> Image.Image:
    """A photo-like picture: smooth colour noise, grain, and blocks (no code in it)."""
    rng = random.Random(seed)
    bands = [Image.effect_noise((max(1, width // 16), max(1, height // 16)), 60) for _ in range(3)]
    img = Image.merge("RGB", bands).resize((width, height), Image.Resampling.BICUBIC)
    grain = Image.effect_noise((width, height), 20).convert("RGB")
    img = Image.blend(img, grain, 0.3)
    draw = ImageDraw.Draw(img)
    for _ in range(30):
        x, y = rng.randrange(width), rng.randrange(height)
        w, h = rng.randrange(40, width // 6 + 41), rng.randrange(40, height // 6 + 41)
        fill = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.rectangle((x, y, x + w, y + h), fill=fill)
    return img


def photo_with_qr(
    text: str,
    *,
    size: tuple[int, int] = (4000, 3000),
    qr_px: int = 120,
    angle: float = 0.0,
    contrast: float = 1.0,
    at: tuple[int, int] | None = None,
    seed: int = 1,
) -> Image.Image:
    """A photo with a (possibly small, rotated, low-contrast) QR code pasted into it."""
    img = photo(*size, seed=seed)
    code = qr_image(text, qr_px)
    if contrast != 1.0:  # squeeze grey levels around mid-grey
        code = code.point(lambda v: int(128 + (v - 128) * contrast))
    if angle:
        code = code.rotate(angle, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
    x, y = at or (size[0] * 5 // 8, size[1] * 3 // 5)
    img.paste(ImageOps.grayscale(code).convert("RGB"), (x, y))
    return img


# ── decks ───────────────────────────────────────────────────────────────────────
def new_deck(size: tuple[int, int] = WIDE) -> Any:
    prs = Presentation()
    prs.slide_width, prs.slide_height = size
    return prs


def blank_slide(prs: Any, layout: int = 6) -> Any:
    return prs.slides.add_slide(prs.slide_layouts[layout])


def add_text(slide: Any, text: str, *, left: float = 1, top: float = 1) -> Any:
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(6), Inches(1))
    box.text_frame.text = text
    return box


def add_picture(
    slide_or_group: Any, data: bytes, *, left: float = 1, top: float = 1, width: float = 3
) -> Any:
    return slide_or_group.shapes.add_picture(
        io.BytesIO(data), Inches(left), Inches(top), Inches(width)
    )


def add_group_picture(slide: Any, data: bytes, *, nested: bool = True) -> Any:
    """A picture inside a group (inside another group when ``nested``)."""
    outer = slide.shapes.add_group_shape()
    holder = outer.shapes.add_group_shape() if nested else outer
    add_text(holder, "组合中的说明")
    return add_picture(holder, data, left=7, top=3)


def add_picture_fill(slide: Any, data: bytes) -> Any:
    """An autoshape whose fill is the picture (a:blipFill in p:spPr)."""
    from pptx.enum.shapes import MSO_SHAPE

    shape = slide.shapes.add_shape(
        MSO_SHAPE.ROUNDED_RECTANGLE, Inches(8), Inches(1), Inches(3), Inches(3)
    )
    _, rid = slide.part.get_or_add_image_part(io.BytesIO(data))
    sp_pr = shape._element.spPr
    for child in list(sp_pr):
        if etree.QName(child).localname.endswith("Fill"):
            sp_pr.remove(child)
    fill = etree.fromstring(
        f'<a:blipFill {NSDECL}><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></a:blipFill>'
    )
    sp_pr.insert(1, fill)  # after a:xfrm, before a:prstGeom
    return shape


def add_part_picture(
    owner: Any, data: bytes, *, x: int, y: int, cx: int, cy: int, name: str = "Logo"
) -> None:
    """A p:pic on a slide layout or master (python-pptx cannot add shapes there)."""
    _, rid = owner.part.get_or_add_image_part(io.BytesIO(data))
    tree = owner.shapes._spTree
    pic = CT_Picture.new_pic(900 + len(tree), name, "", rid, x, y, cx, cy)
    tree.append(pic)


def add_part_text(
    owner: Any, text: str, *, x: int = 457200, y: int = 6217920, name: str = "Footer"
) -> None:
    """A plain text box (not a placeholder) on a slide layout or master: shown on slides."""
    tree = owner.shapes._spTree
    sp = etree.fromstring(
        f'<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="{700 + len(tree)}" name="{name}"/><p:cNvSpPr txBox="1"/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="5486400" cy="457200"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/>'
        f"<a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp>"
    )
    tree.append(sp)


def set_background_picture(owner: Any, data: bytes) -> None:
    """A picture background (p:bg/p:bgPr/a:blipFill) on a slide, layout or master."""
    _, rid = owner.part.get_or_add_image_part(io.BytesIO(data))
    c_sld = owner._element.find(f"{{{P}}}cSld")
    for old in c_sld.findall(f"{{{P}}}bg"):
        c_sld.remove(old)
    bg = etree.fromstring(
        f'<p:bg {NSDECL}><p:bgPr><a:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
        "</a:blipFill><a:effectLst/></p:bgPr></p:bg>"
    )
    c_sld.insert(0, bg)


def add_run_link(slide: Any, text: str, url: str) -> Any:
    box = add_text(slide, "")
    run = box.text_frame.paragraphs[0].add_run()
    run.text = text
    run.hyperlink.address = url
    return run


def add_click_link(slide: Any, url: str) -> Any:
    box = add_text(slide, "点击这里", top=3)
    box.click_action.hyperlink.address = url
    return box


def add_hover_link(slide: Any, url: str) -> Any:
    """A shape with a mouse-over link (a:hlinkHover), which python-pptx cannot set."""
    box = add_text(slide, "鼠标移过", top=4)
    rid = slide.part.relate_to(url, RT.HYPERLINK, is_external=True)
    c_nv = box._element.nvSpPr.cNvPr
    c_nv.append(etree.fromstring(f'<a:hlinkHover {NSDECL} r:id="{rid}"/>'))
    return box


def add_action(slide: Any, action: str, *, rid: str = "") -> Any:
    """A shape with a raw action setting, e.g. ``ppaction://hlinkshowjump?jump=lastslide``."""
    box = add_text(slide, "动作按钮", top=5)
    c_nv = box._element.nvSpPr.cNvPr
    c_nv.append(etree.fromstring(f'<a:hlinkClick {NSDECL} r:id="{rid}" action="{action}"/>'))
    return box


def add_jump(slide: Any, target: Any) -> Any:
    box = add_text(slide, "跳转", top=6)
    box.click_action.target_slide = target
    return box


def add_table(slide: Any, cells: list[list[str]]) -> Any:
    rows, cols = len(cells), len(cells[0])
    frame = slide.shapes.add_table(rows, cols, Inches(1), Inches(2), Inches(8), Inches(0.4 * rows))
    for r, row in enumerate(cells):
        for c, value in enumerate(row):
            frame.table.cell(r, c).text = value
    return frame


def add_chart(slide: Any, categories: list[str], title: str = "参与情况") -> Any:
    data = CategoryChartData()
    data.categories = categories
    data.add_series("人次", [float(10 * (i + 1)) for i in range(len(categories))])
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1), Inches(6), Inches(4), data
    )
    frame.chart.has_title = True
    frame.chart.chart_title.text_frame.text = title
    return frame


def add_notes(slide: Any, text: str) -> None:
    slide.notes_slide.notes_text_frame.text = text


DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"


def add_smartart(slide: Any, items: list[str], image: bytes | None = None) -> None:
    """A SmartArt graphic frame whose diagram data part holds ``items`` as nodes.

    With ``image``, the first node gets a picture fill (resolved through the data part's rels).
    """
    package = slide.part.package
    partname = PackURI(f"/ppt/diagrams/data{len(list(package.iter_parts())) + 1}.xml")
    part = Part(
        partname,
        "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml",
        package,
        b"",
    )
    fill = "<dgm:spPr/>"
    if image is not None:
        image_part = package.get_or_add_image_part(io.BytesIO(image))
        image_rid = part.relate_to(image_part, RT.IMAGE)
        fill = f'<dgm:spPr><a:blipFill><a:blip r:embed="{image_rid}"/><a:stretch><a:fillRect/></a:stretch></a:blipFill></dgm:spPr>'
    pts = "".join(
        f'<dgm:pt modelId="{{00000000-0000-0000-0000-00000000000{i}}}"><dgm:prSet/>{fill if i == 1 else "<dgm:spPr/>"}'
        f"<dgm:t><a:bodyPr/><a:p><a:r><a:t>{t}</a:t></a:r></a:p></dgm:t></dgm:pt>"
        for i, t in enumerate(items, start=1)
    )
    part._blob = (
        f'<dgm:dataModel xmlns:dgm="{DGM}" xmlns:a="{A}" xmlns:r="{R}"><dgm:ptLst>'
        f'<dgm:pt modelId="{{00000000-0000-0000-0000-000000000000}}" type="doc"><dgm:prSet/><dgm:spPr/></dgm:pt>'
        f"{pts}</dgm:ptLst><dgm:cxnLst/><dgm:bg/><dgm:whole/></dgm:dataModel>"
    ).encode()
    rid = slide.part.relate_to(part, RT.DIAGRAM_DATA)
    frame = etree.fromstring(
        f'<p:graphicFrame {NSDECL}><p:nvGraphicFramePr><p:cNvPr id="{800 + len(slide.shapes)}" name="SmartArt"/>'
        "<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>"
        '<p:xfrm><a:off x="914400" y="914400"/><a:ext cx="5486400" cy="3200400"/></p:xfrm>'
        f'<a:graphic><a:graphicData uri="{DGM}"><dgm:relIds xmlns:dgm="{DGM}" r:dm="{rid}" r:lo="" r:qs="" r:cs=""/>'
        "</a:graphicData></a:graphic></p:graphicFrame>"
    )
    slide.shapes._spTree.append(frame)


def emf_bytes() -> bytes:
    """A minimal, valid Enhanced Metafile: EMR_HEADER (100×100 device units) and EMR_EOF."""
    import struct

    header = struct.pack(
        "<II4i4iIIIIHHIIIiiii",
        1, 88, 0, 0, 99, 99, 0, 0, 2646, 2646,  # type, size, bounds, frame (0.01 mm)
        0x464D4520, 0x10000, 88 + 20, 2, 1, 0, 0, 0, 0,  # " EMF", version, bytes, records …
        1920, 1080, 508, 286,  # reference device px and mm
    )  # fmt: skip
    eof = struct.pack("<IIIII", 14, 20, 0, 16, 20)
    return header + eof


def add_raw_picture(slide: Any, blob: bytes, content_type: str, ext: str) -> None:
    """A picture whose bytes python-pptx cannot inspect (EMF, WMF): part and p:pic by hand."""
    from pptx.parts.image import ImagePart

    package = slide.part.package
    image_part = ImagePart(package.next_image_partname(ext), content_type, package, blob)
    rid = slide.part.relate_to(image_part, RT.IMAGE)
    tree = slide.shapes._spTree
    tree.append(
        CT_Picture.new_pic(900 + len(tree), "Metafile", "", rid, 914400, 914400, 1828800, 1828800)
    )


def save(prs: Any, path: Path) -> Path:
    prs.save(str(path))
    return path
