"""``casecheck batch ROOT``: find submissions, check them in parallel, judge the batch rules.

Pipeline: discover folders (batch_discover) → stat their files and answer unchanged ones from
the cache (batch_cache) → check the rest in worker processes with a per-submission time
limit (batch_runner) → build the batch facts and run the packs' ``batch.*`` rules
(checkers/batch.py) → render JSON/text/JUnit and the XLSX/HTML/CSV summaries.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

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
from casecheck.batch.discover import Found, discover
from casecheck.batch.manifest import ManifestError, match_rows, read_manifest
from casecheck.batch.outputs import write_outputs, written_line
from casecheck.batch.places import (
    LAYOUT_REASON,
    LayoutPack,
    QuotaRow,
    detect_layout_pack,
    fill_places,
    layout_order,
    quota_rows,
)
from casecheck.batch.pool import Outcome, Workers, WorkTask, check_task, preload, run_tasks
from casecheck.batch.rules import PackInvalid, build_items, run_batch_rules, settle_duplicates
from casecheck.checkers.batch import BatchFacts, BatchItem, ManifestRow
from casecheck.engine import Options
from casecheck.findings import Finding, Report, Severity, Status, SubmissionResult
from casecheck.i18n import Lang, Text
from casecheck.render.batch_text import batch_progress
from casecheck.waivers import WaiverError, Waivers, apply_waivers, load_waivers

WORKER_FAILURE = {
    "timeout": Text(
        "检查超时（超过 {detail}），已中止：文件可能过大或已损坏，请单独运行 casecheck check 查看",
        "Checking took longer than {detail} and was stopped: a file may be huge or damaged; run `casecheck check` on this folder",
    ),
    "crash": Text(
        "检查进程意外退出（{detail}），此案例未能检查：请单独运行 casecheck check 查看",
        "The checking process died ({detail}); this folder was not checked: run `casecheck check` on it",
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
class BatchOptions:
    root: Path
    pack: str | None = None
    jobs: int | None = None  # None: number of CPUs
    timeout: float = 300.0
    lang: Lang = "zh"
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    packs_dirs: list[Path] = field(default_factory=list)
    manifest: Path | None = None
    use_cache: bool = True
    content: bool = True  # False: --no-content
    verify_cache: bool = False  # re-hash every file in full before trusting the cache
    outputs: list[Path] = field(default_factory=list)  # report files (never inside a submission)
    waivers: Path | None = None  # accepted exceptions (YAML), applied after checking


@dataclass
class BatchRun:
    report: Report
    items: list[BatchItem]
    checked: int = 0  # submissions read and checked
    cached: int = 0  # answered from the cache
    seconds: float = 0.0
    layout: LayoutPack | None = None  # the pack the folder layout chose (no --pack given)
    quota: list[QuotaRow] = field(default_factory=list)  # the 指标 table


class UsageError(Exception):
    """Bad arguments: exit code 2."""


def _finding(rule: str, status: Status, message: Text, lang: Lang, **kw: Any) -> Finding:
    return Finding(
        rule=rule, status=status, severity=Severity.ERROR, message=message.pick(lang), **kw
    )


def failed_result(folder: str, pack: str | None, outcome: Outcome, lang: Lang) -> SubmissionResult:
    assert outcome.failure is not None
    detail = outcome.detail.strip().splitlines()[-1] if outcome.detail.strip() else outcome.failure
    message = WORKER_FAILURE[outcome.failure].format(detail=detail)
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


def _cache(opts: BatchOptions) -> ResultCache:
    if not opts.use_cache:
        return ResultCache(None)
    directory = cache_dir().absolute()
    if directory.is_relative_to(opts.root.resolve()) or directory.is_relative_to(
        opts.root.absolute()
    ):
        return ResultCache(None)  # never write inside the submissions
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return ResultCache(None)
    return ResultCache(directory)


def prepare(opts: BatchOptions) -> tuple[Any, list[Found], list[ManifestRow] | None]:
    """Library, submissions and manifest rows, or UsageError."""
    from casecheck.engine import rule_matches
    from casecheck.packs import PackError, load_library

    if not opts.root.exists():
        raise UsageError(f"path not found: {opts.root}")
    if not opts.root.is_dir():
        raise UsageError(f"not a folder: {opts.root}")
    if opts.jobs is not None and opts.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    try:
        lib = load_library(opts.packs_dirs, never_under=[opts.root])
        if opts.pack:
            lib.get(opts.pack)
        packs = lib.all(include_abstract=True)
    except PackError as exc:
        raise UsageError(str(exc)) from exc
    known = {rid for p in packs for rid in p.rules}
    for pattern in opts.select + opts.ignore:
        if not any(rule_matches(rid, [pattern]) for rid in known):
            raise UsageError(f"unknown rule '{pattern}' (see `casecheck rules`)")
    rows = None
    if opts.manifest is not None:
        try:
            rows = read_manifest(opts.manifest)
        except ManifestError as exc:
            raise UsageError(str(exc)) from exc
    keywords = {k for p in packs for m in p.materials.values() for k in m.keywords}
    found = discover(opts.root, keywords)
    folders = [Path(f.path).resolve() for f in found if not f.archive]
    for out in opts.outputs:
        if any(out.absolute().resolve().is_relative_to(d) for d in folders):
            raise UsageError(f"{out}: will not write inside a submission folder")
    return lib, found, rows


def _waivers(path: Path | None) -> Waivers | None:
    try:
        return load_waivers(path) if path is not None else None
    except WaiverError as exc:
        raise UsageError(str(exc)) from exc


def run_batch(
    opts: BatchOptions,
    *,
    work: Callable[[WorkTask], WorkOutput] = check_task,
    progress_console: Console | None = None,
) -> BatchRun:
    """Check every submission under ``opts.root``; UsageError for bad arguments."""
    from casecheck.render.json import build_report

    started = time.perf_counter()
    lib, found, rows = prepare(opts)
    waivers = _waivers(opts.waivers)
    layout = None if opts.pack else detect_layout_pack(lib, found)
    pack_id = opts.pack or (layout.pack if layout else None)
    cache = _cache(opts)
    packs = [lib.get(pack_id)] if pack_id else lib.all()
    context = run_context(
        [p.model_dump_json() for p in packs],
        opts.lang,
        opts.select,
        opts.ignore,
        pack_id,
        content=opts.content,
    )
    outputs: dict[int, WorkOutput] = {}
    results: dict[int, SubmissionResult] = {}
    tasks: list[WorkTask] = []
    known: list[tuple[int, list[FileStamp]]] = []  # unchanged files: their result is cached

    def task(i: int, f: Found, stamps: list[FileStamp]) -> WorkTask:
        return WorkTask(
            index=i,
            folder=f.path,
            stamps=stamps,
            context=context,
            cache_dir=str(cache.directory) if cache.directory else None,
            explicit_pack=pack_id,
            lang=opts.lang,
            select=opts.select,
            ignore=opts.ignore,
            packs_dirs=[str(d) for d in opts.packs_dirs],
            content=opts.content,
            verify=opts.verify_cache,
        )

    for i, f in enumerate(found):
        if f.archive:
            results[i] = archive_result(f, pack_id, opts.lang)
            continue
        stamps = list_stamps(Path(f.path))
        # Unchanged files: stat only, no reading (--verify-cache re-hashes in the workers).
        if cache.known_hashes(stamps) and not opts.verify_cache:
            known.append((i, stamps))
        else:
            tasks.append(task(i, f, stamps))
    jobs = opts.jobs or os.cpu_count() or 1
    # how many workers share the cores (none yet: a failed cache read may still add tasks)
    sharing = min(jobs, len(tasks) or jobs)
    warm = partial(preload, [str(d) for d in opts.packs_dirs], opts.content, sharing)
    # Workers load while the cached results are read (a few ms each).
    early = Workers(min(jobs, len(tasks)), work, warm)
    try:
        for i, stamps in known:
            hit = load_result(cache.directory, submission_key(stamps, context))
            if hit is None:
                tasks.append(task(i, found[i], stamps))
                continue
            hit.result.path, hit.cached = found[i].path, True
            hit.hashes = {s.rel: s.partial or "" for s in stamps}
            outputs[i] = hit
    except BaseException:
        early.stop()
        raise
    failures = 0

    with batch_progress(progress_console, len(found), opts.lang) as bar:
        bar.advance(len(found) - len(tasks))
        for outcome in run_tasks(
            tasks,
            jobs,
            opts.timeout,
            work,
            on_start=lambda t: bar.current(t.folder, opts.root),
            warm=warm,
            early=early,
        ):
            if outcome.output is not None:
                outputs[outcome.task.index] = outcome.output
                for s in outcome.task.stamps:
                    s.partial = outcome.output.hashes.get(s.rel)
                    s.full = outcome.output.full.get(s.rel)
                cache.remember(outcome.task.stamps)
            else:
                failures += 1
                results[outcome.task.index] = failed_result(
                    outcome.task.folder, pack_id, outcome, opts.lang
                )
            bar.advance(1)
    for i, out in outputs.items():
        results[i] = out.result
        if layout is not None and out.result.pack_reason == "--pack":
            out.result.pack_reason = LAYOUT_REASON
    cache.save_index()
    items = build_items(found, results, outputs)
    settle_duplicates(items, results, found)
    facts = BatchFacts(
        root_name=opts.root.resolve().name, items=items, manifest_used=rows is not None
    )
    if rows is not None:
        by_rel, facts.manifest_unmatched = match_rows(rows, [f.rel for f in found])
        for item in items:
            item.manifest = by_rel.get(item.rel)
    ordered = [results[i] for i in range(len(found))]
    fill_places(lib, items, ordered, facts.root_name)
    order = layout_order(lib, ordered, [item.rel for item in items])
    ordered, items = [ordered[i] for i in order], [items[i] for i in order]
    options = Options(lang=opts.lang, select=opts.select, ignore=opts.ignore, content=opts.content)
    try:
        batch_findings = run_batch_rules(lib, facts, options)
    except PackInvalid as exc:
        raise UsageError(str(exc)) from exc
    if waivers is not None:
        batch_findings += apply_waivers(ordered, waivers, opts.lang)
    report = build_report(ordered, batch_findings)
    cached = sum(1 for o in outputs.values() if o.cached)
    return BatchRun(
        report,
        items,
        checked=failures + sum(1 for o in outputs.values() if not o.cached),
        cached=cached,
        seconds=time.perf_counter() - started,
        layout=layout,
        quota=quota_rows(lib, ordered),
    )


def run_batch_cli(
    *,
    root: Path,
    pack: str | None,
    jobs: int | None,
    fmt: str,
    output: Path | None,
    xlsx: Path | None,
    html: Path | None,
    csv: Path | None,
    manifest: Path | None,
    no_cache: bool,
    feedback: Path | None = None,
    timeout: float,
    lang: str,
    select: list[str],
    ignore: list[str],
    strict: bool,
    packs_dir: list[Path] | None,
    waivers: Path | None = None,
    content: bool = True,
    verify_cache: bool = False,
) -> int:
    """The ``batch`` command: returns the exit code (0 ok, 1 fail/error found, 2 usage)."""
    opts = BatchOptions(
        root=root,
        pack=pack,
        jobs=jobs,
        timeout=timeout,
        lang="en" if lang == "en" else "zh",
        select=select,
        ignore=ignore,
        packs_dirs=list(packs_dir or []),
        manifest=manifest,
        use_cache=not no_cache,
        content=content,
        verify_cache=verify_cache,
        outputs=[p for p in (output, xlsx, html, csv, feedback) if p is not None],
        waivers=waivers,
    )
    err = Console(stderr=True)
    try:
        run = run_batch(opts, progress_console=err)
    except UsageError as exc:
        err.print(f"casecheck: {exc}", markup=False, highlight=False)
        return 2
    if run.layout is not None:
        said = Text(
            f"{run.layout.why.zh}，使用规则包 {run.layout.pack}（可用 --pack 指定其他规则包）",
            f"{run.layout.why.en}: using pack {run.layout.pack} (--pack chooses another)",
        )
        err.print(said.pick(opts.lang), markup=False, highlight=False, soft_wrap=True)
    try:
        written = write_outputs(
            run.report, run.items, run.quota, fmt, output, xlsx, html, csv, feedback, opts.lang
        )
    except OSError as exc:
        err.print(f"casecheck: cannot write: {exc}", markup=False, highlight=False)
        return 2
    if fmt != "json" or output is not None:
        msg = Text(
            f"检查 {run.checked} 个，缓存命中 {run.cached} 个，用时 {run.seconds:.1f} 秒",
            f"{run.checked} checked, {run.cached} from cache, {run.seconds:.1f} s",
        )
        err.print(msg.pick(opts.lang), style="dim", markup=False, highlight=False)
    if written:
        err.print(written_line(written, opts.lang), markup=False, highlight=False, soft_wrap=True)
    bad = {"fail", "error"} | ({"warn"} if strict else set())
    return 1 if any(run.report.counts.get(s, 0) for s in bad) else 0
