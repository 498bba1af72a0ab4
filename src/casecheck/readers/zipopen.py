"""Open each zip once per process: sniffing, the safety checks and the reader share it.

A few recently used zips are kept open, keyed by path, size and mtime (a changed file is
opened afresh). Callers must not close what they get: the next caller reuses it.
"""

from __future__ import annotations

import zipfile
from collections import OrderedDict
from pathlib import Path

KEEP_OPEN = 4
_OPEN: OrderedDict[tuple[str, int, int], zipfile.ZipFile] = OrderedDict()


def stat_key(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return (str(path), st.st_size, st.st_mtime_ns)


def open_zip(path: Path) -> zipfile.ZipFile:
    """The zip at ``path``, opened (its central directory read) at most once while unchanged.

    Raises what ``zipfile.ZipFile`` raises for a file that is not a readable zip.
    """
    key = stat_key(path)
    zf = _OPEN.get(key)
    if zf is not None and zf.fp is not None:
        _OPEN.move_to_end(key)
        return zf
    zf = zipfile.ZipFile(path)
    _OPEN[key] = zf
    while len(_OPEN) > KEEP_OPEN:
        _, old = _OPEN.popitem(last=False)
        old.close()
    return zf


def close_all() -> None:
    """Close every kept zip (e.g. when a submission is done)."""
    while _OPEN:
        _OPEN.popitem()[1].close()
