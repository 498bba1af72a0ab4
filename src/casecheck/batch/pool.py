"""Run tasks in worker processes, each with a time limit that really stops it.

The pool knows nothing of checking: batch/work.py says what a worker does with a task.

A small pool of our own (not ``ProcessPoolExecutor``) so that a hung submission can be
killed alone: each worker takes one task at a time over its pipe; when a task runs past the
timeout, or the worker dies, the worker is killed and replaced and that submission gets an
``error`` finding; the rest of the batch goes on. Workers are started with ``spawn`` on
every platform (no fork of a process that runs the progress thread).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

Task = Any  # what ``work`` takes (picklable); work.py's WorkTask for a batch
Output = Any  # what ``work`` returns (picklable)
WorkFn = Callable[[Task], Output]

STARTUP_GRACE = 120.0  # seconds a fresh worker may take to load before its task's clock runs
STOP_GRACE = 3.0  # seconds a busy worker has to clean up when the pool stops it


def _end_on_sigterm() -> None:
    """SIGTERM (the pool stopping a busy worker) unwinds the work like Ctrl-C does, so its
    temporary folders and LibreOffice processes are cleaned up on the way out; the first of
    the two signals wins, so a second one cannot cut the clean-up short."""
    import signal

    def stop(signum: int, frame: Any) -> None:
        # later ones call a handler that does nothing (SIG_IGN would make a signal already
        # pending raise "ignored due to race condition")
        signal.signal(signal.SIGTERM, lambda *_: None)
        signal.signal(signal.SIGINT, lambda *_: None)
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)


def _worker_main(conn: Connection, work: WorkFn, warm: Callable[[], None] | None) -> None:
    _end_on_sigterm()
    try:
        _serve(conn, work, warm)
    except KeyboardInterrupt:  # Ctrl-C or stopped: the work cleaned up while unwinding
        return


def _serve(conn: Connection, work: WorkFn, warm: Callable[[], None] | None) -> None:
    if warm is not None:
        warm()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(("start", None))  # the task's time limit runs from here
        try:
            conn.send(("ok", work(task)))
        except Exception:  # reported as the submission's error finding, never a crash
            conn.send(("exception", traceback.format_exc(limit=5)))


@dataclass
class Outcome:
    """A finished task: its output, or why it has none ("timeout", "crash", "exception")."""

    task: Task
    output: Output | None
    failure: str | None = None
    detail: str = ""


@dataclass
class _Worker:
    proc: BaseProcess
    conn: Connection
    task: Task | None = None
    started: float = 0.0
    running: bool = False  # the worker said "start" (it is past its own start-up)


class Workers:
    """Worker processes started ahead of their tasks: they load (``warm``) while the caller
    still prepares work, e.g. reads cached results. ``run_tasks`` uses and stops them."""

    def __init__(self, count: int, work: WorkFn, warm: Callable[[], None] | None) -> None:
        self._ctx = mp.get_context("spawn")
        self._work, self._warm = work, warm
        self.started = [self.spawn() for _ in range(count)]

    def spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(
            target=_worker_main, args=(child, self._work, self._warm), daemon=True
        )
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def stop(self) -> None:
        for w in self.started:
            _stop(w)


def run_tasks(
    tasks: list[Task],
    jobs: int,
    timeout: float,
    work: WorkFn,
    on_start: Callable[[Task], None] | None = None,
    warm: Callable[[], None] | None = None,
    early: Workers | None = None,
) -> Iterator[Outcome]:
    """Run ``work`` over ``tasks`` in ``jobs`` processes (``early`` ones first, started by
    the caller); yield outcomes as they finish."""
    pool = early or Workers(0, work, warm)
    if not tasks:
        pool.stop()
        return
    spawn = pool.spawn
    pending = deque(tasks)
    wanted = max(1, min(jobs, len(tasks)))
    for surplus in pool.started[wanted:]:
        _stop(surplus)
    workers = pool.started[:wanted]
    workers += [spawn() for _ in range(wanted - len(workers))]
    try:
        while True:
            for w in workers:
                if w.task is None and pending:
                    w.task, w.started, w.running = pending.popleft(), time.monotonic(), False
                    if on_start:
                        on_start(w.task)
                    with contextlib.suppress(OSError):  # a dead idle worker: _poll reports a crash
                        w.conn.send(w.task)
            busy = [w for w in workers if w.task is not None]
            if not busy:
                return
            next_deadline = min(_deadline(w, timeout) for w in busy) - time.monotonic()
            wait(
                [w.conn for w in busy] + [w.proc.sentinel for w in busy],
                timeout=max(0.0, next_deadline),
            )
            for i, w in enumerate(workers):
                if w.task is None:
                    continue
                outcome = _poll(w, timeout)
                if outcome is None:
                    continue
                yield outcome
                if outcome.failure in ("timeout", "crash"):
                    _stop(w)
                    workers[i] = spawn()
                else:
                    w.task = None
    finally:
        for w in workers:
            _stop(w)


def _poll(w: _Worker, timeout: float) -> Outcome | None:
    assert w.task is not None
    task = w.task
    while w.conn.poll():
        try:
            kind, payload = w.conn.recv()
        except (EOFError, OSError):
            return _crashed(w, task)
        if kind == "start":
            w.started, w.running = time.monotonic(), True
            continue
        if kind == "ok":
            return Outcome(task, payload)
        return Outcome(task, None, "exception", str(payload))
    if not w.proc.is_alive():
        return _crashed(w, task)
    if time.monotonic() > _deadline(w, timeout):
        return Outcome(task, None, "timeout", f"{timeout:g} s")
    return None


def _deadline(w: _Worker, timeout: float) -> float:
    """When the task times out: ``timeout`` after the worker started it, or a start-up grace
    later while a new worker is still loading (a loaded machine must not time out a task)."""
    return w.started + timeout + (0.0 if w.running else STARTUP_GRACE)


def _crashed(w: _Worker, task: Task) -> Outcome:
    w.proc.join(2.0)  # the pipe closes a moment before the exit code is known
    return Outcome(task, None, "crash", f"exit code {w.proc.exitcode}")


def _stop(w: _Worker) -> None:
    """An idle worker is told to end; a busy one is asked (SIGTERM: it cleans up what it has
    made, e.g. a LibreOffice render folder) and killed only if it does not end in time."""
    if w.proc.is_alive():
        if w.task is None:
            try:
                w.conn.send(None)
                w.proc.join(1.0)
            except (OSError, ValueError):
                pass
        else:
            w.proc.terminate()
            w.proc.join(STOP_GRACE)
        if w.proc.is_alive():
            w.proc.kill()
    w.proc.join(1.0)
    w.conn.close()
