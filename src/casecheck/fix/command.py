"""The ``casecheck fix`` command's work (cli.py only parses options and calls ``run_fix_cli``)."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from casecheck.fix.model import Progress
from casecheck.fix.run import FixError, fix_submission
from casecheck.i18n import Lang


class StderrProgress:
    """A rich progress bar on stderr: frames done, encoding fps and ETA."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._task: Any = None
        self._last = 0.0

    def __call__(self, event: Progress) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar

        if self._bar is None:
            self._bar = Bar(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total} frames · {task.fields[fps]:.0f} fps"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task(event.file, total=event.total, fps=0.0)
        now = time.monotonic()
        final = event.total is not None and event.done >= event.total
        if final or now - self._last > 0.2:
            self._last = now
            self._bar.update(self._task, completed=event.done, total=event.total, fps=event.fps)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def run_fix_cli(
    path: Path,
    outdir: Path,
    *,
    video: bool,
    pack: str | None,
    lang: Lang,
    fmt: str,
    library: Any,
) -> int:
    """Run ``fix`` and print the result; 0 when the copies pass, 1 when problems are left,
    2 for unusable paths."""
    from rich.console import Console

    from casecheck.render.fix import render_fix_json, render_fix_text

    progress = StderrProgress()
    try:
        report = fix_submission(
            path, outdir, pack=pack, video=video, lang=lang, progress=progress, library=library
        )
    except FixError as exc:
        sys.stderr.write(f"casecheck: {exc.message.pick(lang)}\n")
        return 2
    finally:
        progress.close()
    if fmt == "json":
        sys.stdout.write(render_fix_json(report))
    else:
        render_fix_text(report, Console(), lang)
    return 1 if report.after.counts.get("fail") or report.after.counts.get("error") else 0
