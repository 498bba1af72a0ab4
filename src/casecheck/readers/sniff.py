"""Identify a file's real type from its first bytes and, for zips, their parts.

Extensions lie (a .mov renamed .mp4, a .doc renamed .docx); the bytes do not.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from casecheck.readers.zipopen import open_zip, stat_key

Kind = Literal[
    "docx",
    "pptx",
    "xlsx",
    "ooxml_other",
    "ooxml_encrypted",
    "zip",
    "mp4",
    "quicktime",
    "matroska",
    "flv",
    "avi",
    "media_other",
    "ole2",
    "pdf",
    "image",
    "text",
    "empty",
    "unknown",
]

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Main-part content type → (kind, format). The format names the variant a file really is:
# a PowerPoint Show (.ppsx), a template (.potx/.dotx) or a macro-enabled file (.pptm/.docm)
# is read like the .pptx/.docx it contains.
_OOXML = "application/vnd.openxmlformats-officedocument."
MAIN_CONTENT_TYPES: dict[str, tuple[Kind, str]] = {
    _OOXML + "wordprocessingml.document.main+xml": ("docx", "docx"),
    "application/vnd.ms-word.document.macroEnabled.main+xml": ("docx", "docm"),
    _OOXML + "wordprocessingml.template.main+xml": ("docx", "dotx"),
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": ("docx", "dotm"),
    _OOXML + "presentationml.presentation.main+xml": ("pptx", "pptx"),
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": ("pptx", "pptm"),
    _OOXML + "presentationml.slideshow.main+xml": ("pptx", "ppsx"),
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml": ("pptx", "ppsm"),
    _OOXML + "presentationml.template.main+xml": ("pptx", "potx"),
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml": ("pptx", "potm"),
    _OOXML + "spreadsheetml.sheet.main+xml": ("xlsx", "xlsx"),
}
# ISO base media brands that make a file an MP4 rather than a QuickTime movie.
QUICKTIME_BRANDS = {"qt  "}
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"RIFF", b"II*\x00", b"MM\x00*")


@dataclass(frozen=True)
class Sniffed:
    kind: Kind
    detail: str = ""  # the ftyp brands, the OLE2 flavour ("doc", "ppt", "wps"), the OOXML
    # variant ("ppsx", "docm", "potx" …; "" for a plain .docx/.pptx)


_SNIFFED: dict[tuple[str, int, int], Sniffed] = {}
SNIFF_CACHE = 512


def sniff(path: Path) -> Sniffed:
    """Return the real type of ``path`` (never raises for unreadable content).

    Remembered per (path, size, mtime) in the process: the classifier and then the reader
    both ask, the file is looked at once.
    """
    try:
        key = stat_key(path)
    except OSError:
        return Sniffed("unknown", "unreadable")
    found = _SNIFFED.get(key)
    if found is None:
        found = _sniff(path)
        if len(_SNIFFED) >= SNIFF_CACHE:
            _SNIFFED.clear()
        _SNIFFED[key] = found
    return found


def _sniff(path: Path) -> Sniffed:
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return Sniffed("unknown", "unreadable")
    if not head:
        return Sniffed("empty")
    if head.startswith(OLE2_MAGIC):
        return _sniff_ole2(path)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(path)
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return Sniffed("pdf")
    if len(head) >= 12 and head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip"):
        return _sniff_isobmff(head)
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        # The EBML header's DocType tells a WebM from a Matroska (.mkv) file.
        return Sniffed("matroska", "webm" if b"\x42\x82\x84webm" in head[:64] else "")
    if head.startswith(b"FLV"):
        return Sniffed("flv")
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return Sniffed("avi")
    if head.startswith(IMAGE_MAGIC):
        return Sniffed("image")
    return Sniffed("unknown")


def _sniff_isobmff(head: bytes) -> Sniffed:
    if head[4:8] != b"ftyp":
        # Old QuickTime files start with moov/mdat/wide and have no ftyp.
        return Sniffed("quicktime", "no ftyp")
    major = head[8:12].decode("latin-1")
    size = int.from_bytes(head[0:4], "big")
    compatible = [head[i : i + 4].decode("latin-1") for i in range(16, min(size, len(head)), 4)]
    if major in QUICKTIME_BRANDS:
        return Sniffed("quicktime", major)
    brands = ",".join([major, *compatible])
    return Sniffed("mp4", brands)


def _sniff_ole2(path: Path) -> Sniffed:
    """Tell apart .doc / .ppt / .xls / .wps and password-protected OOXML (all OLE2)."""
    try:
        data = path.read_bytes()[: 4 * 1024 * 1024]
    except OSError:
        return Sniffed("ole2", "unreadable")

    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("EncryptedPackage") or has("EncryptionInfo"):
        return Sniffed("ooxml_encrypted")
    if has("PowerPoint Document"):
        return Sniffed("ole2", "ppt")
    if has("WordDocument"):
        return Sniffed("ole2", "doc")
    if has("Workbook") or has("Book"):
        return Sniffed("ole2", "xls")
    if b"WPS" in data[:8192] or has("WpsContent"):
        return Sniffed("ole2", "wps")
    return Sniffed("ole2", "")


def _sniff_zip(path: Path) -> Sniffed:
    try:
        zf = open_zip(path)  # kept open: the reader uses the same directory
        names = set(zf.namelist())
        if "[Content_Types].xml" not in names:
            if "index.apxl" in names or any(n.startswith("Index/") for n in names):
                return Sniffed("zip", "key")
            return Sniffed("zip")
        info = zf.getinfo("[Content_Types].xml")
        if info.file_size > 2_000_000:
            return Sniffed("ooxml_other", "oversized content types")
        types = zf.read(info).decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return Sniffed("zip", "corrupt")
    for content_type, (kind, fmt) in MAIN_CONTENT_TYPES.items():
        if content_type in types:
            return Sniffed(kind, "" if fmt == kind else fmt)
    return Sniffed("ooxml_other")
