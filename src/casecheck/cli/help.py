"""The parser's own words in the help, bilingual like casecheck's own help texts.

Typer (its vendored click) writes "Usage:", "Options", "Commands", "[default: …]" and
"-h, --help  Show this message and exit." in English. Its section titles and the
"default" note go through ``gettext`` in ``typer.core``, so a translation function is put
there; the usage line and the help option are set by the command classes below. The
parser's error messages are translated where they are reported (cli/errors.py).
"""

from __future__ import annotations

from typing import Any

import typer.core

from casecheck.i18n import Text

USAGE = "用法 / Usage: "
HELP_OPTION = "显示本帮助 / show this help"
WORDS = {
    "Options": Text("选项", "Options"),
    "Arguments": Text("参数", "Arguments"),
    "Commands": Text("命令", "Commands"),
    "default: {default}": Text("默认", "default: {default}"),
    "required": Text("必填", "required"),
}


def bilingual(message: str) -> str:
    """「选项 / Options」 for typer.core's gettext calls; other messages as they are."""
    words = WORDS.get(message)
    if words is None:
        return message
    if message.startswith("default"):
        return "默认 / " + words.en
    return f"{words.zh} / {words.en}"


typer.core._ = bilingual  # typer.core's gettext; only its help-page words pass through it


def _help_option(command: Any, ctx: Any) -> Any:
    option = super(type(command), command).get_help_option(ctx)
    if option is not None:
        option.help = HELP_OPTION
    return option


def _usage(command: Any, ctx: Any, formatter: Any) -> None:
    pieces = command.collect_usage_pieces(ctx)
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE)


class Command(typer.core.TyperCommand):
    """A command whose help page speaks both languages."""

    def get_help_option(self, ctx: Any) -> Any:
        return _help_option(self, ctx)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _usage(self, ctx, formatter)


class Group(typer.core.TyperGroup):
    """The command group (``casecheck -h``), the same way."""

    def get_help_option(self, ctx: Any) -> Any:
        return _help_option(self, ctx)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _usage(self, ctx, formatter)
