"""Check one submission folder: classify its files, read each material once, run the pack's rules."""

from __future__ import annotations

import fnmatch
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from casecheck.checkers.registry import Checker, MaterialFacts, RuleContext, get_checker
from casecheck.findings import CaseInfo, Finding, Severity, Status, SubmissionResult
from casecheck.i18n import Lang, Text
from casecheck.materials import Classification, classify
from casecheck.packs.loader import DEFAULT_PACK, PackError, PackLibrary
from casecheck.packs.model import Pack, RuleSpec
from casecheck.readers.errors import ReadError, as_read_error

# material → (module, function) of the reader that turns its file into facts.
READERS: dict[str, tuple[str, str]] = {
    "video": ("casecheck.readers.media.video", "read_video"),
    "report": ("casecheck.readers.docx", "read_docx"),
    "courseware": ("casecheck.readers.pptx", "read_pptx"),
    "info_form": ("casecheck.readers.form", "read_form"),
    "video_content": ("casecheck.readers.media.content", "read_video_content"),
    "slide_renders": ("casecheck.readers.pptx.render", "render_end_slides"),
}
# Facts read from another material's file (the rest are named after their material).
FACT_MATERIAL: dict[str, str] = {"video_content": "video", "slide_renders": "courseware"}
# Facts that decode or render content (slow): ``--no-content`` skips the rules needing them.
CONTENT_FACTS = frozenset({"video_content", "slide_renders"})
NO_CONTENT = Text(
    "未检查（使用了 --no-content，跳过音频与画面内容检查）",
    "Not checked (--no-content skips the sound and picture checks)",
)
INTERNAL_ERROR = Text(
    "casecheck 内部错误，此项未能检查：{error}。请将该文件反馈给管理员",
    "casecheck internal error, this item was not checked: {error}. Please report this file.",
)


def reader_for(material: str) -> Callable[[Path], Any] | None:
    module_name, func = READERS[material]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None
        raise
    reader: Callable[[Path], Any] = getattr(module, func)
    return reader


@dataclass
class Options:
    lang: Lang = "zh"
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    content: bool = True  # False: --no-content


def rule_matches(rule_id: str, patterns: Iterable[str]) -> bool:
    """``video`` / ``video.`` / ``video.*`` / ``video.duration`` all select video.duration."""
    for pattern in patterns:
        pattern = pattern.strip()
        if not pattern:
            continue
        if any(ch in pattern for ch in "*?["):
            if fnmatch.fnmatchcase(rule_id, pattern):
                return True
        elif rule_id == pattern or rule_id.startswith(pattern.rstrip(".") + "."):
            return True
    return False


def selected_rules(
    pack: Pack, options: Options, *, batch: bool = False
) -> list[tuple[str, RuleSpec]]:
    """The enabled rules after --select/--ignore: per-submission ones, or (batch=True) batch.* ones."""
    rules = [
        (rid, spec)
        for rid, spec in pack.rules.items()
        if spec.enabled and rid.startswith("batch.") == batch
    ]
    if options.select:
        rules = [(rid, s) for rid, s in rules if rule_matches(rid, options.select)]
    if options.ignore:
        rules = [(rid, s) for rid, s in rules if not rule_matches(rid, options.ignore)]
    return rules


def validate_pack(
    pack: Pack, library: PackLibrary | None = None, only: set[str] | None = None
) -> dict[str, Any]:
    """Validate every rule's params (or the rules in ``only``) with its checker's model;
    PackError names file, line, field."""
    params: dict[str, Any] = {}
    for rule_id, spec in pack.rules.items():
        if only is not None and rule_id not in only:
            continue  # its checker module is not even imported
        chk = get_checker(spec.checker)
        if chk is None:
            continue
        try:
            params[rule_id] = chk.params(**spec.params)
        except ValidationError as exc:
            problems = []
            for err in exc.errors():
                keys = ("rules", rule_id, "params", *(str(p) for p in err["loc"]))
                where = library.locate(pack.id, keys) if library else pack.origin
                problems.append(
                    f"{where}: pack '{pack.id}': field '{'.'.join(keys)}': {err['msg']}"
                )
            raise PackError("\n".join(problems)) from exc
    return params


class FactsCache:
    """Reads each material's file at most once per submission (facts or the ReadError)."""

    def __init__(self) -> None:
        self._facts: dict[tuple[str, str], Any] = {}

    def get(self, material: str, path: str) -> Any:
        key = (material, path)
        if key not in self._facts:
            reader = reader_for(material)
            if reader is None:
                self._facts[key] = None
            else:
                try:
                    self._facts[key] = reader(Path(path))
                except ReadError as exc:
                    self._facts[key] = exc
                except Exception as exc:  # a reader bug on odd input: a finding, not a traceback
                    self._facts[key] = as_read_error(exc)
        return self._facts[key]


@dataclass
class PackChoice:
    pack: Pack
    reason: str  # "--pack", "info form title", "default"
    detail: str = ""  # e.g. the form title that selected it


def choose_pack(
    folder: Path, library: PackLibrary, explicit: str | None, cache: FactsCache
) -> tuple[PackChoice, Classification | None]:
    """``--pack``, else the info form's title, else the default pack."""
    if explicit:
        return PackChoice(library.get(explicit), "--pack", explicit), None
    default = library.get(DEFAULT_PACK)
    classification = classify(folder, default.materials)
    form = classification.assigned.get("info_form")
    if form is not None:
        facts = cache.get("info_form", form.path)
        title = getattr(facts, "title", None) if not isinstance(facts, ReadError) else None
        if title:
            for pack in library.all():
                if any(t in title for t in pack.detect.form_titles):
                    return PackChoice(pack, "info form title", title), classification
    return PackChoice(default, "default", DEFAULT_PACK), classification


def check_submission(
    folder: Path,
    library: PackLibrary,
    options: Options,
    explicit_pack: str | None = None,
    cache: FactsCache | None = None,
) -> SubmissionResult:
    """Run every selected rule of the chosen pack over ``folder``.

    Pass ``cache`` to reuse the facts afterwards (batch mode reads the case name from it).
    """
    cache = cache if cache is not None else FactsCache()
    choice, classification = choose_pack(folder, library, explicit_pack, cache)
    pack = choice.pack
    params = validate_pack(pack, library)
    if classification is None or choice.pack.materials != library.get(DEFAULT_PACK).materials:
        classification = classify(folder, pack.materials)
    result = SubmissionResult(
        path=str(folder),
        pack=pack.id,
        pack_reason=choice.reason
        + (f": {choice.detail}" if choice.reason == "info form title" else ""),
        materials={
            m: (e.name if (e := classification.assigned.get(m)) else None) for m in pack.materials
        },
    )
    for rule_id, spec in selected_rules(pack, options):
        result.findings.extend(
            run_rule(
                rule_id,
                spec,
                get_checker(spec.checker),
                params.get(rule_id),
                classification,
                cache,
                options,
            )
        )
    result.case = case_identity(classification, cache)
    return result.finish()


def several_materials(
    materials: tuple[str, ...], classification: Classification, cache: FactsCache
) -> MaterialFacts:
    """The facts of each present, readable material among ``materials`` (each read once).

    A name may also be other facts of a material's file (FACT_MATERIAL: ``video_content``
    of the video); an unreadable one is left out of ``facts`` and its ReadError kept in
    ``errors``.
    """
    gathered = MaterialFacts(facts={}, files={})
    for material in materials:
        entry = classification.assigned.get(FACT_MATERIAL.get(material, material))
        if entry is None:
            continue
        gathered.files[material] = entry.name
        facts = cache.get(material, entry.path)
        if isinstance(facts, ReadError):
            gathered.errors[material] = facts
        elif facts is not None:
            gathered.facts[material] = facts
    return gathered


def case_identity(classification: Classification, cache: FactsCache) -> CaseInfo:
    """Case name, category and first author from the info form, when it could be read."""
    entry = classification.assigned.get("info_form")
    facts = cache.get("info_form", entry.path) if entry else None
    if facts is None or isinstance(facts, ReadError) or not hasattr(facts, "fields"):
        return CaseInfo()
    from casecheck.readers.form.identity import case_identity as read_identity

    return read_identity(facts)


def run_rule(
    rule_id: str,
    spec: RuleSpec,
    chk: Checker | None,
    params: Any,
    classification: Classification,
    cache: FactsCache,
    options: Options,
) -> list[Finding]:
    material = spec.material
    entry = classification.assigned.get(material) if material else None
    ctx = RuleContext(
        rule_id=rule_id,
        severity=Severity(spec.severity),
        material=material,
        file=entry.name if entry else None,
        requirement=spec.requirement or None,
        lang=options.lang,
        params=params,
    )
    if chk is None:
        return [
            ctx.skipped(
                Text("尚未检查（该项检查尚未实现）", "Not yet checked (no checker available)"),
                actual=spec.checker,
            )
        ]
    if chk.facts == "batch":
        return []  # judged over a whole batch, not per submission
    if not options.content and CONTENT_FACTS.intersection(chk.fact_names):
        return [ctx.skipped(NO_CONTENT)]
    if chk.facts == "submission":
        facts: Any = classification
    elif isinstance(chk.facts, tuple):
        facts = several_materials(chk.facts, classification, cache)
    else:
        if entry is None:
            return [
                ctx.skipped(
                    Text(
                        f"缺少该材料，未检查（见 materials.{material}）",
                        f"Material missing; not checked (see materials.{material})",
                    )
                )
            ]
        facts = cache.get(chk.facts if chk.facts in READERS else material or "", entry.path)
        if facts is None:
            return [
                ctx.skipped(
                    Text(
                        "尚未检查（该材料的读取器尚未实现）",
                        "Not yet checked (no reader for this material)",
                    )
                )
            ]
        if isinstance(facts, ReadError):
            return [ctx.error(facts.message)]
    try:
        return list(chk.run(facts, ctx))
    except Exception as exc:  # a checker bug must never become a traceback for a teacher
        return [
            ctx.finding(Status.ERROR, INTERNAL_ERROR.format(error=f"{type(exc).__name__}: {exc}"))
        ]
