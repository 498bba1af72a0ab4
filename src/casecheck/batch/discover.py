"""Find the submission folders under a batch ROOT, without opening any file.

A folder that directly holds a material file (a name with a material keyword, or a
document/video suffix) is a submission; its sub-folders belong to it and are not searched.
Folders without material files are grouping folders (市州, 高校, 类别, 学校 …) and are searched
to ``MAX_DEPTH``. A folder that holds no material and no submission below it, but sits where
submissions sit — beside a submission folder, or at the one depth every submission has — is an
empty submission (``Found.empty``): it is checked like the others, so its materials fail and
the administrator sees it, instead of the folder vanishing from the total. A ``.zip``/``.rar``/``.7z`` lying where a submission would be is listed as an
archive to unzip: casecheck never extracts archives (hostile archives, and the platform takes
the materials unzipped anyway).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, Field

from casecheck.materials import SYSTEM_NAMES, SYSTEM_PREFIXES

# Suffixes of files that make a folder a submission (accepted formats and the wrong formats
# the material rules explain: .doc, .ppt, .mov …).
MATERIAL_SUFFIXES = frozenset(
    {
        ".docx",
        ".pptx",
        ".mp4",
        ".pdf",
        ".doc",
        ".ppt",
        ".pps",
        ".ppsx",
        ".wps",
        ".dps",
        ".key",
        ".pages",
        ".mov",
        ".m4v",
        ".mkv",
        ".avi",
        ".flv",
        ".wmv",
        ".webm",
    }
)
ARCHIVE_SUFFIXES = frozenset({".zip", ".rar", ".7z"})
MAX_DEPTH = 6
MAX_SUBMISSIONS = 5000


class Found(BaseModel):
    """One submission folder (or archive) found under ROOT."""

    path: str  # absolute
    rel: str  # relative to ROOT, '/'-separated, printable
    groups: list[str] = Field(default_factory=list)  # grouping folders between ROOT and it
    archive: bool = False
    empty: bool = False  # no material file: listed so that it is not lost


def _printable(parts: Iterable[str]) -> list[str]:
    return [os.fsencode(p).decode("utf-8", "replace") for p in parts]


def is_system(name: str) -> bool:
    lower = name.lower()
    return lower in SYSTEM_NAMES or lower.startswith(SYSTEM_PREFIXES)


def holds_material(names: Iterable[str], keywords: Iterable[str]) -> bool:
    """True when one of ``names`` (files of one folder) looks like a material file."""
    kws = [k.lower() for k in keywords]
    for name in names:
        if is_system(name):
            continue
        lower = name.lower()
        if Path(lower).suffix in MATERIAL_SUFFIXES or any(k in lower for k in kws):
            return True
    return False


def _entry(root: Path, path: Path, archive: bool = False, empty: bool = False) -> Found:
    parts = _printable(path.relative_to(root).parts)
    return Found(
        path=str(path),
        rel="/".join(parts) or ".",
        groups=parts[:-1],
        archive=archive,
        empty=empty,
    )


def empty_submissions(root: Path, grouping: dict[Path, int], submissions: list[Path]) -> list[Path]:
    """The grouping folders (folder → depth below ``root``) that are really submissions without
    material: no submission below them, and either a submission beside them (same parent) or
    at their depth when every submission has one depth (湖南省推荐/市州/类别/案例)."""
    if not submissions:
        return []
    above = {parent for s in submissions for parent in s.parents}
    parents = {s.parent for s in submissions}
    depths = {len(s.relative_to(root).parts) for s in submissions}
    one_depth = next(iter(depths)) if len(depths) == 1 else None
    return [
        folder
        for folder, depth in grouping.items()
        if folder != root
        and folder not in above
        and (folder.parent in parents or depth == one_depth)
    ]


def discover(root: Path, keywords: Iterable[str]) -> list[Found]:
    """Submission folders and stray archives under ``root``, sorted by relative path."""
    keywords = list(keywords)
    found: list[Found] = []
    root = root.absolute()
    grouping: dict[Path, int] = {}  # folders without material files, and their depth
    stack: list[tuple[Path, int]] = [(root, 0)]
    while stack and len(found) < MAX_SUBMISSIONS:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        files = [e for e in entries if e.is_file(follow_symlinks=False)]
        if holds_material((e.name for e in files), keywords):
            found.append(_entry(root, folder))
            continue
        grouping[folder] = depth
        for e in files:
            if Path(e.name).suffix.lower() in ARCHIVE_SUFFIXES and not is_system(e.name):
                found.append(_entry(root, Path(e.path), archive=True))
        if depth >= MAX_DEPTH:
            continue
        for e in entries:
            # Symlinked folders are never followed: they may lead outside ROOT or loop.
            if e.is_dir(follow_symlinks=False) and not e.name.startswith((".", "__MACOSX")):
                stack.append((Path(e.path), depth + 1))
    taken = [Path(f.path) for f in found]
    for folder in empty_submissions(root, grouping, [Path(f.path) for f in found if not f.archive]):
        if folder not in taken and not any(t.is_relative_to(folder) for t in taken):
            found.append(_entry(root, folder, empty=True))
    return sorted(found, key=lambda f: f.rel)
