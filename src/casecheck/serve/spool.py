"""The shared page's spool: the one folder where uploads, corrected copies and zips live.

Every job gets a fresh ``job-*`` folder inside it and nothing is written anywhere else (the
job's child process gets its temporary folder inside the job's folder too). The spool counts
what its jobs hold — an upload is counted in full as soon as it is announced, so twenty
uploads arriving together cannot overfill it — and refuses (507) what would pass its size
limit or leave the disk with less free space than the floor. ``wipe()`` removes the job
folders a killed server left behind; the spool's other contents are never touched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO

from casecheck.i18n import Text

JOB_PREFIX = "job-"
LOCK_NAME = ".casecheck-spool.lock"

SPOOL_FULL = Text(
    "服务器的暂存空间已满，请过 10 分钟左右再上传",
    "The server's upload space is full; please try again in about 10 minutes",
)
DISK_FULL = Text(
    "服务器磁盘空间不足，暂时不能接收文件，请稍后再试或联系管理员",
    "The server's disk is nearly full; please try again later or tell the administrator",
)


class SpoolFull(Exception):
    """No room for what was asked: HTTP 507 with a sentence for the teacher."""

    status = 507

    def __init__(self, message: Text, reason: str) -> None:
        super().__init__(message.en)
        self.message = message
        self.reason = reason  # "spool" / "disk", for the log


def folder_size(path: Path) -> int:
    """Bytes of the regular files under ``path`` (links are not followed)."""
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue
    return total


class SpoolBusy(OSError):
    """Another running server holds the spool (two servers would delete each other's jobs)."""


class Spool:
    """Room for the jobs' files: at most ``max_bytes``, and ``min_free`` bytes left on disk."""

    def __init__(
        self,
        root: Path,
        max_bytes: int,
        min_free: int,
        disk_free: Callable[[Path], int] | None = None,
    ) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self.min_free = min_free
        self.used = 0  # bytes the jobs hold or have announced
        self.unwritten = 0  # announced but not yet on disk (the disk's free space lacks them)
        self.peak = 0
        self._disk_free = disk_free or (lambda p: shutil.disk_usage(p).free)
        self._lock = threading.Lock()
        self._held: IO[bytes] | None = None

    def lock(self) -> None:
        """Hold the spool for this server (SpoolBusy when another one does); POSIX only."""
        try:
            import fcntl
        except ImportError:  # Windows: one server per spool is the administrator's care
            return
        handle = (self.root / LOCK_NAME).open("ab")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            handle.close()
            raise SpoolBusy(str(self.root)) from exc
        self._held = handle

    def unlock(self) -> None:
        if self._held is not None:
            self._held.close()  # closing releases the lock
            self._held = None
            (self.root / LOCK_NAME).unlink(missing_ok=True)

    def room_for(self, n: int) -> None:
        """SpoolFull unless ``n`` more bytes fit (nothing is claimed)."""
        with self._lock:
            self._check(n)

    def _check(self, n: int) -> None:
        if self.used + n > self.max_bytes:
            raise SpoolFull(SPOOL_FULL, "spool")
        if self._disk_free(self.root) - self.unwritten - n < self.min_free:
            raise SpoolFull(DISK_FULL, "disk")

    def claim(self, n: int, *, unwritten: bool = True, force: bool = False) -> None:
        """Count ``n`` bytes as held (SpoolFull when they do not fit, unless ``force``:
        files already written, such as corrected copies, are counted whatever their size)."""
        with self._lock:
            if not force:
                self._check(n)
            self.used += n
            self.peak = max(self.peak, self.used)
            if unwritten:
                self.unwritten += n

    def written(self, n: int) -> None:
        """``n`` claimed bytes are now on disk."""
        with self._lock:
            self.unwritten = max(0, self.unwritten - n)

    def release(self, n: int, *, unwritten: int = 0) -> None:
        with self._lock:
            self.used = max(0, self.used - n)
            self.unwritten = max(0, self.unwritten - unwritten)

    def new_folder(self) -> Path:
        return Path(tempfile.mkdtemp(prefix=JOB_PREFIX, dir=self.root))

    def wipe(self) -> int:
        """Delete every job folder in the spool (a previous run's leftovers, or at shutdown)."""
        count = 0
        for entry in self.root.glob(f"{JOB_PREFIX}*"):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
                count += 1
        return count

    def on_disk(self) -> int:
        """What the job folders really hold now (for /healthz and the tests)."""
        return sum(folder_size(e) for e in self.root.glob(f"{JOB_PREFIX}*") if not e.is_symlink())
