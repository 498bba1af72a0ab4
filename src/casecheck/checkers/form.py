"""Info form (案例信息表) rules: type, required fields, single choices, authors, 简介 length,
font, declaration. Labels, options, titles and patterns all come from the pack params."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from pydantic import Field

from casecheck import places
from casecheck.checkers.form_explain import EXPLAIN as EXPLAIN  # what explain says
from casecheck.checkers.registry import Params, RuleContext, checker
from casecheck.i18n import Text
from casecheck.places import Where
from casecheck.readers.docx.wordcount import count_zi
from casecheck.readers.form import FormFacts, FormField, label_key
from casecheck.readers.form.checkboxes import CheckBox
from casecheck.result import Finding

SCANNED = Text(
    "信息表是扫描件（PDF 中没有文字层），扫描件无法自动读取，请人工核对",
    "The info form is a scan (the PDF has no text layer) and cannot be read automatically: check it by hand.",
)
UNREADABLE_TEXT = Text(
    "信息表 PDF 中的文字无法正确读取（字体没有可用的编码对照，读出来是乱码），请人工核对；建议改交 Word（.docx）版信息表，或从 Word/WPS 重新导出 PDF",
    "The text of the info form PDF cannot be read correctly (its font has no usable character map; it reads as gibberish): check it by hand, and hand in the Word (.docx) form or export the PDF again from Word/WPS.",
)
BLANK = Text(
    "信息表 PDF 只有空白页（没有文字，也没有图片）：请从 Word/WPS 重新导出 PDF，或改交 .docx",
    "The info form PDF has only blank pages (no text, no image): export it again from Word/WPS, or hand in the .docx.",
)
BY_HAND = {"pdf_scanned": SCANNED, "pdf_unreadable": UNREADABLE_TEXT}  # a person reads these
DEFAULT_PROMPTS = [r"^\s*注\s*[:：].*$", r"^\s*[（(][^（()）]*[)）]\s*$"]


class FormParams(Params):
    """The info-form checkers' parameters."""


def unreadable_finding(facts: FormFacts, ctx: RuleContext, judge: bool = False) -> Finding | None:
    """The one finding a form rule gives when the PDF's text cannot be read: a scan or
    gibberish need a person (``manual``); blank pages fail the rule that ``judge``s them
    (form.type) and leave the others ``skipped``. None for a readable form."""
    kind = facts.source_kind
    if kind in BY_HAND:
        return ctx.manual(BY_HAND[kind], actual=kind)
    if kind == "pdf_blank":
        return ctx.violation(BLANK, actual=kind) if judge else ctx.skipped(BLANK)
    return None


def field_location(field: FormField) -> Where:
    return places.form_field(field.label, field.table, field.row, field.page)


def find_field(facts: FormFacts, labels: list[str]) -> FormField | None:
    for label in labels:
        found = facts.find(label)
        if found is not None:
            return found
    return None


def _strip_prompts(text: str, patterns: list[str], template: Sequence[str] = ()) -> str:
    for snippet in template:
        text = text.replace(snippet, " ")
    lines = [ln for ln in text.splitlines() if not any(re.match(p, ln) for p in patterns)]
    return "\n".join(lines).strip()


# ------------------------------------------------------------------ form.type


class TypeParams(FormParams):
    titles: list[str] = Field(min_length=1)  # the form titles this pack accepts


@checker("form.type", facts="info_form", params=TypeParams)
def form_type(facts: FormFacts, ctx: RuleContext) -> Iterator[Finding]:
    """The form's title names this pack's form.
    Pass: 「人机协同循证教研案例信息表」 for ncet2026-evidence. Fail: 「名师线上工作室研修案例信息表」."""
    if (scan := unreadable_finding(facts, ctx, judge=True)) is not None:
        yield scan
        return
    titles = ctx.params.titles
    expected = " / ".join(titles)
    title = facts.title or ""
    if any(label_key(t) in label_key(title) for t in titles):
        yield ctx.ok(
            Text(f"信息表类型正确：「{title}」", f"Form type matches: {title}"),
            actual=title,
            expected=expected,
        )
    elif not title:
        yield ctx.violation(
            Text(
                "未找到信息表标题，无法确认表格类型",
                "No form title found; the form type cannot be confirmed",
            ),
            expected=expected,
            hint=Text(
                f"请使用官方模板「{titles[0]}」填写",
                f"Fill in the official template 「{titles[0]}」",
            ),
        )
    else:
        yield ctx.violation(
            Text(
                f"信息表类型不符：本表为「{title}」，应为「{titles[0]}」",
                f"Wrong form: this is 「{title}」, expected 「{titles[0]}」",
            ),
            actual=title,
            expected=expected,
            hint=Text(
                "请确认案例类型，换用对应的信息表模板，或用 --pack 选择正确的规则包",
                "Check the case type and use the matching form template, or choose the right pack with --pack",
            ),
        )


# ------------------------------------------------------------------ form.fields


class FieldSpec(FormParams):
    label: str
    aliases: list[str] = Field(default_factory=list)
    inline: list[str] = Field(default_factory=list)  # labels inside the value: 「平台工具 1 名称:」
    min_inline: int = 1  # how many inline labels must have a value
    template_text: list[str] = Field(default_factory=list)  # text the blank template has


class FieldsParams(FormParams):
    fields: list[FieldSpec]
    prompt_patterns: list[str] = Field(default_factory=lambda: list(DEFAULT_PROMPTS))


def inline_values(field: FormField, labels: list[str]) -> dict[str, str]:
    """The text after each inline label (「平台工具 1 名称: 问卷星」 → 问卷星), up to the cell's end."""
    out: dict[str, str] = {}
    cells = [c for row in field.rows for c in row]
    for label in labels:
        pattern = r"\s*".join(map(re.escape, label_key(label))) + r"\s*[:：]?\s*(.*)"
        for cell in cells:
            m = re.search(pattern, cell, flags=re.S)
            if m:
                out[label] = m.group(1).strip(" _\t\n\u3000")
                break
    return out


@checker("form.fields", facts="info_form", params=FieldsParams)
def fields(facts: FormFacts, ctx: RuleContext) -> Iterator[Finding]:
    """Every required field is filled in (a choice field: some box ticked).
    Pass: 案例名称「AI课堂分析赋能精准听评课」. Fail: 案例场景 left blank."""
    if (scan := unreadable_finding(facts, ctx)) is not None:
        yield scan
        return
    for spec in ctx.params.fields:
        field = find_field(facts, [spec.label, *spec.aliases])
        if field is None:
            yield ctx.violation(
                Text(
                    f"信息表中未找到「{spec.label}」栏", f"The form has no 「{spec.label}」 field"
                ),
                expected=spec.label,
                hint=Text(
                    "请使用官方模板，不要删改栏目名称",
                    "Use the official template without renaming its fields",
                ),
            )
            continue
        actual: object
        if spec.inline:
            found = inline_values(field, spec.inline)
            filled = [k for k, v in found.items() if v]
            ok, actual = len(filled) >= spec.min_inline, {k: found.get(k, "") for k in spec.inline}
        elif field.boxes:
            ticked = [b.option for b in field.boxes if b.checked]
            ok, actual = bool(ticked), ticked
        else:
            value = _strip_prompts(field.value, ctx.params.prompt_patterns, spec.template_text)
            value = value.strip(" _\t\n\u3000")
            ok, actual = bool(value), value[:60]
        where = field_location(field)
        if ok:
            yield ctx.ok(
                Text(f"「{spec.label}」已填写", f"「{spec.label}」 is filled in"),
                actual=actual,
                location=where,
            )
        else:
            yield ctx.violation(
                Text(f"「{spec.label}」未填写", f"「{spec.label}」 is empty"),
                actual=actual,
                expected=Text("必填", "required").pick(ctx.lang),
                location=where,
                hint=Text(f"请填写「{spec.label}」", f"Fill in 「{spec.label}」"),
            )


# ------------------------------------------------------------------ form.choice


class GroupSpec(FormParams):
    name: str  # shown in messages: 案例类别, 平台工具类型
    label: str  # the field the boxes are in
    options: list[str]
    # Instance i is required only when inline label i has a value (平台工具2 may be left out).
    instance_labels: list[str] = Field(default_factory=list)


class ChoiceParams(FormParams):
    groups: list[GroupSpec]


def _match(box: CheckBox, options: list[str]) -> bool:
    opt = label_key(box.option).lower()
    return bool(opt) and any(
        (o := label_key(spec).lower()) == opt or o in opt or opt in o for spec in options
    )


def group_instances(
    boxes: Sequence[CheckBox], specs: list[GroupSpec]
) -> dict[str, list[list[CheckBox]]]:
    """Split the boxes of a field into group instances: a new instance starts when another
    group's box comes between, or an option repeats (two tools, each with its own 类型)."""
    out: dict[str, list[list[CheckBox]]] = {s.name: [] for s in specs}
    current: tuple[str, list[CheckBox]] | None = None
    for box in boxes:
        spec = next((s for s in specs if _match(box, s.options)), None)
        if spec is None:
            continue
        key = label_key(box.option)
        if (
            current is None
            or current[0] != spec.name
            or key in {label_key(b.option) for b in current[1]}
        ):
            current = (spec.name, [])
            out[spec.name].append(current[1])
        current[1].append(box)
    return out


@checker("form.choice", facts="info_form", params=ChoiceParams)
def choice(facts: FormFacts, ctx: RuleContext) -> Iterator[Finding]:
    """Each single-choice group has exactly one box ticked.
    Pass: 「☐区域案例 ☑学校案例 ☐教师案例」. Fail: none ticked, or 区域案例 and 学校案例 both ticked."""
    if (scan := unreadable_finding(facts, ctx)) is not None:
        yield scan
        return
    by_label: dict[str, list[GroupSpec]] = {}
    for spec in ctx.params.groups:
        by_label.setdefault(spec.label, []).append(spec)
    for label, specs in by_label.items():
        field = facts.find(label)
        instances = group_instances(field.boxes if field else [], specs)
        for spec in specs:
            found = instances[spec.name] or group_instances(facts.other_boxes, [spec])[spec.name]
            named = (
                inline_values(field, spec.instance_labels) if field and spec.instance_labels else {}
            )
            where = field_location(field) if field else None
            if not found:
                yield ctx.violation(
                    Text(
                        f"未找到「{spec.name}」的勾选框",
                        f"No check boxes found for 「{spec.name}」",
                    ),
                    expected=" / ".join(spec.options),
                    location=where,
                    hint=Text(
                        "请使用官方模板的勾选框，在所选项前打勾（☑）",
                        "Use the template's boxes and tick one (☑)",
                    ),
                )
                continue
            for i, boxes in enumerate(found):
                yield _judge(ctx, spec, i, boxes, named, len(found), where)


def _judge(
    ctx: RuleContext,
    spec: GroupSpec,
    i: int,
    boxes: list[CheckBox],
    named: dict[str, str],
    n: int,
    where: Where | None,
) -> Finding:
    ticked = [b.option for b in boxes if b.checked]
    name_zh, name_en = spec.name, spec.name
    if n > 1:
        name_zh, name_en = f"{spec.name}（第{i + 1}组）", f"{spec.name} (group {i + 1})"
    expected = Text(
        f"单选：{' / '.join(spec.options)}", f"one of: {' / '.join(spec.options)}"
    ).pick(ctx.lang)
    styles = sorted({b.style for b in boxes if b.checked})
    if len(ticked) == 1:
        return ctx.ok(
            Text(f"{name_zh}：已勾选「{ticked[0]}」", f"{name_en}: 「{ticked[0]}」 ticked"),
            actual={"ticked": ticked, "styles": styles},
            expected=expected,
            location=where,
        )
    if not ticked:
        label = spec.instance_labels[i] if i < len(spec.instance_labels) else None
        if label is not None and not named.get(label):
            return ctx.skipped(
                Text(
                    f"{name_zh}：「{label}」未填写，无需勾选",
                    f"{name_en}: 「{label}」 is empty, no tick needed",
                ),
                location=where,
            )
        return ctx.violation(
            Text(f"{name_zh}：未勾选任何一项", f"{name_en}: nothing is ticked"),
            actual={"ticked": []},
            expected=expected,
            location=where,
            hint=Text("请勾选一项（☑）", "Tick exactly one box (☑)"),
        )
    shown = "」「".join(ticked)
    return ctx.violation(
        Text(
            f"{name_zh}：勾选了 {len(ticked)} 项「{shown}」，只能选一项",
            f"{name_en}: {len(ticked)} boxes ticked (「{shown}」); only one is allowed",
        ),
        actual={"ticked": ticked, "styles": styles},
        expected=expected,
        location=where,
        hint=Text("请只保留一个勾选", "Keep only one box ticked"),
    )


# ------------------------------------------------------------------ form.summary_length


class SummaryParams(FormParams):
    labels: list[str] = Field(default_factory=lambda: ["案例简介", "案例概述"])
    max_chars: int = 350
    prompt_patterns: list[str] = Field(default_factory=lambda: list(DEFAULT_PROMPTS))


@checker("form.summary_length", facts="info_form", params=SummaryParams)
def summary_length(facts: FormFacts, ctx: RuleContext) -> Iterator[Finding]:
    """案例简介 / 案例概述 has at most max_chars 字, counted as Word counts 字数.
    Pass: 350 字. Fail: 351 字."""
    if (scan := unreadable_finding(facts, ctx)) is not None:
        yield scan
        return
    field = find_field(facts, ctx.params.labels)
    if field is None:
        yield ctx.skipped(
            Text("未找到简介栏（见 form.fields）", "No summary field (see form.fields)")
        )
        return
    text = _strip_prompts(field.value, ctx.params.prompt_patterns)
    n, limit, where = count_zi(text), ctx.params.max_chars, field_location(field)
    label = field.label
    if n <= limit:
        yield ctx.ok(
            Text(f"「{label}」共 {n} 字", f"「{label}」 has {n} characters"),
            actual=n,
            expected=f"≤ {limit}",
            location=where,
        )
    else:
        yield ctx.violation(
            Text(
                f"「{label}」共 {n} 字，超过 {limit} 字",
                f"「{label}」 has {n} characters, over {limit}",
            ),
            actual=n,
            expected=f"≤ {limit}",
            location=where,
            hint=Text(f"请删减 {n - limit} 字以上", f"Cut at least {n - limit} characters"),
        )
