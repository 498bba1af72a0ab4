"""The command-line parser's own errors (unknown option, bad value, missing argument) in the
report's language, with a fix and exit code 2 — the parser itself only speaks English.

Matched by class name so it works with Typer's bundled click and with stand-alone click.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

from casecheck.cli.usage import UsageProblem, render, suggestion
from casecheck.i18n import Lang, Text, as_lang

EXAMPLES = {
    "check": Text("casecheck check 我的案例", "casecheck check my-case"),
    "batch": Text("casecheck batch 推荐案例", "casecheck batch submissions"),
    "fix": Text("casecheck fix 我的案例 -o 修改后", "casecheck fix my-case -o fixed"),
    "inspect": Text("casecheck inspect 案例视频.mp4", "casecheck inspect video.mp4"),
    "explain": Text("casecheck explain video.duration", "casecheck explain video.duration"),
}


def lang_from_argv(argv: Sequence[str]) -> Lang:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return as_lang(argv[i + 1])
        if arg.startswith("--lang="):
            return as_lang(arg.split("=", 1)[1])
    return "zh"


def _names(exc: Any) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


def _command(exc: Any) -> str:
    ctx = getattr(exc, "ctx", None)
    return getattr(ctx, "command_path", "casecheck") if ctx is not None else "casecheck"


def _hint(exc: Any) -> str:
    """--format for an option, PATH for an argument."""
    param = getattr(exc, "param", None)
    hint = getattr(exc, "param_hint", None)
    if isinstance(hint, (list, tuple)):
        return "/".join(map(str, hint))
    if hint is not None or param is None:
        return str(hint or "")
    if "Argument" in type(param).__name__:
        return str(getattr(param, "metavar", None) or getattr(param, "name", "")).upper()
    return "/".join(getattr(param, "opts", None) or [str(getattr(param, "name", ""))])


def _fix_example(exc: Any) -> Text | None:
    """``fix FOLDER`` without ``-o``: the command with the teacher's own folder and a
    corrected-copy folder beside it (「casecheck fix 我的案例 -o 我的案例-修改后」)."""
    ctx = getattr(exc, "ctx", None)
    params = getattr(ctx, "params", None) or {}
    folder = params.get("path")
    if not str(getattr(ctx, "command_path", "")).endswith("fix") or not folder:
        return None
    from pathlib import Path

    from casecheck.vocabulary import command, corrected_name

    path = Path(str(folder))
    zh, en = (path.with_name(corrected_name(path.name, lang)) for lang in ("zh", "en"))
    return Text(command("fix", path, "-o", zh), command("fix", path, "-o", en))


def translate(exc: Any) -> UsageProblem:
    names = _names(exc)
    command = _command(exc)
    help_fix = Text(f"运行 {command} -h 查看用法", f"Run {command} -h for usage.")
    if "NoSuchOption" in names:
        option = str(getattr(exc, "option_name", ""))
        near = suggestion(option, getattr(exc, "possibilities", None) or [])
        return UsageProblem(
            Text(f"没有这个选项：{option}", f"no such option: {option}"),
            Text(f"{near.zh}{help_fix.zh}", f"{near.en} {help_fix.en}".strip()),
        )
    if "MissingParameter" in names:
        what = _hint(exc)
        example = _fix_example(exc) or EXAMPLES.get(command.split()[-1], EXAMPLES["check"])
        return UsageProblem(
            Text(f"缺少 {what}", f"missing {what}"),
            Text(f"例如：{example.zh}。{help_fix.zh}", f"For example: {example.en}. {help_fix.en}"),
        )
    if "BadParameter" in names:
        what, detail = _hint(exc), str(getattr(exc, "message", ""))
        choice = re.search(r"'([^']*)' is not one of (.*?)\.?$", detail)
        if choice:
            options = [o.strip(" '") for o in choice.group(2).split(",")]
            value = choice.group(1)
            return UsageProblem(
                Text(
                    f"{what} 不能取 {value}，可选：{'、'.join(options)}",
                    f"{what} cannot be {value}; choose one of {', '.join(options)}",
                ),
                Text(
                    f"{suggestion(value, options).zh}{help_fix.zh}",
                    f"{suggestion(value, options).en} {help_fix.en}".strip(),
                ),
            )
        return UsageProblem(
            Text(f"{what} 的取值不对：{detail}", f"invalid value for {what}: {detail}"),
            help_fix,
        )
    message = str(getattr(exc, "message", exc))
    unknown = re.match(r"No such command '([^']+)'", message)
    if unknown:
        name = unknown.group(1)
        ctx = getattr(exc, "ctx", None)
        group: Any = getattr(ctx, "command", None)
        names = group.list_commands(ctx) if hasattr(group, "list_commands") else []
        near = suggestion(name, names)
        return UsageProblem(
            Text(f"没有这个命令：{name}", f"no such command: {name}"),
            Text(f"{near.zh}{help_fix.zh}", f"{near.en} {help_fix.en}".strip()),
        )
    extra = re.match(r"Got unexpected extra arguments? \((.*)\)", message)
    if extra:
        return UsageProblem(
            Text(f"多出了参数：{extra.group(1)}", f"unexpected extra argument: {extra.group(1)}"),
            Text(
                f'带空格的路径请加引号，如 "我的 案例"。{help_fix.zh}',
                f'Quote a path with spaces, e.g. "my case". {help_fix.en}',
            ),
        )
    return UsageProblem(Text(f"命令行用法不对：{message}", f"usage: {message}"), help_fix)


INTERRUPTED = {  # what Ctrl-C leaves behind, per command
    "check": Text(
        "已中断：检查未完成，没有写出报告",
        "Interrupted: the check did not finish; no report was written",
    ),
    "batch": Text(
        "已中断：批量检查未完成，没有写出汇总表、汇总页或反馈页（已检查的案例会留在缓存中，下次直接使用）",
        "Interrupted: the batch did not finish; no summary, page or feedback was written "
        "(submissions already checked stay in the cache for the next run)",
    ),
    "fix": Text(
        "已中断：没有写出修改后的副本（未完成的临时文件夹已删除），原文件夹未改动",
        "Interrupted: no corrected copy was written (the unfinished folder was removed); "
        "the submission is untouched",
    ),
    "serve": Text("已停止本机检查页面", "The local page was stopped"),
}
STOPPED = Text("已中断", "Interrupted")


def command_of(argv: Sequence[str]) -> str | None:
    """The command name in ``argv`` (the first word that is not an option)."""
    return next((a for a in argv if not a.startswith("-")), None)


def interrupted(argv: Sequence[str]) -> int:
    """One line saying what Ctrl-C left undone; exit code 130 (as a shell reports SIGINT)."""
    words = INTERRUPTED.get(command_of(argv) or "", STOPPED)
    sys.stderr.write(f"\ncasecheck: {words.pick(lang_from_argv(argv))}\n")
    return 130


def run(app: Any) -> int:
    """Run the Typer app; the parser's usage errors come out translated (exit 2); Ctrl-C says
    what was not done (exit 130)."""
    try:
        code = app(standalone_mode=False)
    except KeyboardInterrupt:
        return interrupted(sys.argv[1:])
    except Exception as exc:  # the parser's UsageError family, whichever click provides it
        names = _names(exc)
        if "Abort" in names:
            return interrupted(sys.argv[1:])
        if "UsageError" not in names:
            raise
        if "NoArgsIsHelpError" in names:
            exc.show()  # type: ignore[attr-defined]
            return 0
        sys.stderr.write(render(translate(exc), lang_from_argv(sys.argv[1:])))
        return 2
    if code == 130:  # the parser turned Ctrl-C into its exit code
        return interrupted(sys.argv[1:])
    return code if isinstance(code, int) else 0
