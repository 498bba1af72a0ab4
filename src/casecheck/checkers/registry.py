"""The checker registry: generic, parameterised verbs that packs refer to by name.

A checker is a generator over one material's facts. Packs say which checker a rule uses and
with what parameters; the registry validates those parameters with the checker's own
pydantic model. Modules are imported lazily, the first time a rule needs one of their
checkers: the registry knows which module holds which checker without importing it, from
``casecheck.checkers.BUILTIN_MODULES`` and from the ``casecheck.checkers`` entry points (an
entry point named after a checker, or a ``prefix.*`` pattern, maps it to its module; an
entry point with any other name is imported when a checker is not found otherwise).
"""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from pydantic import BaseModel, ConfigDict

from casecheck.i18n import Lang, Text
from casecheck.places import Where
from casecheck.result import Finding, Picture, Severity, Status

ENTRY_POINT_GROUP = "casecheck.checkers"


class Params(BaseModel):
    """Base of every checker's parameters: a key the model does not know is a pack error."""

    model_config = ConfigDict(extra="forbid")


class NoParams(Params):
    """A checker that takes no parameters."""


@dataclass
class RuleContext:
    """What a checker knows about the rule it is judging for, and how it makes findings."""

    rule_id: str
    severity: Severity
    material: str | None
    file: str | None
    requirement: str | None
    lang: Lang
    params: Any  # an instance of the checker's Params model

    def finding(
        self,
        status: Status,
        message: Text,
        *,
        actual: Any = None,
        expected: Any = None,
        location: Where | Text | str | None = None,
        hint: Text | None = None,
        file: str | None = None,
        place: dict[str, Any] | None = None,
        pictures: list[Picture] | None = None,
    ) -> Finding:
        """A finding of this rule; ``location`` gives both its words and its ``place`` data.

        Pass a ``places.Where``; words alone (``Text``/``str``) need an explicit ``place``.
        """
        words: str | None
        if isinstance(location, Where):
            words, place = location.pick(self.lang), place if place is not None else location.place
        elif location is not None and place is None:
            raise TypeError("a location needs place data: pass a casecheck.places.Where")
        elif isinstance(location, tuple):
            words = Text(*location).pick(self.lang)
        else:
            words = location
        return Finding(
            rule=self.rule_id,
            status=status,
            severity=self.severity,
            material=self.material,
            file=file if file is not None else self.file,
            location=words,
            message=message.pick(self.lang),
            actual=actual,
            expected=expected,
            requirement=self.requirement,
            hint=hint.pick(self.lang) if hint else None,
            place=place,
            pictures=pictures or [],
        )

    def ok(self, message: Text, **kw: Any) -> Finding:
        return self.finding(Status.PASS, message, **kw)

    def violation(self, message: Text, **kw: Any) -> Finding:
        """``fail`` for an error-severity rule, ``warn`` for a warning-severity one."""
        status = Status.FAIL if self.severity is Severity.ERROR else Status.WARN
        return self.finding(status, message, **kw)

    def near_miss(self, message: Text, **kw: Any) -> Finding:
        """Always ``warn``: close to the requirement (e.g. 仿宋 for 仿宋_GB2312)."""
        return self.finding(Status.WARN, message, **kw)

    def manual(self, message: Text, **kw: Any) -> Finding:
        return self.finding(Status.MANUAL, message, **kw)

    def skipped(self, message: Text, **kw: Any) -> Finding:
        return self.finding(Status.SKIPPED, message, **kw)

    def error(self, message: Text, **kw: Any) -> Finding:
        return self.finding(Status.ERROR, message, **kw)


CheckFn = Callable[[Any, RuleContext], Iterable[Finding]]


@dataclass
class MaterialFacts:
    """The facts of several materials of one submission, for rules that compare them.

    A checker declared with ``facts=("info_form", "report", "courseware")`` receives one of
    these. ``facts`` holds only the materials that are present and could be read; a missing
    or unreadable material is left out (its own rules already report it).
    """

    facts: dict[str, Any]  # material → facts model
    files: dict[str, str]  # material → file name, for every present material
    errors: dict[str, Any] = field(default_factory=dict)  # material → its ReadError

    def get(self, material: str) -> Any | None:
        return self.facts.get(material)


@dataclass(frozen=True)
class Checker:
    name: str
    # Which facts it reads: "submission", "batch", one material ("video", "report",
    # "courseware", "info_form") or other facts of a material's file ("video_content",
    # "slide_renders"), or a tuple of those (it then gets MaterialFacts).
    facts: str | tuple[str, ...]
    params: type[BaseModel]
    run: CheckFn

    @property
    def fact_names(self) -> tuple[str, ...]:
        return self.facts if isinstance(self.facts, tuple) else (self.facts,)

    @property
    def doc(self) -> str:
        return (self.run.__doc__ or "").strip()

    @property
    def explanation(self) -> Any:
        """What ``casecheck explain`` says (an ``explanation.Explanation``): the ``EXPLAIN``
        entry of the checker's own module, written beside its messages."""
        module = sys.modules.get(self.run.__module__)
        return getattr(module, "EXPLAIN", {}).get(self.name)


_REGISTRY: dict[str, Checker] = {}
_loaded = False  # every module imported (load_checkers)
_imported: set[str] = set()  # modules imported so far
_plugins: list[tuple[str, str]] | None = None  # (entry point name, module), read once


def checker(
    name: str, *, facts: str | tuple[str, ...], params: type[BaseModel] = NoParams
) -> Callable[[CheckFn], CheckFn]:
    """Register a checker function under ``name`` (the name packs use)."""

    def register(fn: CheckFn) -> CheckFn:
        _REGISTRY[name] = Checker(name=name, facts=facts, params=params, run=fn)
        return fn

    return register


def builtin_modules() -> dict[str, str]:
    """Checker name → module of every built-in checker (nothing imported)."""
    from casecheck.checkers import BUILTIN_MODULES

    return {
        name: f"casecheck.checkers.{module}"
        for module, names in BUILTIN_MODULES.items()
        for name in names
    }


def plugin_entries() -> list[tuple[str, str]]:
    """(name, module) of the ``casecheck.checkers`` entry points, read once per process."""
    global _plugins
    if _plugins is None:
        from importlib.metadata import entry_points

        _plugins = [(ep.name, ep.value) for ep in entry_points(group=ENTRY_POINT_GROUP)]
    return _plugins


def _import(module: str) -> None:
    if module in _imported:
        return
    _imported.add(module)
    builtin = module.startswith("casecheck.")
    try:
        import_module(module)
    except ModuleNotFoundError as exc:
        # A built-in checker module not written yet: its rules are "not yet checked".
        if not builtin:
            _plugin_failed(module, exc)
        elif exc.name != module:
            raise
    except Exception as exc:  # a broken plugin must not take the tool down
        if builtin:
            raise
        _plugin_failed(module, exc)


def _plugin_failed(module: str, exc: BaseException) -> None:
    print(f"casecheck: checker module {module!r} failed to load: {exc}", file=sys.stderr)


def module_of(name: str) -> str | None:
    """The module that registers checker ``name``, found without importing anything."""
    builtin = builtin_modules().get(name)
    if builtin is not None:
        return builtin
    for ep_name, module in plugin_entries():
        if ep_name == name or ("*" in ep_name and fnmatch.fnmatchcase(name, ep_name)):
            return module
    return None


def get_checker(name: str) -> Checker | None:
    """The checker registered as ``name``, importing its module the first time it is asked."""
    if name not in _REGISTRY:
        module = module_of(name)
        if module is not None:
            _import(module)
        if name not in _REGISTRY:
            _import_unnamed_plugins()
    return _REGISTRY.get(name)


def is_available(name: str) -> bool:
    """Whether checker ``name`` exists, importing no built-in checker module."""
    if name in _REGISTRY:
        return True
    module = module_of(name)
    if module is not None and module.startswith("casecheck."):
        from importlib.util import find_spec

        return find_spec(module) is not None
    return get_checker(name) is not None


def _import_unnamed_plugins() -> None:
    """Entry points that name no checker (``acme = acme_checks``): imported all at once."""
    for ep_name, module in plugin_entries():
        if "." not in ep_name and "*" not in ep_name:
            _import(module)


def load_checkers() -> dict[str, Checker]:
    """Import every built-in and plugin checker module (once) and return the registry.

    For listings only: checking a submission imports just the modules its rules need.
    """
    global _loaded
    if not _loaded:
        _loaded = True
        for module in dict.fromkeys(builtin_modules().values()):
            _import(module)
        for _, module in plugin_entries():
            _import(module)
    return _REGISTRY
