"""Checks and fixes as jobs: each in its own child process, watched by a thread.

A job's child can be killed (the page's 停止 button, the operating system, a crash) without
taking the server down: the job then ends as ``failed`` with a sentence saying so, and the
next job starts a fresh child. At most ``max_running`` children run at once (two tabs, two
checks); the others wait as ``queued``. A child is a fresh ``python -m casecheck.serve.worker``.
"""

from __future__ import annotations

import contextlib
import itertools
import pickle
import secrets
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casecheck.i18n import Text, as_lang
from casecheck.processes import own_group

DIED = Text(
    "检查进程意外结束（退出码 {code}），未得到结果。请重试；如果再次出现，请把这个文件夹反馈给管理员",
    "The checking process ended unexpectedly (exit code {code}) without a result. "
    "Please try again; if it happens again, report this folder.",
)
FAILED = Text(
    "casecheck 内部错误，未能完成：{error}。请把这个文件夹反馈给管理员",
    "casecheck internal error, could not finish: {error}. Please report this folder.",
)
TIMED_OUT = Text(
    "超过 {seconds:.0f} 秒仍未完成，已停止",
    "Stopped: not finished after {seconds:.0f} seconds",
)
CANCELLED = Text("已停止", "Stopped")
SHUTTING_DOWN = Text("服务器正在关闭", "The server is shutting down")


@dataclass
class Job:
    """One check or fix; ``version`` goes up at every change so watchers can wait for news."""

    id: str
    kind: str  # "check" / "fix"
    folder: Path
    params: dict[str, Any]
    state: str = "queued"  # queued → running → done | failed | cancelled
    progress: dict[str, Any] = field(default_factory=dict)
    result: Any = None
    error: Text | None = None
    version: int = 0
    created: float = field(default_factory=time.monotonic)
    cleanup: list[Path] = field(default_factory=list)  # temp folders to delete with the job
    meta: dict[str, Any] = field(default_factory=dict)  # the page's own notes (not for the child)
    pid: int | None = None
    # How it ended, as a word for the server's log: done, cancelled, timeout, died, refused, internal.
    outcome: str = ""
    _process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    _cancel: bool = False
    _cancel_reason: Text | None = None
    _timed_out: bool = False

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed", "cancelled")

    def public(self, lang: str) -> dict[str, Any]:
        """What the page sees of the job (JSON)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "state": self.state,
            "progress": self.progress,
            "error": self.error.pick(as_lang(lang)) if self.error else None,
            "version": self.version,
        }


class JobManager:
    """Start, watch, cancel and forget jobs; ``close()`` stops every child and cleans up."""

    def __init__(
        self,
        max_running: int = 2,
        timeout_s: dict[str, float] | None = None,
        on_finish: Callable[[Job], None] | None = None,
        keep: int = 50,
    ) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._slots = threading.Semaphore(max_running)
        self._threads: list[threading.Thread] = []
        # A check is bounded by its readers; a fix with a video re-encode can take long.
        self._timeout_s = {"check": 1800.0, "fix": 6 * 3600.0, **(timeout_s or {})}
        self._on_finish = on_finish
        self._keep = keep
        self._counter = itertools.count(1)
        self.closed = False

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, kind: str, folder: Path, params: dict[str, Any], **extra: Any) -> Job:
        job = Job(
            id=f"{next(self._counter)}-{secrets.token_hex(4)}",
            kind=kind,
            folder=folder,
            params=params,
            **extra,
        )
        with self._lock:
            if self.closed:
                raise RuntimeError("job manager is closed")
            self._jobs[job.id] = job
            self._enqueue(job)
            self._forget_old()
        thread = threading.Thread(target=self._run, args=(job,), name=f"job-{job.id}", daemon=True)
        self._threads.append(thread)
        thread.start()
        return job

    def cancel(self, job_id: str, reason: Text = CANCELLED) -> bool:
        job = self.get(job_id)
        if job is None or job.finished:
            return False
        job._cancel = True
        job._cancel_reason = reason
        process = job._process
        if process is not None and process.poll() is None:
            process.kill()
        if job.state == "queued":
            self._finish(job, "cancelled", error=reason, outcome="cancelled")
        return True

    def discard(self, job_id: str) -> None:
        """Stop the job if it still runs, forget it and delete its temp folders."""
        self.cancel(job_id)
        with self._lock:
            job = self._jobs.pop(job_id, None)
        if job is not None:
            if job._process is not None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    job._process.wait(timeout=5)
            self._cleanup(job)

    def close(self) -> None:
        """Stop every child, wait for the watcher threads, delete the jobs' temp folders."""
        with self._lock:
            self.closed = True
            jobs = list(self._jobs.values())
        for job in jobs:
            self.cancel(job.id, SHUTTING_DOWN)
        for thread in self._threads:
            thread.join(timeout=5)
        for job in jobs:
            self._cleanup(job)

    def _forget_old(self) -> None:
        """Keep the newest ``keep`` finished jobs (results hold pictures: memory is bounded)."""
        finished = [j for j in self._jobs.values() if j.finished]
        for job in sorted(finished, key=lambda j: j.created)[: max(0, len(finished) - self._keep)]:
            del self._jobs[job.id]
            self._cleanup(job)

    @staticmethod
    def _cleanup(job: Job) -> None:
        for path in job.cleanup:
            shutil.rmtree(path, ignore_errors=True)

    def _update(self, job: Job, **changes: Any) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(job, key, value)
            job.version += 1

    def _finish(self, job: Job, state: str, **changes: Any) -> None:
        if job.finished:
            return
        self._update(job, state=state, **changes)
        if self._on_finish is not None:
            self._on_finish(job)

    def _enqueue(self, job: Job) -> None:
        """Called under the lock as a job is started (a subclass keeps its order here)."""

    def _child_env(self, job: Job) -> dict[str, str] | None:
        """The environment of the job's child (None: the server's own)."""
        return None

    def _run(self, job: Job) -> None:
        with self._slots:
            self._execute(job)

    def _execute(self, job: Job) -> None:
        """Run the job in a child now that it has a slot (or end it if it was cancelled)."""
        if job._cancel or self.closed:
            error = job._cancel_reason or (SHUTTING_DOWN if self.closed else CANCELLED)
            self._finish(job, "cancelled", error=error, outcome="cancelled")
            return
        try:
            self._watch(job)
        except Exception as exc:  # e.g. the child could not be started
            self._finish(
                job,
                "failed",
                error=FAILED.format(error=f"{type(exc).__name__}: {exc}"),
                outcome="internal",
            )

    def _watch(self, job: Job) -> None:
        process = subprocess.Popen(
            [sys.executable, "-m", "casecheck.serve.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=self._child_env(job),
            **own_group(),
        )
        job._process = process
        self._update(job, state="running", pid=process.pid)
        limit = self._timeout_s.get(job.kind, 1800.0)
        timer = threading.Timer(limit, self._time_out, args=(job,))
        timer.start()
        outcome: tuple[str, Any] | None = None
        try:
            assert process.stdin is not None and process.stdout is not None
            with contextlib.suppress(OSError):  # a child killed at once closes its stdin
                pickle.dump((job.kind, job.params), process.stdin)
                process.stdin.close()
            while outcome is None:
                try:
                    kind, value = pickle.load(process.stdout)
                except (EOFError, OSError, pickle.UnpicklingError):
                    break  # the child died (or was killed) mid-way
                if kind == "progress":
                    self._update(job, progress=value)
                else:
                    outcome = (kind, value)
        finally:
            timer.cancel()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()
        if job._timed_out:
            self._finish(job, "failed", error=TIMED_OUT.format(seconds=limit), outcome="timeout")
        elif job._cancel:
            error = job._cancel_reason or (SHUTTING_DOWN if self.closed else CANCELLED)
            self._finish(job, "cancelled", error=error, outcome="cancelled")
        elif outcome is None:
            error = DIED.format(code=process.returncode)
            self._finish(job, "failed", error=error, outcome="died")
        elif outcome[0] == "result":
            self._finish(job, "done", result=outcome[1], outcome="done")
        elif outcome[0] == "refused":  # a reason for the teacher (output folder exists …)
            self._finish(job, "failed", error=Text(outcome[1], outcome[1]), outcome="refused")
        else:
            self._finish(job, "failed", error=FAILED.format(error=outcome[1]), outcome="internal")

    @staticmethod
    def _time_out(job: Job) -> None:
        job._timed_out = True
        if job._process is not None and job._process.poll() is None:
            job._process.kill()
