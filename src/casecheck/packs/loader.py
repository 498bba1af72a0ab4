"""Find, parse and merge (``extends``) packs; every problem names its file, line and field.

``load_library`` gives the packs as written (a ``PackLibrary``); ``packs/ruleset.py`` turns
them into ``Rule`` objects, validating each rule's parameters with its checker's model.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from casecheck.i18n import Text
from casecheck.packs.cache import cached_library
from casecheck.packs.model import Pack
from casecheck.validation import (
    PYDANTIC,
    FileProblem,
    Lines,
    ProblemsError,
    line_of,
    problem,
    read_yaml,
    validation_problems,
)

ENV_PACKS_DIR = "CASECHECK_PACKS_DIR"
DEFAULT_PACK = "ncet2026-evidence"


class PackError(ProblemsError):
    """Invalid packs: every problem with its file, line and field (a usage error)."""


@dataclass
class RawPack:
    data: dict[str, Any]
    path: Path
    lines: Lines
    builtin: bool = False

    def where(self, keys: tuple[str, ...]) -> str:
        return f"{self.path}:{line_of(self.lines, keys) or 1}"


def parse_pack_file(path: Path, builtin: bool = False) -> RawPack:
    """One YAML pass over a pack file, line numbers kept for errors."""
    data, lines = read_yaml(path)
    if not isinstance(data, dict):
        raise PackError(
            [
                problem(
                    path,
                    1,
                    None,
                    Text(
                        "规则包应为含 id、title、source、rules 的映射", "a pack must be a mapping"
                    ),
                )
            ]
        )
    if not isinstance(data.get("id"), str):
        raise PackError([problem(path, 1, "id", PYDANTIC["missing"])])
    return RawPack(data=data, path=path, lines=lines, builtin=builtin)


def merge_pack_data(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Child over base: mappings merge key by key, lists and scalars are replaced, null removes."""
    merged = copy.deepcopy(base)
    for key, value in child.items():
        if value is None and key in merged:
            del merged[key]
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_pack_data(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


@dataclass
class PackLibrary:
    """All packs known: built-in ones, then user directories (which add or override)."""

    raw: dict[str, RawPack] = field(default_factory=dict)
    _resolved: dict[str, Pack] = field(default_factory=dict)

    def ids(self, include_abstract: bool = False) -> list[str]:
        return sorted(
            pid
            for pid in self.raw
            if include_abstract or not self.raw[pid].data.get("abstract", False)
        )

    def user_ids(self) -> list[str]:
        return [pid for pid, raw in self.raw.items() if not raw.builtin]

    def get(self, pack_id: str) -> Pack:
        if pack_id not in self._resolved:
            self._resolved[pack_id] = self._resolve(pack_id, ())
        return self._resolved[pack_id]

    def all(self, include_abstract: bool = False) -> list[Pack]:
        return [self.get(pid) for pid in self.ids(include_abstract)]

    def locate(self, pack_id: str, keys: tuple[str, ...]) -> str:
        """``file:line`` where ``keys`` is written: the file along the extends chain that
        writes most of the path (the nearest one on a tie)."""
        best: tuple[int, str] | None = None
        current: str | None = pack_id
        seen: set[str] = set()
        while current in self.raw and current not in seen:
            seen.add(current)
            raw = self.raw[current]
            n = next((n for n in range(len(keys), 0, -1) if keys[:n] in raw.lines), 0)
            if n and (best is None or n > best[0]):
                best = (n, f"{raw.path}:{raw.lines[keys[:n]]}")
            current = raw.data.get("extends")
        if best is not None:
            return best[1]
        return str(self.raw[pack_id].path) if pack_id in self.raw else pack_id

    def _resolve(self, pack_id: str, chain: tuple[str, ...]) -> Pack:
        if pack_id not in self.raw:
            known = "、".join(self.ids())
            raise PackError(
                [
                    FileProblem(
                        pack_id,
                        None,
                        Text(
                            f"没有这个规则包（已有：{known}）",
                            f"unknown pack (known packs: {', '.join(self.ids())})",
                        ),
                    )
                ]
            )
        raw = self.raw[pack_id]
        if pack_id in chain:
            loop = " → ".join((*chain, pack_id))
            raise PackError(
                [
                    problem(
                        raw.path,
                        line_of(raw.lines, ("extends",)),
                        "extends",
                        Text(f"规则包继承了自己：{loop}", f"the pack extends itself: {loop}"),
                    )
                ]
            )
        data = dict(raw.data)
        base_id = data.get("extends")
        if base_id:
            if base_id not in self.raw:
                raise PackError(
                    [
                        problem(
                            raw.path,
                            line_of(raw.lines, ("extends",)),
                            "extends",
                            Text(f"没有这个规则包：{base_id}", f"unknown pack: {base_id}"),
                        )
                    ]
                )
            base = self._resolve(base_id, (*chain, pack_id)).model_dump(exclude={"origin"})
            base.pop("abstract", None)
            data = merge_pack_data(base, data)
        data["origin"] = str(raw.path)
        try:
            return Pack.model_validate(data)
        except ValidationError as exc:
            raise PackError(validation_problems(exc, raw.where)) from exc


def builtin_pack_files() -> list[Path]:
    root = files("casecheck.rules")
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith((".yaml", ".yml")))


def user_pack_dirs(extra_dirs: list[Path] | None = None) -> list[Path]:
    """``$CASECHECK_PACKS_DIR`` (os.pathsep-separated), then ``extra_dirs`` (--packs-dir)."""
    dirs = [Path(d) for d in os.environ.get(ENV_PACKS_DIR, "").split(os.pathsep) if d]
    return dirs + list(extra_dirs or [])


def pack_paths(extra_dirs: list[Path] | None = None) -> list[Path]:
    """Built-in packs, then the user's pack folders' files; PackError for a missing folder."""
    paths = builtin_pack_files()
    missing = []
    for directory in user_pack_dirs(extra_dirs):
        if not directory.is_dir():
            missing.append(
                FileProblem(
                    str(directory), None, Text("规则包目录不存在", "packs directory not found")
                )
            )
            continue
        paths += sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml"))
    if missing:
        raise PackError(missing)
    return paths


def parse_library(paths: list[Path], problems: list[FileProblem]) -> PackLibrary:
    """Every pack file that parses; the others' problems go to ``problems``."""
    library = PackLibrary()
    builtin = set(builtin_pack_files())
    for path in paths:
        try:
            raw = parse_pack_file(path, builtin=path in builtin)
        except ProblemsError as exc:
            problems += exc.problems
            continue
        library.raw[raw.data["id"]] = raw
    return library


def load_library(
    extra_dirs: list[Path] | None = None,
    *,
    never_under: list[Path] | None = None,
    store: bool = True,
    problems: list[FileProblem] | None = None,
) -> PackLibrary:
    """Every pack of :func:`pack_paths`, from the validated-library cache when no pack file
    changed (see packs/cache.py); the cache is written only with ``store`` and never under
    ``never_under``. A file that does not parse raises PackError, or with ``problems`` is
    left out and its problems added there."""
    found: list[FileProblem] = []

    def build() -> tuple[PackLibrary, bool]:
        library = parse_library(paths, found)
        try:
            library.all(include_abstract=True)  # resolve (and validate) every pack now
        except PackError:
            return library, False  # the caller meets the error where it asks for the pack
        return library, not found

    paths = pack_paths(extra_dirs)
    library = cached_library(paths, (never_under or []) if store else None, build)
    if found and problems is None:
        raise PackError(found)
    if problems is not None:
        problems += found
    return library
