"""``casecheck fix PATH -o OUTDIR``: corrected copies written elsewhere, then re-checked."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from casecheck.cli.options import ConfigOpt, LangOpt, PackOpt, PacksDir, PlainFormatOpt
from casecheck.cli.settings import Settings, load_rules, settings

if TYPE_CHECKING:
    from casecheck.fix.model import Progress


def fix(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="案例文件夹 / submission folder")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="副本写入此目录 / write the copies here")
    ],
    video: Annotated[
        bool, typer.Option("--video", help="重新编码视频（较慢）/ re-encode the video (slow)")
    ] = False,
    pack: PackOpt = None,
    fmt: PlainFormatOpt = "text",
    lang: LangOpt = "zh",
    packs_dir: PacksDir = None,
    config: ConfigOpt = None,
) -> None:
    """写出修改后的副本（从不改动原文件夹）并复查 / Write corrected copies and re-check them."""
    s = settings(ctx, config, fmt=fmt)
    load_rules(s, never_under=[path])
    raise typer.Exit(run_fix(s, path, output, video=video))


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


def run_fix(s: Settings, path: Path, outdir: Path, *, video: bool) -> int:
    """Run ``fix`` and print the result; 0 when the copies pass, 1 when problems are left,
    2 for unusable paths."""
    from rich.console import Console

    from casecheck.fix.run import FixError, fix_submission
    from casecheck.render.fix import render_fix_json, render_fix_text
    from casecheck.render.text import plain_console
    from casecheck.result import Report, exit_code

    progress = StderrProgress()
    try:
        report = fix_submission(path, outdir, s, video=video, progress=progress)
    except FixError as exc:
        sys.stderr.write(f"casecheck: {exc.message.pick(s.lang)}\n")
        return 2
    finally:
        progress.close()
    if s.fmt == "json":
        sys.stdout.write(render_fix_json(report))
    else:
        console = Console()
        if not console.is_terminal:
            console = plain_console()
        render_fix_text(report, console, s.lang, titles=s.rules().titles())
    return exit_code(Report.of([report.after]))
