"""The page's folder browser: folders and material file names under ``--root``, nothing else.

Paths travel between page and server as POSIX text relative to the root ("" is the root).
A path with ``..``, an absolute path, or one that resolves (through symlinks) outside the
root is refused; only real folders and regular files are shown or accepted — never device
files, sockets or pipes. The browser shows names and sizes; a file is opened only to read its
first bytes (at most ``MAX_SNIFFED`` per folder), so a file of the wrong kind (a .doc, a .wps)
is named with the words ``check`` uses before the teacher checks the folder.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from casecheck.file_kinds import wrong_kind
from casecheck.i18n import Text
from casecheck.materials import sniffed_entry

# File types a submission may hold, shown in the browser (wrong formats too, so the teacher
# recognises the folder; the check says what is wrong with them).
MATERIAL_SUFFIXES = frozenset(
    {".docx", ".doc", ".pdf", ".wps", ".pptx", ".ppt", ".key", ".mp4", ".mov", ".mkv", ".flv"}
)
MAX_ENTRIES = 2000  # a listing stops here (a folder of 100 000 files must not freeze the page)
MAX_SNIFFED = 40  # more material files than this: not one submission, no file is opened


class FolderError(Exception):
    """A path the browser refuses; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: Text) -> None:
        super().__init__(message.en)
        self.status = status
        self.message = message


OUTSIDE = Text("只能浏览起始文件夹以内的位置", "Only places inside the start folder can be opened")
NOT_FOUND = Text("找不到该文件夹", "Folder not found")
NOT_A_FOLDER = Text("这不是一个文件夹", "This is not a folder")
UNREADABLE = Text(
    "无法打开该文件夹（没有读取权限）", "This folder cannot be opened (no permission)"
)


@dataclass
class Entry:
    name: str
    path: str  # relative to the root, POSIX
    size: int | None = None


@dataclass
class Listing:
    path: str
    parent: str | None
    folders: list[Entry]
    files: list[Entry]
    truncated: bool
    looks_like_submission: bool
    wrong_kind: list[Text] = field(default_factory=list)  # 「X.doc 实际是…：请…另存为 .docx」


class FolderBrowser:
    """Resolve and list paths, confined to ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root.expanduser().resolve(strict=True)

    def resolve(self, rel: str) -> Path:
        """The real folder or file ``rel`` names, or :class:`FolderError` (403/404)."""
        if "\x00" in rel or "\\" in rel:
            raise FolderError(403, OUTSIDE)
        pure = PurePosixPath(rel)
        if pure.is_absolute() or any(part in ("..", ".") for part in pure.parts):
            raise FolderError(403, OUTSIDE)
        candidate = self.root.joinpath(*pure.parts)
        try:
            real = candidate.resolve(strict=True)
        except (OSError, RuntimeError) as exc:  # missing, or a symlink loop
            raise FolderError(404, NOT_FOUND) from exc
        if not real.is_relative_to(self.root):
            raise FolderError(403, OUTSIDE)
        try:
            mode = real.stat().st_mode
        except OSError as exc:
            raise FolderError(404, NOT_FOUND) from exc
        if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
            raise FolderError(403, OUTSIDE)  # device file, socket, pipe
        return real

    def folder(self, rel: str) -> Path:
        real = self.resolve(rel)
        if not real.is_dir():
            raise FolderError(400, NOT_A_FOLDER)
        return real

    def relative(self, real: Path) -> str:
        return real.relative_to(self.root).as_posix() if real != self.root else ""

    def inside(self, path: Path) -> bool:
        try:
            return path.resolve().is_relative_to(self.root)
        except OSError:
            return False

    def listing(self, rel: str) -> Listing:
        real = self.folder(rel)
        here = self.relative(real)
        folders: list[Entry] = []
        files: list[Entry] = []
        truncated = False
        try:
            scan = sorted(os.scandir(real), key=lambda e: e.name.lower())
        except OSError as exc:
            raise FolderError(403, UNREADABLE) from exc
        for item in scan:
            if len(folders) + len(files) >= MAX_ENTRIES:
                truncated = True
                break
            if item.name.startswith((".", "~$")):
                continue
            entry = self._entry(item, here)
            if entry is None:
                continue
            if entry.size is None:
                folders.append(entry)
            else:
                files.append(entry)
        kinds = {Path(f.name).suffix.lower() for f in files}
        wrong = []
        if len(files) <= MAX_SNIFFED:
            found = (wrong_kind(sniffed_entry(real / f.name, f.name)) for f in files)
            wrong = [text for text in found if text is not None]
        # Two kinds of material, or material files of which some are of the wrong kind.
        submission = len(kinds & {".docx", ".pdf", ".pptx", ".mp4"}) >= 2 or (
            bool(wrong) and len(files) >= 2
        )
        parent = None if real == self.root else self.relative(real.parent)
        return Listing(here, parent, folders, files, truncated, submission, wrong)

    def _entry(self, item: os.DirEntry[str], here: str) -> Entry | None:
        """A listable child (a folder, or a material file), staying inside the root."""
        rel = f"{here}/{item.name}" if here else item.name
        try:
            if item.is_symlink():
                target = Path(item.path).resolve(strict=True)
                if not target.is_relative_to(self.root):
                    return None
                mode = target.stat().st_mode
            else:
                mode = item.stat(follow_symlinks=False).st_mode
        except (OSError, RuntimeError):
            return None
        if stat.S_ISDIR(mode):
            return Entry(item.name, rel)
        if stat.S_ISREG(mode) and Path(item.name).suffix.lower() in MATERIAL_SUFFIXES:
            return Entry(item.name, rel, item.stat().st_size)
        return None


def is_within(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies inside it (both resolved)."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False
