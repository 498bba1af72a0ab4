"""The casecheck command line: commands only; the work is in engine, packs, readers, render."""

from __future__ import annotations

import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, cast

import typer

from casecheck.cli_options import ConfigOpt, NoContentOpt, PackOpt, PacksDir, WaiversOpt
from casecheck.fix.command import fix_command as _fix_command
from casecheck.serve.command import serve_command as _serve_command

if TYPE_CHECKING:
    from casecheck.i18n import Lang as I18nLang

app = typer.Typer(
    name="casecheck",
    help="检查教师案例报送材料是否符合活动要求 / Check teacher-competition case submissions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    text = "text"
    concise = "concise"
    json = "json"
    junit = "junit"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


LangOpt = Annotated[Lang, typer.Option("--lang", help="报告语言 / message language")]


def usage_error(message: str) -> NoReturn:
    typer.echo(f"casecheck: {message}", err=True)
    raise typer.Exit(2)


def library(packs_dir: list[Path] | None) -> Any:
    from casecheck.packs import PackError, load_library

    try:
        lib = load_library(packs_dir)
        lib.all(include_abstract=True)  # resolve every pack now: a broken one is a usage error
        return lib
    except PackError as exc:
        usage_error(str(exc))


def split_ids(values: list[str] | None) -> list[str]:
    return [part.strip() for v in values or [] for part in v.split(",") if part.strip()]


def check_rule_patterns(lib: Any, patterns: list[str]) -> None:
    from casecheck.engine import rule_matches

    known = {rid for pack in lib.all(include_abstract=True) for rid in pack.rules}
    for pattern in patterns:
        if not any(rule_matches(rid, [pattern]) for rid in known):
            usage_error(f"unknown rule '{pattern}' (see `casecheck rules`)")


@app.command()
def check(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="案例文件夹 / submission folder(s)")],
    pack: PackOpt = None,
    fmt: Annotated[Format, typer.Option("--format", help="输出格式 / output format")] = Format.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文件 / write to file")
    ] = None,
    html: Annotated[Path | None, typer.Option("--html", help="反馈页 / feedback page")] = None,
    lang: LangOpt = Lang.zh,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="只检查这些规则（id 或前缀，如 video.*）")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="不检查这些规则 / skip these rules")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="警告也视为不通过 / warnings fail too")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="列出通过的项 / list passes too")
    ] = False,
    no_content: NoContentOpt = False,
    packs_dir: PacksDir = None,
    waivers: WaiversOpt = None,
    config: ConfigOpt = None,
) -> None:
    """检查一个或多个案例文件夹 / Check one or more submission folders."""
    from casecheck.cli_settings import read_waivers, settings, waive
    from casecheck.engine import Options, check_submission
    from casecheck.packs import PackError
    from casecheck.render.feedback import feedback_target_problem, render_feedback_page
    from casecheck.render.json import build_report
    from casecheck.render.output import write_report
    from casecheck.verdict import exit_code

    s = settings(ctx, config)  # casecheck.toml under the options given here
    pack, packs_dir, lang = s["pack"], s["packs_dir"], Lang(s["lang"])
    select, ignore, waivers = s["select"], s["ignore"], read_waivers(s["waivers"])
    lib = library(packs_dir)
    options = Options(
        lang=lang.value, select=split_ids(select), ignore=split_ids(ignore), content=not no_content
    )
    check_rule_patterns(lib, options.select + options.ignore)
    for path in paths:
        if not path.exists():
            usage_error(f"path not found: {path}")
        if not path.is_dir():
            usage_error(f"not a folder: {path} (查看单个文件请用 `casecheck inspect FILE`)")
    if html is not None and (problem := feedback_target_problem(html, paths)):
        usage_error(problem)
    results, times = [], {}
    try:
        if pack is not None:
            lib.get(pack)
        for path in paths:
            started = time.perf_counter()
            results.append(check_submission(path, lib, options, explicit_pack=pack))
            times[results[-1].path] = time.perf_counter() - started
    except PackError as exc:
        usage_error(str(exc))
    report = build_report(results, waive(results, waivers, lang.value))
    language = cast("I18nLang", lang.value)
    write_report(report, fmt.value, output, language, verbose=verbose, strict=strict, times=times)
    if html is not None:
        html.write_text(render_feedback_page(results[0], lang.value), encoding="utf-8")
    raise typer.Exit(exit_code(report, strict))


@app.command()
def batch(
    ctx: typer.Context,
    root: Annotated[Path, typer.Argument(help="包含多个案例文件夹的目录 / folder of submissions")],
    pack: PackOpt = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="并行数 / parallel workers")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.text,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="Excel 汇总表")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="HTML 汇总页")] = None,
    csv: Annotated[Path | None, typer.Option("--csv", help="CSV 明细")] = None,
    feedback: Annotated[
        Path | None, typer.Option("--feedback", help="每个案例一个反馈页（HTML）的目录")
    ] = None,
    manifest: Annotated[Path | None, typer.Option("--manifest", help="推荐名单 CSV/XLSX")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="不使用缓存")] = False,
    timeout: Annotated[float, typer.Option("--timeout", help="每个案例的时间上限（秒）")] = 300.0,
    lang: LangOpt = Lang.zh,
    select: Annotated[list[str] | None, typer.Option("--select")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore")] = None,
    strict: Annotated[bool, typer.Option("--strict")] = False,
    no_content: NoContentOpt = False,
    packs_dir: PacksDir = None,
    waivers: WaiversOpt = None,
    config: ConfigOpt = None,
) -> None:
    """批量检查一个目录下的全部案例 / Check every submission under ROOT."""
    try:
        from casecheck.batch import run_batch_cli
    except ModuleNotFoundError:
        usage_error("batch mode is not available in this build")
    from casecheck.cli_settings import settings

    s = settings(ctx, config)  # casecheck.toml under the options given here
    pack, packs_dir, lang, jobs = s["pack"], s["packs_dir"], Lang(s["lang"]), s["jobs"]
    select, ignore = s["select"], s["ignore"]
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


# `casecheck fix` lives with the fixers (its imports stay lazy there).
app.command("fix")(_fix_command)
# `casecheck serve` lives with the page (the web stack loads only when it runs).
app.command("serve")(_serve_command)


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
    from casecheck.cli_settings import settings
    from casecheck.render.config import render_config

    effective = settings(ctx, config)
    sys.stdout.write(render_config(effective, fmt.value, effective["lang"]))


@app.command()
def packs(packs_dir: PacksDir = None, lang: LangOpt = Lang.zh) -> None:
    """列出规则包 / List the rule packs."""
    from rich.console import Console
    from rich.table import Table

    lib = library(packs_dir)
    table = Table("id", "title", "extends", "rules", "file")
    for pack in lib.all():
        table.add_row(
            pack.id,
            pack.title.pick(lang.value),
            pack.extends or "",
            str(len(pack.rules)),
            pack.origin,
        )
    Console().print(table)


@app.command()
def rules(pack: PackOpt = None, packs_dir: PacksDir = None, lang: LangOpt = Lang.zh) -> None:
    """列出规则：id、严重程度、依据 / List rules with id, severity and requirement."""
    from rich.console import Console
    from rich.table import Table

    from casecheck.checkers.registry import load_checkers
    from casecheck.packs import PackError
    from casecheck.packs.loader import DEFAULT_PACK

    lib = library(packs_dir)
    try:
        chosen = lib.get(pack or DEFAULT_PACK)
    except PackError as exc:
        usage_error(str(exc))
    registry = load_checkers()
    table = Table(
        "rule",
        "severity",
        "checker",
        "status",
        "requirement",
        title=f"{chosen.id} — {chosen.title.pick(lang.value)}",
    )
    for rid, spec in chosen.rules.items():
        ready = (
            "✓"
            if spec.checker in registry
            else ("尚未实现" if lang is Lang.zh else "not yet checked")
        )
        table.add_row(rid, spec.severity, spec.checker, ready, spec.requirement)
    Console().print(table)


@app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(help="规则 id，如 video.duration")],
    pack: PackOpt = None,
    packs_dir: PacksDir = None,
    lang: LangOpt = Lang.zh,
) -> None:
    """说明一条规则：依据原文、参数、如何修改 / Explain a rule."""
    import json

    from rich.console import Console

    from casecheck.checkers.registry import load_checkers
    from casecheck.packs.loader import DEFAULT_PACK

    lib = library(packs_dir)
    candidates = [lib.get(pack)] if pack else [lib.get(DEFAULT_PACK), *lib.all()]
    found = next(((p, p.rules[rule_id]) for p in candidates if rule_id in p.rules), None)
    if found is None:
        usage_error(f"unknown rule '{rule_id}' (see `casecheck rules`)")
    chosen, spec = found
    chk = load_checkers().get(spec.checker)
    console = Console()
    zh = lang is Lang.zh
    console.print(f"[bold]{rule_id}[/bold]  ({chosen.id})")
    console.print(f"{'依据' if zh else 'Requirement'}: 「{spec.requirement}」")
    console.print(f"{'来源' if zh else 'Source'}: {chosen.source}")
    console.print(
        f"{'严重程度' if zh else 'Severity'}: {spec.severity}   checker: {spec.checker}   material: {spec.material or '-'}"
    )
    if spec.params:
        console.print(
            f"{'参数' if zh else 'Parameters'}: {json.dumps(spec.params, ensure_ascii=False)}"
        )
    console.print(chk.doc if chk else ("（该项检查尚未实现）" if zh else "(not yet checked)"))


@app.command()
def inspect(
    file: Annotated[Path, typer.Argument(help="要查看的文件 / file to inspect")],
    as_material: Annotated[
        str | None, typer.Option("--as", help="video / report / courseware / info_form")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.text,
    lang: LangOpt = Lang.zh,
) -> None:
    """显示 casecheck 从一个文件读出的事实 / Show the facts casecheck reads from a file."""
    from casecheck.inspect import inspect_file

    if not file.is_file():
        usage_error(f"file not found: {file}")
    raise typer.Exit(inspect_file(file, as_material, fmt.value, lang.value))


@app.command()
def schema(
    which: Annotated[str, typer.Argument(help="report 或 pack")] = "report",
) -> None:
    """输出 JSON Schema（报告或规则包）/ Print the JSON Schema of the report or of packs."""
    import json

    if which == "report":
        from casecheck.render.json import report_schema

        data: dict[str, Any] = report_schema()
    elif which == "pack":
        from casecheck.packs.model import Pack

        data = Pack.model_json_schema()
    else:
        usage_error("schema: choose 'report' or 'pack'")
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
