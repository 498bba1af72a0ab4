"""Every problem of the packs in one report, as ``file:line: field: what is wrong``.

``checked_library`` is what commands call: it loads the packs and validates the user's
packs completely — structure *and* each rule's checker parameters — so a pack author sees
every mistake at once (not the parameter errors only after the structural ones are fixed),
in the report's language, before any submission is read.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from casecheck.i18n import Lang, Text
from casecheck.packs.loader import (
    ENV_PACKS_DIR,
    PackError,
    PackLibrary,
    builtin_pack_files,
    load_library,
    load_yaml,
    parse_pack_file,
)
from casecheck.packs.model import Pack
from casecheck.usage import UsageProblem

PYDANTIC = {
    "extra_forbidden": Text("不认识的字段（拼写错误？）", "unknown field (a typo?)"),
    "missing": Text("缺少必填字段", "required field is missing"),
    "string_type": Text("应为文字", "must be text"),
    "int_type": Text("应为整数", "must be a whole number"),
    "int_parsing": Text("应为整数", "must be a whole number"),
    "int_from_float": Text("应为整数", "must be a whole number"),
    "float_type": Text("应为数字", "must be a number"),
    "float_parsing": Text("应为数字", "must be a number"),
    "bool_type": Text("应为 true 或 false", "must be true or false"),
    "bool_parsing": Text("应为 true 或 false", "must be true or false"),
    "dict_type": Text("应为「键: 值」的映射", "must be a mapping (key: value)"),
    "model_type": Text("应为「键: 值」的映射", "must be a mapping (key: value)"),
    "list_type": Text("应为列表", "must be a list"),
    "too_short": Text("不能为空", "must not be empty"),
}
BOUNDS = {"greater_than": ">", "greater_than_equal": "≥", "less_than": "<", "less_than_equal": "≤"}


def explain_error(err: Any) -> Text:
    """A pydantic error in words a pack author understands."""
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    given = err.get("input")
    shown = f"（写的是 {given!r}）" if isinstance(given, (str, int, float, bool)) else ""
    shown_en = f" (got {given!r})" if shown else ""
    if kind in PYDANTIC:
        base = PYDANTIC[kind]
        if kind == "extra_forbidden":  # the value is beside the misspelt key already
            return base
        return Text(base.zh + shown, base.en + shown_en)
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        return Text(f"取值只能是 {expected}{shown}", f"must be one of {expected}{shown_en}")
    if kind in BOUNDS:
        limit = next(iter(ctx.values()), "")
        return Text(
            f"应 {BOUNDS[kind]} {limit}{shown}", f"must be {BOUNDS[kind]} {limit}{shown_en}"
        )
    if kind == "string_pattern_mismatch":
        return Text(
            f"格式不对，应符合 {ctx.get('pattern')}{shown}",
            f"must match {ctx.get('pattern')}{shown_en}",
        )
    msg = str(err.get("msg", kind))
    return Text(msg, msg)


class Collector:
    def __init__(self) -> None:
        self.items: list[Text] = []

    def add(self, where: str, field: str | None, what: Text) -> None:
        head = f"{where}: {field}: " if field else f"{where}: "
        self.items.append(Text(head + what.zh, head + what.en))

    def validation(self, exc: ValidationError, where_of: Any, prefix: tuple[str, ...]) -> None:
        for err in exc.errors():
            keys = (*prefix, *(str(p) for p in err["loc"]))
            self.add(where_of(keys), ".".join(keys), explain_error(err))


def _line_of(lines: dict[tuple[str, ...], int], keys: tuple[str, ...]) -> int:
    for n in range(len(keys), -1, -1):
        if keys[:n] in lines:
            return lines[keys[:n]]
    return 1


def _pack_files(extra_dirs: list[Path] | None, out: Collector) -> list[Path]:
    dirs = [Path(d) for d in os.environ.get(ENV_PACKS_DIR, "").split(os.pathsep) if d]
    paths: list[Path] = []
    for directory in [*dirs, *(extra_dirs or [])]:
        if not directory.is_dir():
            out.add(str(directory), None, Text("规则包目录不存在", "packs directory not found"))
            continue
        paths += sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml"))
    return paths


def _parse(path: Path, out: Collector) -> Any:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
        _, data = load_yaml(text)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        why = f"{exc.problem or ''} {exc.context or ''}".strip()
        out.add(f"{path}:{line}", None, Text(f"YAML 格式错误：{why}", f"invalid YAML: {why}"))
        return None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        out.add(str(path), None, Text(f"无法读取：{exc}", f"cannot read: {exc}"))
        return None
    if not isinstance(data, dict):
        out.add(
            f"{path}:1",
            None,
            Text("规则包应为含 id、title、source、rules 的映射", "a pack must be a mapping"),
        )
        return None
    if not isinstance(data.get("id"), str):
        out.add(f"{path}:1", "id", PYDANTIC["missing"])
        return None
    return parse_pack_file(path)


def _check_params(pack_id: str, rules: dict[str, Any], lib: PackLibrary, out: Collector) -> None:
    from casecheck.checkers.registry import get_checker

    for rule_id, spec in rules.items():
        checker = get_checker(spec.get("checker", "")) if isinstance(spec, dict) else None
        params = spec.get("params") if isinstance(spec, dict) else None
        if checker is None or not isinstance(params, dict):
            continue
        try:
            checker.params(**params)
        except ValidationError as exc:
            out.validation(
                exc, lambda keys: _where(lib, pack_id, keys), ("rules", rule_id, "params")
            )


def _where(lib: PackLibrary, pack_id: str, keys: tuple[str, ...]) -> str:
    """「file:line」 of the nearest file along the extends chain that writes ``keys``."""
    return lib.locate(pack_id, keys).replace(": line ", ":")


def diagnose(extra_dirs: list[Path] | None) -> tuple[PackLibrary, list[Text]]:
    """Every problem of the user's packs (built-in packs are pinned by the tests)."""
    out = Collector()
    lib = PackLibrary()
    for path in builtin_pack_files():
        raw = parse_pack_file(path)
        lib.raw[raw.data["id"]] = raw
    user: list[str] = []
    for path in _pack_files(extra_dirs, out):
        raw = _parse(path, out)
        if raw is not None:
            lib.raw[raw.data["id"]] = raw
            user.append(raw.data["id"])
    for pack_id in user:
        raw = lib.raw[pack_id]
        base = raw.data.get("extends")
        if base and base not in lib.raw:
            out.add(
                f"{raw.path}:{_line_of(raw.lines, ('extends',))}",
                "extends",
                Text(f"没有这个规则包：{base}", f"unknown pack: {base}"),
            )
            continue
        try:
            pack = lib.get(pack_id)
        except PackError as exc:
            cause = exc.__cause__
            if isinstance(cause, ValidationError):
                out.validation(cause, lambda keys, r=raw: f"{r.path}:{_line_of(r.lines, keys)}", ())
            else:
                out.add(str(raw.path), None, Text(str(exc), str(exc)))
            rules = raw.data.get("rules")
            if isinstance(rules, dict):
                _check_params(pack_id, rules, lib, out)
            continue
        _check_params(pack_id, {rid: s.model_dump() for rid, s in pack.rules.items()}, lib, out)
    return lib, out.items


def checked_library(
    extra_dirs: list[Path] | None, lang: Lang, never_under: list[Path] | None = None
) -> PackLibrary:
    """The pack library, or a UsageProblem listing every problem of the user's packs."""
    user_dirs = bool(extra_dirs) or bool(os.environ.get(ENV_PACKS_DIR))
    if not user_dirs:
        return load_library(
            None, never_under=never_under
        )  # built-in packs only: valid (tests pin them)
    lib, problems = diagnose(extra_dirs)
    if not problems:
        return lib
    n = len(problems)
    raise UsageProblem(
        Text(
            f"规则包有 {n} 处错误：\n" + "\n".join(p.zh for p in problems),
            f"{n} problem{'s' if n != 1 else ''} in the packs:\n"
            + "\n".join(p.en for p in problems),
        ),
        Text(
            "请按上面的文件:行号: 字段逐一修改（字段说明见 casecheck schema pack）",
            "Fix each file:line: field above (the fields are described by casecheck schema pack).",
        ),
    )


__all__ = ["Pack", "checked_library", "diagnose", "explain_error"]
