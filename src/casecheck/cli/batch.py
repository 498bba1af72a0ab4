"""``casecheck batch ROOT``: check every submission under ROOT, judge quotas and duplicates,
write the summaries."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from casecheck.cli.options import (
    ConfigOpt,
    CsvOpt,
    FeedbackOpt,
    FormatOpt,
    IgnoreOpt,
    JobsOpt,
    LangOpt,
    NoContentOpt,
    OutputOpt,
    PackOpt,
    PacksDir,
    SelectOpt,
    StrictOpt,
    SummaryHtmlOpt,
    WaiversOpt,
    XlsxOpt,
)
from casecheck.cli.settings import Settings, prepare, settings
from casecheck.cli.usage import UsageProblem, from_file_problems
from casecheck.i18n import Text

if TYPE_CHECKING:
    from casecheck.batch.run import BatchJob


def batch(
    ctx: typer.Context,
    root: Annotated[
        Path,
        typer.Argument(metavar="ROOT", hidden=True, show_default=False),
    ],
    pack: PackOpt = None,
    jobs: JobsOpt = None,
    fmt: FormatOpt = "text",
    output: OutputOpt = None,
    xlsx: XlsxOpt = None,
    html: SummaryHtmlOpt = None,
    csv: CsvOpt = None,
    feedback: FeedbackOpt = None,
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
    shard: Annotated[
        str | None,
        typer.Option(
            "--shard",
            metavar="I/N",
            help="只检查第 I 片（共 N 片，按案例路径分配），写出分片 JSON，由 casecheck merge 合并"
            " / check shard I of N, write its JSON for casecheck merge",
        ),
    ] = None,
    lang: LangOpt = "zh",
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
    from casecheck.batch.run import BatchJob, batch_and_report

    s = settings(ctx, config, fmt=fmt, output=output, strict=strict, content=not no_content)
    job = BatchJob(
        root=root,
        found=[],
        xlsx=xlsx,
        html=html,
        csv=csv,
        feedback=feedback,
        use_cache=not no_cache,
        verify_cache=verify_cache,
        timeout=timeout,
    )
    batch_usage(s, job, manifest, shard)
    if job.shard is not None:
        from casecheck.batch.shards import shard_and_report

        raise typer.Exit(shard_and_report(s, job))
    raise typer.Exit(batch_and_report(s, job))


SHARD_FORM = Text(
    "--shard 应写成 I/N（1 ≤ I ≤ N），如 --shard 2/3 表示共 3 片中的第 2 片",
    "--shard takes I/N (1 ≤ I ≤ N), e.g. --shard 2/3 for the second of three shards",
)
SHARD_FORM_FIX = Text(
    "Kubernetes 的 JOB_COMPLETION_INDEX 从 0 开始：请写 --shard $((JOB_COMPLETION_INDEX + 1))/N",
    "Kubernetes' JOB_COMPLETION_INDEX counts from 0: write --shard $((JOB_COMPLETION_INDEX + 1))/N",
)


def shard_usage(s: Settings, job: BatchJob, shard: str) -> None:
    """``--shard I/N``: the share is well-formed, and the shard writes only its JSON (the
    summaries and the waivers belong to ``merge``)."""
    from casecheck.batch.shards import ShardSpec

    try:
        job.shard = ShardSpec.parse(shard)
    except ValueError:
        s.refuse(UsageProblem(SHARD_FORM, SHARD_FORM_FIX))
    others = [
        name
        for name, given in (
            ("--xlsx", job.xlsx),
            ("--html", job.html),
            ("--csv", job.csv),
            ("--feedback", job.feedback),
        )
        if given is not None
    ]
    if s.fmt not in ("text", "json"):
        others.append(f"--format {s.fmt}")
    if others:
        shown = " ".join(others)
        s.refuse(
            UsageProblem(
                Text(
                    f"分片只写出分片文件（JSON），不写 {shown}",
                    f"a shard writes its shard file (JSON) only, not {shown}",
                ),
                Text(
                    f"请去掉 {shown}，合并时再写：casecheck merge shard-*.json {shown} …",
                    f"Drop {shown} and give it to merge: casecheck merge shard-*.json {shown} …",
                ),
            )
        )
    if s.effective is not None and s.effective.sources.get("waivers") == "command line":
        s.refuse(
            UsageProblem(
                Text(
                    "豁免清单在合并时生效，分片不用", "waivers apply when merging, not in a shard"
                ),
                Text(
                    "请去掉 --waivers，把它交给 casecheck merge",
                    "Drop --waivers and give it to casecheck merge.",
                ),
            )
        )
    s.waivers_file = None  # casecheck.toml's waivers: merge applies them


def batch_usage(
    s: Settings, job: BatchJob, manifest: Path | None, shard: str | None = None
) -> None:
    """Every usage check of ``batch``, before any submission is read: fills ``job.found``
    and ``job.manifest_rows`` (and ``job.shard``)."""
    from casecheck.batch.discover import discover
    from casecheck.batch.manifest import ManifestError, read_manifest
    from casecheck.cli.usage import check_folder, check_output, check_outside

    if shard is not None:
        shard_usage(s, job, shard)
    ruleset = prepare(s, never_under=[job.root])
    try:
        check_folder(job.root)
        if manifest is not None:
            try:
                job.manifest_rows = read_manifest(manifest)
            except ManifestError as exc:
                raise from_file_problems(exc, "manifest") from exc
        keywords = {
            k
            for p in ruleset.packs(include_abstract=True)
            for m in p.materials.values()
            for k in m.keywords
        }
        job.found = discover(job.root, keywords)
        if not job.found and manifest is None:
            raise UsageProblem(
                Text(
                    f"{job.root} 下没有找到案例文件夹（含信息表、课件、视频或总结报告文件的文件夹）",
                    f"no submission folder under {job.root} "
                    "(a folder holding a form, deck, video or report)",
                ),
                Text(
                    "请检查目录是否写对；检查单个案例请用 casecheck check 案例文件夹",
                    "Check the path; to check one submission use casecheck check FOLDER.",
                ),
            )
        folders = [Path(f.path) for f in job.found if not f.archive]
        for out in job.outputs(s.output):
            if out is job.feedback:
                check_outside(out, folders)
            else:
                check_output(out, folders, create_parents=True)
    except UsageProblem as problem:
        s.refuse(problem)
