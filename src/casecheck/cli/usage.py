"""Usage errors: said in the user's language, each with a fix, exit code 2, before any work.

Every command makes its usage checks once, before it starts (cli/settings.py ``prepare`` and
the ``check_*`` helpers here); each raises ``UsageProblem``, which ``fail`` prints to stderr:

    casecheck: 错误：找不到路径 examples/02-名师
      修改方法：请检查路径是否写对（可以把文件夹拖进终端窗口）。您是不是想写 examples/02-名师工作室-常见问题？

Problems in the user's own files (packs, waivers, casecheck.toml) become one UsageProblem
listing every problem with its file and line (``from_file_problems``).
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
from casecheck.validation import ProblemsError
from casecheck.vocabulary import command

HELP_FIX = Text("运行 casecheck -h 查看用法", "Run casecheck -h for usage.")


class UsageProblem(Exception):
    """What is wrong (``message``) and what to do (``fix``), both in two languages."""

    def __init__(self, message: Text, fix: Text = HELP_FIX) -> None:
        super().__init__(message.en)
        self.message, self.fix = message, fix


FILE_FIX = {
    "pack": Text(
        "请按上面的文件:行号: 字段逐一修改（字段说明见 casecheck schema pack）",
        "Fix each file:line: field above (the fields are described by casecheck schema pack).",
    ),
    "waivers": Text("请按上面的文件:行号逐一修改豁免文件", "Fix each file:line above."),
    "config": Text("请按上面的文件:行号逐一修改 casecheck.toml", "Fix each file:line above."),
    "manifest": Text(
        "推荐名单须为 CSV 或 XLSX，含「市州/单位」「类别」和「文件夹」或「案例名称」列",
        "A manifest is a CSV or XLSX with 市州/单位, 类别 and 文件夹 or 案例名称 columns.",
    ),
}
FILE_KIND = {
    "pack": Text("规则包", "the packs"),
    "waivers": Text("豁免文件", "the waivers file"),
    "config": Text("配置文件", "the config file"),
    "manifest": Text("推荐名单", "the manifest"),
}


def from_file_problems(exc: ProblemsError, kind: str) -> UsageProblem:
    """Every problem of the user's packs / waivers / config file as one usage error."""
    n = len(exc.problems)
    name = FILE_KIND[kind]
    return UsageProblem(
        Text(
            f"{name.zh}有 {n} 处错误：\n" + exc.pick("zh"),
            f"{n} problem{'s' if n != 1 else ''} in {name.en}:\n" + exc.pick("en"),
        ),
        FILE_FIX[kind],
    )


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


def near_path(path: Path) -> Text:
    """「您是不是想写 examples/02-名师工作室-常见问题？」 for a path that does not exist, when
    its folder holds a close name or the one name it begins (the path written as the user
    wrote its folder), else nothing."""
    siblings = _siblings(path)
    started = [n for n in siblings if n.startswith(path.name)] if path.name else []
    best = started[0] if len(started) == 1 else did_you_mean(path.name, siblings)
    if best is None:
        return Text("", "")
    shown = str(path.parent / best) if str(path.parent) not in ("", ".") else best
    return suggestion(shown, [shown])


def check_folder(path: Path) -> None:
    if not path.exists():
        near = near_path(path)
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
                f"请给出案例文件夹；查看单个文件读出的内容请用 {command('inspect', path)}",
                f"Give the submission folder; to see what casecheck reads from one file, "
                f"run {command('inspect', path)}",
            ),
        )


def _siblings(path: Path) -> list[str]:
    parent = path.parent if str(path.parent) else Path(".")
    try:
        return [p.name for p in parent.iterdir()] if parent.is_dir() else []
    except OSError:
        return []


def check_outside(path: Path, folders: Iterable[Path]) -> None:
    """``path`` (a file or folder to write) is not inside a submission folder."""
    target = path.absolute().resolve()
    for folder in folders:
        if target.is_relative_to(folder.absolute().resolve()):
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


def check_output(path: Path, folders: Iterable[Path] = (), *, create_parents: bool = False) -> None:
    """The output file can be written, and is not inside a submission folder.

    With ``create_parents`` (batch outputs, whose folders batch creates) a missing folder is
    fine when its nearest existing ancestor is a folder that can be written.
    """
    target = path.absolute()
    check_outside(path, folders)
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
    from casecheck.packs.ruleset import rule_matches

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
