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

app = typer.Typer(
    name="casecheck",
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


app.command("check")(check.check)
app.command("batch")(batch.batch)
app.command("merge")(merge.merge)
app.command("fix")(fix.fix)
app.command("config")(catalog.config)
app.command("packs")(catalog.packs)
app.command("rules")(catalog.rules)
app.command("explain")(catalog.explain)
app.command("inspect")(inspect.inspect)
app.command("schema")(catalog.schema)
app.command("serve")(serve.serve)


def main() -> None:
    import sys

    from casecheck.cli.errors import run

    sys.exit(run(app))


if __name__ == "__main__":
    main()
