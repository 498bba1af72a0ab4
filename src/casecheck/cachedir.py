"""Where casecheck keeps its caches: the per-user cache directory, never a submission folder."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

ENV_CACHE_DIR = "CASECHECK_CACHE_DIR"


def cache_dir() -> Path:
    """``$CASECHECK_CACHE_DIR``, else ``%LOCALAPPDATA%\\casecheck\\Cache``,
    ``~/Library/Caches/casecheck``, ``$XDG_CACHE_HOME/casecheck`` or ``~/.cache/casecheck``."""
    if env := os.environ.get(ENV_CACHE_DIR):
        return Path(env)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "casecheck" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "casecheck"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "casecheck"


def inside_any(directory: Path, folders: list[Path]) -> bool:
    """True when ``directory`` lies in one of ``folders`` (where casecheck never writes)."""
    here = directory.absolute()
    for folder in folders:
        if here.is_relative_to(folder.absolute()) or here.resolve().is_relative_to(
            folder.resolve()
        ):
            return True
    return False


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write via a temporary file and rename, so parallel processes never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
