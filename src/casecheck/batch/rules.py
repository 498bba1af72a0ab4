"""Build the batch facts from the checked submissions and run the packs' ``batch.*`` rules."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from casecheck.batch.cache import WorkOutput
from casecheck.batch.discover import Found
from casecheck.batch.hashing import sha256_file
from casecheck.checkers.batch import BatchFacts, BatchItem
from casecheck.engine import Options
from casecheck.packs.ruleset import Rule, RuleSet
from casecheck.result import Finding, SubmissionResult


def build_items(
    found: list[Found],
    results: dict[int, SubmissionResult],
    outputs: dict[int, WorkOutput],
) -> list[BatchItem]:
    """The batch facts' view of each submission (layout, form values, report/video hashes)."""
    items = []
    for i, f in enumerate(found):
        result, out = results[i], outputs.get(i)
        hashes = out.hashes if out else {}
        report, video = result.materials.get("report"), result.materials.get("video")
        items.append(
            BatchItem(
                path=f.path,
                rel=f.rel,
                groups=f.groups,
                pack=result.pack,
                status=result.status.value,
                archive=f.archive,
                form_fields=out.form_fields if out else {},
                report_sha256=hashes.get(report) if report else None,
                video_sha256=hashes.get(video) if video else None,
            )
        )
    return items


WholeHash = Callable[[int, str], str | None]  # (submission index, file name) → SHA-256


def whole_file_hash(found: list[Found]) -> WholeHash:
    """Read the file in full (batch: the files are here)."""
    return lambda i, name: sha256_file(str(Path(found[i].path) / name))


def settle_duplicates(
    items: list[BatchItem], results: dict[int, SubmissionResult], whole: WholeHash
) -> None:
    """Replace equal partial hashes by whole-file SHA-256: only files whose size and first and
    last MiB equal another's (duplicate candidates) are read in full (``whole``; merge looks
    them up in the shards)."""
    for field, material in (("report_sha256", "report"), ("video_sha256", "video")):
        groups: dict[str, list[int]] = {}
        for i, item in enumerate(items):
            key = getattr(item, field)
            if key:
                groups.setdefault(key, []).append(i)
        for members in groups.values():
            if len(members) < 2:
                continue
            for i in members:
                name = results[i].materials.get(material)
                digest = whole(i, name) if name else None
                if digest:
                    setattr(items[i], field, digest)


def run_batch_rules(ruleset: RuleSet, facts: BatchFacts, options: Options) -> list[Finding]:
    """Each pack's batch.* rules over the submissions checked with that pack; a rule shared
    with identical parameters by several packs (batch.duplicate) runs once over all of them."""
    from casecheck.engine import judge

    groups: dict[tuple[str, str, str], tuple[Rule, list[BatchItem]]] = {}
    for pack_id in sorted({item.pack for item in facts.items if item.pack}):
        for rule in ruleset.selected(pack_id, options.select, options.ignore, batch=True):
            key = (
                rule.id,
                rule.spec.checker,
                json.dumps(rule.spec.params, sort_keys=True, ensure_ascii=False),
            )
            entry = groups.setdefault(key, (rule, []))
            entry[1].extend(item for item in facts.items if item.pack == pack_id)
    findings: list[Finding] = []
    for rule, items in groups.values():
        findings += judge(rule, facts.model_copy(update={"items": items}), options.lang)
    return findings
