"""The commands that show what casecheck knows: ``packs``, ``rules``, ``explain``, ``schema``,
``config``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from casecheck.cli.options import (
    ConfigOpt,
    LangOpt,
    PackOpt,
    PacksDir,
    PlainFormatOpt,
)
from casecheck.cli.settings import load_rules, settings
from casecheck.cli.usage import UsageProblem, fail
from casecheck.i18n import Text


def packs(ctx: typer.Context, packs_dir: PacksDir = None, lang: LangOpt = "zh") -> None:
    """列出规则包 / List the rule packs."""
    from casecheck.render.catalog import packs_table, print_table

    s = settings(ctx, None)
    print_table(packs_table(load_rules(s).packs(include_abstract=True), s.lang))


def rules(
    ctx: typer.Context, pack: PackOpt = None, packs_dir: PacksDir = None, lang: LangOpt = "zh"
) -> None:
    """列出规则：id、严重程度、依据 / List rules with id, severity and requirement."""
    from casecheck.checkers.registry import is_available
    from casecheck.packs.loader import DEFAULT_PACK
    from casecheck.render.catalog import print_table, rules_table

    s = settings(ctx, None)
    ruleset = load_rules(s)
    print_table(rules_table(ruleset.pack(s.pack or DEFAULT_PACK), is_available, s.lang))


def explain(
    ctx: typer.Context,
    rule_id: Annotated[
        str,
        typer.Argument(metavar="RULE", hidden=True, show_default=False),
    ],
    pack: PackOpt = None,
    packs_dir: PacksDir = None,
    source: Annotated[
        bool,
        typer.Option(
            "--source",
            help="也显示规则包文件:行号、检查器、读取器和测试的位置 / where its code is",
        ),
    ] = False,
    lang: LangOpt = "zh",
) -> None:
    """说明规则：要求原文、怎样算通过、参数、如何修改 / Explain a rule.

    \b
    RULE  规则 id、前缀或名称，如 video.duration、video 或 正文格式
          a rule id, prefix or title
    """
    from casecheck.cli.usage import check_rule_patterns
    from casecheck.packs.loader import DEFAULT_PACK
    from casecheck.packs.ruleset import rule_matches
    from casecheck.render.explain import explain_rules

    s = settings(ctx, None)
    ruleset = load_rules(s)
    found = {}
    packs = [s.pack] if s.pack else [DEFAULT_PACK, *ruleset.ids()]
    for pid in packs:
        for rid, rule in ruleset.rules(pid).items():
            if rid not in found and rule_matches(rid, [rule_id]):
                found[rid] = rule
    if not found:  # the words the report shows: 「正文格式」, "Body style"
        wanted = rule_id.strip().casefold()
        for pid in packs:
            for rid, rule in ruleset.rules(pid).items():
                titles = (rule.title.zh.casefold(), rule.title.en.casefold())
                if rid not in found and wanted in titles:
                    found[rid] = rule
    if not found:
        try:
            check_rule_patterns([rule_id], ruleset.known_rule_ids())
        except UsageProblem as problem:
            s.refuse(problem)
    explain_rules(list(found.values()), s.lang, source=source)


def schema(
    which: Annotated[
        str,
        typer.Argument(metavar="report|pack", hidden=True),
    ] = "report",
    lang: LangOpt = "zh",
) -> None:
    """输出 JSON Schema（报告或规则包）/ Print the JSON Schema of the report or of packs.

    \b
    report  JSON 报告的 schema（默认）/ the JSON report (default)
    pack    规则包 YAML 的 schema / a rule pack
    """
    import json

    if which == "report":
        from casecheck.render.json import report_schema

        data: dict[str, object] = report_schema()
    elif which == "pack":
        from casecheck.packs.model import Pack

        data = Pack.model_json_schema()
    else:
        fail(
            UsageProblem(
                Text(f"没有 {which} 这种 schema", f"no schema called {which}"),
                Text(
                    "请写 casecheck schema report 或 casecheck schema pack", "Use report or pack."
                ),
            ),
            lang,
        )
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def config(
    ctx: typer.Context,
    config: ConfigOpt = None,
    pack: PackOpt = None,
    packs_dir: PacksDir = None,
    lang: LangOpt = "zh",
    select: Annotated[list[str] | None, typer.Option("--select")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j")] = None,
    waivers: Annotated[Path | None, typer.Option("--waivers")] = None,
    fmt: PlainFormatOpt = "text",
) -> None:
    """显示生效的设置及其来源 / Show the effective settings and where each came from."""
    from casecheck.render.config import render_config

    s = settings(ctx, config)
    assert s.effective is not None
    sys.stdout.write(render_config(s.effective, fmt, s.lang))
