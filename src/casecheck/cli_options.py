"""What every command shares: option types, the report language, usage errors, packs, settings.

Kept apart from cli.py so the commands module stays one screen per command.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, cast

import typer

if TYPE_CHECKING:
    from casecheck.i18n import Lang as I18nLang
    from casecheck.usage import UsageProblem


class Format(StrEnum):
    text = "text"
    concise = "concise"
    json = "json"
    junit = "junit"


class InspectFormat(StrEnum):
    text = "text"
    json = "json"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


PacksDir = Annotated[
    list[Path] | None,
    typer.Option(
        "--packs-dir",
        metavar="DIR",
        help="额外的规则包目录，可写多次（也可用环境变量 CASECHECK_PACKS_DIR）"
        " / extra pack directory (repeatable)",
    ),
]
LangOpt = Annotated[
    Lang, typer.Option("--lang", metavar="zh|en", help="报告语言 / message language")
]
PackOpt = Annotated[
    str | None,
    typer.Option(
        "--pack", metavar="ID", help="规则包 id（默认按信息表标题识别）/ pack id (default: detect)"
    ),
]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        metavar="IDS",
        help="只检查这些规则：id 或前缀，逗号分隔，如 video 或 report.body_style"
        " / only these rules (ids or prefixes)",
    ),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option("--ignore", metavar="IDS", help="不检查这些规则（id 或前缀）/ skip these rules"),
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="警告也视为不通过（退出码 1）/ warnings fail too")
]


def language(lang: Lang) -> I18nLang:
    return cast("I18nLang", lang.value)


def fail(problem: UsageProblem, lang: Lang) -> NoReturn:
    from casecheck.usage import fail as usage_fail

    usage_fail(problem, language(lang))


def library(
    packs_dir: list[Path] | None, lang: Lang = Lang.zh, never_under: list[Path] | None = None
) -> Any:
    """The packs, every problem of the user's packs reported at once (exit 2); the packs
    cache is never written under ``never_under`` (the folders being checked)."""
    from casecheck.pack_problems import checked_library
    from casecheck.usage import UsageProblem

    try:
        return checked_library(packs_dir, language(lang), never_under)
    except UsageProblem as problem:
        fail(problem, lang)


def split_ids(values: list[str] | None) -> list[str]:
    return [part.strip() for v in values or [] for part in v.split(",") if part.strip()]


def check_selection(lib: Any, pack: str | None, patterns: list[str], lang: Lang) -> None:
    from casecheck.usage import UsageProblem, check_pack_id, check_rule_patterns

    try:
        if pack is not None:
            check_pack_id(pack, lib.ids())
        known = {rid for p in lib.all(include_abstract=True) for rid in p.rules}
        check_rule_patterns(patterns, known)
    except UsageProblem as problem:
        fail(problem, lang)


FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        metavar="text|concise|json|junit",
        help="输出格式：text 报告，concise 每个问题一行，json，junit（CI）/ output format",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="写入文件而不是屏幕 / write to FILE"),
]


NoContentOpt = Annotated[
    bool,
    typer.Option(
        "--no-content",
        help="不解码声音与画面（跳过响度、人脸、片头片尾等检查）/ skip the content checks",
    ),
]
WaiversOpt = Annotated[
    Path | None,
    typer.Option(
        "--waivers", metavar="FILE", help="豁免清单（YAML）/ waivers file: accepted exceptions"
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config", metavar="FILE", help="配置文件（默认向上查找 casecheck.toml）/ config file"
    ),
]


def usage_error(message: str) -> NoReturn:
    typer.echo(f"casecheck: {message}", err=True)
    raise typer.Exit(2)


InspectHtmlOpt = Annotated[
    Path | None,
    typer.Option(
        "--html",
        metavar="FILE",
        help="把读出的事实写成 HTML 页（视频含缩略图）/ write the facts as an HTML page",
    ),
]
