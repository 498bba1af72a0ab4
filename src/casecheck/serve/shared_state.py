"""What the shared page remembers: the teachers' cases, their jobs, and when to forget them.

A *case* is one upload: a private folder in the spool (the files as uploaded, the corrected
copies, their zip, the child processes' temporary files), its check job and its fix job, the
browser session it belongs to. It is deleted — folder and results — when the teacher clicks
「删除」 or leaves the page, its files as soon as the corrected copies were downloaded in full,
and all of it at the latest ``retention_min`` after the upload (the clock is injectable, so
the tests can move it). The log names cases by the first characters of their id and says
sizes, durations and outcomes: never a file name, a person's name or what a file contains.
"""

from __future__ import annotations

import logging
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casecheck.i18n import Lang, Text
from casecheck.serve.common import job_summary, result_of
from casecheck.serve.download import fixed_zip_name, zip_folder
from casecheck.serve.fix_routes import fixed_files
from casecheck.serve.fixing import shared_ask_video
from casecheck.serve.intake import StoredFile, UploadLimits
from casecheck.serve.jobs import Job
from casecheck.serve.queue import QueuedJobs
from casecheck.serve.sessions import ClientNames, RateLimit, Sessions
from casecheck.serve.shared_guard import SharedGuard
from casecheck.serve.shared_options import GB, MB, SharedOptions
from casecheck.serve.spool import Spool, folder_size
from casecheck.serve.uploads import UPLOAD_FOLDER

if TYPE_CHECKING:
    from casecheck.packs.ruleset import RuleSet

log = logging.getLogger("casecheck.shared")

INTERRUPTED = Text(
    "服务器正在重启或关闭，这次检查没有完成，文件已删除。请稍后重新上传",
    "The server is restarting or shutting down: this job did not finish and its files were "
    "deleted. Please upload again later.",
)
ZIP_NAME = fixed_zip_name()
MAX_CASES = 300  # kept at once; past it the oldest finished case is deleted (logged: capacity)
FIXED = "fixed"


def short(case_id: str) -> str:
    """What the log calls a case (the id itself opens nothing: a case needs its session)."""
    return case_id[:8]


@dataclass
class Case:
    id: str
    session: str
    root: Path  # the case's folder in the spool
    files: list[StoredFile]
    size: int  # bytes of the uploaded files (the spool counts them for this case)
    created: float  # wall clock: retention counts from here
    pack: str | None
    check: Job | None = None
    fix: Job | None = None
    files_deleted: bool = False
    derived: int = 0  # bytes of the corrected copies and their zip (counted too)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def folder(self) -> Path:
        return self.root / UPLOAD_FOLDER

    @property
    def tmp(self) -> Path:
        return self.root / "tmp"

    @property
    def jobs(self) -> list[Job]:
        return [j for j in (self.check, self.fix) if j is not None]

    def busy(self) -> bool:
        return any(not j.finished for j in self.jobs)


class SharedState:
    """Everything the shared page's routes share (one per server)."""

    def __init__(
        self,
        options: SharedOptions,
        port: int,
        *,
        lang: Lang = "zh",
        packs_dirs: list[Path] | None = None,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        clock: Callable[[], float] = time.time,
        sweep_every_s: float = 30.0,
    ) -> None:
        self.options = options
        self.lang: Lang = lang
        self.packs_dirs = list(packs_dirs or [])
        self.select = list(select or [])
        self.ignore = list(ignore or [])
        self.clock = clock
        self.sweep_every_s = sweep_every_s
        self.retention_s = options.retention_min * 60
        self.own_spool = options.spool is None
        root = options.spool or Path(tempfile.mkdtemp(prefix="casecheck-spool-"))
        root.mkdir(parents=True, exist_ok=True)
        self.spool = Spool(root, int(options.max_spool_gb * GB), int(options.min_free_gb * GB))
        self.spool.lock()  # SpoolBusy: another server uses this spool
        left = self.spool.wipe()
        if left:
            log.info("spool: removed %d job folder(s) left by an earlier run", left)
        self.limits = UploadLimits(
            max_file=options.max_file_mb * MB,
            max_job=options.max_job_mb * MB,
            idle_s=options.upload_idle_s,
        )
        self.jobs = QueuedJobs(
            options.workers,
            options.queue,
            {"check": options.check_timeout_min * 60, "fix": options.fix_timeout_min * 60},
            on_finish=self._finished,
        )
        self.sessions = Sessions(idle_s=self.retention_s, clock=clock)
        self.guard = SharedGuard(
            options.allowed_hosts(port),
            self.sessions,
            RateLimit(options.requests_per_minute, 60.0),
            options.access_code,
            lang,
        )
        self.job_rate = RateLimit(options.jobs_per_hour, 3600.0)
        self.code_rate = RateLimit(10, 600.0)  # wrong access codes per client
        self.client_name = ClientNames()
        self.cases: dict[str, Case] = {}
        self._lock = threading.Lock()
        self._ruleset: Any = None
        self.stopping: Callable[[], bool] = lambda: False
        self.shutdown_deadline: float | None = None
        self.closed = False
        self._last_sweep = time.monotonic()

    # --- rules -------------------------------------------------------------------------

    def ruleset(self) -> RuleSet:
        """The rules of the server's packs, compiled once."""
        if self._ruleset is None:
            from casecheck.packs.ruleset import load_ruleset

            self._ruleset = load_ruleset(self.packs_dirs, store=False)
        ruleset: RuleSet = self._ruleset
        return ruleset

    # --- cases -------------------------------------------------------------------------

    def add_case(
        self, session: str, root: Path, files: list[StoredFile], size: int, pack: str | None
    ) -> Case:
        case = Case(secrets.token_urlsafe(24), session, root, files, size, self.clock(), pack)
        case.tmp.mkdir(exist_ok=True)
        with self._lock:
            self.cases[case.id] = case
            done = [c for c in self.cases.values() if not c.busy()]
            spare = done[: max(0, len(self.cases) - MAX_CASES)]  # oldest first (dict order)
        for old in spare:  # results hold pictures: memory stays bounded under any load
            self.drop_case(old, "capacity")
        return case

    def case_of(self, case_id: str, session: str) -> Case | None:
        """The case, only for the session that uploaded it (anyone else: as if none)."""
        with self._lock:
            case = self.cases.get(case_id)
        if case is None or not secrets.compare_digest(case.session, session):
            return None
        return case

    def start_check(self, case: Case, lang: Lang) -> Job:
        params = {
            "folder": case.folder,
            "pack": case.pack,
            "lang": lang,
            "packs_dirs": self.packs_dirs,
            "select": self.select,
            "ignore": self.ignore,
        }
        case.check = self._start(case, "check", params)
        return case.check

    def start_fix(self, case: Case, lang: Lang, video: bool) -> Job:
        """A fresh fix of the case's files into its ``fixed/`` folder (an earlier one's
        copies and zip are deleted first)."""
        self._drop_fixed(case)
        (case.root / FIXED).mkdir()
        params = {
            "folder": case.folder,
            "outdir": case.root / FIXED,
            "pack": case.pack,
            "video": video and self.options.fix_video,
            "ask_video": shared_ask_video(self.options.fix_video),
            "lang": lang,
            "packs_dirs": self.packs_dirs,
        }
        case.fix = self._start(case, "fix", params)
        return case.fix

    def _start(self, case: Case, kind: str, params: dict[str, Any]) -> Job:
        meta = {"tmpdir": case.tmp, "case": case.id, "queued_at": time.monotonic()}
        job = self.jobs.start(kind, case.folder, params, meta=meta)
        log.info(
            "case %s %s queued position=%s", short(case.id), kind, self.jobs.position(job) or 0
        )
        return job

    def _finished(self, job: Job) -> None:
        """A job ended (watcher thread): count a fix's copies in the spool; log the outcome."""
        case_id = job.meta.get("case", "")
        with self._lock:
            case = self.cases.get(case_id)
        seconds = time.monotonic() - job.meta.get("queued_at", time.monotonic())
        extra = ""
        result = result_of(job)
        if result is not None:
            counts = result.counts
            extra = f" status={result.status.value} fail={counts['fail']} error={counts['error']}"
        if case is not None and job.kind == "fix" and job.state == "done":
            with case.lock:
                if not case.files_deleted:
                    added = folder_size(case.root / FIXED)
                    self.spool.claim(added, unwritten=False, force=True)
                    case.derived += added
                    extra += f" bytes={added}"
        log.info(
            "case %s %s %s seconds=%.1f%s", short(case_id), job.kind, job.outcome, seconds, extra
        )

    def view(self, case: Case, lang: Lang) -> dict[str, Any]:
        """What the page sees of a case (JSON)."""
        return {
            "id": case.id,
            "files": [
                {"name": f.name, "sentAs": f.sent_as if f.renamed else None, "size": f.size}
                for f in case.files
            ],
            "check": self._job_view(case.check, lang),
            "fix": self._job_view(case.fix, lang),
            "filesDeleted": case.files_deleted,
            "expiresIn": max(0, round(case.created + self.retention_s - self.clock())),
        }

    def _job_view(self, job: Job | None, lang: Lang) -> dict[str, Any] | None:
        if job is None:
            return None
        view = self.jobs.public(job, lang)
        view["summary"] = job_summary(job)
        if job.kind == "fix":
            view["files"] = fixed_files(job)
        return view

    def version(self, case: Case) -> tuple[Any, ...]:
        """Changes whenever the page's view of the case would."""
        return (
            *((j.id, j.version, self.jobs.position(j)) for j in case.jobs),
            case.files_deleted,
        )

    # --- the corrected copies as one zip -------------------------------------------------

    def fixed_zip(self, case: Case) -> Path:
        """The zip of the corrected folder (made once, in the case's folder, counted)."""
        target = case.root / ZIP_NAME
        with case.lock:
            if target.is_file():
                return target
            source = case.root / FIXED
            self.spool.room_for(folder_size(source))
            partial = target.with_suffix(".partial")
            zip_folder(source, partial)
            partial.replace(target)
            size = target.stat().st_size
            self.spool.claim(size, unwritten=False, force=True)
            case.derived += size
        return target

    # --- forgetting ----------------------------------------------------------------------

    def drop_files(self, case: Case, reason: str) -> None:
        """Delete the case's files (its results stay on the page until the case is dropped)."""
        if self._remove(case):
            log.info("case %s files deleted reason=%s", short(case.id), reason)

    def drop_case(self, case: Case, reason: str) -> None:
        """Stop the case's jobs, delete its folder, forget it."""
        with self._lock:
            known = self.cases.pop(case.id, None) is not None
        if known:
            self._remove(case)
            log.info("case %s deleted reason=%s", short(case.id), reason)

    def _remove(self, case: Case) -> bool:
        """Stop the case's jobs and delete its folder; False when that was done already."""
        with case.lock:
            if case.files_deleted:
                return False
            for job in case.jobs:
                self.jobs.discard(job.id)
            shutil.rmtree(case.root, ignore_errors=True)
            self.spool.release(case.size + case.derived)
            case.size = case.derived = 0
            case.files_deleted = True
        return True

    def _drop_fixed(self, case: Case) -> None:
        """Delete an earlier fix's copies and zip before a new fix."""
        with case.lock:
            if case.fix is not None:
                self.jobs.discard(case.fix.id)
            shutil.rmtree(case.root / FIXED, ignore_errors=True)
            (case.root / ZIP_NAME).unlink(missing_ok=True)
            self.spool.release(case.derived)
            case.derived = 0

    def sweep(self) -> None:
        """Drop the cases older than the retention time; forget idle sessions and clients."""
        now = self.clock()
        with self._lock:
            old = [c for c in self.cases.values() if now - c.created > self.retention_s]
        for case in old:
            self.drop_case(case, "retention")
        self.sessions.sweep()
        for limit in (self.guard.requests, self.job_rate, self.code_rate):
            limit.sweep()

    def tick(self) -> None:
        """The housekeeping the server runs a few times a second (in a thread)."""
        if self.stopping() and self.shutdown_deadline is None:
            self.begin_shutdown()
        if self.shutdown_deadline is not None and time.monotonic() >= self.shutdown_deadline:
            self.interrupt(running=True)
        if time.monotonic() - self._last_sweep >= self.sweep_every_s:
            self._last_sweep = time.monotonic()
            self.sweep()

    # --- shutting down -------------------------------------------------------------------

    def begin_shutdown(self) -> None:
        """No new jobs; the waiting ones end now, the running ones get the grace time."""
        self.shutdown_deadline = time.monotonic() + self.options.shutdown_grace_s
        counts = self.jobs.counts()
        log.info(
            "shutting down: %d running (grace %.0f s), %d waiting interrupted",
            counts["running"],
            self.options.shutdown_grace_s,
            counts["queued"],
        )
        self.interrupt(running=False)

    def interrupt(self, running: bool) -> None:
        with self._lock:
            cases = list(self.cases.values())
        for case in cases:
            for job in case.jobs:
                if job.state == "queued" or (running and job.state == "running"):
                    self.jobs.cancel(job.id, INTERRUPTED)

    def close(self) -> None:
        """Stop every job, delete every case and the spool's job folders."""
        if self.closed:
            return
        self.closed = True
        self.jobs.close()
        with self._lock:
            cases = list(self.cases.values())
        for case in cases:
            self.drop_case(case, "shutdown")
        self.spool.wipe()
        self.spool.unlock()
        if self.own_spool:
            shutil.rmtree(self.spool.root, ignore_errors=True)
        log.info("stopped: %d case(s) deleted, spool peak %d bytes", len(cases), self.spool.peak)

    def health(self) -> dict[str, Any]:
        counts = self.jobs.counts()
        with self._lock:
            cases = len(self.cases)
        return {
            "status": "stopping" if self.stopping() or self.closed else "ok",
            **counts,
            "workers": self.options.workers,
            "queue_limit": self.options.queue,
            "cases": cases,
            "spool_bytes": self.spool.used,
        }
