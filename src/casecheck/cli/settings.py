"""One command's settings, built once: the command line over casecheck.toml over defaults.

``settings(ctx, config, …)`` reads casecheck.toml (found upward, or ``--config``) under the
options the user gave; ``prepare`` makes the usage checks every checking command shares —
the packs (every problem of the user's packs at once), ``--pack``, ``--select``/``--ignore``,
the waivers file — in the user's language, exit code 2, before any work. What the engine
needs leaves as one ``Options`` object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from casecheck.cli.usage import UsageProblem, fail, from_file_problems
from casecheck.i18n import Lang, as_lang

if TYPE_CHECKING:
    from casecheck.config import Effective
    from casecheck.engine import Options
    from casecheck.packs.ruleset import RuleSet
    from casecheck.waivers import Waivers


@dataclass
class Settings:
    """What one run of a command was asked to do."""

    lang: Lang = "zh"
    pack: str | None = None
    packs_dir: list[Path] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    jobs: int | None = None
    waivers_file: Path | None = None
    content: bool = True  # False: --no-content
    strict: bool = False
    verbose: bool = False
    fmt: str = "text"
    output: Path | None = None
    effective: Effective | None = None  # every setting with where it came from (config)
    ruleset: RuleSet | None = None  # after prepare()
    waivers: Waivers | None = None  # after prepare()

    def options(self, *, overlap: bool | None = None) -> Options:
        """What the engine needs to know, as one object. ``overlap`` (the video's sound and
        picture read side by side): by default when this process has a second core."""
        import os

        from casecheck.engine import Options

        if overlap is None:
            overlap = (os.cpu_count() or 1) >= 2
        return Options(
            lang=self.lang,
            select=self.select,
            ignore=self.ignore,
            content=self.content,
            overlap=overlap,
        )

    def rules(self) -> RuleSet:
        assert self.ruleset is not None, "prepare() loads the rules"
        return self.ruleset

    def refuse(self, problem: UsageProblem) -> NoReturn:
        fail(problem, self.lang)


def split_ids(values: list[str] | None) -> list[str]:
    """``--select a,b --select c`` → ``[a, b, c]``."""
    return [part.strip() for v in values or [] for part in v.split(",") if part.strip()]


def lang_given(ctx: typer.Context) -> Lang:
    return as_lang(ctx.params.get("lang"))


def settings(ctx: typer.Context, config: Path | None, **command: Any) -> Settings:
    """casecheck.toml under the options given on the command line, plus the command's own."""
    from casecheck.config import ConfigError, given_options, resolve

    try:
        effective = resolve(given_options(ctx), config)
    except ConfigError as exc:
        fail(from_file_problems(exc, "config"), lang_given(ctx))
    waivers = effective["waivers"]
    return Settings(
        lang=as_lang(effective["lang"]),
        pack=effective["pack"],
        packs_dir=[Path(d) for d in effective["packs_dir"] or []],
        select=split_ids(effective["select"]),
        ignore=split_ids(effective["ignore"]),
        jobs=effective["jobs"],
        waivers_file=Path(waivers) if waivers else None,
        effective=effective,
        **command,
    )


def load_rules(s: Settings, never_under: list[Path] | None = None) -> RuleSet:
    """The packs as rules (every problem of the user's packs at once), and ``--pack`` known.
    The packs cache is never written under ``never_under`` (the folders being checked)."""
    from casecheck.packs.loader import PackError
    from casecheck.packs.ruleset import load_ruleset

    try:
        s.ruleset = load_ruleset(s.packs_dir, never_under=never_under)
    except PackError as exc:
        s.refuse(from_file_problems(exc, "pack"))
    if s.pack is not None:
        from casecheck.cli.usage import check_pack_id

        try:
            check_pack_id(s.pack, s.ruleset.ids())
        except UsageProblem as problem:
            s.refuse(problem)
    return s.ruleset


def prepare(s: Settings, never_under: list[Path]) -> RuleSet:
    """The checking commands' shared usage checks: packs, ``--pack``, rule patterns, waivers."""
    from casecheck.cli.usage import check_rule_patterns

    ruleset = load_rules(s, never_under)
    try:
        check_rule_patterns(s.select + s.ignore, ruleset.known_rule_ids())
    except UsageProblem as problem:
        s.refuse(problem)
    if s.waivers_file is not None:
        from casecheck.waivers import WaiverError, load_waivers

        try:
            s.waivers = load_waivers(s.waivers_file)
        except WaiverError as exc:
            s.refuse(from_file_problems(exc, "waivers"))
    return ruleset
