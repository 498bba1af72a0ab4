"""The casecheck command line: the Typer app. Each command lives in its own module and is a
plain function registered here; shared options are in options.py, the settings a command
runs with (command line over casecheck.toml over defaults) in settings.py, the usage checks
and their sentences in usage.py, the parser's own errors in errors.py.
"""

from __future__ import annotations

from typing import Annotated

import typer

from casecheck import __version__
from casecheck.cli import batch, catalog, check, fix, inspect, merge, serve
from casecheck.cli.help import Command, Group
from casecheck.i18n import Text

app = typer.Typer(
    name="casecheck",
    cls=Group,
    help="检查教师案例报送材料是否符合活动要求 / Check teacher-competition case submissions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: no Python type column (<list[Path]>, <bool>)
    context_settings={"help_option_names": ["-h", "--help"]},
)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"casecheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=version_callback,
            is_eager=True,
            help="显示版本号 / show the version",
        ),
    ] = False,
) -> None:
    """检查教师案例报送材料是否符合活动要求 / Check teacher-competition case submissions."""


def help_command(
    ctx: typer.Context,
    command: Annotated[
        str | None, typer.Argument(metavar="COMMAND", show_default=False, hidden=True)
    ] = None,
) -> None:
    """显示帮助，如 casecheck help check / Show the help, e.g. casecheck help check."""
    root = ctx.find_root()
    group = root.command
    sub = group.get_command(root, command) if command and hasattr(group, "get_command") else None
    if command and sub is None:
        from casecheck.cli.usage import UsageProblem, fail, suggestion

        names = group.list_commands(root) if hasattr(group, "list_commands") else []
        fail(
            UsageProblem(
                Text(f"没有这个命令：{command}", f"no such command: {command}"),
                Text(
                    f"{suggestion(command, names).zh}运行 casecheck -h 查看全部命令",
                    f"{suggestion(command, names).en} Run casecheck -h for the commands.".strip(),
                ),
            ),
            "zh",
        )
    shown = sub or group
    typer.echo(shown.get_help(typer.Context(shown, info_name=command, parent=root)))


def version_command() -> None:
    """显示版本号 / Show the version."""
    typer.echo(f"casecheck {__version__}")


COMMANDS = (
    ("check", check.check),
    ("batch", batch.batch),
    ("merge", merge.merge),
    ("fix", fix.fix),
    ("inspect", inspect.inspect),
    ("explain", catalog.explain),
    ("rules", catalog.rules),
    ("packs", catalog.packs),
    ("config", catalog.config),
    ("schema", catalog.schema),
    ("serve", serve.serve),
    ("help", help_command),
    ("version", version_command),
)
for name, function in COMMANDS:
    app.command(name, cls=Command)(function)


def main() -> None:
    import gc
    import sys

    # What importing the CLI made (modules, classes, pydantic schemas) lives until exit: out
    # of the collector's sight, so its collections stop walking it (≈ 25 ms of a check).
    gc.freeze()
    from casecheck.cli.errors import run
    from casecheck.readers.library_messages import quiet_libraries

    quiet_libraries()  # no library's English warning on the terminal, whatever reads the file
    sys.exit(run(app))


if __name__ == "__main__":
    main()
