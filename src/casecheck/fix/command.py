"""The ``casecheck fix`` command's work (cli.py only parses options and calls ``run_fix_cli``)."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from casecheck.cli_options import InspectFormat as FixFormat  # text | json, as inspect
from casecheck.cli_options import Lang as CliLang
from casecheck.cli_options import LangOpt, PackOpt, PacksDir, check_selection, library

if TYPE_CHECKING:
    from casecheck.fix.model import Progress
    from casecheck.i18n import Lang


def fix_command(
    path: Annotated[Path, typer.Argument(help="案例文件夹 / submission folder")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="副本写入此目录 / write the copies here")
    ],
    video: Annotated[
        bool, typer.Option("--video", help="重新编码视频（较慢）/ re-encode the video (slow)")
    ] = False,
    pack: PackOpt = None,
    fmt: Annotated[
        FixFormat, typer.Option("--format", help="输出格式 / output format")
    ] = FixFormat.text,
    lang: LangOpt = CliLang.zh,
    packs_dir: PacksDir = None,
) -> None:
    """写出修改后的副本（从不改动原文件夹）并复查 / Write corrected copies and re-check them."""
    lib = library(packs_dir, lang, never_under=[path])
    check_selection(lib, pack, [], lang)  # an unknown pack: the usage error check gives
    code = run_fix_cli(
        path, output, video=video, pack=pack, lang=lang.value, fmt=fmt.value, library=lib
    )
    raise typer.Exit(code)


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

    from casecheck.fix.run import FixError, fix_submission
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
