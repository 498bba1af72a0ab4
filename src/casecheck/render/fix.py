"""Render a ``FixReport``: what each corrected copy got and what is left, then a short
re-check of the copies — the problems not already listed, in ``check``'s layout, the counts
before, the verdict after, and the command that prints the copies' full report.

On a terminal long lines wrap like ``check``'s (render/wrap.py, hanging indents); in a pipe
or a file each item is one line. The JSON view keeps the whole re-check.
"""

from __future__ import annotations

import json

from rich.console import Console, RenderableType
from rich.text import Text as RichText

from casecheck.fix.model import FileFix, FixItem, FixReport
from casecheck.i18n import Lang, Text
from casecheck.render.text import finding_lines, pack_line, verdict
from casecheck.render.wrap import Hanging
from casecheck.result import PROBLEMS, STATUS_RANK, Finding, Report, group_of
from casecheck.vocabulary import command, counts_sentence, group_rank

ITEM_INDENT = 4  # under the text after 「  ✓ 」


def _item(item: FixItem, mark: str, style: str, lang: Lang, wrap: bool) -> Hanging:
    """「  ✓ 第 3 张幻灯片：删除了…」 (the place left out when the message starts with it)."""
    loc = item.location
    colon = "：" if lang == "zh" else ": "
    where = loc + colon if loc and not item.message.startswith(loc) else ""
    line = RichText("  ")
    line.append(f"{mark} ", style=style)
    line.append(where + item.message)
    return Hanging(line, ITEM_INDENT, wrap=wrap)


def _file_block(f: FileFix, lang: Lang, wrap: bool) -> list[RenderableType]:
    state = Text("已修改", "fixed") if f.written else Text("原样复制", "copied unchanged")
    head = RichText(f"■ {f.file}", style="bold")
    head.append(f"  {state.pick(lang)}", style="dim")
    spaced = wrap and (f.error or f.items)  # a file with lines under it stands apart
    lines: list[RenderableType] = [RichText("")] if spaced else []
    lines.append(Hanging(head, 2, wrap=wrap))
    if f.error:
        lines.append(Hanging(RichText(f"  ! {f.error}", style="red"), ITEM_INDENT, wrap=wrap))
    lines += [_item(item, "✓", "green", lang, wrap) for item in f.changed]
    lines += [_item(item, "→", "yellow", lang, wrap) for item in f.left]
    return lines


def not_listed(fix: FixReport) -> list[Finding]:
    """The copies' problems that no file's 「→」 item already names (same material and rule):
    the info form's, the video's, whatever a fixer could not open — in ``check``'s order
    (by material, worst first)."""
    said = {(f.material, item.rule) for f in fix.files for item in f.left if item.rule}
    left = [
        f for f in fix.after.findings if f.status in PROBLEMS and (f.material, f.rule) not in said
    ]
    return sorted(left, key=lambda f: (group_rank(group_of(f)), -STATUS_RANK[f.status]))


def render_fix_text(
    fix: FixReport,
    console: Console,
    lang: Lang,
    *,
    titles: dict[str, Text] | None = None,
    plain: bool | None = None,
) -> None:
    """The fix as a terminal shows it (``plain``, default: not a terminal — one line each)."""
    wrap = not (not console.is_terminal if plain is None else plain)
    titles = titles or {}
    heading = Text(f"修改后的副本：{fix.output}", f"Corrected copies: {fix.output}")
    parts: list[RenderableType] = [
        Hanging(RichText(heading.pick(lang), style="bold"), 2, wrap=wrap),
        Hanging(pack_line(fix.after, lang), 4, wrap=wrap),
    ]
    for f in fix.files:
        parts += _file_block(f, lang, wrap)
    if others := not_listed(fix):
        title = Text(
            "■ 复查副本：上面未列出的问题", "■ Re-check of the copies: problems not listed above"
        )
        if wrap:
            parts.append(RichText(""))
        parts.append(Hanging(RichText(title.pick(lang), style="bold"), 2, wrap=wrap))
        for finding in others:
            parts += finding_lines(finding, lang, titles, verbose=False, wrap=wrap)
    before = Text("修改前：", "Before: ").pick(lang) + counts_sentence(fix.before.counts, lang)
    full = Text("副本的完整检查报告：", "The copies' full report:")
    if wrap:
        parts.append(RichText(""))
    parts += [
        Hanging(RichText(before, style="dim"), 4, wrap=wrap),
        Hanging(verdict(fix.after.counts, lang), 4, wrap=wrap),
        Hanging(RichText(full.pick(lang)), 4, wrap=wrap),
        Hanging(RichText("  " + command("check", fix.output)), 4, wrap=wrap),  # whole if it fits
    ]
    for part in parts:
        console.print(part, crop=wrap)


def render_fix_json(fix: FixReport) -> str:
    """``{"fix": {...files, items...}, "check": <the check report of the copies>}``."""
    data = {
        "schema_version": 1,
        "fix": fix.model_dump(mode="json", exclude={"before", "after"})
        | {"before_counts": fix.before.counts},
        "check": Report.of([fix.after]).model_dump(mode="json"),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
