"""Classify a submission folder's files into materials, by name keywords and sniffed content.

Nothing in the folder is written, renamed or deleted: files are only opened for reading.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, Field

from casecheck.packs.model import MaterialName, MaterialSpec
from casecheck.readers.sniff import Sniffed, sniff
from casecheck.readers.zipopen import open_zip

SYSTEM_NAMES = {".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db", ".localized"}
SYSTEM_PREFIXES = ("~$", "._", ".~lock.", "~wrl")
MAX_DEPTH = 3
MAX_FILES = 500
# Content that identifies the info form among several .docx files (labels of 附 5.1 / 5.2).
READABLE_MEDIA = ("quicktime", "matroska", "flv", "avi")
FORM_MARKERS = ("信息表", "案例名称", "工作室名称", "作者声明")


class FileEntry(BaseModel):
    """One file of the folder, as seen by the classifier."""

    name: str  # path relative to the submission folder, printable (invalid UTF-8 replaced)
    path: str  # absolute path, for readers
    size: int
    kind: str  # sniffed type (readers.sniff.Kind)
    detail: str = ""
    format: str | None = None  # "docx" / "pptx" / "mp4" / "pdf" when the content is one of them
    system: bool = False  # .DS_Store, Thumbs.db, Office lock files …
    outside_link: bool = False  # a symlink leading outside the folder (never followed)


class Classification(BaseModel):
    """The materials found in one folder (the facts of the ``materials.*`` rules)."""

    folder: str
    files: list[FileEntry] = Field(default_factory=list)
    assigned: dict[str, FileEntry] = Field(default_factory=dict)
    ambiguous: dict[str, list[FileEntry]] = Field(default_factory=dict)
    wrong_format: dict[str, list[FileEntry]] = Field(default_factory=dict)
    extras: list[FileEntry] = Field(default_factory=list)
    truncated_listing: bool = False


def printable_name(path: Path, root: Path) -> str:
    rel = os.fsencode(path.relative_to(root))
    return rel.decode("utf-8", "replace")


def format_of(path: Path, sniffed: Sniffed) -> str | None:
    """The accepted format the bytes really are, or the one the name promises when unreadable."""
    if sniffed.kind in ("docx", "pptx", "mp4", "pdf"):
        return sniffed.kind
    suffix = path.suffix.lower().lstrip(".")
    if sniffed.kind in ("empty", "ooxml_encrypted") or (
        sniffed.kind == "zip" and sniffed.detail == "corrupt"
    ):
        # Right kind by name, unreadable by content: the reader reports it as an error.
        return suffix if suffix in ("docx", "pptx", "mp4", "pdf") else None
    if sniffed.kind == "unknown" and suffix == "mp4":
        return "mp4"  # a truncated/garbled MP4: let the video reader say why it cannot be read
    return None


def list_files(folder: Path) -> tuple[list[FileEntry], bool]:
    entries: list[FileEntry] = []
    root = folder.resolve()
    truncated = False
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        depth = len(Path(dirpath).relative_to(folder).parts)
        if depth >= MAX_DEPTH:
            dirnames[:] = []
        dirnames.sort()
        for fname in sorted(filenames):
            if len(entries) >= MAX_FILES:
                return entries, True
            path = Path(dirpath) / fname
            name = printable_name(path, folder)
            lower = fname.lower()
            system = lower in SYSTEM_NAMES or lower.startswith(SYSTEM_PREFIXES)
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root) or not target.is_file():
                    entries.append(
                        FileEntry(
                            name=name,
                            path=str(path),
                            size=0,
                            kind="unknown",
                            detail="symlink",
                            outside_link=True,
                            system=system,
                        )
                    )
                    continue
            try:
                size = path.stat().st_size
            except OSError:
                size = 0
            if system:
                entries.append(
                    FileEntry(name=name, path=str(path), size=size, kind="unknown", system=True)
                )
            else:
                entries.append(sniffed_entry(path, name, size))
    return entries, truncated


def sniffed_entry(path: Path, name: str, size: int = 0) -> FileEntry:
    """A file as the classifier sees it: its real type and the accepted format it is, if any."""
    sniffed = sniff(path)
    return FileEntry(
        name=name,
        path=str(path),
        size=size,
        kind=sniffed.kind,
        detail=sniffed.detail,
        format=format_of(path, sniffed),
    )


def _keyword_hits(entry: FileEntry, spec: MaterialSpec) -> bool:
    stem = Path(entry.name).name
    return any(re.search(re.escape(k), stem, re.IGNORECASE) for k in spec.keywords)


def looks_like_form(entry: FileEntry) -> bool:
    """A .docx whose text carries the info-form labels (read from document.xml, bounded)."""
    try:
        zf = open_zip(Path(entry.path))  # the open sniffing made, kept for the reader
        info = zf.getinfo("word/document.xml")
        if info.file_size > 20_000_000:
            return False
        xml = zf.read(info).decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return False
    text = "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml[:400_000]))
    return sum(marker in text for marker in FORM_MARKERS) >= 2


def classify(folder: Path, materials: Mapping[MaterialName, MaterialSpec]) -> Classification:
    """Assign each material at most one file; keep ambiguous, wrong-format and extra files."""
    files, truncated = list_files(folder)
    result = Classification(folder=str(folder), files=files, truncated_listing=truncated)
    usable = [f for f in files if not f.system and not f.outside_link]
    named = {m: [f for f in usable if _keyword_hits(f, spec)] for m, spec in materials.items()}
    claimed: set[str] = set()

    # 1. Files whose name says which material they are.
    for material, spec in materials.items():
        right = [f for f in named[material] if f.format in spec.formats]
        wrong = [f for f in named[material] if f.format not in spec.formats]
        # A name hit for two materials ("总结报告视频.mp4") goes where its format fits.
        if len(right) == 1:
            result.assigned[material] = right[0]
        elif len(right) > 1:
            result.ambiguous[material] = right
        if wrong and not right:
            result.wrong_format[material] = wrong
            # A .mov/.mkv named as the video fails materials.video, yet MediaInfo can still read
            # it, so the video rules can say everything else the re-export must fix.
            media = [f for f in wrong if f.kind in READABLE_MEDIA]
            if material == "video" and len(media) == 1:
                result.assigned[material] = media[0]
        claimed.update(f.path for f in right + wrong)

    # 2. Content decides for materials still missing (unclaimed files only).
    for material, spec in materials.items():
        if (
            material in result.assigned
            or material in result.ambiguous
            or material in result.wrong_format
        ):
            continue
        pool = [f for f in usable if f.path not in claimed and f.format in spec.formats]
        if material in ("info_form", "report") and "docx" in spec.formats:
            forms = [f for f in pool if f.format == "docx" and looks_like_form(f)]
            pool = (
                forms
                if material == "info_form" and forms
                else ([f for f in pool if f not in forms] if material == "report" else pool)
            )
        if len(pool) == 1:
            result.assigned[material] = pool[0]
            claimed.add(pool[0].path)
        elif len(pool) > 1:
            result.ambiguous[material] = pool

    result.extras = [
        f
        for f in files
        if f.path not in claimed and not any(f in group for group in result.ambiguous.values())
    ]
    return result


MEDIA_KINDS = {"mp4", "quicktime", "matroska", "flv", "avi"}


def material_of(path: Path) -> str | None:
    """Guess one file's material from its real type (and, for .docx, its name or content):
    what ``inspect FILE`` reads it as."""
    sniffed = sniff(path)
    kind = sniffed.kind
    suffix = path.suffix.lower()
    if kind in MEDIA_KINDS or (kind in ("unknown", "empty") and suffix == ".mp4"):
        return "video"
    if kind in ("ooxml_encrypted", "empty") or (kind == "zip" and sniffed.detail == "corrupt"):
        # Encrypted, empty or truncated: the name says what it was meant to be, and the
        # material's reader gives the same sentence `check` gives.
        if suffix in (".pptx", ".pptm", ".ppsx", ".potx"):
            return "courseware"
        if suffix in (".docx", ".docm", ".dotx"):
            return "info_form" if "信息表" in path.name else "report"
        if suffix == ".pdf":
            return "info_form"
    if kind == "pptx":
        return "courseware"
    if kind == "pdf":
        return "info_form"
    if kind == "docx":
        entry = FileEntry(name=path.name, path=str(path), size=0, kind=kind)
        return "info_form" if "信息表" in path.name or looks_like_form(entry) else "report"
    return None
