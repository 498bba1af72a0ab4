"""Macro actions on a deck's shapes: one finding saying a macro is attached (a deck with 11
「运行宏」 buttons is one problem, not 11 external links)."""

from __future__ import annotations

from casecheck.checkers.courseware_places import slides_label
from casecheck.checkers.registry import RuleContext
from casecheck.i18n import Text
from casecheck.readers.pptx.models import LinkFacts
from casecheck.result import Finding


def is_macro(link: LinkFacts) -> bool:
    return (link.action or "").lower().startswith("ppaction://macro")


def macro_finding(macros: list[tuple[int, LinkFacts]], ctx: RuleContext) -> Finding:
    """One finding for a deck's macro actions: a macro is attached, however many buttons."""
    numbers = sorted({n for n, _ in macros})
    names = sorted({(lk.target or "").removeprefix("name=") for _, lk in macros} - {""})
    where = slides_label(numbers)
    shown = "、".join(names[:5]) + ("…" if len(names) > 5 else "")
    return ctx.violation(
        Text(
            f"演示文稿附带宏：{where.zh}共 {len(macros)} 处点击或悬停时运行宏"
            + (f"「{shown}」" if shown else ""),
            f"The deck has macros attached: {len(macros)} click/hover actions on {where.en} run"
            + (f" the macro “{', '.join(names[:5])}”" if names else " a macro"),
        ),
        location=where,
        actual=names or len(macros),
        expected=Text("无宏", "no macro").pick(ctx.lang),
        hint=Text(
            "请删除这些按钮的「动作设置 → 运行宏」，并另存为不含宏的 .pptx",
            "Remove the “Run macro” action settings and save as a .pptx without macros.",
        ),
    )
