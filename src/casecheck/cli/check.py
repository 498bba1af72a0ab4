"""``casecheck check PATH…``: check submission folders and write the report."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from casecheck.cli.options import (
    ConfigOpt,
    FormatOpt,
    HtmlOpt,
    IgnoreOpt,
    LangOpt,
    NoContentOpt,
    OutputOpt,
    PackOpt,
    PacksDir,
    SelectOpt,
    StrictOpt,
    VerboseOpt,
    WaiversOpt,
)
from casecheck.cli.settings import Settings, prepare, settings
from casecheck.cli.usage import UsageProblem
from casecheck.i18n import Text


def check(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH", hidden=True, show_default=False),
    ],
    pack: PackOpt = None,
    fmt: FormatOpt = "text",
    output: OutputOpt = None,
    html: HtmlOpt = None,
    lang: LangOpt = "zh",
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    strict: StrictOpt = False,
    verbose: VerboseOpt = False,
    packs_dir: PacksDir = None,
    no_content: NoContentOpt = False,
    waivers: WaiversOpt = None,
    config: ConfigOpt = None,
) -> None:
    """检查一个或多个案例文件夹 / Check one or more submission folders.

    \b
    PATH  案例文件夹，可写多个；也可给出包含多个案例文件夹的目录（逐个检查）
          submission folder(s), or a folder of them (each is checked)
    """
    s = settings(
        ctx, config, fmt=fmt, output=output, strict=strict, verbose=verbose, content=not no_content
    )
    folders = check_usage(s, paths, html)
    raise typer.Exit(run_check(s, folders, html))


def check_usage(s: Settings, paths: list[Path], html: Path | None) -> list[Path]:
    """Every usage check of ``check``, before any folder is read: the submission folders."""
    from casecheck.cli.targets import expand
    from casecheck.cli.usage import check_folder, check_output

    ruleset = prepare(s, never_under=paths)
    try:
        for path in paths:
            check_folder(path)
        keywords = {k for p in ruleset.packs() for m in p.materials.values() for k in m.keywords}
        folders, notes = expand(paths, keywords)
        for out in (s.output, html):
            if out is not None:
                check_output(out, folders)
        if html is not None and len(folders) != 1:
            raise UsageProblem(
                Text(
                    "--html 只能用于一个案例文件夹",
                    "--html takes one submission folder",
                ),
                Text(
                    "多个案例请用 casecheck batch 目录 --feedback 反馈页目录",
                    "For several, use casecheck batch ROOT --feedback DIR",
                ),
            )
    except UsageProblem as problem:
        s.refuse(problem)
    for note in notes:
        typer.echo(f"casecheck: {note.pick(s.lang)}", err=True)
    return folders


def run_check(s: Settings, folders: list[Path], html: Path | None = None) -> int:
    """Check each folder, write the report (and the feedback page); the exit code."""
    from casecheck.engine import check_submission
    from casecheck.render.output import View, write_report
    from casecheck.render.progress import check_progress
    from casecheck.result import Report, exit_code
    from casecheck.waivers import apply_waivers

    ruleset = s.rules()
    options = s.options()
    results, times = [], {}
    for folder in folders:
        started = time.perf_counter()
        with check_progress(s.lang, str(folder)) as progress:
            result = check_submission(
                folder, ruleset, options, explicit_pack=s.pack, progress=progress
            )
        results.append(result)
        times[result.path] = time.perf_counter() - started
    notes = apply_waivers(results, s.waivers, s.lang) if s.waivers else []
    report = Report.of(results, notes, titles=ruleset.titles())
    view = View(report, s.lang, strict=s.strict, verbose=s.verbose, times=times)
    write_report(view, s.fmt, s.output)
    if html is not None:
        from casecheck.render.feedback import render_feedback_page

        page = render_feedback_page(results[0], s.lang, titles=report.titles)
        html.write_text(page, encoding="utf-8")
    return exit_code(report, s.strict)
