"""Usage errors: said in the report's language, each with a fix, exit code 2, before any work.

Commands call the ``check_*`` helpers before they start; each raises ``UsageProblem``,
which ``fail`` prints to stderr as

    casecheck: 错误：找不到路径 examples/03
      修改方法：请检查路径是否写对；您是不是想写 examples/02？
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

import typer

from casecheck.i18n import Lang, Text

HELP_FIX = Text("运行 casecheck -h 查看用法", "Run casecheck -h for usage.")


class UsageProblem(Exception):
    """What is wrong (``message``) and what to do (``fix``), both in two languages."""

    def __init__(self, message: Text, fix: Text = HELP_FIX) -> None:
        super().__init__(message.en)
        self.message, self.fix = message, fix


def render(problem: UsageProblem, lang: Lang) -> str:
    head = Text("错误：", "error: ").pick(lang)
    fix = Text("修改方法：", "fix: ").pick(lang)
    message = problem.message.pick(lang).replace("\n", "\n  ")
    return f"casecheck: {head}{message}\n  {fix}{problem.fix.pick(lang)}\n"


def fail(problem: UsageProblem, lang: Lang) -> NoReturn:
    sys.stderr.write(render(problem, lang))
    sys.stderr.flush()
    raise typer.Exit(2)


def did_you_mean(word: str, known: Iterable[str]) -> str | None:
    """The closest known id, or None (「video.duraton」 → 「video.duration」)."""
    matches = difflib.get_close_matches(word, sorted(set(known)), n=1, cutoff=0.6)
    return matches[0] if matches else None


def suggestion(word: str, known: Iterable[str]) -> Text:
    best = did_you_mean(word, known)
    return Text(f"您是不是想写 {best}？", f"Did you mean {best}?") if best else Text("", "")


def check_folder(path: Path) -> None:
    if not path.exists():
        near = suggestion(path.name, _siblings(path))
        raise UsageProblem(
            Text(f"找不到路径 {path}", f"path not found: {path}"),
            Text(
                f"请检查路径是否写对（可以把文件夹拖进终端窗口）。{near.zh}",
                f"Check the path (you can drag the folder into the terminal). {near.en}".strip(),
            ),
        )
    if not path.is_dir():
        raise UsageProblem(
            Text(f"{path} 是文件，不是案例文件夹", f"{path} is a file, not a submission folder"),
            Text(
                f"请给出案例文件夹；查看单个文件读出的内容请用 casecheck inspect {path}",
                f"Give the submission folder; to see what casecheck reads from one file, "
                f"run casecheck inspect {path}",
            ),
        )


def _siblings(path: Path) -> list[str]:
    parent = path.parent if str(path.parent) else Path(".")
    try:
        return [p.name for p in parent.iterdir()] if parent.is_dir() else []
    except OSError:
        return []


def check_output(path: Path, folders: Iterable[Path] = (), *, create_parents: bool = False) -> None:
    """The output file can be written, and is not inside a submission folder.

    With ``create_parents`` (batch outputs, whose folders batch creates) a missing folder is
    fine when its nearest existing ancestor is a folder that can be written.
    """
    target = path.absolute()
    for folder in folders:
        if target.resolve().is_relative_to(folder.absolute().resolve()):
            raise UsageProblem(
                Text(
                    f"不能把 {path} 写进案例文件夹 {folder}",
                    f"will not write {path} inside the submission folder {folder}",
                ),
                Text(
                    "casecheck 从不改动案例文件夹：请把输出写到别处",
                    "casecheck never changes a submission folder: write the output elsewhere.",
                ),
            )
    if target.is_dir():
        raise UsageProblem(
            Text(f"{path} 是文件夹，不能作为输出文件", f"{path} is a folder, not an output file"),
            Text("请给出文件名，如 报告.txt", "Give a file name, e.g. report.txt."),
        )
    parent = target.parent
    if create_parents:
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
    if not parent.is_dir():
        raise UsageProblem(
            Text(f"输出文件的文件夹 {parent} 不存在", f"the folder of {path} does not exist"),
            Text(
                f"请先创建文件夹 {parent}，或换一个输出路径",
                f"Create {parent} first, or choose another output path.",
            ),
        )
    if not os.access(parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise UsageProblem(
            Text(f"没有权限写入 {path}", f"no permission to write {path}"),
            Text("请换一个可写的输出路径", "Choose an output path you can write to."),
        )


def check_rule_patterns(patterns: Iterable[str], known: Iterable[str]) -> None:
    """Every --select/--ignore pattern matches a rule; a near miss gets 「您是不是想写」."""
    from casecheck.engine import rule_matches

    known = sorted(set(known))
    for pattern in patterns:
        if not any(rule_matches(rid, [pattern]) for rid in known):
            prefixes = {rid.split(".")[0] for rid in known}
            near = suggestion(pattern, [*known, *prefixes])
            raise UsageProblem(
                Text(f"没有这条规则：{pattern}", f"unknown rule: {pattern}"),
                Text(
                    f"{near.zh}运行 casecheck rules 查看全部规则 id",
                    f"{near.en} Run casecheck rules to list the rule ids.".strip(),
                ),
            )


def check_pack_id(pack_id: str, known: Iterable[str]) -> None:
    known = sorted(known)
    if pack_id not in known:
        near = suggestion(pack_id, known)
        raise UsageProblem(
            Text(f"没有这个规则包：{pack_id}", f"unknown pack: {pack_id}"),
            Text(
                f"{near.zh}可用的规则包：{'、'.join(known)}（运行 casecheck packs 查看）",
                f"{near.en} Known packs: {', '.join(known)} (see casecheck packs).".strip(),
            ),
        )


def schema_text(which: str) -> str:
    """``casecheck schema report|pack`` as JSON text."""
    import json

    if which == "report":
        from casecheck.render.json import report_schema

        data: dict[str, object] = report_schema()
    elif which == "pack":
        from casecheck.packs.model import Pack

        data = Pack.model_json_schema()
    else:
        raise UsageProblem(
            Text(f"没有 {which} 这种 schema", f"no schema called {which}"),
            Text("请写 casecheck schema report 或 casecheck schema pack", "Use report or pack."),
        )
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
