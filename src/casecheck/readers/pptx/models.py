"""Facts read from a .pptx: per slide, its texts, pictures and links (plain pydantic data)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from casecheck.readers.media.images import Box as PixelBox
from casecheck.readers.media.images import DecodedCode, ScanStatus
from casecheck.readers.package import MissingPart
from casecheck.readers.pptx.actions import ActionKind

Origin = Literal["slide", "layout", "master", "notes"]
TextWhere = Literal["title", "body", "table", "group", "chart", "smartart", "notes"]
ImageSource = Literal[
    "slide", "layout", "master", "background", "fill", "group", "smartart", "chart", "table"
]
ImageKind = Literal["picture", "fill", "background", "group", "smartart", "chart", "table"]
LinkKind = Literal["hyperlink", "action", "relationship"]


class Box(BaseModel):
    """Position and extent on the slide, in EMU (914400 per inch, 12700 per point)."""

    x: int
    y: int
    cx: int
    cy: int


class TextFacts(BaseModel):
    """One text frame, table cell, chart label or SmartArt node (paragraphs joined by \\n)."""

    text: str
    where: TextWhere
    origin: Origin = "slide"
    part: str
    shape: str | None = None
    row: int | None = None  # 1-based table row / column
    col: int | None = None
    visible: bool = True  # shown on the slide (notes are not)


class ImageFacts(BaseModel):
    """One placement of an image; identical bytes share ``sha256`` and the scan result."""

    part: str  # the media part, e.g. /ppt/media/image3.png
    sha256: str
    content_type: str
    size_bytes: int
    width: int | None = None  # pixels; None for vector or unreadable images
    height: int | None = None
    position: Box | None = None
    source: ImageSource  # layout/master for images from those, else ``kind``
    kind: ImageKind
    origin: Origin = "slide"
    container: str  # the part that places it (slide, layout, master, chart, diagram)
    shape: str | None = None
    descr: str | None = None  # alt text (not visible on the slide)
    scan: ScanStatus = "ok"
    scan_detail: str = ""
    qr: list[DecodedCode] = Field(default_factory=list)
    # 2D codes located in the picture that no pass could decode (damaged, covered, blurred)
    qr_located: list[PixelBox | None] = Field(default_factory=list)
    provenance: list[Any] = Field(default_factory=list)


class LinkFacts(BaseModel):
    """A hyperlink, an action setting or an external relationship."""

    kind: LinkKind
    event: Literal["click", "hover"] | None = None
    on: str  # run, shape, picture, or the relationship type (image, video, oleObject …)
    action: str | None = None  # ppaction://… verb, when the link is an action
    does: ActionKind | None = None  # what a click/hover does (actions.py); None: a relationship
    target: str | None = None  # URL, file path, program, or 「slide 3」
    external: bool
    slide_target: int | None = None  # for jumps to another slide of the deck
    text: str | None = None  # the linked run's text, or the shape's name
    origin: Origin = "slide"
    part: str


class SlideFacts(BaseModel):
    number: int
    part: str
    hidden: bool = False
    layout: str | None = None
    master: str | None = None
    texts: list[TextFacts] = Field(default_factory=list)
    pictures: list[ImageFacts] = Field(default_factory=list)
    links: list[LinkFacts] = Field(default_factory=list)


class DeckFacts(BaseModel):
    path: str
    slide_width: int  # EMU
    slide_height: int
    slides: list[SlideFacts] = Field(default_factory=list)
    distinct_images: int = 0
    strict_ooxml: bool = False  # saved as 「Strict Open XML」 (read through Transitional names)
    missing_parts: list[MissingPart] = Field(default_factory=list)  # dangling, ignored as Word does
