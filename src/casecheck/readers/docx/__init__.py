"""Read a .docx report: effective styles, numbering, roles and Word's 字数.

``document.py`` walks the body; ``styles.py`` resolves effective fonts, sizes, bold and
spacing; ``numbering.py`` rebuilds automatic labels; ``roles.py`` tells headings from body;
``wordcount.py`` counts as Word does; ``models.py`` holds the facts; ``wml.py`` the XML helpers.
"""

from __future__ import annotations

from casecheck.readers.docx.document import (
    DocxFacts,
    ImageFacts,
    LineSpacing,
    ParagraphFacts,
    RunFacts,
    StyleResolver,
    WordCountFacts,
    load_document,
    read_docx,
    resolver_for,
    shown_paragraphs,
)

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
