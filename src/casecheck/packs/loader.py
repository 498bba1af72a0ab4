"""Find, parse, merge (``extends``) and validate packs, with errors that name file, line and field."""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from casecheck.packs.model import Pack

ENV_PACKS_DIR = "CASECHECK_PACKS_DIR"
DEFAULT_PACK = "ncet2026-evidence"


class PackError(Exception):
    """An invalid pack; the message names the file, the line and the field."""


@dataclass
class RawPack:
    data: dict[str, Any]
    path: Path
    lines: dict[tuple[str, ...], int]  # YAML path → 1-based line


def _line_map(node: Any, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], int]:
    import yaml

    lines: dict[tuple[str, ...], int] = {prefix: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines.update(_line_map(value, (*prefix, str(key.value))))
            lines[(*prefix, str(key.value))] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines.update(_line_map(item, (*prefix, str(i))))
    return lines


def yaml_loader() -> Any:
    """libyaml's parser when PyYAML was built with it (the wheels are): ~20× faster than pure
    Python. PyYAML itself is imported only when a pack is parsed (not on a cache hit)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> tuple[Any, Any]:
    """(node, data) in one YAML pass: compose the node tree (it keeps line numbers), then
    construct the data from it. Raises ``yaml.YAMLError``."""
    import yaml

    node = yaml.compose(text, Loader=yaml_loader())
    data = yaml.constructor.SafeConstructor().construct_document(node) if node else None
    return node, data


def parse_pack_file(path: Path) -> RawPack:
    """One YAML pass over a pack file, line numbers kept for errors."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
        node, data = load_yaml(text)
    except yaml.YAMLError as exc:
        raise PackError(f"{path}: invalid YAML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot read: {exc}") from exc
    if not isinstance(data, dict) or node is None:
        raise PackError(f"{path}: line 1: a pack must be a mapping with id, title, source, rules")
    if not isinstance(data.get("id"), str):
        raise PackError(f"{path}: line 1: field 'id' is missing")
    return RawPack(data=data, path=path, lines=_line_map(node))


def merge_pack_data(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Child over base: mappings merge key by key, lists and scalars are replaced, null removes."""
    merged = copy.deepcopy(base)
    for key, value in child.items():
        if value is None and key in merged and isinstance(merged[key], dict):
            del merged[key]
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_pack_data(merged[key], value)
        elif value is None and key in merged:
            del merged[key]
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _describe(exc: ValidationError, raw: RawPack) -> str:
    problems = []
    for err in exc.errors():
        loc = tuple(str(p) for p in err["loc"])
        line = None
        for n in range(len(loc), -1, -1):  # nearest ancestor that the file itself wrote
            line = raw.lines.get(loc[:n])
            if line is not None:
                break
        where = f"line {line}: " if line else ""
        problems.append(f"{raw.path}: {where}field '{'.'.join(loc)}': {err['msg']}")
    return "\n".join(problems)


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

    def get(self, pack_id: str) -> Pack:
        if pack_id not in self._resolved:
            self._resolved[pack_id] = self._resolve(pack_id, ())
        return self._resolved[pack_id]

    def all(self, include_abstract: bool = False) -> list[Pack]:
        return [self.get(pid) for pid in self.ids(include_abstract)]

    def locate(self, pack_id: str, keys: tuple[str, ...]) -> str:
        """'file: line N' of the nearest file along the extends chain that writes ``keys``."""
        current: str | None = pack_id
        while current in self.raw:
            raw = self.raw[current]
            for n in range(len(keys), 0, -1):
                if keys[:n] in raw.lines:
                    return f"{raw.path}: line {raw.lines[keys[:n]]}"
            current = raw.data.get("extends")
        return str(self.raw[pack_id].path) if pack_id in self.raw else pack_id

    def _resolve(self, pack_id: str, chain: tuple[str, ...]) -> Pack:
        if pack_id not in self.raw:
            known = ", ".join(self.ids())
            raise PackError(f"unknown pack '{pack_id}' (known packs: {known})")
        if pack_id in chain:
            raise PackError(f"pack '{pack_id}' extends itself: {' → '.join((*chain, pack_id))}")
        raw = self.raw[pack_id]
        data = dict(raw.data)
        base_id = data.get("extends")
        if base_id:
            if base_id not in self.raw:
                line = raw.lines.get(("extends",), 1)
                raise PackError(
                    f"{raw.path}: line {line}: field 'extends': unknown pack '{base_id}'"
                )
            base = self._resolve(base_id, (*chain, pack_id)).model_dump(exclude={"origin"})
            base.pop("abstract", None)
            data = merge_pack_data(base, data)
        data["origin"] = str(raw.path)
        try:
            return Pack.model_validate(data)
        except ValidationError as exc:
            raise PackError(_describe(exc, raw)) from exc


def builtin_pack_files() -> list[Path]:
    root = files("casecheck.rules")
    return sorted(Path(str(p)) for p in root.iterdir() if p.name.endswith((".yaml", ".yml")))


def pack_paths(extra_dirs: list[Path] | None = None) -> list[Path]:
    """Built-in packs, then ``$CASECHECK_PACKS_DIR`` (os.pathsep-separated), then ``extra_dirs``."""
    dirs = [Path(d) for d in os.environ.get(ENV_PACKS_DIR, "").split(os.pathsep) if d]
    dirs += extra_dirs or []
    paths = builtin_pack_files()
    for directory in dirs:
        if not directory.is_dir():
            raise PackError(f"{directory}: packs directory not found")
        paths += sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml"))
    return paths


def parse_library(paths: list[Path]) -> PackLibrary:
    library = PackLibrary()
    for path in paths:
        raw = parse_pack_file(path)
        library.raw[raw.data["id"]] = raw
    return library


def load_library(
    extra_dirs: list[Path] | None = None,
    *,
    never_under: list[Path] | None = None,
    store: bool = True,
) -> PackLibrary:
    """Every pack of :func:`pack_paths`, from the validated-library cache when no pack file
    changed (see packs/cache.py); the cache is written only with ``store`` and never under
    ``never_under``."""
    from casecheck.packs.cache import cached_library

    return cached_library(pack_paths(extra_dirs), (never_under or []) if store else None)
