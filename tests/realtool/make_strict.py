"""Write Office files as Word, PowerPoint and ONLYOFFICE write them where LibreOffice does not:
Strict Open XML, and a relationship to a part that is not in the package.

    python tests/realtool/make_strict.py      # needs soffice (LibreOffice) on PATH

LibreOffice converts the flat ODF sources kept here (``report.fodt``, ``deck.fodp``,
``form-evidence.fodt``); its Transitional output is then rewritten, and the results are
committed beside this script so tests never need LibreOffice:

- ``*-strict.docx`` / ``deck-strict.pptx``: what Word's and PowerPoint's 「Strict Open XML」
  save writes — every namespace and relationship type
  ``http://schemas.openxmlformats.org/<area>/2006/<name>`` becomes
  ``http://purl.oclc.org/ooxml/<area>/<name>`` (the two property namespaces also change
  spelling: ``extended-properties`` → ``extendedProperties``), the package's own (OPC)
  namespaces stay, the root says ``conformance="strict"``, and paragraph alignment uses
  Strict's ``start``/``end`` for ``left``/``right``;
- ``report-dangling.docx``: the document's relationships name ``webSettings.xml`` and the
  content types list it, but the part is not in the zip — as ONLYOFFICE writes it; Word and
  LibreOffice open the file and ignore the missing part;
- ``deck-dangling.pptx``: the presentation's relationships name a ``viewProps.xml`` that is
  not there.
"""

from __future__ import annotations

import re
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.realtool.make import soffice  # noqa: E402

TRANSITIONAL = re.compile(
    rb"http://schemas\.openxmlformats\.org/"
    rb"(officeDocument|wordprocessingml|presentationml|spreadsheetml|drawingml|schemaLibrary)"
    rb"/2006/"
)
RENAMED = (
    (b"/extended-properties", b"/extendedProperties"),
    (b"/custom-properties", b"/customProperties"),
)
# WordprocessingML qualifies its attributes, PresentationML does not.
ROOTS = (
    (b"<w:document ", b'w:conformance="strict" '),
    (b"<p:presentation ", b'conformance="strict" '),
)
WEB_SETTINGS = (
    b'<Relationship Id="rIdWebSettings" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/webSettings" '
    b'Target="webSettings.xml"/>'
)
WEB_SETTINGS_TYPE = (
    b'<Override PartName="/word/webSettings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.webSettings+xml"/>'
)
VIEW_PROPS = (
    b'<Relationship Id="rIdViewProps" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/viewProps" '
    b'Target="viewProps.xml"/>'
)


def read_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write_parts(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", parts["[Content_Types].xml"])
        for name, data in parts.items():
            if name != "[Content_Types].xml":
                zf.writestr(name, data)


def strict(data: bytes) -> bytes:
    """One XML part as the Strict save writes it (see module docstring)."""
    data = TRANSITIONAL.sub(rb"http://purl.oclc.org/ooxml/\1/", data)
    for old, new in RENAMED:
        data = data.replace(
            b"http://purl.oclc.org/ooxml/officeDocument" + old,
            b"http://purl.oclc.org/ooxml/officeDocument" + new,
        )
        data = data.replace(
            b"/ooxml/officeDocument/relationships" + old,
            b"/ooxml/officeDocument/relationships" + new,
        )
    for root, conformance in ROOTS:
        data = data.replace(root, root + conformance, 1)
    data = re.sub(rb'(<w:jc w:val=")left"', rb'\1start"', data)
    return re.sub(rb'(<w:jc w:val=")right"', rb'\1end"', data)


def make_strict(src: Path, dst: Path) -> None:
    parts = read_parts(src)
    write_parts(
        dst, {n: strict(d) if n.endswith((".xml", ".rels")) else d for n, d in parts.items()}
    )


def add_relationship(
    src: Path, dst: Path, rels: str, relationship: bytes, override: bytes = b""
) -> None:
    parts = read_parts(src)
    parts[rels] = parts[rels].replace(b"</Relationships>", relationship + b"</Relationships>")
    if override:
        types = parts["[Content_Types].xml"]
        parts["[Content_Types].xml"] = types.replace(b"</Types>", override + b"</Types>")
    write_parts(dst, parts)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        soffice([HERE / "report.fodt", HERE / "form-evidence.fodt"], "docx", work)
        soffice([HERE / "deck.fodp"], "pptx", work)
        made = {
            "report-strict.docx": (make_strict, work / "report.docx"),
            "form-evidence-strict.docx": (make_strict, work / "form-evidence.docx"),
            "deck-strict.pptx": (make_strict, work / "deck.pptx"),
        }
        for name, (how, src) in made.items():
            how(src, HERE / name)
        add_relationship(
            work / "report.docx",
            HERE / "report-dangling.docx",
            "word/_rels/document.xml.rels",
            WEB_SETTINGS,
            WEB_SETTINGS_TYPE,
        )
        add_relationship(
            work / "deck.pptx",
            HERE / "deck-dangling.pptx",
            "ppt/_rels/presentation.xml.rels",
            VIEW_PROPS,
        )
    for name in [*made, "report-dangling.docx", "deck-dangling.pptx"]:
        out = HERE / name
        assert out.stat().st_size <= 300 * 1024, out
        print(f"{out.name:40} {out.stat().st_size:>8} bytes")


if __name__ == "__main__":
    main()
