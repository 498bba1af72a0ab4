"""``casecheck explain RULE|PREFIX``: the requirement, what passes and fails, the parameters
as a table, and how to fix — in the report's language, all text printed as written."""

from __future__ import annotations

import importlib
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from casecheck.explanation import Explanation
from casecheck.i18n import Lang, Text
from casecheck.render.catalog import SEVERITY
from casecheck.render.wrap import Hanging

MATERIAL = {
    "video": Text("案例视频", "video"),
    "report": Text("案例总结报告", "summary report"),
    "courseware": Text("案例课件", "courseware"),
    "info_form": Text("案例信息表", "information form"),
    None: Text("整个案例", "the whole submission"),
}
LABEL = {
    "requirement": Text("要求（原文）", "Requirement (quoted)"),
    "source": Text("来源", "Source"),
    "severity": Text("严重程度", "Severity"),
    "material": Text("材料", "Material"),
    "passes": Text("怎样算通过", "Passes when"),
    "fails": Text("不通过的例子", "Fails, e.g."),
    "params": Text("参数", "Parameters"),
    "fix": Text("如何修改", "How to fix"),
    "missing": Text("（该项检查尚未实现）", "(not yet checked: no checker available)"),
}


def matching_rules(lib: Any, pattern: str, pack_id: str | None) -> list[tuple[Any, str, Any]]:
    """(pack, rule id, spec) for every rule the id or prefix names, each id once."""
    from casecheck.engine import rule_matches
    from casecheck.packs.loader import DEFAULT_PACK

    packs = [lib.get(pack_id)] if pack_id else [lib.get(DEFAULT_PACK), *lib.all()]
    found: dict[str, tuple[Any, str, Any]] = {}
    for pack in packs:
        for rid, spec in pack.rules.items():
            if rid not in found and rule_matches(rid, [pattern]):
                found[rid] = (pack, rid, spec)
    return list(found.values())


def explanation_of(checker: Any) -> Explanation | None:
    """From the checker module's ``EXPLAIN``, or its ``<module>_explain`` sibling's."""
    name = checker.run.__module__
    for module_name in (name, f"{name}_explain"):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        found: Explanation | None = getattr(module, "EXPLAIN", {}).get(checker.name)
        if found is not None:
            return found
    return None


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _filled(text: Text, params: Any, lang: Lang) -> str:
    """The explanation with the rule's own parameter values in it (「{max_chars}」 → 3000)."""
    values = _Values({k: _show(v, lang) for k, v in params.model_dump().items()})
    return text.pick(lang).format_map(values)


def _show(value: Any, lang: Lang) -> str:
    if isinstance(value, bool):
        return Text("是", "yes").pick(lang) if value else Text("否", "no").pick(lang)
    if isinstance(value, list):
        return ("、" if lang == "zh" else ", ").join(_show(v, lang) for v in value) or "—"
    if isinstance(value, dict):
        return "；".join(f"{k}: {_show(v, lang)}" for k, v in value.items()) or "—"
    if hasattr(value, "model_dump"):
        return _show(value.model_dump(), lang)
    if isinstance(value, float):
        return f"{value:g}"
    return "—" if value is None else str(value)


def params_table(checker: Any, params: dict[str, Any], lang: Lang) -> Table | None:
    model = checker.params
    values = model(**params)
    if not model.model_fields:
        return None
    table = Table(header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(Text("参数", "parameter").pick(lang), no_wrap=True)
    table.add_column(Text("值", "value").pick(lang), overflow="fold", ratio=2)
    described = any(info.description for info in model.model_fields.values())
    if described:
        table.add_column(Text("说明", "meaning").pick(lang), ratio=1)
    for name, info in model.model_fields.items():
        mark = "" if name in params else Text("（默认）", " (default)").pick(lang)
        cells = [RichText(name), RichText(_show(getattr(values, name), lang) + mark)]
        table.add_row(*cells, *([RichText(info.description or "")] if described else []))
    return table


def rule_renderable(pack: Any, rule_id: str, spec: Any, lang: Lang) -> Group:
    from casecheck.checkers.registry import get_checker

    checker = get_checker(spec.checker)
    colon = "：" if lang == "zh" else ": "
    pack_note = Text(f"（规则包 {pack.id}）", f" (pack {pack.id})").pick(lang)
    parts: list[RenderableType] = [
        RichText(rule_id, style="bold") + RichText(pack_note, style="dim")
    ]

    def line(key: str, value: str, indent: int = 2) -> None:
        label = RichText(f"{LABEL[key].pick(lang)}{colon}", style="bold")
        parts.append(Hanging(label + RichText(value), indent))

    line("requirement", f"「{spec.requirement}」" if spec.requirement else "—")
    line("source", pack.source)
    severity = SEVERITY.get(spec.severity, Text(spec.severity, spec.severity)).pick(lang)
    line("severity", severity)
    line("material", MATERIAL.get(spec.material, MATERIAL[None]).pick(lang))
    if checker is None:
        parts.append(RichText(LABEL["missing"].pick(lang)))
        return Group(*parts)
    text = explanation_of(checker)
    values = checker.params(**spec.params)
    if text is not None:
        line("passes", _filled(text.passes, values, lang))
        line("fails", _filled(text.fails, values, lang))
    table = params_table(checker, spec.params, lang)
    if table is not None:
        parts.append(RichText(f"{LABEL['params'].pick(lang)}{colon}", style="bold"))
        parts.append(table)
    if text is not None:
        line("fix", _filled(text.fix, values, lang))
    return Group(*parts)


def explain_rules(found: list[tuple[Any, str, Any]], lang: Lang) -> None:
    console = Console()
    if not console.is_terminal:
        console = Console(width=120, no_color=True)
    for n, (pack, rule_id, spec) in enumerate(found):
        if n:
            console.print()
        console.print(rule_renderable(pack, rule_id, spec, lang))
