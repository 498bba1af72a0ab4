"""Walk one slide, layout, master or notes part: its texts, image placements and links.

The walk follows the shape tree (groups at any depth, tables, charts, SmartArt, OLE
previews in ``mc:AlternateContent``) to know *where* a thing is; a final sweep over the
whole part catches any ``a:blip`` or ``a:hlinkClick``/``a:hlinkHover`` the structured walk
did not reach, so nothing is missed. Every external relationship not used by a hyperlink is
listed too (linked pictures, linked media, OLE links, a chart's external workbook).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from lxml import etree

from casecheck.readers.ooxml import safe_xml
from casecheck.readers.pptx.actions import EXTERNAL_KINDS, action_kind
from casecheck.readers.pptx.models import Box, ImageKind, LinkFacts, Origin, TextFacts, TextWhere

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "dsp": "http://schemas.microsoft.com/office/drawing/2008/diagram",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
R_ID = f"{{{NS['r']}}}id"
R_EMBED = f"{{{NS['r']}}}embed"
R_LINK = f"{{{NS['r']}}}link"
R_DM = f"{{{NS['r']}}}dm"


def q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


NOTES_SKIP_PLACEHOLDERS = {"sldImg", "sldNum", "dt", "hdr", "ftr"}
TITLE_PLACEHOLDERS = {"title", "ctrTitle"}


@dataclass
class Placement:
    """An image reference found in a part, before its bytes are read and scanned."""

    rel_part: Any  # the python-pptx part whose rels resolve ``rid``
    rid: str
    linked: bool  # r:link (an external, linked picture) rather than r:embed
    kind: ImageKind
    container: str
    position: Box | None
    shape: str | None
    descr: str | None


@dataclass
class PartContent:
    texts: list[TextFacts] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    links: list[LinkFacts] = field(default_factory=list)
    background: list[Placement] = field(default_factory=list)


# (sx, sy, tx, ty): child coordinates → slide coordinates
Transform = tuple[float, float, float, float]
IDENTITY: Transform = (1.0, 1.0, 0.0, 0.0)


def part_xml(part: Any) -> etree._Element:
    element = getattr(part, "_element", None)
    if element is not None:
        return element
    return safe_xml(part.blob)


def paragraphs_text(body: etree._Element) -> str:
    """The visible text of a text body: runs and fields joined, paragraphs by newlines."""
    lines = []
    for para in body.iter(q("a:p")):
        chunks = []
        for el in para.iter(q("a:t"), q("a:br")):
            chunks.append("\n" if el.tag == q("a:br") else (el.text or ""))
        lines.append("".join(chunks))
    return "\n".join(lines).strip()


def _xfrm_box(xfrm: etree._Element | None, tf: Transform) -> Box | None:
    if xfrm is None:
        return None
    off, ext = xfrm.find(q("a:off")), xfrm.find(q("a:ext"))
    if off is None or ext is None:
        return None
    sx, sy, tx, ty = tf
    try:
        return Box(
            x=round(int(off.get("x", 0)) * sx + tx),
            y=round(int(off.get("y", 0)) * sy + ty),
            cx=round(int(ext.get("cx", 0)) * sx),
            cy=round(int(ext.get("cy", 0)) * sy),
        )
    except ValueError:  # a position PowerPoint would not write: the shape is still read
        return None


def _group_transform(grp: etree._Element, tf: Transform) -> Transform:
    xfrm = grp.find(f"{q('p:grpSpPr')}/{q('a:xfrm')}")
    if xfrm is None:
        return tf
    vals = {}
    for name in ("off", "ext", "chOff", "chExt"):
        el = xfrm.find(q(f"a:{name}"))
        if el is None:
            return tf
        vals[name] = (int(el.get("x", el.get("cx", 0))), int(el.get("y", el.get("cy", 0))))
    gx = vals["ext"][0] / vals["chExt"][0] if vals["chExt"][0] else 1.0
    gy = vals["ext"][1] / vals["chExt"][1] if vals["chExt"][1] else 1.0
    # child → parent: off + (c - chOff) * g; then parent → slide with tf
    sx, sy, tx, ty = tf
    return (
        sx * gx,
        sy * gy,
        sx * (vals["off"][0] - vals["chOff"][0] * gx) + tx,
        sy * (vals["off"][1] - vals["chOff"][1] * gy) + ty,
    )


class PartWalker:
    """Collect texts, image placements and links of one part (see module docstring)."""

    def __init__(self, part: Any, origin: Origin, slide_numbers: dict[str, int]) -> None:
        self.part = part
        self.name = str(part.partname)
        self.origin = origin
        self.slide_numbers = slide_numbers
        self.out = PartContent()
        self._seen: set[etree._Element] = set()
        self._used_rids: dict[str, set[str]] = {}

    # ── entry point ────────────────────────────────────────────────────────────
    def walk(self) -> PartContent:
        root = part_xml(self.part)
        bg = root.find(f"{q('p:cSld')}/{q('p:bg')}")
        if bg is not None:
            for blip in bg.iter(q("a:blip")):
                self._blip(
                    blip, self.part, "background", None, None, None, into=self.out.background
                )
        tree = root.find(f"{q('p:cSld')}/{q('p:spTree')}")
        if tree is not None:
            self._shapes(tree, IDENTITY, in_group=False)
        self._sweep(root, self.part)
        self._external_rels(self.part)
        return self.out

    # ── shape tree ─────────────────────────────────────────────────────────────
    def _shapes(self, tree: etree._Element, tf: Transform, in_group: bool) -> None:
        for el in tree:
            tag = etree.QName(el).localname if isinstance(el.tag, str) else ""
            if tag == "AlternateContent":
                choice = el.find(q("mc:Choice"))
                if choice is not None:
                    self._shapes(choice, tf, in_group)
                fallback = el.find(q("mc:Fallback"))
                if fallback is not None:  # OLE/equation previews: pictures only
                    for blip in fallback.iter(q("a:blip")):
                        self._blip(blip, self.part, "picture", None, None, None)
            elif tag == "grpSp":
                self._shape_links(el, "shape")
                self._shapes(el, _group_transform(el, tf), in_group=True)
            elif tag in ("sp", "pic", "cxnSp", "graphicFrame"):
                self._shape(el, tag, tf, in_group)

    def _shape(self, el: etree._Element, tag: str, tf: Transform, in_group: bool) -> None:
        c_nv = next(el.iter(q("p:cNvPr")), None)
        name = c_nv.get("name") if c_nv is not None else None
        descr = c_nv.get("descr") if c_nv is not None else None
        ph = next(el.iter(q("p:ph")), None)
        ph_type = ph.get("type", "body") if ph is not None else None
        if ph is not None and self.origin in ("layout", "master"):
            return  # layout/master placeholders are prompts, never shown on a slide
        if self.origin == "notes" and ph_type in NOTES_SKIP_PLACEHOLDERS:
            return
        xfrm = el.find(f"{q('p:spPr')}/{q('a:xfrm')}")
        if xfrm is None:
            xfrm = el.find(q("p:xfrm"))
        box = _xfrm_box(xfrm, tf)
        self._shape_links(el, "picture" if tag == "pic" else "shape")
        if tag == "pic":
            kind: ImageKind = "group" if in_group else "picture"
            for blip in (
                el.find(q("p:blipFill")).iter(q("a:blip"))
                if el.find(q("p:blipFill")) is not None
                else []
            ):
                self._blip(blip, self.part, kind, box, name, descr)
        sp_pr = el.find(q("p:spPr"))
        if sp_pr is not None:
            for blip in sp_pr.iter(q("a:blip")):
                self._blip(blip, self.part, "group" if in_group else "fill", box, name, descr)
        body = el.find(q("p:txBody"))
        if body is not None:
            where: TextWhere = (
                "notes"
                if self.origin == "notes"
                else ("title" if ph_type in TITLE_PLACEHOLDERS else "group" if in_group else "body")
            )
            self._text(body, where, name)
            self._run_links(body, name)
        if tag == "graphicFrame":
            self._graphic_frame(el, box, name, descr)

    def _graphic_frame(
        self, el: etree._Element, box: Box | None, name: str | None, descr: str | None
    ) -> None:
        tbl = next(el.iter(q("a:tbl")), None)
        if tbl is not None:
            for r, tr in enumerate(tbl.iter(q("a:tr")), start=1):
                for c, tc in enumerate(tr.iter(q("a:tc")), start=1):
                    body = tc.find(q("a:txBody"))
                    if body is not None:
                        self._text(body, "table", name, row=r, col=c)
                        self._run_links(body, name)
                    for blip in tc.iter(q("a:blip")):
                        self._blip(blip, self.part, "table", box, name, descr)
        chart = next(el.iter(q("c:chart")), None)
        if chart is not None:
            self._related(chart.get(R_ID), "chart", box, name)
        dgm = next(el.iter(q("dgm:relIds")), None)
        if dgm is not None:
            data_part = self._related(dgm.get(R_DM), "smartart", box, name)
            if data_part is not None:  # the drawing part (rendered SmartArt) holds images too
                for ext in part_xml(data_part).iter(q("dsp:dataModelExt")):
                    self._related(ext.get("relId"), "smartart", box, name, texts=False)

    def _related(
        self,
        rid: str | None,
        kind: ImageKind,
        box: Box | None,
        name: str | None,
        texts: bool = True,
    ) -> Any:
        """Texts, images and links of a chart or SmartArt part referenced from this part."""
        if not rid or rid not in self.part.rels:
            return None
        rel = self.part.rels[rid]
        if rel.is_external:
            return None
        target = rel.target_part
        root = part_xml(target)
        where: TextWhere = "chart" if kind == "chart" else "smartart"
        if texts:
            bodies = list(root.iter(q("a:txBody"), q("c:rich"), q("dgm:t")))
            for body in bodies:
                self._text(body, where, name)
            if kind == "chart":  # category labels and series names live in c:v caches
                for holder in root.iter(q("c:tx"), q("c:cat"), q("c:strCache")):
                    for v in holder.iter(q("c:v")):
                        if v.text and v not in self._seen:
                            self._seen.add(v)
                            self._add_text(v.text, where, name)
        for blip in root.iter(q("a:blip")):
            self._blip(blip, target, kind, box, name, None)
        self._sweep(root, target)
        self._external_rels(target)
        return target

    # ── texts ──────────────────────────────────────────────────────────────────
    def _text(
        self,
        body: etree._Element,
        where: TextWhere,
        shape: str | None,
        row: int | None = None,
        col: int | None = None,
    ) -> None:
        if body in self._seen:
            return
        self._seen.add(body)
        self._add_text(paragraphs_text(body), where, shape, row, col)

    def _add_text(
        self,
        text: str,
        where: TextWhere,
        shape: str | None,
        row: int | None = None,
        col: int | None = None,
    ) -> None:
        text = text.strip()
        if text:
            self.out.texts.append(
                TextFacts(
                    text=text,
                    where=where,
                    origin=self.origin,
                    part=self.name,
                    shape=shape,
                    row=row,
                    col=col,
                    visible=self.origin != "notes",
                )
            )

    # ── images ─────────────────────────────────────────────────────────────────
    def _blip(
        self,
        blip: etree._Element,
        rel_part: Any,
        kind: ImageKind,
        box: Box | None,
        shape: str | None,
        descr: str | None,
        into: list[Placement] | None = None,
    ) -> None:
        if blip in self._seen:
            return
        self._seen.add(blip)
        for attr, linked in ((R_EMBED, False), (R_LINK, True)):
            rid = blip.get(attr)
            if rid:
                self._used_rids.setdefault(str(rel_part.partname), set()).add(rid)
                placement = Placement(
                    rel_part, rid, linked, kind, str(rel_part.partname), box, shape, descr
                )
                (self.out.placements if into is None else into).append(placement)

    # ── links ──────────────────────────────────────────────────────────────────
    def _shape_links(self, el: etree._Element, on: str) -> None:
        c_nv = next(el.iter(q("p:cNvPr")), None)
        if c_nv is not None:
            for link in c_nv.findall(q("a:hlinkClick")) + c_nv.findall(q("a:hlinkHover")):
                self._link(link, self.part, on, c_nv.get("name"))

    def _run_links(self, body: etree._Element, shape: str | None) -> None:
        for link in body.iter(q("a:hlinkClick"), q("a:hlinkHover")):
            run = link.getparent().getparent() if link.getparent() is not None else None
            text = None
            if run is not None and run.tag != q("a:p"):
                text = "".join(t.text or "" for t in run.iter(q("a:t")))
            self._link(link, self.part, "run", text or shape)

    def _sweep(self, root: etree._Element, rel_part: Any) -> None:
        """Catch images and links the structured walk did not reach."""
        for blip in root.iter(q("a:blip")):
            self._blip(blip, rel_part, "picture", None, None, None)
        for link in root.iter(q("a:hlinkClick"), q("a:hlinkHover")):
            self._link(link, rel_part, "shape", None)

    def _link(self, link: etree._Element, rel_part: Any, on: str, text: str | None) -> None:
        if link in self._seen:
            return
        self._seen.add(link)
        event: Literal["click", "hover"] = "hover" if link.tag == q("a:hlinkHover") else "click"
        action = link.get("action") or None
        rid = link.get(R_ID) or None
        target: str | None = None
        slide_target: int | None = None
        external = False
        if rid and rid in rel_part.rels:
            self._used_rids.setdefault(str(rel_part.partname), set()).add(rid)
            rel = rel_part.rels[rid]
            if rel.is_external:
                target, external = rel.target_ref, True
            else:
                target = str(rel.target_part.partname)
                slide_target = self.slide_numbers.get(target)
        if target is None and not action:
            return  # e.g. an hlinkClick that only plays a sound
        does = action_kind(action, target, external)
        external = does in EXTERNAL_KINDS
        if target is None and action:
            target = action.split("?", 1)[1] if "?" in action else action
        self.out.links.append(
            LinkFacts(
                kind="action" if action else "hyperlink",
                event=event,
                on=on,
                action=action,
                does=does,
                target=f"slide {slide_target}" if slide_target else target,
                external=external,
                slide_target=slide_target,
                text=text,
                origin=self.origin,
                part=self.name,
            )
        )

    def _external_rels(self, part: Any) -> None:
        used = self._used_rids.get(str(part.partname), set())
        for rid, rel in part.rels.items():
            if rel.is_external and rid not in used:
                used.add(rid)
                self.out.links.append(
                    LinkFacts(
                        kind="relationship",
                        on=rel.reltype.rsplit("/", 1)[-1],
                        target=rel.target_ref,
                        external=True,
                        origin=self.origin,
                        part=str(part.partname),
                    )
                )
        self._used_rids[str(part.partname)] = used
