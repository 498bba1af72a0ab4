"""The facts the .docx reader produces (re-exported by ``casecheck.readers.docx``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from casecheck import places
from casecheck.places import Where
from casecheck.readers.package import MissingPart
from casecheck.readers.provenance_signals import ProvenanceSignal

Role = Literal["title", "h1", "h2", "body", "caption", "table", "attachment"]


class Why(BaseModel):
    """Why a paragraph has its role, in both languages (``casecheck inspect`` shows it)."""

    zh: str = ""
    en: str = ""


class RunFacts(BaseModel):
    """One run's text and its effective formatting (``None`` = unresolved / ambiguous)."""

    text: str
    east_asia_font: str | None = None
    east_asia_source: str = ""
    ascii_font: str | None = None
    ascii_source: str = ""
    size_pt: float | None = None  # None: no level sets w:sz (Word then uses 10 pt)
    size_source: str = ""
    bold: bool | None = False  # toggles resolved (XOR across style levels); None = unknown
    bold_source: str = ""
    east_asia_chars: int = 0  # characters Word draws with the eastAsia font slot
    complex_script: bool = False


class LineSpacing(BaseModel):
    """Effective ``w:spacing/@w:line`` + ``@w:lineRule``, resolved as a pair."""

    line: int | None = None  # twips for exact/atLeast, 240ths of a line for auto
    rule: Literal["auto", "exact", "atLeast"] | None = None
    source: str = "unset"

    @property
    def points(self) -> float | None:
        return (
            self.line / 20 if self.line is not None and self.rule in ("exact", "atLeast") else None
        )

    @property
    def lines(self) -> float | None:
        return self.line / 240 if self.line is not None and self.rule == "auto" else None

    def describe(self, lang: str = "zh") -> str:
        """``固定值 28 磅`` / ``最小值 28 磅`` / ``1.5 倍行距`` / ``单倍行距（未设置）``."""
        zh = lang != "en"
        if self.line is None or self.rule is None:
            return "单倍行距（未设置）" if zh else "single (not set)"
        if self.rule == "exact":
            return f"固定值 {self.points:g} 磅" if zh else f"exactly {self.points:g} pt"
        if self.rule == "atLeast":
            return f"最小值 {self.points:g} 磅" if zh else f"at least {self.points:g} pt"
        return f"{self.lines:g} 倍行距" if zh else f"{self.lines:g} lines"


class ParagraphFacts(BaseModel):
    """One numbered body paragraph as Word renders it (see module docstring for numbering)."""

    index: int
    text: str  # rendered: numbering label + separator + run text
    label: str = ""  # automatic numbering label (「一、」), not part of the typed text
    style_id: str | None = None
    style_name: str = ""
    outline_level: int | None = None  # 0 = level 1; None = body text
    heading_level: int | None = None  # relative: 1 = h1, 2 = h2, 3+ deeper (judged as body)
    heading_signal: str | None = None  # text / numbering (automatic label) / outline / style
    role: Role = "body"
    role_reason: Why | None = None  # e.g. 一级标题：文字以“一、”开头；样式 标题 2
    in_table: bool = False
    table: int | None = None  # 1-based table number in the document
    cell: tuple[int, int] | None = None  # (row, column), 1-based
    in_content_control: bool = False
    starts_page: bool = False  # page break / pageBreakBefore / section break before it
    line_spacing: LineSpacing = Field(default_factory=LineSpacing)
    runs: list[RunFacts] = Field(default_factory=list)
    zi: int = 0  # Word 字数 of the typed text
    label_zi: int = 0  # 字数 of the automatic label

    def first_words(self, n: int = 16) -> str:
        flat = " ".join(self.text.split())
        return flat if len(flat) <= n else flat[:n] + "…"

    def where(self) -> Where:
        """「第 12 段「二、实施过程」」 (with the table cell when inside a table)."""
        return places.paragraph(self.index, self.first_words(), self.table, self.cell)


class WordCountFacts(BaseModel):
    """Word's 字数 of the report (automatic numbering labels are not in Word's figure)."""

    body: int = 0  # everything before the 附件 section: title, headings, body text, tables
    with_labels: int = 0  # ``body`` + automatic numbering labels (as LibreOffice counts)
    body_text: int = 0  # body paragraphs only (no title block, headings or tables)
    labels: int = 0
    attachments: int = 0
    text_boxes: int = 0
    notes: int = 0  # footnotes + endnotes (not counted, as Word's default)
    stop_paragraph: int | None = None  # index of the paragraph that opens 附件
    stop_text: str | None = None
    stop_reason: str | None = None  # after-sections / page-break; None = counted to the end
    attachment_note_paragraph: int | None = None  # the 附件说明 line inside the body
    label_paragraph: int | None = None  # a 「附件2」 line in the title block: a label, no boundary


class ImageFacts(BaseModel):
    """An image embedded in the body (once per place it appears)."""

    part_name: str
    sha256: str
    content_type: str
    width_px: int | None = None
    height_px: int | None = None
    paragraph: int | None = None  # index of the paragraph it is anchored in
    provenance: list[ProvenanceSignal] = Field(default_factory=list)  # AI metadata (not judged)


class AppFacts(BaseModel):
    """The program that last saved the file (``docProps/app.xml``, WPS's ``docProps/custom.xml``)."""

    program: str | None = None  # Microsoft Word / WPS Office / LibreOffice / the raw name
    version: str | None = None  # e.g. 16.0000, 11.1.0.10132, 7.3.7.2
    application: str | None = None  # app.xml <Application> as written
    app_version: str | None = None  # app.xml <AppVersion> as written
    kso_build: str | None = None  # custom.xml KSOProductBuildVer (WPS), e.g. 2052-11.1.0.10132

    def describe(self) -> str:
        """``WPS Office 11.1.0.10132`` (or ``—`` when the file does not say)."""
        return " ".join(x for x in (self.program, self.version) if x) or "—"


class DocxFacts(BaseModel):
    """Everything the report checkers need, read once."""

    paragraphs: list[ParagraphFacts] = Field(default_factory=list)
    word_count: WordCountFacts = Field(default_factory=WordCountFacts)
    images: list[ImageFacts] = Field(default_factory=list)
    text_boxes: list[str] = Field(default_factory=list)
    theme_font_lang: str | None = None
    app: AppFacts = Field(default_factory=AppFacts)
    strict_ooxml: bool = False  # saved as 「Strict Open XML」 (read through Transitional names)
    missing_parts: list[MissingPart] = Field(default_factory=list)  # dangling, ignored as Word does

    def by_role(self, *roles: Role) -> list[ParagraphFacts]:
        return [p for p in self.paragraphs if p.role in roles]
