"""Packs compiled into ``Rule`` objects, once per process.

A ``Rule`` is what every part of casecheck judges with: its id, checker, validated
parameters, severity, material, the quoted requirement, its title, and where it is written
(``file:line``). A ``RuleSet`` holds the rules of every pack of a library. Parameters are
validated the first time a rule is used and kept, so a batch worker validates each rule once,
not once per submission; the user's own packs are validated completely before any work
starts (``load_ruleset``): every problem — structure, an unknown checker, a parameter of the
wrong type — at once, each with its file and line.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from casecheck.checkers.registry import Checker, RuleContext, get_checker
from casecheck.i18n import Lang, Text
from casecheck.packs.loader import (
    DEFAULT_PACK,
    PackError,
    PackLibrary,
    load_library,
    merge_pack_data,
)
from casecheck.packs.model import Pack, RuleSpec
from casecheck.result import Severity
from casecheck.validation import FileProblem, validation_problems

UNKNOWN_CHECKER = Text(
    "没有名为 {name} 的检查器（拼写错误，或提供它的插件未安装）",
    "no checker called {name} (a typo, or the plugin that provides it is not installed)",
)


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


@dataclass(eq=False)
class Rule:
    """One rule of one pack, ready to judge facts."""

    id: str
    pack: str
    spec: RuleSpec
    origin: str  # file:line where the rule is written (the nearest file along ``extends``)
    library: PackLibrary

    @classmethod
    def of(
        cls,
        checker: str,
        params: dict[str, Any] | None = None,
        *,
        rule_id: str | None = None,
        severity: str = "error",
        material: str | None = None,
        requirement: str = "",
    ) -> Rule:
        """A rule outside any pack file: for testing a checker (``engine.judge(rule, facts)``)."""
        spec = RuleSpec.model_validate(
            {
                "checker": checker,
                "severity": severity,
                "material": material,
                "params": params or {},
                "requirement": requirement,
            }
        )
        return cls(rule_id or checker, "", spec, "", PackLibrary())

    @cached_property
    def checker(self) -> Checker | None:
        """The registered checker (its module imported now), or None when there is none."""
        return get_checker(self.spec.checker)

    @cached_property
    def params(self) -> BaseModel | None:
        """The validated parameters (PackError naming file:line when they are wrong)."""
        if self.checker is None:
            return None
        try:
            return self.checker.params(**self.spec.params)
        except ValidationError as exc:
            where = lambda keys: self.library.locate(self.pack, keys)  # noqa: E731
            raise PackError(validation_problems(exc, where, ("rules", self.id, "params"))) from exc

    @property
    def checker_name(self) -> str:
        return self.spec.checker

    @property
    def severity(self) -> Severity:
        return Severity(self.spec.severity)

    @property
    def material(self) -> str | None:
        return self.spec.material

    @property
    def requirement(self) -> str | None:
        return self.spec.requirement or None

    @property
    def title(self) -> Text:
        """「视频时长」 (the pack's words); the id for a rule the pack gave no title."""
        t = self.spec.title
        return Text(t.zh, t.en) if t else Text(self.id, self.id)

    @property
    def for_batch(self) -> bool:
        """Judged over a whole batch (``batch.*``), not per submission."""
        return self.id.startswith("batch.")

    def context(self, lang: Lang, file: str | None = None) -> RuleContext:
        """What the checker is told about this rule when it judges."""
        return RuleContext(
            rule_id=self.id,
            severity=self.severity,
            material=self.material,
            file=file,
            requirement=self.requirement,
            lang=lang,
            params=self.params,
        )


class RuleSet:
    """Every pack of a library as rules; each pack compiled the first time it is asked for."""

    def __init__(self, library: PackLibrary) -> None:
        self.library = library
        self._rules: dict[str, dict[str, Rule]] = {}

    def pack(self, pack_id: str) -> Pack:
        return self.library.get(pack_id)

    def default(self) -> Pack:
        return self.pack(DEFAULT_PACK)

    def packs(self, include_abstract: bool = False) -> list[Pack]:
        return self.library.all(include_abstract)

    def ids(self, include_abstract: bool = False) -> list[str]:
        return self.library.ids(include_abstract)

    def rules(self, pack_id: str) -> dict[str, Rule]:
        """The enabled rules of a pack, in the pack's order."""
        if pack_id not in self._rules:
            pack = self.pack(pack_id)
            self._rules[pack_id] = {
                rid: Rule(rid, pack_id, spec, self._origin(pack_id, rid), self.library)
                for rid, spec in pack.rules.items()
                if spec.enabled
            }
        return self._rules[pack_id]

    def selected(
        self, pack_id: str, select: list[str], ignore: list[str], *, batch: bool = False
    ) -> list[Rule]:
        """The rules after --select/--ignore: per-submission ones, or (batch) batch.* ones."""
        return [
            rule
            for rule in self.rules(pack_id).values()
            if rule.for_batch == batch
            and (not select or rule_matches(rule.id, select))
            and not rule_matches(rule.id, ignore)
        ]

    def known_rule_ids(self) -> set[str]:
        """Every rule id of every pack (abstract ones included), for --select/--ignore."""
        return {rid for pack in self.packs(include_abstract=True) for rid in pack.rules}

    def find(self, rule_id: str, pack_id: str | None = None) -> Rule | None:
        """The rule ``rule_id`` of ``pack_id`` (default: the default pack, then any pack)."""
        order = [pack_id] if pack_id else [DEFAULT_PACK, *self.ids()]
        for pid in order:
            if rule_id in self.rules(pid):
                return self.rules(pid)[rule_id]
        return None

    def titles(self) -> dict[str, Text]:
        """Every rule's title by id, over all packs (the packs agree on a shared rule's)."""
        found: dict[str, Text] = {}
        for pid in self.ids(include_abstract=True):
            for rid, spec in self.pack(pid).rules.items():
                if spec.title is not None and rid not in found:
                    found[rid] = Text(spec.title.zh, spec.title.en)
        return found

    def _origin(self, pack_id: str, rule_id: str) -> str:
        return self.library.locate(pack_id, ("rules", rule_id))

    # ── the user's packs, validated completely ───────────────────────────────
    def problems(self, pack_ids: list[str]) -> list[FileProblem]:
        """Every problem of these packs: structure, unknown checkers, parameters."""
        found: list[FileProblem] = []
        for pack_id in pack_ids:
            try:
                specs: dict[str, Any] = {
                    rid: s.model_dump() for rid, s in self.pack(pack_id).rules.items()
                }
            except PackError as exc:
                found += exc.problems
                specs = self._written_rules(pack_id)
            found += self._rule_problems(pack_id, specs)
        return found

    def _written_rules(self, pack_id: str) -> dict[str, Any]:
        """The rules a pack that does not validate writes, over its base's (so a rule that
        only changes params still has its checker): what can be checked anyway."""
        raw = self.library.raw[pack_id]
        written = raw.data.get("rules")
        written = written if isinstance(written, dict) else {}
        base_id = raw.data.get("extends")
        try:
            base = self.pack(base_id).model_dump()["rules"] if isinstance(base_id, str) else {}
        except PackError:
            base = {}
        merged: dict[str, Any] = merge_pack_data(base, written)
        return merged

    def _rule_problems(self, pack_id: str, specs: dict[str, Any]) -> list[FileProblem]:
        found: list[FileProblem] = []
        for rule_id, spec in specs.items():
            if not isinstance(spec, dict) or not isinstance(spec.get("checker"), str):
                continue
            where = lambda keys: self.library.locate(pack_id, keys)  # noqa: E731
            checker = get_checker(spec["checker"])
            if checker is None:
                keys = ("rules", rule_id, "checker")
                what = UNKNOWN_CHECKER.format(name=spec["checker"])
                found.append(FileProblem(where(keys), ".".join(keys), what))
                continue
            params = spec.get("params")
            if not isinstance(params, dict):
                continue  # its type is a structural problem, reported above
            try:
                checker.params(**params)
            except ValidationError as exc:
                found += validation_problems(exc, where, ("rules", rule_id, "params"))
        return found


def load_ruleset(
    extra_dirs: list[Path] | None = None,
    *,
    never_under: list[Path] | None = None,
    store: bool = True,
) -> RuleSet:
    """The rules of every pack: built-in ones (pinned valid by the tests) and the user's
    (``--packs-dir``, ``$CASECHECK_PACKS_DIR``), whose every problem raises PackError now."""
    problems: list[FileProblem] = []
    ruleset = RuleSet(
        load_library(extra_dirs, never_under=never_under, store=store, problems=problems)
    )
    problems += ruleset.problems(ruleset.library.user_ids())
    if problems:
        raise PackError(problems)
    return ruleset
