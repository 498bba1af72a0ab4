"""What ``casecheck explain`` prints about a rule: the requirement, what passes and fails,
the parameters as a table, how to fix — and with ``--source`` where its code is: the pack
file:line, the checker's module:function, the reader that makes its facts, its tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from casecheck.explanation import Explanation
from casecheck.i18n import Lang, Text
from casecheck.packs.ruleset import Rule
from casecheck.render.wrap import Hanging
from casecheck.vocabulary import SEVERITY_LABEL, material_title

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
    "pack_file": Text("规则包文件", "Pack file"),
    "checker": Text("检查器", "Checker"),
    "reader": Text("读取器", "Reader"),
    "tests": Text("测试", "Tests"),
    "no_tests": Text(
        "（未找到：测试不随安装包发布）", "(none found: tests ship with the source only)"
    ),
}


def explanation_of(checker: Any) -> Explanation | None:
    """The checker's explanation (registry.Checker.explanation)."""
    found: Explanation | None = checker.explanation
    return found


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


def rule_renderable(rule: Rule, lang: Lang, *, source: bool = False) -> Group:
    checker = rule.checker
    colon = "：" if lang == "zh" else ": "
    pack_note = Text(f"（规则包 {rule.pack}）", f" (pack {rule.pack})").pick(lang)
    title = rule.title.pick(lang)
    head = RichText(rule.id, style="bold")
    if title != rule.id:
        head += RichText(f"  {title}")
    parts: list[RenderableType] = [head + RichText(pack_note, style="dim")]

    def line(key: str, value: str, indent: int = 2) -> None:
        label = RichText(f"{LABEL[key].pick(lang)}{colon}", style="bold")
        parts.append(Hanging(label + RichText(value), indent))

    line("requirement", f"「{rule.requirement}」" if rule.requirement else "—")
    line("source", rule.library.get(rule.pack).source)
    severity = SEVERITY_LABEL.get(rule.spec.severity)
    line("severity", severity.pick(lang) if severity else rule.spec.severity)
    line("material", material_title(rule.material, lang))
    if source:
        for key, value in source_lines(rule, lang):
            line(key, value)
    if checker is None:
        parts.append(RichText(LABEL["missing"].pick(lang)))
        return Group(*parts)
    text = explanation_of(checker)
    values = rule.params
    if text is not None:
        line("passes", _filled(text.passes, values, lang))
        line("fails", _filled(text.fails, values, lang))
    table = params_table(checker, rule.spec.params, lang)
    if table is not None:
        parts.append(RichText(f"{LABEL['params'].pick(lang)}{colon}", style="bold"))
        parts.append(table)
    if text is not None:
        line("fix", _filled(text.fix, values, lang))
    return Group(*parts)


def _code_place(fn: Any) -> str:
    """「casecheck/checkers/report.py:301 (casecheck.checkers.report:body_style)」"""
    import inspect

    name = f"{fn.__module__}:{fn.__qualname__}"
    try:
        file = Path(inspect.getsourcefile(fn) or "")
        line = inspect.getsourcelines(fn)[1]
    except (OSError, TypeError):
        return name
    return f"{file}:{line} ({name})"


def source_lines(rule: Rule, lang: Lang) -> list[tuple[str, str]]:
    """Where the rule's code is: pack file:line, checker, reader(s), tests."""
    from casecheck.engine import READERS, reader_for

    lines = [("pack_file", rule.origin)]
    checker = rule.checker
    if checker is None:
        return lines
    lines.append(("checker", _code_place(checker.run)))
    for fact in checker.fact_names:
        if fact in READERS:
            reader = reader_for(fact)
            lines.append(("reader", _code_place(reader) if reader else ":".join(READERS[fact])))
    tests = tests_of(rule)
    shown = "、".join(tests) if lang == "zh" else ", ".join(tests)
    lines.append(("tests", shown or LABEL["no_tests"].pick(lang)))
    return lines


def tests_of(rule: Rule) -> list[str]:
    """The test files that name the rule or its checker (a source checkout's tests/)."""
    import casecheck

    tests = Path(casecheck.__file__).resolve().parents[2] / "tests"
    if not tests.is_dir():
        return []
    names = (rule.id, rule.checker_name)
    found = []
    for path in sorted(tests.rglob("test_*.py")):
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        if any(f'"{name}"' in text for name in names):
            found.append(str(path.relative_to(tests.parent)))
    return found


def explain_rules(found: list[Rule], lang: Lang, *, source: bool = False) -> None:
    console = Console()
    if not console.is_terminal:
        console = Console(width=120, no_color=True)
    for n, rule in enumerate(found):
        if n:
            console.print()
        console.print(rule_renderable(rule, lang, source=source))
