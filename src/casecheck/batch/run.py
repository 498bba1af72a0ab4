"""``casecheck batch ROOT``'s work, once the command line was checked (cli/batch.py).

Pipeline: the submission folders (found by discover.py during the usage checks) → stat their
files and answer unchanged ones from the cache (cache.py) → check the rest in worker processes
with a per-submission time limit (pool.py running work.py's ``check_task``) → build the batch
facts and judge the packs' ``batch.*`` rules (rules.py) → the report, the workbook, the pages.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from casecheck.batch.cache import (
    FileStamp,
    ResultCache,
    WorkOutput,
    cache_dir,
    list_stamps,
    load_result,
    run_context,
    submission_key,
)
from casecheck.batch.discover import Found
from casecheck.batch.manifest import match_rows
from casecheck.batch.places import (
    LAYOUT_REASON,
    LayoutPack,
    QuotaRow,
    detect_layout_pack,
    fill_places,
    layout_order,
    quota_rows,
)
from casecheck.batch.pool import Outcome, Workers, run_tasks
from casecheck.batch.rules import (
    WholeHash,
    build_items,
    run_batch_rules,
    settle_duplicates,
    whole_file_hash,
)
from casecheck.batch.work import WorkTask, check_task, overlap_for, preload, whole_known
from casecheck.checkers.batch import BatchFacts, BatchItem, ManifestRow
from casecheck.i18n import Lang, Text
from casecheck.render.batch_text import batch_progress
from casecheck.result import Finding, Report, Severity, Status, SubmissionResult, empty_folders
from casecheck.vocabulary import command
from casecheck.waivers import apply_waivers

if TYPE_CHECKING:
    from casecheck.batch.shards import ShardSpec
    from casecheck.cli.settings import Settings

WORKER_FAILURE = {
    "timeout": Text(
        "检查超时（超过 {detail}），已中止：文件可能过大或已损坏，请单独检查该案例：{again}",
        "Checking took longer than {detail} and was stopped: a file may be huge or damaged; check this folder alone: {again}",
    ),
    "crash": Text(
        "检查进程意外退出（{detail}），此案例未能检查：请单独检查该案例：{again}",
        "The checking process died ({detail}); this folder was not checked: check it alone: {again}",
    ),
    "exception": Text(
        "casecheck 内部错误，此案例未能检查：{detail}",
        "casecheck internal error, this folder was not checked: {detail}",
    ),
}
ARCHIVE = Text(
    "这是压缩包，casecheck 不解压检查：请解压到同名文件夹后再运行批量检查",
    "This is an archive; casecheck does not unpack archives: unzip it into a folder and run the batch again",
)


@dataclass
class BatchJob:
    """What one batch run works on and writes, beyond the shared settings."""

    root: Path
    found: list[Found]  # the submission folders (and archives) under root
    manifest_rows: list[ManifestRow] | None = None  # the 推荐名单, when one was given
    xlsx: Path | None = None
    html: Path | None = None
    csv: Path | None = None
    feedback: Path | None = None
    use_cache: bool = True
    verify_cache: bool = False  # re-hash every file in full before trusting the cache
    timeout: float = 300.0  # seconds per submission
    shard: ShardSpec | None = None  # --shard I/N: check only this share, judge no batch rule

    def outputs(self, output: Path | None) -> list[Path]:
        """Every file or folder this run writes (never inside a submission)."""
        paths = (output, self.xlsx, self.html, self.csv, self.feedback)
        return [p for p in paths if p is not None]


@dataclass
class BatchRun:
    report: Report
    items: list[BatchItem]
    checked: int = 0  # submissions read and checked
    cached: int = 0  # answered from the cache
    seconds: float = 0.0
    layout: LayoutPack | None = None  # the pack the folder layout chose (no --pack given)
    quota: list[QuotaRow] = field(default_factory=list)  # the 指标 table


def _finding(rule: str, status: Status, message: Text, lang: Lang, **kw: Any) -> Finding:
    return Finding(
        rule=rule, status=status, severity=Severity.ERROR, message=message.pick(lang), **kw
    )


def failed_result(folder: str, pack: str | None, outcome: Outcome, lang: Lang) -> SubmissionResult:
    assert outcome.failure is not None
    detail = outcome.detail.strip().splitlines()[-1] if outcome.detail.strip() else outcome.failure
    message = WORKER_FAILURE[outcome.failure].format(detail=detail, again=command("check", folder))
    finding = _finding("batch.worker", Status.ERROR, message, lang, actual=outcome.failure)
    return SubmissionResult(
        path=folder, pack=pack or "", pack_reason=outcome.failure, findings=[finding]
    ).finish()


def archive_result(found: Found, pack: str | None, lang: Lang) -> SubmissionResult:
    finding = _finding(
        "batch.archive",
        Status.FAIL,
        ARCHIVE,
        lang,
        file=Path(found.path).name,
        hint=Text("解压后删除压缩包", "Unzip it, then remove the archive").pick(lang),
    )
    return SubmissionResult(
        path=found.path, pack=pack or "", pack_reason="archive", findings=[finding]
    ).finish()


def _cache(job: BatchJob) -> ResultCache:
    if not job.use_cache:
        return ResultCache(None)
    directory = cache_dir().absolute()
    if directory.is_relative_to(job.root.resolve()) or directory.is_relative_to(
        job.root.absolute()
    ):
        return ResultCache(None)  # never write inside the submissions
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return ResultCache(None)
    return ResultCache(directory)


@dataclass
class Checked:
    """The first half of a batch (a shard's all): each checked submission's result by its
    index in ``found``, and what its worker produced."""

    results: dict[int, SubmissionResult]
    outputs: dict[int, WorkOutput]
    layout: LayoutPack | None = None
    checked: int = 0
    cached: int = 0
    seconds: float = 0.0


def run_batch(
    s: Settings,
    job: BatchJob,
    *,
    work: Callable[[WorkTask], WorkOutput] = check_task,
    progress_console: Console | None = None,
) -> BatchRun:
    """Check every submission of ``job`` and judge the batch rules."""
    started = time.perf_counter()
    checked = check_folders(s, job, work=work, progress_console=progress_console)
    root_name = job.root.resolve().name
    whole = whole_file_hash(job.found)
    run = conclude(s, root_name, job.found, job.manifest_rows, checked, whole)
    run.seconds = time.perf_counter() - started
    return run


def check_folders(
    s: Settings,
    job: BatchJob,
    *,
    work: Callable[[WorkTask], WorkOutput] = check_task,
    progress_console: Console | None = None,
) -> Checked:
    """Check the submissions of ``job`` (those of its shard, if it is one) in workers, or
    answer them from the cache."""
    started = time.perf_counter()
    ruleset = s.rules()
    found = job.found
    layout = None if s.pack else detect_layout_pack(ruleset, found)
    pack_id = s.pack or (layout.pack if layout else None)
    cache = _cache(job)
    packs = [ruleset.pack(pack_id)] if pack_id else ruleset.packs()
    jobs = s.jobs or os.cpu_count() or 1
    mine = [i for i, f in enumerate(found) if job.shard is None or job.shard.holds(f.rel)]
    outputs: dict[int, WorkOutput] = {}
    results: dict[int, SubmissionResult] = {}
    tasks: list[WorkTask] = []
    known: list[tuple[int, list[FileStamp]]] = []  # unchanged files: their result is cached
    context = run_context(
        [p.model_dump_json() for p in packs],
        s.lang,
        s.select,
        s.ignore,
        pack_id,
        content=s.content,
    )

    def task(i: int, f: Found, stamps: list[FileStamp], sharing: int) -> WorkTask:
        return WorkTask(
            index=i,
            folder=f.path,
            stamps=stamps,
            context=context,
            cache_dir=str(cache.directory) if cache.directory else None,
            explicit_pack=pack_id,
            options=s.options(overlap=overlap_for(sharing)),
            packs_dirs=[str(d) for d in s.packs_dir],
            verify=job.verify_cache,
            whole=job.shard is not None,
        )

    unknown: list[tuple[int, list[FileStamp]]] = []
    for i in mine:
        f = found[i]
        if f.archive:
            results[i] = archive_result(f, pack_id, s.lang)
            continue
        stamps = list_stamps(Path(f.path))
        # Unchanged files: stat only, no reading (--verify-cache re-hashes in the workers).
        if cache.known_hashes(stamps) and not job.verify_cache:
            known.append((i, stamps))
        else:
            unknown.append((i, stamps))
    # how many workers share the cores (a failed cache read may still add tasks)
    sharing = min(jobs, len(unknown) or jobs)
    tasks = [task(i, found[i], stamps, sharing) for i, stamps in unknown]
    warm = partial(preload, [str(d) for d in s.packs_dir], s.content)
    # Workers load while the cached results are read (a few ms each).
    early = Workers(min(jobs, len(tasks)), work, warm)
    try:
        for i, stamps in known:
            hit = load_result(cache.directory, submission_key(stamps, context))
            if hit is None or (job.shard is not None and not whole_known(hit, stamps)):
                tasks.append(task(i, found[i], stamps, sharing))
                continue
            hit.result.path, hit.cached = found[i].path, True
            hit.hashes = {st.rel: st.partial or "" for st in stamps}
            outputs[i] = hit
    except BaseException:
        early.stop()
        raise
    failures = 0

    with batch_progress(progress_console, len(mine), s.lang) as bar:
        bar.advance(len(mine) - len(tasks))
        for outcome in run_tasks(
            tasks,
            jobs,
            job.timeout,
            work,
            on_start=lambda t: bar.current(t.folder, job.root),
            warm=warm,
            early=early,
        ):
            if outcome.output is not None:
                outputs[outcome.task.index] = outcome.output
                for stamp in outcome.task.stamps:
                    stamp.partial = outcome.output.hashes.get(stamp.rel)
                    stamp.full = outcome.output.full.get(stamp.rel)
                cache.remember(outcome.task.stamps)
            else:
                failures += 1
                results[outcome.task.index] = failed_result(
                    outcome.task.folder, pack_id, outcome, s.lang
                )
            bar.advance(1)
    for i, out in outputs.items():
        results[i] = out.result
        if layout is not None and out.result.pack_reason == "--pack":
            out.result.pack_reason = LAYOUT_REASON
    cache.save_index()
    return Checked(
        results,
        outputs,
        layout,
        checked=failures + sum(1 for o in outputs.values() if not o.cached),
        cached=sum(1 for o in outputs.values() if o.cached),
        seconds=time.perf_counter() - started,
    )


def conclude(
    s: Settings,
    root_name: str,
    found: list[Found],
    manifest_rows: list[ManifestRow] | None,
    checked: Checked,
    whole: WholeHash,
) -> BatchRun:
    """The second half of a batch, over every submission (a batch's, or the shards' that
    ``merge`` read): places, 附件1 order, the batch rules, the waivers, the report."""
    ruleset = s.rules()
    results, outputs = checked.results, checked.outputs
    items = build_items(found, results, outputs)
    settle_duplicates(items, results, whole)
    facts = BatchFacts(
        root_name=root_name,
        items=items,
        manifest_used=manifest_rows is not None,
    )
    if manifest_rows is not None:
        by_rel, facts.manifest_unmatched = match_rows(manifest_rows, [f.rel for f in found])
        for item in items:
            item.manifest = by_rel.get(item.rel)
    ordered = [results[i] for i in range(len(found))]
    fill_places(ruleset, items, ordered, facts.root_name)
    order = layout_order(ruleset, ordered, [item.rel for item in items])
    ordered, items = [ordered[i] for i in order], [items[i] for i in order]
    batch_findings = run_batch_rules(ruleset, facts, s.options())
    if s.waivers is not None:
        batch_findings += apply_waivers(ordered, s.waivers, s.lang)
    report = Report.of(ordered, batch_findings, titles=ruleset.titles())
    return BatchRun(
        report,
        items,
        checked=checked.checked,
        cached=checked.cached,
        seconds=checked.seconds,
        layout=checked.layout,
        quota=quota_rows(ruleset, ordered),
    )


def batch_and_report(s: Settings, job: BatchJob) -> int:
    """Run the batch, write everything asked for, say what was written; the exit code."""
    err = Console(stderr=True)
    return report_run(run_batch(s, job, progress_console=err), s, job, err)


def say_layout(layout: LayoutPack | None, s: Settings, err: Console) -> None:
    if layout is not None:
        said = Text(
            f"{layout.why.zh}，使用规则包 {layout.pack}（可用 --pack 指定其他规则包）",
            f"{layout.why.en}: using pack {layout.pack} (--pack chooses another)",
        )
        err.print(said.pick(s.lang), markup=False, highlight=False, soft_wrap=True)


def cannot_write(exc: OSError, s: Settings, err: Console) -> int:
    cannot = Text(f"无法写出：{exc}", f"cannot write: {exc}").pick(s.lang)
    err.print(f"casecheck: {cannot}", markup=False, highlight=False)
    return 2


def tally(results: Iterable[SubmissionResult], cached: int, seconds: float) -> Text:
    """「检查了 4 个案例文件夹（其中 1 个是空文件夹；3 个未改动，沿用上次的结果），用时 1.4 秒」:
    every folder counted, empty ones too, as the closing line counts them."""
    results = list(results)
    n, empty = len(results), empty_folders(results)
    zh, en = [], []
    if empty:
        zh.append(f"其中 {empty} 个是空文件夹")
        en.append(f"{empty} empty")
    if cached:
        zh.append(f"{'均' if cached >= n else f'{cached} 个'}未改动，沿用上次的结果")
        en.append(f"{'all' if cached >= n else cached} unchanged, last results reused")
    return Text(
        f"检查了 {n} 个案例文件夹"
        + (f"（{'；'.join(zh)}）" if zh else "")
        + f"，用时 {seconds:.1f} 秒",
        f"Checked {n} submission folder{'s' if n != 1 else ''}"
        + (f" ({'; '.join(en)})" if en else "")
        + f" in {seconds:.1f} s",
    )


def report_run(run: BatchRun, s: Settings, job: BatchJob, err: Console) -> int:
    """Write the outputs of a concluded batch (or merge) and say so; the exit code."""
    from casecheck.batch.outputs import write_outputs, written_line
    from casecheck.result import exit_code

    say_layout(run.layout, s, err)
    try:
        written = write_outputs(run, s, job)
    except OSError as exc:
        return cannot_write(exc, s, err)
    if s.fmt != "json" or s.output is not None:
        msg = tally(run.report.submissions, run.cached, run.seconds)
        err.print(msg.pick(s.lang), style="dim", markup=False, highlight=False, soft_wrap=True)
    if written:
        err.print(written_line(written, s.lang), markup=False, highlight=False, soft_wrap=True)
    return exit_code(run.report, s.strict)
