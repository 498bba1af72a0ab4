"""The validated pack library, cached between runs.

Parsing and resolving the packs (YAML, ``extends``, pydantic validation) is most of what
``casecheck packs`` does; the result only changes when a pack file or casecheck itself does.
The cache is one pickle per key in the user cache directory (never a submission folder); the
key is every pack file's path, size and mtime, plus casecheck's version and its pack code.
A library with an invalid pack is never cached: its errors are raised as before, when the
pack is asked for.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from casecheck import __version__
from casecheck.cachedir import cache_dir, inside_any, write_atomic

if TYPE_CHECKING:
    from casecheck.packs.loader import PackLibrary

FORMAT = 1
KEEP = 8  # libraries kept (tests and --packs-dir make several)


def library_key(paths: list[Path]) -> str | None:
    """The cache key of the library made of ``paths`` (None when one cannot be stat'ed)."""
    import pydantic

    code = Path(__file__).parent
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{pydantic.VERSION}".encode())
    try:
        for path in [*sorted(code.glob("*.py")), *paths]:
            st = path.stat()
            digest.update(f"\0{path.absolute()}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    except OSError:
        return None
    return digest.hexdigest()


def cached_library(
    paths: list[Path],
    never_under: list[Path] | None,
    build: Callable[[], tuple[PackLibrary, bool]],
) -> PackLibrary:
    """The library of ``paths``: from the cache, else ``build()`` (the library, and whether
    it is valid) — stored when valid, unless ``never_under`` is None or holds the cache."""
    key = library_key(paths)
    directory = cache_dir() / "packs"
    file = directory / f"{key}.pickle"
    if key is not None:
        with contextlib.suppress(Exception):  # unreadable or stale: rebuild it
            stored = pickle.loads(file.read_bytes())
            if isinstance(stored, tuple) and stored[0] == key:
                library: PackLibrary = stored[1]
                return library
    library, valid = build()
    if not valid:
        return library  # the caller meets the errors
    if key is not None and never_under is not None and not inside_any(directory, never_under):
        with contextlib.suppress(OSError):
            write_atomic(file, pickle.dumps((key, library), protocol=pickle.HIGHEST_PROTOCOL))
            prune(directory)
    return library


def prune(directory: Path) -> None:
    """Keep the most recently written libraries only."""
    with contextlib.suppress(OSError):
        files = sorted(directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns)
        for old in files[:-KEEP]:
            old.unlink()
