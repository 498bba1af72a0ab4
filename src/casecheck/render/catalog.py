"""``casecheck packs`` and ``casecheck rules``: tables whose ids are never cut (users copy them).

Every cell is a ``rich.text.Text``, so a ``[/b]`` in a user pack's requirement is shown as
written, never read as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text as RichText

from casecheck.i18n import Lang, Text
from casecheck.vocabulary import SEVERITY_LABEL


def _table(lang: Lang, title: str | None, *headers: tuple[Text, dict[str, Any]]) -> Table:
    table = Table(title=RichText(title) if title else None, header_style="bold")
    for header, options in headers:
        table.add_column(header.pick(lang), **options)
    return table


def packs_table(packs: list[Any], lang: Lang) -> Table:
    table = _table(
        lang,
        None,
        (Text("规则包 id", "pack id"), {"no_wrap": True}),
        (Text("名称", "title"), {"ratio": 3}),
        (Text("继承自", "extends"), {"no_wrap": True}),
        (Text("规则数", "rules"), {"justify": "right", "no_wrap": True}),
        (Text("文件", "file"), {"overflow": "fold", "ratio": 2}),
    )
    base = Text(
        "（基础包：供其他规则包继承，不单独使用）",
        " (base pack: extended by others, not used alone)",
    )
    for pack in packs:
        table.add_row(
            RichText(pack.id, style="dim" if pack.abstract else "bold"),
            RichText(pack.title.pick(lang) + (base.pick(lang) if pack.abstract else "")),
            RichText(pack.extends or ""),
            RichText(str(len(pack.rules))),
            RichText(pack.origin),
        )
    return table


def rules_table(pack: Any, is_available: Callable[[str], bool], lang: Lang) -> Table:
    table = _table(
        lang,
        f"{pack.id} — {pack.title.pick(lang)}",
        (Text("规则 id", "rule id"), {"no_wrap": True}),
        (Text("严重程度", "severity"), {"no_wrap": True}),
        (Text("状态", "status"), {"no_wrap": True}),
        (Text("依据（原文）", "requirement (quoted)"), {"ratio": 1}),
    )
    for rid, spec in pack.rules.items():
        ready = (
            Text("✓ 已实现", "✓ checked")
            if is_available(spec.checker)
            else Text("尚未实现", "not yet checked")
        )
        table.add_row(
            RichText(rid, style="bold"),
            RichText(SEVERITY_LABEL[spec.severity].pick(lang)),
            RichText(ready.pick(lang)),
            RichText(spec.requirement),
        )
    return table


def print_table(table: Table) -> None:
    console = Console()
    if not console.is_terminal:  # piped: full width, so nothing is cut
        console = Console(width=200, no_color=True)
    console.print(table)
