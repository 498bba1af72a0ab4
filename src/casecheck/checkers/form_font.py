"""form.font: the text filled into the info form is 5号 (10.5 pt) 宋体 (.docx forms)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from casecheck import places
from casecheck.checkers.form import FormParams
from casecheck.checkers.form_explain import EXPLAIN as EXPLAIN  # what explain says
from casecheck.checkers.registry import RuleContext, checker
from casecheck.checkers.report_style import SIZE_NAMES, size_name
from casecheck.i18n import Text
from casecheck.readers.form import FormFacts, label_key
from casecheck.result import Finding


class FontParams(FormParams):
    fonts: list[str] = Field(default_factory=lambda: ["宋体", "SimSun"])
    near_fonts: list[str] = Field(default_factory=lambda: ["新宋体", "NSimSun"])
    size_pt: float = 10.5  # 5号


@checker("form.font", facts="info_form", params=FontParams)
def font(facts: FormFacts, ctx: RuleContext) -> Iterator[Finding]:
    """Filled-in text is 5号 (10.5 pt) 宋体 (.docx only).
    Pass: 案例简介 in 宋体 10.5 pt. Fail: 案例简介 in 黑体 or 12 pt."""
    if facts.source_kind != "docx":
        yield ctx.skipped(Text("PDF 信息表不检查字体", "Fonts are checked in .docx forms only"))
        return
    p = ctx.params
    if not facts.runs:  # nothing filled in to judge: not a pass of 0 places
        yield ctx.skipped(
            Text(
                "信息表中没有找到填写的内容，未检查字体",
                "No filled-in text found; font not checked",
            )
        )
        return
    ok_names = {label_key(f).lower() for f in p.fonts}
    near_names = {label_key(f).lower() for f in p.near_fonts}
    bad: dict[str, list[str]] = {}
    near: dict[str, list[str]] = {}
    for run in facts.runs:
        name = label_key(run.font or "").lower()
        size_ok = run.size_pt is not None and abs(run.size_pt - p.size_pt) < 0.01
        shown = f"{run.font or '未设置'} {run.size_pt or '?'}pt"
        if name in ok_names and size_ok:
            continue
        target = near if name in near_names and size_ok else bad
        target.setdefault(run.field, [])
        if shown not in target[run.field]:
            target[run.field].append(shown)
    expected = f"{p.fonts[0]} {p.size_pt:g}pt"
    font_name, size_word = p.fonts[0], SIZE_NAMES.get(p.size_pt, f"{p.size_pt:g} 磅")
    required = Text(f"{size_name(p.size_pt)}{font_name}", f"{p.size_pt:g} pt {font_name}")
    for label, found in bad.items():
        yield ctx.violation(
            Text(
                f"「{label}」填写内容为 {'、'.join(found)}，要求 {required.zh}",
                f"「{label}」 is set in {', '.join(found)}; {required.en} required",
            ),
            actual=found,
            expected=expected,
            location=places.named(label, field=label),
            hint=Text(
                f"选中填写内容，字体设为{font_name}、字号设为{size_word}",
                f"Select the text and set {font_name}, size {p.size_pt:g} pt",
            ),
        )
    for label, found in near.items():
        yield ctx.near_miss(
            Text(
                f"「{label}」使用 {'、'.join(found)}，与{font_name}相近",
                f"「{label}」 uses {', '.join(found)}, close to {font_name}",
            ),
            actual=found,
            expected=expected,
            location=places.named(label, field=label),
        )
    if not bad and not near:
        yield ctx.ok(
            Text(
                f"填写内容均为 {required.zh}（{len(facts.runs)} 处）",
                f"All {len(facts.runs)} filled-in runs are {required.en}",
            ),
            actual=len(facts.runs),
            expected=expected,
        )
