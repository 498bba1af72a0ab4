"""Build the batch facts from the checked submissions and run the packs' ``batch.*`` rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from casecheck.batch.cache import WorkOutput
from casecheck.batch.discover import Found
from casecheck.batch.hashing import sha256_file
from casecheck.checkers.batch import BatchFacts, BatchItem
from casecheck.checkers.registry import RuleContext, get_checker
from casecheck.engine import Options
from casecheck.findings import Finding, Severity, SubmissionResult
from casecheck.i18n import Text


class PackInvalid(Exception):
    """A pack whose batch rule parameters do not validate (a usage error)."""


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


def settle_duplicates(
    items: list[BatchItem], results: dict[int, SubmissionResult], found: list[Found]
) -> None:
    """Replace equal partial hashes by whole-file SHA-256: only files whose size and first and
    last MiB equal another's (duplicate candidates) are read in full."""
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
                if name:
                    setattr(items[i], field, sha256_file(str(Path(found[i].path) / name)))


def run_batch_rules(lib: Any, facts: BatchFacts, options: Options) -> list[Finding]:
    """Each pack's batch.* rules over the submissions checked with that pack; a rule shared
    with identical parameters by several packs (batch.duplicate) runs once over all of them."""
    from casecheck.engine import selected_rules, validate_pack
    from casecheck.packs import PackError

    groups: dict[tuple[str, str, str], tuple[Any, Any, list[BatchItem]]] = {}
    for pack_id in sorted({item.pack for item in facts.items if item.pack}):
        try:
            pack = lib.get(pack_id)
            rules = selected_rules(pack, options, batch=True)
            params = validate_pack(pack, only={rule_id for rule_id, _ in rules})
        except PackError as exc:
            raise PackInvalid(str(exc)) from exc
        for rule_id, spec in rules:
            key = (
                rule_id,
                spec.checker,
                json.dumps(spec.params, sort_keys=True, ensure_ascii=False),
            )
            entry = groups.setdefault(key, (spec, params.get(rule_id), []))
            entry[2].extend(item for item in facts.items if item.pack == pack_id)
    findings: list[Finding] = []
    for (rule_id, checker_name, _), (spec, params, items) in groups.items():
        ctx = RuleContext(
            rule_id=rule_id,
            severity=Severity(spec.severity),
            material=None,
            file=None,
            requirement=spec.requirement or None,
            lang=options.lang,
            params=params,
        )
        chk = get_checker(checker_name)
        if chk is None:
            findings.append(
                ctx.skipped(
                    Text("尚未检查（该项检查尚未实现）", "Not yet checked (no checker available)")
                )
            )
            continue
        subset = facts.model_copy(update={"items": items})
        try:
            findings.extend(chk.run(subset, ctx))
        except Exception as exc:  # a checker bug is a finding, never a traceback
            findings.append(
                ctx.error(
                    Text(f"casecheck 内部错误：{exc!r}", f"casecheck internal error: {exc!r}")
                )
            )
    return findings
