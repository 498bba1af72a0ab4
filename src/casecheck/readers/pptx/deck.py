"""Read a .pptx courseware into ``DeckFacts``: per slide, texts, pictures (QR-scanned) and links.

Layouts and masters are walked once each and attributed to the slides that show them
(a slide's 「隐藏背景图形」 — ``showMasterSp="0"`` — hides layout and master shapes; a
layout's hides the master's). Only the background that is actually shown counts: the
slide's own, else its layout's, else its master's. Every distinct image (by SHA-256) is
decoded and scanned once, however many slides show it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from casecheck.i18n import Text
from casecheck.readers.errors import CORRUPT, ReadError
from casecheck.readers.media.images import ImageScan, scan_image, sha256
from casecheck.readers.package import Package, checked_package
from casecheck.readers.pptx.models import (
    Box,
    DeckFacts,
    ImageFacts,
    ImageSource,
    LinkFacts,
    Origin,
    SlideFacts,
)
from casecheck.readers.pptx.walk import PartContent, PartWalker, Placement, part_xml
from casecheck.readers.sniff import sniff

_scan_provenance: Callable[[bytes], list[Any]] | None
try:  # the AI-label engineer's module; the reader works without it
    from casecheck.readers.media.provenance import scan_image_bytes as _scan_provenance
except ImportError:  # pragma: no cover
    _scan_provenance = None

LEGACY_PPT = Text(
    "这是旧版 PowerPoint 97-2003（.ppt）文件：请用 PowerPoint 打开，「文件 → 另存为」选择 .pptx 格式后再检查",
    "This is a legacy PowerPoint 97-2003 (.ppt) file: open it in PowerPoint and save it as .pptx.",
)
NOT_PPTX = Text(
    "该文件不是 PowerPoint 演示文稿（.pptx）：请用 PowerPoint 另存为 .pptx 后再检查",
    "This file is not a PowerPoint presentation (.pptx): save it as .pptx and check again.",
)
DEFAULT_SLIDE_SIZE = (9144000, 6858000)  # what PowerPoint assumes when p:sldSz is missing


def _provenance(blob: bytes) -> list[Any]:
    if _scan_provenance is None:
        return []
    try:
        return list(_scan_provenance(blob))
    except Exception:  # provenance is evidence, never a reason to fail reading
        return []


class _ImageCache:
    """Scan each distinct image once; hand out copies of the result per placement.

    An image's bytes are read from the package when first met and let go once hashed and
    scanned: only one photo is in memory at a time.
    """

    def __init__(self, package: Package) -> None:
        self.package = package
        self.by_part: dict[str, tuple[str, int, str]] = {}  # part → sha256, size, type
        self.by_hash: dict[str, tuple[ImageScan, list[Any]]] = {}

    def facts(self, placement: Placement, origin: Origin) -> ImageFacts | None:
        rel = placement.rel_part.rels.get(placement.rid)
        if rel is None:
            gap = self.package.missing_in(placement.container).get(placement.rid)
            if gap is None:
                return None
            return self._placed(placement, origin, gap.target, "", *self._lost(gap.target))
        if rel.is_external:
            return None
        part = rel.target_part
        name = str(part.partname)
        content_type = getattr(part, "content_type", "")
        if name in self.package.damaged:  # this picture's data is damaged, not the deck
            return self._placed(placement, origin, name, content_type, *self._lost(name))
        if name not in self.by_part:
            blob = self.package.part_bytes(part)
            if name in self.package.damaged:
                return self._placed(placement, origin, name, content_type, *self._lost(name))
            self.by_part[name] = (sha256(blob), len(blob), content_type)
            digest = self.by_part[name][0]
            if digest not in self.by_hash:
                self.by_hash[digest] = (scan_image(blob, content_type), _provenance(blob))
        digest, size, content_type = self.by_part[name]
        scan, provenance = self.by_hash[digest]
        return self._placed(placement, origin, name, content_type, digest, size, scan, provenance)

    def _lost(self, name: str) -> tuple[str, int, ImageScan, list[Any]]:
        """A picture whose bytes are missing or damaged: scanned as 「unreadable」, alone."""
        scan = ImageScan(status="unreadable", detail=f"missing or damaged part {name}")
        return sha256(name.encode()), 0, scan, []

    @staticmethod
    def _placed(
        placement: Placement,
        origin: Origin,
        name: str,
        content_type: str,
        digest: str,
        size: int,
        scan: ImageScan,
        provenance: list[Any],
    ) -> ImageFacts:
        source: ImageSource = "slide"
        if origin in ("layout", "master"):
            source = cast(ImageSource, origin)
        elif placement.kind != "picture":
            source = placement.kind
        return ImageFacts(
            part=name,
            sha256=digest,
            content_type=content_type,
            size_bytes=size,
            width=scan.width,
            height=scan.height,
            position=placement.position,
            source=source,
            kind=placement.kind,
            origin=origin,
            container=placement.container,
            shape=placement.shape,
            descr=placement.descr,
            scan=scan.status,
            scan_detail=scan.detail,
            qr=[c.model_copy() for c in scan.codes],
            qr_located=list(scan.located),
            provenance=provenance,
        )


def _open(path: Path) -> tuple[Any, Package]:
    kind = sniff(path)
    if kind.kind == "ole2" and kind.detail == "ppt":
        raise ReadError("unsupported", LEGACY_PPT)
    if kind.kind not in ("pptx", "empty", "ooxml_encrypted", "zip", "ooxml_other"):
        raise ReadError("unsupported", NOT_PPTX)
    package = checked_package(path)
    if kind.kind != "pptx":
        raise ReadError("corrupt", CORRUPT if kind.kind == "zip" else NOT_PPTX)
    try:
        return _presentation(package.library_copy()), package
    except ReadError:
        raise
    except Exception as exc:  # python-pptx raises KeyError, ValueError, lxml errors …
        raise ReadError("corrupt", CORRUPT) from exc


def _presentation(stream: io.BytesIO) -> Any:
    """python-pptx's presentation for every PresentationML main part (.pptx, .pptm, .ppsx,
    .potx …): its ``Presentation()`` refuses shows and templates by content type, yet its
    package reader maps them all to the same presentation part."""
    from pptx.package import Package as PptxPackage

    return PptxPackage.open(stream).main_document_part.presentation


def _shows_master_shapes(part: Any) -> bool:
    root = part_xml(part)
    return root.get("showMasterSp", "1") not in ("0", "false")


def read_pptx(path: Path) -> DeckFacts:
    """Read a .pptx (see module docstring). Raises ReadError for files that cannot be read."""
    prs, package = _open(path)
    try:
        return _read(prs, path, package)
    except ReadError:
        raise
    except Exception as exc:  # a damaged part deep inside the package
        raise ReadError("corrupt", CORRUPT) from exc


def _read(prs: Any, path: Path, package: Package) -> DeckFacts:
    width = prs.slide_width or DEFAULT_SLIDE_SIZE[0]
    height = prs.slide_height or DEFAULT_SLIDE_SIZE[1]
    slide_numbers = {str(s.part.partname): i for i, s in enumerate(prs.slides, start=1)}
    shared: dict[str, PartContent] = {}  # layouts and masters, walked once
    cache = _ImageCache(package)
    full = Box(x=0, y=0, cx=width, cy=height)

    def content(part: Any, origin: Origin) -> PartContent:
        name = str(part.partname)
        if name not in shared:
            shared[name] = PartWalker(part, origin, slide_numbers).walk()
        return shared[name]

    deck = DeckFacts(
        path=str(path),
        slide_width=width,
        slide_height=height,
        strict_ooxml=package.strict,
        missing_parts=package.missing,
    )
    for number, slide in enumerate(prs.slides, start=1):
        layout = slide.slide_layout
        master = layout.slide_master
        own = PartWalker(slide.part, "slide", slide_numbers).walk()
        layers: list[tuple[Origin, PartContent]] = [("slide", own)]
        if _shows_master_shapes(slide.part):
            layers.append(("layout", content(layout.part, "layout")))
            if _shows_master_shapes(layout.part):
                layers.append(("master", content(master.part, "master")))
        if slide.has_notes_slide:
            layers.append(
                ("notes", PartWalker(slide.notes_slide.part, "notes", slide_numbers).walk())
            )
        facts = SlideFacts(
            number=number,
            part=str(slide.part.partname),
            layout=str(layout.part.partname),
            master=str(master.part.partname),
            hidden=slide._element.get("show", "1") in ("0", "false"),
        )
        background = own.background or content(layout.part, "layout").background
        bg_origin: Origin = "slide" if own.background else "layout"
        if not background:
            background, bg_origin = content(master.part, "master").background, "master"
        for placement in background:
            placement.position = full
        placements: list[tuple[Origin, Placement]] = [(bg_origin, p) for p in background]
        for origin, layer in layers:
            facts.texts.extend(layer.texts)
            facts.links.extend(layer.links)
            placements.extend((origin, p) for p in layer.placements)
        for origin, placement in placements:
            if placement.linked:
                facts.links.append(_linked_picture(placement, origin))
                continue
            image = cache.facts(placement, origin)
            if image is not None:
                facts.pictures.append(image)
        deck.slides.append(facts)
    deck.distinct_images = len(cache.by_hash)
    return deck


def _linked_picture(placement: Placement, origin: Origin) -> LinkFacts:
    rel = placement.rel_part.rels.get(placement.rid)
    target = rel.target_ref if rel is not None else None
    return LinkFacts(
        kind="relationship",
        on="linked picture",
        target=target,
        external=True,
        text=placement.shape,
        origin=origin,
        part=placement.container,
    )
