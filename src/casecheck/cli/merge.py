"""``casecheck merge SHARD.json…``: the shards of one batch (``batch ROOT --shard I/N``) into
what one ``batch`` run writes — the batch rules judged over every submission, the waivers
applied, the report, workbook, pages and feedback pages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from casecheck.cli.options import (
    ConfigOpt,
    CsvOpt,
    FeedbackOpt,
    FormatOpt,
    OutputOpt,
    PacksDir,
    StrictOpt,
    SummaryHtmlOpt,
    WaiversOpt,
    XlsxOpt,
)
from casecheck.cli.settings import Settings, prepare, settings
from casecheck.cli.usage import UsageProblem
from casecheck.i18n import Text

if TYPE_CHECKING:
    from casecheck.batch.run import BatchJob
    from casecheck.batch.shards import ShardSet


def merge(
    ctx: typer.Context,
    shards: Annotated[
        list[Path],
        typer.Argument(metavar="SHARD.json...", hidden=True, show_default=False),
    ],
    fmt: FormatOpt = "text",
    output: OutputOpt = None,
    xlsx: XlsxOpt = None,
    html: SummaryHtmlOpt = None,
    csv: CsvOpt = None,
    feedback: FeedbackOpt = None,
    strict: StrictOpt = False,
    packs_dir: PacksDir = None,
    waivers: WaiversOpt = None,
    config: ConfigOpt = None,
) -> None:
    """合并分片检查的结果，如同一次批量检查 / Merge the shards of one batch.

    \b
    SHARD.json...  casecheck batch ROOT --shard I/N -o shard-I.json 写出的全部 N 个分片
                   / every shard file of the run
    """
    from rich.console import Console

    from casecheck.batch.run import BatchJob, report_run
    from casecheck.batch.shards import merge_run

    s = settings(ctx, config, fmt=fmt, output=output, strict=strict)
    job = BatchJob(root=Path("."), found=[], xlsx=xlsx, html=html, csv=csv, feedback=feedback)
    shard_set = merge_usage(s, job, shards)
    raise typer.Exit(report_run(merge_run(s, shard_set), s, job, Console(stderr=True)))


def merge_usage(s: Settings, job: BatchJob, paths: list[Path]) -> ShardSet:
    """The shards form one complete run, the packs here are the shards' packs, the outputs
    can be written; the settings become the run's (language, --select/--ignore, --pack)."""
    from casecheck.batch.shards import ShardError, packs_digest, read_shards
    from casecheck.cli.usage import check_output

    try:
        shard_set = read_shards(paths)
    except ShardError as exc:
        s.refuse(UsageProblem(exc.message, exc.fix))
    ident = shard_set.identity
    s.lang = "en" if ident.lang == "en" else "zh"
    s.select, s.ignore, s.pack, s.content = ident.select, ident.ignore, ident.pack, ident.content
    ruleset = prepare(s, never_under=[])
    if packs_digest(ruleset) != ident.packs:
        s.refuse(
            UsageProblem(
                Text(
                    "这里的规则包与分片检查时用的不同：合并须用同样的规则包判断指标与重复",
                    "the packs here differ from those the shards were checked with",
                ),
                Text(
                    "请用与分片相同的 casecheck 版本和 --packs-dir（或 casecheck.toml）运行 merge",
                    "Run merge with the shards' casecheck version and --packs-dir (or casecheck.toml).",
                ),
            )
        )
    try:
        for out in job.outputs(s.output):
            if out is not job.feedback:
                check_output(out, create_parents=True)
    except UsageProblem as problem:
        s.refuse(problem)
    return shard_set
