"""Hash only what must be hashed: a file's identity from its stat and its first and last MiB.

A cold batch run reads each video's header (MediaInfo) and 2 MiB for its partial hash, never
the whole 500 MB. Whole-file SHA-256 is computed only where it decides something: for the
duplicate rule, when another file of the batch has the same size and partial hash (a
candidate), and for every file under ``--verify-cache``.

What the cache cannot see: a file larger than 2 MiB whose bytes were changed between its
first and last MiB while its size, mtime *and* ctime stayed the same. On Linux and macOS
ctime cannot be set back by a user, so only a clock change or raw disk editing hides a change;
on Windows (where ``st_ctime`` is the creation time) restoring size and mtime is enough.
``--verify-cache`` re-hashes every file in full; ``--no-cache`` checks everything.
Pinned by tests/batch/test_hashing.py.
"""

from __future__ import annotations

import hashlib
import os

PART = 1 << 20  # bytes hashed at each end
CHUNK = 1 << 20


def stat_fingerprint(st: os.stat_result) -> str:
    """size, mtime, ctime (change time where the OS has one) and inode / file id."""
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def partial_hash(path: str) -> str:
    """SHA-256 over the size, the first MiB and the last MiB (the whole file when ≤ 2 MiB)."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            digest = hashlib.sha256(f"{size}\0".encode())
            if size <= 2 * PART:
                digest.update(fh.read())
            else:
                digest.update(fh.read(PART))
                fh.seek(size - PART)
                digest.update(fh.read(PART))
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    return "p:" + digest.hexdigest()


def sha256_file(path: str) -> str:
    """The whole file's SHA-256 (read in 1 MiB chunks)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    return digest.hexdigest()
