"""Which program last saved a .docx: ``docProps/app.xml`` (Application, AppVersion) and WPS's
``KSOProductBuildVer`` in ``docProps/custom.xml``.

What each writes (as seen in their files): Word ``Microsoft Office Word`` + ``16.0000``;
WPS ``WPS Office_11.1.0.10132_F1E327BC-…`` (or plain ``WPS Office``) + custom property
``KSOProductBuildVer`` = ``2052-11.1.0.10132`` (UI language LCID, then the build); LibreOffice
``LibreOffice/7.3.7.2$Linux_X86_64 LibreOffice_project/…``; python-docx's template
``Microsoft Macintosh Word``. Either part may be missing or damaged: the facts then stay empty.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from casecheck.readers.docx.models import AppFacts
from casecheck.readers.ooxml import safe_xml

EXT_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
CUSTOM_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
_VERSION = re.compile(r"\d+(?:\.\d+)+")


def _part_root(package: Any, reltype_suffix: str) -> etree._Element | None:
    for rel in package.rels.values():
        if not rel.is_external and rel.reltype.endswith(reltype_suffix):
            try:
                return safe_xml(rel.target_part.blob)
            except Exception:  # a damaged properties part says nothing about the document
                return None
    return None


def _text(root: etree._Element | None, path: str) -> str | None:
    el = root.find(path) if root is not None else None
    value = (el.text or "").strip() if el is not None else ""
    return value or None


def _kso_build(custom: etree._Element | None) -> str | None:
    if custom is None:
        return None
    for prop in custom.iterfind(CUSTOM_NS + "property"):
        if prop.get("name") == "KSOProductBuildVer":
            return "".join(prop.itertext()).strip() or None
    return None


def read_app(package: Any) -> AppFacts:
    """The authoring application of a python-docx package (``document.part.package``)."""
    app = _part_root(package, "/extended-properties")
    facts = AppFacts(
        application=_text(app, EXT_NS + "Application"),
        app_version=_text(app, EXT_NS + "AppVersion"),
        kso_build=_kso_build(_part_root(package, "/custom-properties")),
    )
    name = facts.application or ""
    if facts.kso_build or name.upper().startswith(("WPS", "KINGSOFT")):
        facts.program = "WPS Office"
        build = _VERSION.search(facts.kso_build.split("-", 1)[-1]) if facts.kso_build else None
        build = build or _VERSION.search(name)
        facts.version = build.group(0) if build else facts.app_version
    elif "Microsoft" in name and "Word" in name:
        facts.program, facts.version = "Microsoft Word", facts.app_version
    elif name:
        head, _, rest = name.partition("/")
        found = _VERSION.search(rest) if rest else None
        facts.program = head.strip() or name
        facts.version = found.group(0) if found else facts.app_version
    return facts
