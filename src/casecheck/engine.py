"""Check one submission folder: classify its files, read each material once, judge the rules.

``judge`` is the one place a rule's checker runs over facts — for a submission's rules, the
batch rules and the tests alike. ``check_submission`` gathers the facts each rule needs
(``FactsCache``: every file read at most once) and says why a rule could not judge
(material missing, file unreadable, ``--no-content``).
"""

from __future__ import annotations

import contextlib
import importlib
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casecheck.checkers.registry import MaterialFacts, RuleContext
from casecheck.i18n import Lang, Text
from casecheck.materials import Classification, classify
from casecheck.packs.loader import DEFAULT_PACK
from casecheck.packs.model import Pack
from casecheck.packs.ruleset import Rule, RuleSet
from casecheck.readers.errors import ReadError, as_read_error
from casecheck.readers.library_messages import library_messages
from casecheck.result import CaseInfo, Finding, Status, SubmissionResult

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
# Slow facts started early, beside the reading of the rule's own material, when its facts say
# they will be used: LibreOffice renders the deck while the video decodes, if it has a picture.
EARLY: dict[str, Callable[[Any], bool]] = {
    "slide_renders": lambda video: getattr(video, "video", None) is not None,
}

NO_CONTENT = Text(
    "未检查（使用了 --no-content，跳过音频与画面内容检查）",
    "Not checked (--no-content skips the sound and picture checks)",
)
NO_CHECKER = Text("尚未检查（该项检查尚未实现）", "Not yet checked (no checker available)")
NO_READER = Text(
    "尚未检查（该材料的读取器尚未实现）", "Not yet checked (no reader for this material)"
)
MISSING = Text(
    "缺少该材料，未检查（见 materials.{material}）",
    "Material missing; not checked (see materials.{material})",
)
UNREADABLE_ELSEWHERE = Text(
    "未检查：{file} 无法读取（见 {rule}）",
    "Not checked: {file} cannot be read (see {rule})",
)
INTERNAL_ERROR = Text(
    "casecheck 内部错误，此项未能检查：{error}。请将该文件反馈给管理员",
    "casecheck internal error, this item was not checked: {error}. Please report this file.",
)


@dataclass(frozen=True)
class Options:
    """How to check, decided once from the command line and casecheck.toml (cli.Settings)."""

    lang: Lang = "zh"
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    content: bool = True  # False: --no-content
    # The video's sound and picture passes side by side in threads (two cores or more to
    # spare); a batch worker whose siblings fill the cores reads them in turn.
    overlap: bool = True


def reader_for(material: str) -> Callable[..., Any] | None:
    module_name, func = READERS[material]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None
        raise
    reader: Callable[..., Any] = getattr(module, func)
    return reader


Progress = Callable[[dict[str, Any]], None]


class FactsCache:
    """Reads each material's file at most once per submission (facts or the ReadError), and
    remembers which rule reported an unreadable file, so it is reported once.

    ``progress`` hears ``{"stage": "read", "material": …, "file": …}`` before each read and,
    while the video is decoded, ``{"stage": "decode", "file": …, "done_s": …, "total_s": …}``.
    """

    def __init__(self, options: Options | None = None, progress: Progress | None = None) -> None:
        self.options = options or Options()
        self.progress = progress
        self._facts: dict[tuple[str, str], Any] = {}
        self._early: dict[tuple[str, str], Future[Any]] = {}  # started, not asked for yet
        self._stop = threading.Event()  # set by close(): a decoding started early stops
        self.reported: dict[str, str] = {}  # an unreadable file's path → the rule that said so

    def get(self, material: str, path: str) -> Any:
        key = (material, path)
        if key in self._early:  # kept until read, so close() can still wait for it
            self._facts[key] = self._early[key].result()
            del self._early[key]
        if key not in self._facts:
            self._facts[key] = self._read(material, path)
        return self._facts[key]

    def close(self) -> None:
        """Stop and wait for the reads started early and not asked for (an interrupted check):
        a decoding stops at its next packet, a render thread removes its LibreOffice folder
        before the process goes."""
        if not self._early:
            return
        import sys

        self._stop.set()
        render = sys.modules.get("casecheck.readers.pptx.render")
        if render is not None:
            render.stop_renders()
        for early in self._early.values():
            with contextlib.suppress(Exception):
                early.result(timeout=10)
        self._early.clear()
        if render is not None:
            render.allow_renders()

    def start(self, material: str, path: str) -> None:
        """Read ``material``'s facts in a thread from now on (the video's decoding, a
        renderer that runs as its own process beside it); ``get`` waits for them."""
        key = (material, path)
        if key in self._facts or key in self._early:
            return
        early: Future[Any] = Future()

        def read() -> None:
            early.set_result(self._read(material, path))

        self._early[key] = early
        threading.Thread(target=read, name=f"casecheck-{material}", daemon=True).start()

    def _read(self, material: str, path: str) -> Any:
        reader = reader_for(material)
        if reader is None:
            return None
        name = Path(path).name
        if self.progress is not None:
            self.progress({"stage": "read", "material": material, "file": name})
        try:
            with library_messages():  # the libraries' own words stay off the terminal
                if material == "video_content":
                    return reader(
                        Path(path),
                        overlap=self.options.overlap,
                        progress=self._decoded(name),
                        stop=self._stop,
                    )
                return reader(Path(path))
        except ReadError as exc:
            return exc
        except Exception as exc:  # a reader bug on odd input: a finding, not a traceback
            return as_read_error(exc)

    def _decoded(self, name: str) -> Callable[[float, float], None] | None:
        """The content reader's hook: how far the decoding of ``name`` has come."""
        progress = self.progress
        if progress is None:
            return None
        return lambda done_s, total_s: progress(
            {"stage": "decode", "file": name, "done_s": done_s, "total_s": total_s}
        )


@dataclass
class PackChoice:
    pack: Pack
    reason: str  # "--pack", "info form title", "default"
    detail: str = ""  # e.g. the form title that selected it

    @property
    def said(self) -> str:
        """The ``pack_reason`` of the result: 「info form title: 人机协同…信息表」."""
        return self.reason + (f": {self.detail}" if self.reason == "info form title" else "")


def choose_pack(
    folder: Path, ruleset: RuleSet, explicit: str | None, cache: FactsCache
) -> tuple[PackChoice, Classification | None]:
    """``--pack``, else the info form's title, else the default pack."""
    if explicit:
        return PackChoice(ruleset.pack(explicit), "--pack", explicit), None
    default = ruleset.default()
    classification = classify(folder, default.materials)
    form = classification.assigned.get("info_form")
    if form is not None:
        facts = cache.get("info_form", form.path)
        title = getattr(facts, "title", None) if not isinstance(facts, ReadError) else None
        if title:
            for pack in ruleset.packs():
                if any(t in title for t in pack.detect.form_titles):
                    return PackChoice(pack, "info form title", title), classification
    return PackChoice(default, "default", DEFAULT_PACK), classification


def check_submission(
    folder: Path,
    ruleset: RuleSet,
    options: Options,
    explicit_pack: str | None = None,
    cache: FactsCache | None = None,
    progress: Progress | None = None,
) -> SubmissionResult:
    """Judge every selected rule of the chosen pack over ``folder``.

    Pass ``cache`` to reuse the facts afterwards (batch mode reads the form's values from it),
    or ``progress`` to hear each file being read (FactsCache).
    """
    cache = cache if cache is not None else FactsCache(options, progress)
    choice, classification = choose_pack(folder, ruleset, explicit_pack, cache)
    pack = choice.pack
    if classification is None or pack.materials != ruleset.default().materials:
        classification = classify(folder, pack.materials)
    result = SubmissionResult(
        path=str(folder),
        pack=pack.id,
        pack_reason=choice.said,
        materials={
            m: (e.name if (e := classification.assigned.get(m)) else None) for m in pack.materials
        },
    )
    rules = ruleset.selected(pack.id, options.select, options.ignore)
    try:
        if options.content:
            start_early(rules, classification, cache)
        for rule in rules:
            result.findings.extend(run_rule(rule, classification, cache, options))
    finally:  # Ctrl-C, the pool stopping this worker, a read no rule asked for: none left
        cache.close()
    result.case = case_identity(classification, cache)
    return result.finish()


def start_early(rules: list[Rule], classification: Classification, cache: FactsCache) -> None:
    """Start the slow facts a rule will ask for while other files are read: with a core to
    spare, the video's decoding for a rule of the video that judges its content (the other
    files are read beside it); the deck's render (EARLY) while the video decodes — only when
    the video's facts say there is a picture to compare it with."""
    video = classification.assigned.get("video")
    decoding = (
        cache.options.overlap
        and video is not None
        and any(r.material == "video" and "video_content" in reads(r) for r in rules)
    )
    if decoding and video is not None:
        cache.start("video_content", video.path)
    for rule in rules:
        chk = rule.checker
        own = classification.assigned.get(rule.material) if rule.material else None
        if chk is None or not isinstance(chk.facts, tuple) or own is None:
            continue
        for name in chk.facts:
            entry = classification.assigned.get(FACT_MATERIAL.get(name, name))
            if name not in EARLY or entry is None or entry is own:
                continue
            own_facts = cache.get(rule.material or "", own.path)
            if not isinstance(own_facts, ReadError) and EARLY[name](own_facts):
                cache.start(name, entry.path)
    if decoding:  # the other files are read while the video decodes
        for rule in rules:
            for name in reads(rule):
                entry = classification.assigned.get(FACT_MATERIAL.get(name, name))
                if name not in CONTENT_FACTS and entry is not None:
                    cache.get(name, entry.path)


def reads(rule: Rule) -> tuple[str, ...]:
    """The facts ``rule`` reads from the submission's files when it runs (content facts of
    another material than its own are read only if its checker asks: left out)."""
    chk = rule.checker
    if chk is None or chk.facts in ("batch", "submission"):
        return ()
    if isinstance(chk.facts, tuple):
        return tuple(name for name in chk.facts if not read_later(name, rule.material))
    return (chk.facts if chk.facts in READERS else rule.material or "",)


def read_later(name: str, own: str | None) -> bool:
    """Whether facts ``name`` are content facts of another material than the rule's ``own``:
    read only when its checker asks for them (DeferredFacts)."""
    return own is not None and name in CONTENT_FACTS and FACT_MATERIAL.get(name, name) != own


def judge(rule: Rule, facts: Any, lang: Lang, file: str | None = None) -> list[Finding]:
    """The rule's checker over ``facts``: its findings, or one ``error`` if the checker broke."""
    ctx = rule.context(lang, file)
    if rule.checker is None:
        return [ctx.skipped(NO_CHECKER, actual=rule.spec.checker)]
    try:
        return list(rule.checker.run(facts, ctx))
    except Exception as exc:  # a checker bug must never become a traceback for a teacher
        error = f"{type(exc).__name__}: {exc}"
        return [ctx.finding(Status.ERROR, INTERNAL_ERROR.format(error=error))]


def run_rule(
    rule: Rule, classification: Classification, cache: FactsCache, options: Options
) -> list[Finding]:
    """Gather the facts ``rule`` needs from the submission and judge it; say why it cannot."""
    entry = classification.assigned.get(rule.material) if rule.material else None
    file = entry.name if entry else None
    ctx = rule.context(options.lang, file)
    chk = rule.checker
    if chk is None or chk.facts == "batch":
        return judge(rule, None, options.lang, file) if chk is None else []
    if not options.content and CONTENT_FACTS.intersection(chk.fact_names):
        return [ctx.skipped(NO_CONTENT)]
    if chk.facts == "submission":
        return judge(rule, classification, options.lang, file)
    if isinstance(chk.facts, tuple):
        gathered = several_materials(chk.facts, classification, cache, own=rule.material)
        own = [e for m, e in gathered.errors.items() if FACT_MATERIAL.get(m, m) == rule.material]
        if own and entry is not None:  # the rule's own file cannot be read
            return [unreadable(rule, ctx, entry.name, entry.path, own[0], cache)]
        return judge(rule, gathered, options.lang, file)
    if entry is None:
        return [ctx.skipped(MISSING.format(material=rule.material))]
    facts = cache.get(reads(rule)[0], entry.path)
    if facts is None:
        return [ctx.skipped(NO_READER)]
    if isinstance(facts, ReadError):
        return [unreadable(rule, ctx, entry.name, entry.path, facts, cache)]
    return judge(rule, facts, options.lang, file)


def unreadable(
    rule: Rule, ctx: RuleContext, name: str, path: str, error: ReadError, cache: FactsCache
) -> Finding:
    """An unreadable file is one problem: ``error`` from the first rule that needs it (its
    sentence), ``skipped`` naming that rule from every other."""
    first = cache.reported.setdefault(path, rule.id)
    if first != rule.id:
        return ctx.skipped(UNREADABLE_ELSEWHERE.format(file=name, rule=first))
    return ctx.error(error.message)


@dataclass
class DeferredFacts(MaterialFacts):
    """MaterialFacts whose slow facts of another material (a LibreOffice render of the deck
    for a rule about the video) are read only when the checker asks for them (``get``): a
    rule that stops early — no video, no picture track, the video unreadable — renders
    nothing. A deferred material's ``errors`` entry appears once it was asked for."""

    deferred: dict[str, str] = field(default_factory=dict)  # facts name → file, not read yet
    cache: FactsCache | None = None

    def get(self, material: str) -> Any | None:
        path = self.deferred.pop(material, None)
        if path is not None and self.cache is not None:
            _gather(self, material, path, self.cache)
        return self.facts.get(material)


def _gather(gathered: MaterialFacts, material: str, path: str, cache: FactsCache) -> None:
    facts = cache.get(material, path)
    if isinstance(facts, ReadError):
        gathered.errors[material] = facts
    elif facts is not None:
        gathered.facts[material] = facts


def several_materials(
    materials: tuple[str, ...],
    classification: Classification,
    cache: FactsCache,
    own: str | None = None,
) -> MaterialFacts:
    """The facts of each present, readable material among ``materials`` (each read once).

    A name may also be other facts of a material's file (FACT_MATERIAL: ``video_content``
    of the video); an unreadable one is left out of ``facts`` and its ReadError kept in
    ``errors``. Content facts of a material other than the rule's ``own`` are read when the
    checker first asks for them (DeferredFacts).
    """
    gathered = DeferredFacts(facts={}, files={}, cache=cache)
    for material in materials:
        of = FACT_MATERIAL.get(material, material)
        entry = classification.assigned.get(of)
        if entry is None:
            continue
        gathered.files[material] = entry.name
        if read_later(material, own):
            gathered.deferred[material] = entry.path
        else:
            _gather(gathered, material, entry.path, cache)
    return gathered


def case_identity(classification: Classification, cache: FactsCache) -> CaseInfo:
    """Case name, category and first author from the info form, when it could be read."""
    entry = classification.assigned.get("info_form")
    facts = cache.get("info_form", entry.path) if entry else None
    if facts is None or isinstance(facts, ReadError) or not hasattr(facts, "fields"):
        return CaseInfo()
    from casecheck.readers.form.identity import case_identity as read_identity

    return read_identity(facts)
