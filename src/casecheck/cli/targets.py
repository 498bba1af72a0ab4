"""What ``check PATH`` means: a submission folder, or a folder of submissions to check one by one.

``casecheck check examples`` (the parent of two submissions) checks each child folder and
says so, with a hint about ``casecheck batch`` — so the README can give one command that
works the same in bash, zsh and PowerShell (no ``examples/*/`` glob to expand).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from casecheck.i18n import Text
from casecheck.vocabulary import command, empty_note


def _file_names(folder: Path) -> list[str]:
    try:
        with os.scandir(folder) as it:
            return [e.name for e in it if e.is_file(follow_symlinks=False)]
    except OSError:
        return []


def holds_submission(folder: Path, keywords: Iterable[str]) -> bool:
    from casecheck.batch.discover import holds_material

    return holds_material(_file_names(folder), keywords)


def _folders(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []


def child_submissions(folder: Path, keywords: Iterable[str]) -> list[Path]:
    """Sub-folders of ``folder`` that hold material files, when ``folder`` itself holds none —
    and, beside them, the sub-folders that hold no material and no submission (an empty
    submission folder is checked, so its missing materials are said, not lost)."""
    keywords = list(keywords)
    if holds_submission(folder, keywords):
        return []
    children = _folders(folder)
    holding = [c for c in children if holds_submission(c, keywords)]
    if not holding:
        return []
    return [
        c
        for c in children
        if c in holding or not any(holds_submission(g, keywords) for g in _folders(c))
    ]


def expand(paths: list[Path], keywords: Iterable[str]) -> tuple[list[Path], list[Text]]:
    """The submission folders to check, and a note for each parent folder that was expanded."""
    keywords = list(keywords)
    folders: list[Path] = []
    notes: list[Text] = []
    for path in paths:
        children = child_submissions(path, keywords)
        if not children:
            folders.append(path)
            continue
        folders += children
        n, empty = len(children), sum(1 for c in children if not holds_submission(c, keywords))
        notes.append(
            Text(
                f"{path} 本身不是案例文件夹，里面有 {n} 个案例文件夹{empty_note(empty, 'zh')}，"
                f"将逐个检查。管理员检查整批案例（汇总表、指标核对）请用：{command('batch', path)}",
                f"{path} is not a submission but holds {n} submission folders"
                f"{empty_note(empty, 'en')}; checking each. For a whole batch (summary table, "
                f"quotas) use: {command('batch', path)}",
            )
        )
    return folders, notes
