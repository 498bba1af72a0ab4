"""What a batch worker does with one submission: hash its files, answer from the cache, or
check it with the engine and store the result.

A worker process loads the rules and the modules the packs need once, when it starts
(``preload``), so no submission pays for start-up; the rules keep their validated
parameters for every submission the worker checks.
"""

from __future__ import annotations

import importlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from casecheck.batch.cache import (
    FileStamp,
    WorkOutput,
    cacheable,
    fill_hashes,
    load_result,
    store_result,
    submission_key,
)

if TYPE_CHECKING:
    from casecheck.engine import FactsCache, Options
    from casecheck.packs.ruleset import RuleSet


@dataclass
class WorkTask:
    """Everything a worker needs to check one folder (picklable)."""

    index: int
    folder: str
    stamps: list[FileStamp]
    context: str  # the cache key's run context (cache.run_context)
    cache_dir: str | None
    explicit_pack: str | None
    options: Options
    packs_dirs: list[str] = field(default_factory=list)
    verify: bool = False  # --verify-cache: whole-file hashes must match the cached result's
    whole: bool = False  # a shard: the report's and video's whole-file SHA-256 go with the result


# The materials whose identical files make a duplicate (checkers/batch.py ``batch.duplicate``).
WHOLE_HASHED = ("report", "video")

_RULESETS: dict[tuple[str, ...], RuleSet] = {}


def worker_ruleset(packs_dirs: list[str]) -> RuleSet:
    """The rules, compiled once per worker process (the main process validated the packs
    and stored the packs cache, or must not)."""
    from casecheck.packs.loader import load_library
    from casecheck.packs.ruleset import RuleSet

    key = tuple(packs_dirs)
    if key not in _RULESETS:
        _RULESETS[key] = RuleSet(load_library([Path(d) for d in packs_dirs], store=False))
    return _RULESETS[key]


def overlap_for(workers: int) -> bool:
    """Whether a video's sound and picture passes overlap in threads in each of ``workers``
    workers: only when each has two cores to itself (otherwise the threads only compete)."""
    import os

    return (os.cpu_count() or 1) >= 2 * workers


def preload(packs_dirs: list[str], content: bool = True) -> None:
    """Run once when a worker starts: the rules with their parameters, the engine, every
    checker and reader module the packs use (the content readers — PyAV, numpy, OpenCV —
    only when the content checks run)."""
    from casecheck.engine import CONTENT_FACTS, READERS

    ruleset = worker_ruleset(packs_dirs)
    for pack_id in ruleset.ids():
        for rule in ruleset.rules(pack_id).values():
            _ = rule.params  # validated now, once, for every submission of this worker
    for name, (module, _) in READERS.items():
        if content or name not in CONTENT_FACTS:
            importlib.import_module(module)


def form_values(facts_cache: FactsCache, folder: str, form_name: str | None) -> dict[str, str]:
    """The info form's short values, from the facts already read while checking."""
    from casecheck.readers.errors import ReadError
    from casecheck.readers.form.identity import short_values

    if not form_name:
        return {}
    facts = facts_cache.get("info_form", str(Path(folder) / form_name))
    if facts is None or isinstance(facts, ReadError):
        return {}
    return short_values(facts)


def whole_hashes(output: WorkOutput, folder: str) -> None:
    """The SHA-256 of the report and the video, for a shard: the duplicate rule is judged by
    ``merge``, which sees no files (batch/shards.py)."""
    from casecheck.batch.hashing import sha256_file

    for material in WHOLE_HASHED:
        name = output.result.materials.get(material)
        if name and name not in output.full:
            output.full[name] = sha256_file(str(Path(folder) / name))


def whole_known(output: WorkOutput, stamps: list[FileStamp]) -> bool:
    """Fill the shard's whole-file hashes from the cache index (``stamps``); False when one
    is not known there (the worker then reads the file)."""
    known = {s.rel: s.full for s in stamps if s.full}
    for material in WHOLE_HASHED:
        name = output.result.materials.get(material)
        if name and name not in output.full:
            if name not in known:
                return False
            output.full[name] = known[name]
    return True


def check_task(task: WorkTask) -> WorkOutput:
    """Hash the folder's files, answer from the cache, else check it and store the result."""
    output = _checked(task)
    if task.whole:
        whole_hashes(output, task.folder)
    return output


def _checked(task: WorkTask) -> WorkOutput:
    from casecheck.engine import FactsCache, check_submission

    started = time.perf_counter()
    fill_hashes(task.stamps, full=task.verify)
    cache = Path(task.cache_dir) if task.cache_dir and cacheable(task.stamps) else None
    key = submission_key(task.stamps, task.context)
    hashes = {s.rel: s.partial or "" for s in task.stamps}
    full = {s.rel: s.full for s in task.stamps if s.full} if task.verify else {}
    hit = load_result(cache, key)
    if hit is not None and (not task.verify or hit.full == full):
        hit.result.path, hit.cached, hit.hashes = task.folder, True, hashes
        return hit
    facts_cache = FactsCache(task.options)
    ruleset = worker_ruleset(task.packs_dirs)
    result = check_submission(
        Path(task.folder), ruleset, task.options, task.explicit_pack, facts_cache
    )
    output = WorkOutput(
        result=result,
        form_fields=form_values(facts_cache, task.folder, result.materials.get("info_form")),
        hashes=hashes,
        full=full,
        seconds=time.perf_counter() - started,
    )
    store_result(cache, key, output)
    return output
