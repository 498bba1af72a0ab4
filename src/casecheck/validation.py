"""Problems in the user's own files — rule packs, waivers, casecheck.toml — as
``file:line: field: what is wrong``, in both languages, every problem of a file at once.

The YAML files are parsed in one pass with PyYAML's C loader (compose, then construct from
the node tree, which keeps the line numbers); pydantic's errors are put in words a pack or
waivers author understands. PyYAML is imported only when a file is parsed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from casecheck.i18n import Lang, Text

Lines = dict[tuple[str, ...], int]  # YAML path → 1-based line

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
    "date_from_datetime_parsing": Text(
        "应为日期，如 2026-06-30", "must be a date, e.g. 2026-06-30"
    ),
    "date_parsing": Text("应为日期，如 2026-06-30", "must be a date, e.g. 2026-06-30"),
    "date_type": Text("应为日期，如 2026-06-30", "must be a date, e.g. 2026-06-30"),
}
BOUNDS = {"greater_than": ">", "greater_than_equal": "≥", "less_than": "<", "less_than_equal": "≤"}


class FileProblem(NamedTuple):
    """One mistake in a user's file: where (``file:line``), which field, what is wrong."""

    where: str
    field: str | None
    what: Text

    def pick(self, lang: Lang) -> str:
        head = f"{self.where}: {self.field}: " if self.field else f"{self.where}: "
        return head + self.what.pick(lang)


class ProblemsError(Exception):
    """Every problem found in the user's files (a usage error, exit code 2)."""

    def __init__(self, problems: list[FileProblem]) -> None:
        super().__init__("\n".join(p.pick("en") for p in problems))
        self.problems = problems

    def pick(self, lang: Lang) -> str:
        return "\n".join(p.pick(lang) for p in self.problems)


def problem(path: Path | str, line: int | None, field: str | None, what: Text) -> FileProblem:
    return FileProblem(f"{path}:{line}" if line else str(path), field, what)


def explain_error(err: Any) -> Text:
    """A pydantic error in words a file's author understands."""
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


def line_of(lines: Lines, keys: tuple[str, ...]) -> int | None:
    """The line of ``keys``, or of its nearest ancestor that the file itself wrote."""
    for n in range(len(keys), -1, -1):
        if keys[:n] in lines:
            return lines[keys[:n]]
    return None


def validation_problems(
    exc: ValidationError,
    where: Any,
    prefix: tuple[str, ...] = (),
) -> list[FileProblem]:
    """A FileProblem per pydantic error; ``where(keys)`` gives the ``file:line`` of a field."""
    found = []
    for err in exc.errors():
        keys = (*prefix, *(str(p) for p in err["loc"]))
        found.append(FileProblem(where(keys), ".".join(keys) or None, explain_error(err)))
    return found


def yaml_loader() -> Any:
    """libyaml's parser when PyYAML was built with it (the wheels are): ~20× faster."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> tuple[Any, Any]:
    """(node, data) in one YAML pass. Raises ``yaml.YAMLError``."""
    import yaml

    node = yaml.compose(text, Loader=yaml_loader())
    data = yaml.constructor.SafeConstructor().construct_document(node) if node else None
    return node, data


def line_map(node: Any, prefix: tuple[str, ...] = ()) -> Lines:
    import yaml

    lines: Lines = {prefix: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines.update(line_map(value, (*prefix, str(key.value))))
            lines[(*prefix, str(key.value))] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines.update(line_map(item, (*prefix, str(i))))
    return lines


def read_yaml(path: Path) -> tuple[Any, Lines]:
    """A YAML file's data and the line of every key; ProblemsError when it cannot be parsed."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
        node, data = load_yaml(text)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        why = f"{exc.problem or ''} {exc.context or ''}".strip()
        raise ProblemsError(
            [problem(path, line, None, Text(f"YAML 格式错误：{why}", f"invalid YAML: {why}"))]
        ) from exc
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ProblemsError(
            [problem(path, None, None, Text(f"无法读取：{exc}", f"cannot read: {exc}"))]
        ) from exc
    return data, (line_map(node) if node is not None else {})
