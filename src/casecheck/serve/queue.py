"""The shared page's jobs: at most N children at a time, the others waiting in order.

The local page's ``JobManager`` runs every job in a fresh child process with a time limit, and
reports a child that dies or hangs as that job's failure while the next job gets a fresh child.
Here the waiting jobs form a first-come-first-served queue whose length is bounded (a full
queue refuses new jobs: 503) and whose positions the page shows; each child gets its own
temporary folder inside the job's spool folder, so whatever a library writes is deleted with it.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from casecheck.i18n import Text
from casecheck.serve.jobs import CANCELLED, Job, JobManager


class QueuedJobs(JobManager):
    """``workers`` children at most; up to ``queue_limit`` jobs waiting for one, in order."""

    def __init__(
        self,
        workers: int,
        queue_limit: int,
        timeout_s: dict[str, float],
        on_finish: Callable[[Job], None] | None = None,
    ) -> None:
        # Jobs are forgotten by their case (deleted, downloaded, expired), not by age.
        super().__init__(max_running=workers, timeout_s=timeout_s, on_finish=on_finish, keep=10**9)
        self.workers = workers
        self.queue_limit = queue_limit
        self._waiting: deque[Job] = deque()
        self._running = 0
        self._turn = threading.Condition(self._lock)

    def full(self) -> bool:
        with self._lock:
            return len(self._waiting) >= self.queue_limit

    def counts(self) -> dict[str, int]:
        with self._lock:
            return {"running": self._running, "queued": len(self._waiting)}

    def position(self, job: Job) -> int | None:
        """1 for the next job to run, 2 behind it …; None once it runs or ended."""
        with self._lock:
            for n, waiting in enumerate(self._waiting, start=1):
                if waiting is job:
                    return n
        return None

    def cancel(self, job_id: str, reason: Text = CANCELLED) -> bool:
        cancelled = super().cancel(job_id, reason)
        with self._turn:
            self._turn.notify_all()
        return cancelled

    def close(self) -> None:
        with self._turn:
            self.closed = True
            self._turn.notify_all()
        super().close()

    def _enqueue(self, job: Job) -> None:
        self._waiting.append(job)  # under the lock, in the order the jobs were started
        self._threads = [t for t in self._threads if t.is_alive()]  # a server runs for weeks

    def _child_env(self, job: Job) -> dict[str, str] | None:
        tmp = job.meta.get("tmpdir")
        if tmp is None:
            return None
        return {**os.environ, "TMPDIR": str(tmp), "TEMP": str(tmp), "TMP": str(tmp)}

    def _run(self, job: Job) -> None:
        with self._turn:
            while not (job._cancel or self.closed) and not (
                self._waiting[0] is job and self._running < self.workers
            ):
                self._turn.wait()
            self._waiting.remove(job)
            started = not (job._cancel or self.closed)
            if started:
                self._running += 1
            self._turn.notify_all()  # the jobs behind moved up
        try:
            self._execute(job)
        finally:
            if started:
                with self._turn:
                    self._running -= 1
                    self._turn.notify_all()

    def public(self, job: Job, lang: str) -> dict[str, Any]:
        view = job.public(lang)
        view["position"] = self.position(job)
        return view
