"""One read per Office file: the checked package whose parts readers take on demand.

``checked_package(path)`` opens the zip once (shared with sniffing, see zipopen.py), checks
the zip-bomb limits from the central directory's declared sizes (``ooxml.check_directory``;
nothing is inflated to check) and hands out parts with bounded reads. python-pptx and
python-docx read every part into memory when they open a package, so they get
:meth:`Package.library_copy`: the XML parts only, large binary parts (photos, videos,
embedded files) left empty — the reader takes those one at a time with :meth:`Package.read`
and lets each go once scanned. Peak memory stays near one copy of the largest part instead
of two copies of the whole file.

Parts are handed out as Word reads them: a Strict Open XML document's namespaces are mapped
to the Transitional ones (``ooxml.transitional``), and a relationship whose target part is
not in the package (ONLYOFFICE naming a ``webSettings.xml`` it did not write) is left out of
the library copy, as Word ignores it, and recorded in :attr:`Package.missing` so ``inspect``
can say so. A missing part the document cannot do without (a slide, the main document) still
makes the file unreadable.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from pathlib import Path

from lxml import etree
from pydantic import BaseModel

from casecheck.i18n import Text
from casecheck.readers.errors import CORRUPT, EMPTY, ENCRYPTED, ReadError
from casecheck.readers.ooxml import (
    MAX_FILE_BYTES,
    STRICT_MARK,
    TOO_LARGE,
    check_directory,
    check_zip_bounds,
    is_xml_part,
    safe_xml,
    transitional,
)
from casecheck.readers.sniff import sniff
from casecheck.readers.zipopen import open_zip

KEEP_BINARY_BELOW = 64 * 1024  # small binary parts stay in the library copy


class MissingPart(BaseModel):
    """A relationship whose target part is not in the package (left out of the library copy)."""

    source: str  # the part whose relationship it is, e.g. /word/document.xml ("/" for the package)
    rid: str
    type: str  # the relationship type's last segment: webSettings, image, slide …
    target: str  # the part it names, e.g. /word/webSettings.xml


class Package:
    """An opened OOXML package whose directory passed the limits."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.deferred: set[str] = set()  # part names left empty in the library copy
        self.damaged: set[str] = set()  # binary parts whose data cannot be read (CRC, truncated)
        self._missing: list[MissingPart] | None = None

    def read(self, name: str) -> bytes:
        """A part's bytes (``name`` with or without the leading '/'), XML parts in Transitional
        namespaces; ReadError if damaged."""
        member = name.lstrip("/")
        try:
            data = self.zf.read(member)
        except KeyError:
            raise
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error) as exc:
            raise ReadError("truncated", CORRUPT) from exc
        return transitional(data) if is_xml_part(member) else data

    def _binary(self, name: str) -> bytes:
        """A picture's or an embedded file's bytes; empty (and noted in :attr:`damaged`) when
        they are damaged: one bad picture is that picture's problem, not the document's."""
        try:
            return self.read(name)
        except ReadError:
            self.damaged.add("/" + name.lstrip("/"))
            return b""

    @property
    def strict(self) -> bool:
        """Saved as Strict Open XML: the package's own relationships use the Strict names."""
        try:
            return STRICT_MARK in self.zf.read("_rels/.rels")
        except (KeyError, zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error):
            return False

    @property
    def missing(self) -> list[MissingPart]:
        """Every relationship (not external) whose target part is not in the package."""
        if self._missing is None:
            names = {info.filename for info in self.zf.infolist() if not info.is_dir()}
            self._missing = [
                gap
                for name in sorted(names)
                if name.endswith(".rels")
                for gap in _dangling(name, safe_xml(self.read(name)), names)
            ]
        return self._missing

    def missing_in(self, source: str) -> dict[str, MissingPart]:
        """The dangling relationships of one part, by relationship id."""
        return {m.rid: m for m in self.missing if m.source == source}

    def _rels_for_library(self, name: str) -> bytes:
        """A .rels part as the libraries get it: without its dangling relationships."""
        data = self.read(name)
        source = _source_of(name)
        gaps = {m.rid for m in self.missing if m.source == source}
        if not gaps:
            return data
        root = safe_xml(data)
        for rel in list(root):
            if rel.get("Id") in gaps:
                root.remove(rel)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def library_copy(self) -> io.BytesIO:
        """An uncompressed in-memory copy for python-docx/-pptx: XML parts and small binaries;
        larger binary parts are present but empty (see :attr:`deferred`)."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
            for info in self.zf.infolist():
                if info.is_dir():
                    continue
                name = info.filename
                if name.endswith(".rels"):
                    copy.writestr(name, self._rels_for_library(name))
                elif is_xml_part(name):
                    copy.writestr(name, self.read(name))
                elif info.file_size < KEEP_BINARY_BELOW:
                    copy.writestr(name, self._binary(name))
                else:
                    self.deferred.add("/" + name)
                    copy.writestr(name, b"")
        out.seek(0)
        return out

    def part_bytes(self, part: object) -> bytes:
        """The bytes of a python-docx/-pptx part, from the package when they were deferred."""
        name = str(getattr(part, "partname", ""))
        if name in self.deferred:
            return self._binary(name)
        blob: bytes = getattr(part, "blob", b"")
        return blob


def package_notes(strict: bool, missing: list[MissingPart]) -> list[Text]:
    """What ``inspect`` says about how the package was opened (nothing for a plain one)."""
    notes = []
    if strict:
        notes.append(
            Text(
                "文件保存为「Strict Open XML」格式，已按 Word 的方式读取",
                "Saved as “Strict Open XML”; read the way Word reads it",
            )
        )
    for gap in missing:
        notes.append(
            Text(
                f"{gap.source} 的关系 {gap.rid}（{gap.type}）指向的部件 {gap.target} 不在文件中，"
                "已忽略（Word 同样忽略）",
                f"{gap.source}'s relationship {gap.rid} ({gap.type}) names {gap.target}, which "
                "is not in the file; ignored, as Word does",
            )
        )
    return notes


def _source_of(rels_name: str) -> str:
    """The part a .rels part belongs to: word/_rels/document.xml.rels → /word/document.xml."""
    folder, file = posixpath.split(rels_name)
    return "/" + posixpath.join(posixpath.dirname(folder), file.removesuffix(".rels"))


def _dangling(rels_name: str, root: etree._Element, names: set[str]) -> list[MissingPart]:
    source = _source_of(rels_name)
    base = posixpath.dirname(source).lstrip("/")
    out = []
    for rel in root:
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        member = posixpath.normpath(
            target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
        )
        if member not in names:
            out.append(
                MissingPart(
                    source=source,
                    rid=rel.get("Id") or "",
                    type=(rel.get("Type") or "").rsplit("/", 1)[-1],
                    target="/" + member,
                )
            )
    return out


def checked_package(path: Path) -> Package:
    """Open ``path`` for a reader; ReadError for empty, encrypted, corrupt or bomb-like files."""
    kind = sniff(path).kind
    if kind == "empty":
        raise ReadError("empty", EMPTY)
    if kind == "ooxml_encrypted":
        raise ReadError("encrypted", ENCRYPTED)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ReadError("too_large", TOO_LARGE)
        zf = open_zip(path)
    except ReadError:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise ReadError("truncated", CORRUPT) from exc
    check_directory(zf)
    return Package(zf)


def load_package_bytes(path: Path) -> bytes:
    """Return the bytes of an OOXML package after checking it is safe to hand to a library.

    Raises ReadError for empty, encrypted, corrupt, truncated or bomb-like files.
    (Readers use ``checked_package``, which reads parts on demand instead; the fixers need
    the whole file to rewrite it.)
    """
    checked_package(path)  # empty, encrypted, too large, directory limits
    data = path.read_bytes()
    check_zip_bounds(data)
    return data
