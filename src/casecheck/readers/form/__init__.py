"""Read a 案例信息表 (.docx or .pdf): the form model, the .docx and .pdf readers, check boxes.

``read_form(path)`` dispatches on the file's real type; the facts are ``FormFacts``
(``model.py``), shared by ``docx.py`` and ``pdf.py``.
"""

from __future__ import annotations

from pathlib import Path

from casecheck.i18n import Text
from casecheck.readers.errors import ReadError
from casecheck.readers.form.model import (
    FieldBox,
    FormFacts,
    FormField,
    RunFont,
    SourceKind,
    label_key,
    pick_title,
)
from casecheck.readers.sniff import sniff

__all__ = [
    "UNSUPPORTED",
    "FieldBox",
    "FormFacts",
    "FormField",
    "RunFont",
    "SourceKind",
    "label_key",
    "pick_title",
    "read_form",
]

UNSUPPORTED = Text(
    "案例信息表须为 Word（.docx）或 PDF 文件：请用 Word 另存为 .docx 或导出为 PDF",
    "The info form must be a Word (.docx) or PDF file: save it as .docx or export it as PDF.",
)


def read_form(path: Path) -> FormFacts:
    """Read a form, dispatching on the file's real type. Raises ReadError for bad input."""
    sniffed = sniff(path)
    kind = sniffed.kind
    # An encrypted (OLE2-wrapped) or truncated .docx is still a Word form: the .docx reader
    # gives the same 「文件已加密」/「文件已损坏」 sentences the report gets.
    if kind in ("docx", "ooxml_encrypted") or (kind == "zip" and sniffed.detail == "corrupt"):
        from casecheck.readers.form.docx import read_form_docx

        return read_form_docx(path)
    if kind == "pdf":
        from casecheck.readers.form.pdf import read_form_pdf

        return read_form_pdf(path)
    if kind == "empty":
        from casecheck.readers.errors import EMPTY

        raise ReadError("empty", EMPTY)
    raise ReadError("unsupported", UNSUPPORTED)
