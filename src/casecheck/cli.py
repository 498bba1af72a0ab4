"""The casecheck command line: commands only; the work is in engine, packs, readers, render.

Usage errors are checked before any work starts (usage.py, pack_problems.py) and said in
the report's language with a fix (exit code 2); the parser's own errors too (cli_errors.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from casecheck import __version__
from casecheck.cli_options import (
    ConfigOpt,
    Format,
    FormatOpt,
    IgnoreOpt,
    InspectFormat,
    InspectHtmlOpt,
    Lang,
    LangOpt,
    NoContentOpt,
    OutputOpt,
    PackOpt,
    PacksDir,
    SelectOpt,
    StrictOpt,
    WaiversOpt,
    check_selection,
    fail,
    language,
    library,
    split_ids,
)
from casecheck.cli_options import usage_error as usage_error  # used by cli_settings, fix
from casecheck.cli_settings import read_waivers, settings, waive
from casecheck.fix.command import fix_command as _fix_command
from casecheck.serve.command import serve_command as _serve_command

app = typer.Typer(
    name="casecheck",
    help="检查教师案例报送材料是否符合活动要求 / Check teacher-competition case submissions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: no Python type column (<list[Path]>, <bool>)
    context_settings={"help_option_names": ["-h", "--help"]},
)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"casecheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=version_callback,
            is_eager=True,
            help="显示版本号 / show the version",
        ),
    ] = False,
) -> None:
    """检查教师案例报送材料是否符合活动要求 / Check teacher-competition case submissions."""


@app.command()
def check(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH", hidden=True, show_default=False),
    ],
    pack: PackOpt = None,
    fmt: FormatOpt = Format.text,
    output: OutputOpt = None,
    html: Annotated[
        Path | None,
        typer.Option("--html", metavar="FILE", help="写出反馈页（HTML）/ write the feedback page"),
    ] = None,
    lang: LangOpt = Lang.zh,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    strict: StrictOpt = False,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="也列出通过的项和实测值 / list passes and values"),
    ] = False,
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
    from casecheck.check_command import check_folders
    from casecheck.engine import Options
    from casecheck.render.json import build_report
    from casecheck.render.output import write_report
    from casecheck.targets import expand
    from casecheck.usage import UsageProblem, check_folder, check_output
    from casecheck.verdict import exit_code

    s = settings(ctx, config)  # casecheck.toml under the options given here
    pack, packs_dir, lang = s["pack"], s["packs_dir"], Lang(s["lang"])
    select, ignore, waiver_list = s["select"], s["ignore"], read_waivers(s["waivers"])
    lib = library(packs_dir, lang, never_under=paths)
    options = Options(
        lang=language(lang),
        select=split_ids(select),
        ignore=split_ids(ignore),
        content=not no_content,
    )
    check_selection(lib, pack, options.select + options.ignore, lang)
    try:
        for path in paths:
            check_folder(path)
        keywords = {k for p in lib.all() for m in p.materials.values() for k in m.keywords}
        folders, notes = expand(paths, keywords)
        for out in (output, html):
            if out is not None:
                check_output(out, folders)
    except UsageProblem as problem:
        fail(problem, lang)
    if html is not None:
        from casecheck.render.feedback import feedback_target_problem

        if problem_text := feedback_target_problem(html, folders):
            usage_error(problem_text)
    for note in notes:
        typer.echo(f"casecheck: {note.pick(language(lang))}", err=True)
    try:
        results, times = check_folders(folders, lib, options, pack)
    except UsageProblem as problem:
        fail(problem, lang)
    report = build_report(results, waive(results, waiver_list, lang.value))
    write_report(
        report, fmt.value, output, language(lang), verbose=verbose, strict=strict, times=times
    )
    if html is not None:
        from casecheck.render.feedback import render_feedback_page

        html.write_text(render_feedback_page(results[0], lang.value), encoding="utf-8")
    raise typer.Exit(exit_code(report, strict))


@app.command()
def batch(
    ctx: typer.Context,
    root: Annotated[
        Path,
        typer.Argument(metavar="ROOT", hidden=True, show_default=False),
    ],
    pack: PackOpt = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", metavar="N", help="并行检查的进程数（默认按 CPU 数）/ parallel workers"
        ),
    ] = None,
    fmt: FormatOpt = Format.text,
    output: OutputOpt = None,
    xlsx: Annotated[
        Path | None,
        typer.Option("--xlsx", metavar="FILE", help="写出 Excel 汇总表 / write an Excel summary"),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option("--html", metavar="FILE", help="写出可排序的 HTML 汇总页 / HTML summary"),
    ] = None,
    csv: Annotated[
        Path | None,
        typer.Option("--csv", metavar="FILE", help="写出 CSV 问题明细 / CSV of all findings"),
    ] = None,
    feedback: Annotated[
        Path | None,
        typer.Option(
            "--feedback", metavar="DIR", help="每个案例一个反馈页（HTML）的目录 / one page each"
        ),
    ] = None,
    manifest: Annotated[
        Path | None,
        typer.Option(
            "--manifest",
            metavar="FILE",
            help="推荐名单（CSV 或 XLSX），用于指标核对 / list of recommended cases",
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="不使用缓存，全部重新检查 / re-check everything"),
    ] = False,
    verify_cache: Annotated[
        bool,
        typer.Option(
            "--verify-cache",
            help="用缓存前完整重算每个文件的哈希 / re-hash every file fully before using the cache",
        ),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", metavar="SECONDS", help="每个案例的时间上限（秒）/ per-submission limit"
        ),
    ] = 300.0,
    lang: LangOpt = Lang.zh,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    strict: StrictOpt = False,
    packs_dir: PacksDir = None,
    no_content: NoContentOpt = False,
    waivers: WaiversOpt = None,
    config: ConfigOpt = None,
) -> None:
    """批量检查一个目录下的全部案例 / Check every submission under ROOT.

    \b
    ROOT  包含多个案例文件夹的目录 / a folder of submission folders
    """
    from casecheck.batch import run_batch_cli
    from casecheck.batch.root_check import check_batch_root
    from casecheck.usage import UsageProblem, check_folder, check_output

    s = settings(ctx, config)  # casecheck.toml under the options given here
    pack, packs_dir, lang, jobs = s["pack"], s["packs_dir"], Lang(s["lang"]), s["jobs"]
    select, ignore = s["select"], s["ignore"]
    lib = library(packs_dir, lang, never_under=[root])
    check_selection(lib, pack, split_ids(select) + split_ids(ignore), lang)
    try:
        check_folder(root)
        folders = check_batch_root(root, lib, manifest is not None)
        for out in (output, xlsx, html, csv):
            if out is not None:
                check_output(out, folders, create_parents=True)
    except UsageProblem as problem:
        fail(problem, lang)
    code = run_batch_cli(
        root=root,
        pack=pack,
        jobs=jobs,
        fmt=fmt.value,
        output=output,
        xlsx=xlsx,
        html=html,
        csv=csv,
        feedback=feedback,
        manifest=manifest,
        no_cache=no_cache,
        verify_cache=verify_cache,
        timeout=timeout,
        lang=lang.value,
        select=split_ids(select),
        ignore=split_ids(ignore),
        strict=strict,
        packs_dir=packs_dir,
        waivers=s["waivers"],
        content=not no_content,
    )
    raise typer.Exit(code)


app.command("fix")(_fix_command)  # casecheck.fix.command (issue 15)


@app.command("config")
def show_config(
    ctx: typer.Context,
    config: ConfigOpt = None,
    pack: PackOpt = None,
    packs_dir: PacksDir = None,
    lang: LangOpt = Lang.zh,
    select: Annotated[list[str] | None, typer.Option("--select")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j")] = None,
    waivers: WaiversOpt = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.text,
) -> None:
    """显示生效的设置及其来源 / Show the effective settings and where each came from."""
    import sys

    from casecheck.render.config import render_config

    effective = settings(ctx, config)
    sys.stdout.write(render_config(effective, fmt.value, effective["lang"]))


@app.command()
def packs(packs_dir: PacksDir = None, lang: LangOpt = Lang.zh) -> None:
    """列出规则包 / List the rule packs."""
    from casecheck.render.catalog import packs_table, print_table

    print_table(packs_table(library(packs_dir, lang).all(), language(lang)))


@app.command()
def rules(pack: PackOpt = None, packs_dir: PacksDir = None, lang: LangOpt = Lang.zh) -> None:
    """列出规则：id、严重程度、依据 / List rules with id, severity and requirement."""
    from casecheck.checkers.registry import is_available
    from casecheck.packs.loader import DEFAULT_PACK
    from casecheck.render.catalog import print_table, rules_table

    lib = library(packs_dir, lang)
    check_selection(lib, pack, [], lang)
    chosen = lib.get(pack or DEFAULT_PACK)
    print_table(rules_table(chosen, is_available, language(lang)))


@app.command()
def explain(
    rule_id: Annotated[
        str,
        typer.Argument(metavar="RULE", hidden=True, show_default=False),
    ],
    pack: PackOpt = None,
    packs_dir: PacksDir = None,
    lang: LangOpt = Lang.zh,
) -> None:
    """说明规则：要求原文、怎样算通过、参数、如何修改 / Explain a rule.

    \b
    RULE  规则 id 或前缀，如 video.duration 或 video / a rule id or prefix
    """
    from casecheck.explain import explain_rules, matching_rules
    from casecheck.usage import UsageProblem, check_rule_patterns

    lib = library(packs_dir, lang)
    check_selection(lib, pack, [], lang)
    found = matching_rules(lib, rule_id, pack)
    if not found:
        known = {rid for p in lib.all(include_abstract=True) for rid in p.rules}
        try:
            check_rule_patterns([rule_id], known)
        except UsageProblem as problem:
            fail(problem, lang)
    explain_rules(found, language(lang))


@app.command()
def inspect(
    file: Annotated[
        Path,
        typer.Argument(metavar="FILE", hidden=True, show_default=False),
    ],
    as_material: Annotated[
        str | None,
        typer.Option(
            "--as",
            metavar="video|video_content|report|courseware|info_form",
            help="按哪种材料读取（默认按文件内容识别）/ read the file as this material",
        ),
    ] = None,
    fmt: Annotated[
        InspectFormat,
        typer.Option("--format", metavar="text|json", help="输出格式 / output format"),
    ] = InspectFormat.text,
    html: InspectHtmlOpt = None,
    lang: LangOpt = Lang.zh,
) -> None:
    """显示 casecheck 从一个文件读出的事实 / Show the facts casecheck reads from a file.

    \b
    FILE  要查看的文件（视频、课件、信息表或总结报告）/ the file to inspect
    """
    from casecheck.inspect import inspect_file
    from casecheck.inspect_checks import check_inspect_target
    from casecheck.inspect_html import check_html_target
    from casecheck.usage import UsageProblem

    try:
        check_inspect_target(file, as_material)
        if html is not None:
            check_html_target(file, html)
    except UsageProblem as problem:
        fail(problem, lang)
    raise typer.Exit(inspect_file(file, as_material, fmt.value, language(lang), html))


@app.command()
def schema(
    which: Annotated[
        str,
        typer.Argument(metavar="report|pack", hidden=True),
    ] = "report",
    lang: LangOpt = Lang.zh,
) -> None:
    """输出 JSON Schema（报告或规则包）/ Print the JSON Schema of the report or of packs.

    \b
    report  JSON 报告的 schema（默认）/ the JSON report (default)
    pack    规则包 YAML 的 schema / a rule pack
    """
    import sys

    from casecheck.usage import UsageProblem, schema_text

    try:
        sys.stdout.write(schema_text(which))
    except UsageProblem as problem:
        fail(problem, lang)


app.command("serve")(_serve_command)  # casecheck.serve.command (issue 18)


def main() -> None:
    import sys

    from casecheck.cli_errors import run

    sys.exit(run(app))


if __name__ == "__main__":
    main()
