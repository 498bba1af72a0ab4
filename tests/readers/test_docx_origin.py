"""Which program saved a report (issue 24 item 7) and markup compatibility: WPS's
``mc:AlternateContent`` without ``mc:Fallback`` is read (the choice used when understood),
never dropped when readable and never a crash."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from casecheck.readers.docx import read_docx
from tests.factories.docx_factory import save

MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
WPSCD = 'xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData"'
V = 'xmlns:v="urn:schemas-microsoft-com:vml"'


def rezip(path: Path, parts: dict[str, str | None]) -> Path:
    """Rewrite ``path`` with some parts replaced (None removes a part)."""
    with zipfile.ZipFile(path) as zf:
        items = {i.filename: zf.read(i) for i in zf.infolist()}
    for name, text in parts.items():
        if text is None:
            items.pop(name, None)
        else:
            items[name] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in items.items():
            zf.writestr(name, data)
    return path


def app_xml(application: str, version: str | None = None) -> str:
    v = f"<AppVersion>{version}</AppVersion>" if version else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/'
        f'officeDocument/2006/extended-properties"><Application>{application}</Application>{v}'
        "</Properties>"
    )


@pytest.mark.parametrize(
    ("application", "version", "program", "shown"),
    [
        ("Microsoft Office Word", "16.0000", "Microsoft Word", "16.0000"),
        ("WPS Office", None, "WPS Office", None),
        (
            "WPS Office_12.1.0.16120_F1E327BC-269C-435d-A152-05C5408002CA",
            None,
            "WPS Office",
            "12.1.0.16120",
        ),
        (
            "LibreOffice/24.2.7.2$Linux_X86_64 LibreOffice_project/ee3885",
            "15.0000",
            "LibreOffice",
            "24.2.7.2",
        ),
        ("ONLYOFFICE/7.3.3.50", None, "ONLYOFFICE", "7.3.3.50"),
    ],
)
def test_program_from_app_xml(
    tmp_path: Path, application: str, version: str | None, program: str, shown: str | None
) -> None:
    path = rezip(
        save(docx.Document(), tmp_path / "r.docx"),
        {"docProps/app.xml": app_xml(application, version)},
    )
    app = read_docx(path).app
    assert (app.program, app.version, app.application) == (program, shown, application)


def test_missing_or_damaged_properties_leave_the_program_unknown(tmp_path: Path) -> None:
    gone = rezip(save(docx.Document(), tmp_path / "a.docx"), {"docProps/app.xml": "<Properties"})
    assert read_docx(gone).app.program is None and read_docx(gone).app.describe() == "—"


def content(doc: docx.document.Document, xml: str) -> None:
    doc.element.body.insert(len(doc.element.body) - 1, parse_xml(xml))


def test_alternate_content_without_fallback(tmp_path: Path) -> None:
    doc = docx.Document()
    # Block level: a Word 2010 choice holding a paragraph (read), a WPS-only one (nothing).
    content(
        doc,
        f'<mc:AlternateContent {MC} {W} {W14}><mc:Choice Requires="w14">'
        "<w:p><w:r><w:t>选择分支里的段落</w:t></w:r></w:p></mc:Choice></mc:AlternateContent>",
    )
    content(
        doc,
        f'<mc:AlternateContent {MC} {W} {WPSCD}><mc:Choice Requires="wpsCustomData">'
        "<w:p><w:r><w:t>不认识的分支</w:t></w:r></w:p></mc:Choice></mc:AlternateContent>",
    )
    # Inline: field markers around a run, and a choice naming an undeclared prefix.
    p = doc.add_paragraph()
    p._p.append(
        parse_xml(
            f'<mc:AlternateContent {MC} {W} {WPSCD}><mc:Choice Requires="wpsCustomData">'
            '<wpsCustomData:docfieldStart id="1"/></mc:Choice></mc:AlternateContent>'
        )
    )
    p._p.append(parse_xml(f"<w:r {W}><w:t>作者张明</w:t></w:r>"))
    p._p.append(
        parse_xml(
            f'<mc:AlternateContent {MC} {W} {W14}><mc:Choice Requires="w14">'
            "<w:r><w:t>，长沙市第一中学</w:t></w:r></mc:Choice></mc:AlternateContent>"
        )
    )
    p._p.append(
        parse_xml(
            f'<mc:AlternateContent {MC} {W}><mc:Choice Requires="nosuchprefix"><w:r><w:t>X</w:t>'
            "</w:r></mc:Choice><mc:Choice/></mc:AlternateContent>"
        )
    )
    # Run level: a choice not understood whose VML fallback holds a text box (was skipped).
    p._p.append(
        parse_xml(
            f'<w:r {W} {MC} {WPSCD} {V}><mc:AlternateContent><mc:Choice Requires="wpsCustomData">'
            "<wpsCustomData:shape/></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
            "<w:txbxContent><w:p><w:r><w:t>备用分支的文本框</w:t></w:r></w:p></w:txbxContent>"
            "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        )
    )
    facts = read_docx(save(doc, tmp_path / "mc.docx"))
    assert [q.text for q in facts.paragraphs] == ["选择分支里的段落", "作者张明，长沙市第一中学"]
    assert facts.text_boxes == ["备用分支的文本框"]
