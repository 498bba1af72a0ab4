"""The batch result cache: re-check only the submissions whose files changed.

Lives in the user cache dir (``$CASECHECK_CACHE_DIR``, else ``%LOCALAPPDATA%\\casecheck\\Cache``,
``~/Library/Caches/casecheck``, ``$XDG_CACHE_HOME/casecheck`` or ``~/.cache/casecheck``), never
inside ROOT. A submission's key hashes, for every file of the folder, its stat fingerprint
(size, mtime, ctime, inode) and its partial hash (size, first and last MiB — see
hashing.py), plus the tool version and code (``code_fingerprint``), the pack(s) that may be
chosen (their full resolved content), lang and select/ignore. A file's partial hash is
remembered against (path, stat), so a warm run only ``stat``s unchanged files.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from casecheck import __version__
from casecheck.batch.hashing import partial_hash, stat_fingerprint
from casecheck.batch.hashing import sha256_file as sha256_file  # re-exported
from casecheck.cachedir import ENV_CACHE_DIR as ENV_CACHE_DIR  # re-exported
from casecheck.cachedir import cache_dir as cache_dir
from casecheck.cachedir import write_atomic
from casecheck.materials import MAX_DEPTH, MAX_FILES
from casecheck.result import SubmissionResult


class FileStamp(BaseModel):
    """One file of a submission: where, its stat fingerprint, and its hashes once known."""

    rel: str
    path: str
    # "size:mtime_ns:ctime_ns:inode", or "link:<target>" for a symlink (never followed)
    stat: str
    partial: str | None = None  # hashing.partial_hash
    full: str | None = None  # whole-file SHA-256, only where it was needed

    @property
    def special(self) -> bool:
        return self.stat.startswith(("link:", "unreadable:"))


class WorkOutput(BaseModel):
    """What checking one submission produced (cached as JSON)."""

    result: SubmissionResult
    form_fields: dict[str, str] = Field(default_factory=dict)  # short info-form values
    hashes: dict[str, str] = Field(default_factory=dict)  # rel path → partial hash
    full: dict[str, str] = Field(default_factory=dict)  # rel path → SHA-256 (--verify-cache)
    cached: bool = False
    seconds: float = 0.0


def list_stamps(folder: Path) -> list[FileStamp]:
    """Every file the classifier may look at (same depth and count limits), stat only."""
    stamps: list[FileStamp] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        rel_dir = Path(dirpath).relative_to(folder)
        if len(rel_dir.parts) >= MAX_DEPTH:
            dirnames[:] = []
        dirnames.sort()
        for name in sorted(filenames):
            if len(stamps) >= MAX_FILES:
                return stamps
            path = Path(dirpath) / name
            rel = os.fsencode(rel_dir / name).decode("utf-8", "replace")
            try:
                if path.is_symlink():
                    stat = "link:" + os.readlink(path)
                else:
                    stat = stat_fingerprint(path.stat())
            except OSError as exc:
                stat = f"unreadable:{exc.errno}"
            stamps.append(FileStamp(rel=rel, path=str(path), stat=stat))
    return stamps


def fill_hashes(stamps: list[FileStamp], full: bool = False) -> None:
    """Partial hashes where unknown (and whole-file ones, read again, with ``full``)."""
    for s in stamps:
        if s.special:
            s.partial = s.full = s.stat
            continue
        if s.partial is None:
            s.partial = partial_hash(s.path)
        if full:  # --verify-cache: never a whole-file hash remembered against the stat
            s.full = sha256_file(s.path)


def cacheable(stamps: list[FileStamp]) -> bool:
    """Whether a folder's result may come from, or go to, the cache. An empty folder's key
    would be the run context alone — the same for every empty folder ever checked — so its
    first check would say 「未改动，沿用上次的结果」; it costs nothing to check anyway."""
    return bool(stamps)


def submission_key(stamps: list[FileStamp], context: str) -> str:
    """The cache key: each file's stat and partial hash plus the run context (tool, packs,
    options)."""
    digest = hashlib.sha256(context.encode())
    for s in sorted(stamps, key=lambda s: s.rel):
        digest.update(f"\0{s.rel}\0{s.stat}\0{s.partial}".encode("utf-8", "replace"))
    return digest.hexdigest()


def code_fingerprint() -> str:
    """Size and mtime of casecheck's own modules and the versions of checker plugins, so that
    an edited checker (same version number, during development) invalidates the cache."""
    import casecheck

    digest = hashlib.sha256()
    package = Path(casecheck.__file__).parent
    for path in sorted(package.rglob("*.py")):
        st = path.stat()
        digest.update(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}\0".encode())
    for ep in sorted(entry_points(group="casecheck.checkers"), key=lambda e: e.name):
        version = ep.dist.version if ep.dist else ""
        digest.update(f"{ep.name}={ep.value}@{version}\0".encode())
    return digest.hexdigest()


def run_context(
    pack_dumps: list[str],
    lang: str,
    select: list[str],
    ignore: list[str],
    explicit_pack: str | None,
    *,
    content: bool = True,
) -> str:
    return json.dumps(
        {
            "tool": __version__,
            "code": code_fingerprint(),
            "packs": pack_dumps,
            "lang": lang,
            "select": select,
            "ignore": ignore,
            "explicit": explicit_pack,
            "content": content,
        },
        ensure_ascii=False,
        sort_keys=True,
    )


class ResultCache:
    """Stat→hash index (main process) and one JSON file per key (written by workers)."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.index: dict[str, str] = {}
        self._dirty = False
        if directory is not None:
            try:
                data = json.loads((directory / "index.json").read_text(encoding="utf-8"))
                if isinstance(data, dict):
                    self.index = {str(k): str(v) for k, v in data.items()}
            except (OSError, ValueError):
                self.index = {}

    @property
    def enabled(self) -> bool:
        return self.directory is not None

    @staticmethod
    def _stat_key(s: FileStamp) -> str:
        return f"{s.path}\0{s.stat}"

    def known_hashes(self, stamps: list[FileStamp]) -> bool:
        """Fill the hashes remembered for unchanged files; True when all partials are known.
        False for a folder without files: nothing identifies it (see ``cacheable``)."""
        if not cacheable(stamps):
            return False
        for s in stamps:
            known = self.index.get(self._stat_key(s), "")
            partial, _, full = known.partition("|")
            s.partial, s.full = partial or None, full or None
        return all(s.partial for s in stamps)

    def remember(self, stamps: list[FileStamp]) -> None:
        for s in stamps:
            if s.partial and not s.special:
                key = self._stat_key(s)
                value = s.partial + (f"|{s.full}" if s.full else "")
                if self.index.get(key) != value:
                    self.index[key] = value
                    self._dirty = True

    def save_index(self) -> None:
        if self.directory is None or not self._dirty:
            return
        with contextlib.suppress(OSError):
            write_atomic(self.directory / "index.json", json.dumps(self.index, ensure_ascii=False))


PICTURE_KEY = "picture_jpegs"


def result_path(directory: Path, key: str) -> Path:
    return directory / "results" / key[:2] / f"{key}.json"


def output_json(output: WorkOutput) -> dict[str, Any]:
    """``output`` as JSON data with its pictures' bytes (which JSON reports leave out)."""
    data = output.model_dump(mode="json")
    data[PICTURE_KEY] = [
        [base64.b64encode(p.jpeg).decode("ascii") for p in f.pictures]
        for f in output.result.findings
    ]
    return data


def output_from_json(data: dict[str, Any]) -> WorkOutput:
    """The inverse of ``output_json`` (raises ValidationError, ValueError on bad data)."""
    data = dict(data)
    jpegs = data.pop(PICTURE_KEY, [])
    output = WorkOutput.model_validate(data)
    for finding, pictures in zip(output.result.findings, jpegs, strict=False):
        for picture, encoded in zip(finding.pictures, pictures, strict=False):
            picture.jpeg = base64.b64decode(encoded)
    return output


def load_result(directory: Path | None, key: str) -> WorkOutput | None:
    if directory is None:
        return None
    try:
        return output_from_json(json.loads(result_path(directory, key).read_text(encoding="utf-8")))
    except (OSError, ValueError, AttributeError, TypeError, ValidationError):
        return None


def store_result(directory: Path | None, key: str, output: WorkOutput) -> None:
    if directory is None:
        return
    with contextlib.suppress(OSError):
        # Picture bytes stay out of JSON reports; the cache keeps them beside the result.
        data = json.dumps(output_json(output), ensure_ascii=False)
        write_atomic(result_path(directory, key), data)
