"""Render a ``FixReport``: what each corrected copy got and what is left, then the re-check
of the copies through the same renderers as ``check`` (text or JSON)."""

from __future__ import annotations

import json

from rich.console import Console
from rich.text import Text as RichText

from casecheck.fix.model import FixReport
from casecheck.i18n import Lang, Text
from casecheck.result import Report


def render_fix_text(fix: FixReport, console: Console, lang: Lang, *, verbose: bool = False) -> None:
    from casecheck.render.text import render_text

    t = Text
    console.print(
        RichText(
            t(f"修改后的副本：{fix.output}", f"Corrected copies: {fix.output}").pick(lang),
            style="bold",
        )
    )
    for f in fix.files:
        state = (t("已修改", "fixed") if f.written else t("原样复制", "copied unchanged")).pick(
            lang
        )
        console.print(RichText(f"■ {f.file}  ({state})", style="bold"))
        if f.error:
            console.print(RichText(f"  ! {f.error}", style="red"))
        for item in f.changed:
            where = f"{item.location}：" if item.location else ""
            console.print(RichText(f"  ✓ {where}{item.message}", style="green"))
        for item in f.left:
            where = f"{item.location}：" if item.location else ""
            console.print(RichText(f"  → {where}{item.message}", style="yellow"))
    before, after = fix.before.counts, fix.after.counts
    console.print(
        RichText(
            t(
                f"修改前：不合格 {before['fail']} 项、警告 {before['warn']} 项；"
                f"修改后：不合格 {after['fail']} 项、警告 {after['warn']} 项。以下为副本的复查结果：",
                f"Before: {before['fail']} failed, {before['warn']} warnings; after: "
                f"{after['fail']} failed, {after['warn']} warnings. Re-check of the copies:",
            ).pick(lang),
            style="bold",
        )
    )
    render_text(Report.of([fix.after]), console, lang, verbose=verbose)


def render_fix_json(fix: FixReport) -> str:
    """``{"fix": {...files, items...}, "check": <the check report of the copies>}``."""
    data = {
        "schema_version": 1,
        "fix": fix.model_dump(mode="json", exclude={"before", "after"})
        | {"before_counts": fix.before.counts},
        "check": Report.of([fix.after]).model_dump(mode="json"),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
