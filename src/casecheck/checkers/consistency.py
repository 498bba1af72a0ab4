"""The submission as one unit: the info form's case name and authors against the report's
title block and the deck's first slide (consistency.case_name, consistency.authors).

Both rules read three materials at once (``facts=MATERIALS``). Where a material is missing
or unreadable its own rules say so; these rules compare what is there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import Field

from casecheck import places
from casecheck.checkers.consistency_text import (
    HAN_NAME,
    compare,
    fold,
    normalize_title,
    strip_phrases,
)
from casecheck.checkers.form import field_location
from casecheck.checkers.form_people import author_names, author_rows
from casecheck.checkers.registry import MaterialFacts, Params, RuleContext, checker
from casecheck.explanation import Explanation
from casecheck.i18n import Text
from casecheck.places import Where
from casecheck.readers.docx.models import DocxFacts
from casecheck.readers.form import FormFacts, FormField
from casecheck.readers.pptx.models import DeckFacts
from casecheck.result import Finding

MATERIALS = ("info_form", "report", "courseware")
MATERIAL_NAMES = {
    "report": Text("总结报告标题", "the report's title block"),
    "courseware": Text("课件首页", "the deck's first slide"),
}


@dataclass
class Shown:
    """One text a target material shows: where it is and what it says."""

    material: str
    file: str
    text: str
    where: Where  # words and place data (places.py)
    place: dict[str, int]


def _deck_texts(deck: DeckFacts, file: str) -> list[Shown]:
    """The visible texts of the first slide, one per line."""
    if not deck.slides:
        return []
    slide = deck.slides[0]
    where = places.slides([slide.number])
    return [
        Shown("courseware", file, line.strip(), where, {"slide": slide.number})
        for t in slide.texts
        if t.visible and t.origin == "slide"
        for line in t.text.splitlines()
        if line.strip()
    ]


def _report_texts(report: DocxFacts, file: str) -> list[Shown]:
    """The paragraphs of the title block (before the first first-level heading)."""
    return [
        Shown("report", file, p.text.strip(), p.where(), {"paragraph": p.index})
        for p in report.paragraphs
        if p.role == "title" and p.text.strip()
    ]


def _targets(facts: MaterialFacts) -> dict[str, list[Shown]]:
    targets: dict[str, list[Shown]] = {}
    if isinstance(deck := facts.get("courseware"), DeckFacts):
        targets["courseware"] = _deck_texts(deck, facts.files["courseware"])
    if isinstance(report := facts.get("report"), DocxFacts):
        targets["report"] = _report_texts(report, facts.files["report"])
    return targets


def _at(finding: Finding, shown: Shown | None) -> Finding:
    if shown is not None:
        finding.place = shown.place
    return finding


def _no_form(facts: MaterialFacts, ctx: RuleContext) -> Finding | None:
    form = facts.get("info_form")
    if not isinstance(form, FormFacts):
        return ctx.skipped(
            Text(
                "缺少可读的案例信息表，未比对（见 materials.info_form）",
                "No readable info form; not compared (see materials.info_form)",
            )
        )
    if not _targets(facts):
        return ctx.skipped(
            Text(
                "缺少可读的课件和总结报告，未比对",
                "No readable deck or report; nothing to compare",
            )
        )
    return None


# ------------------------------------------------------------------ consistency.case_name


class CaseNameParams(Params):
    name_fields: list[str] = Field(default_factory=lambda: ["案例名称"])
    min_similarity: float = Field(0.6, ge=0, le=1)  # bigram Dice at or above this passes
    min_contained_chars: int = 4  # a shown text this long, contained in the name, passes
    label_prefixes: list[str] = Field(default_factory=lambda: ["案例名称", "案例", "题目"])
    template_titles: list[str] = Field(default_factory=list)  # generic titles, not case names
    name_headers: list[str] = Field(default_factory=lambda: ["姓名"])
    unit_headers: list[str] = Field(default_factory=lambda: ["工作单位", "单位"])
    byline_labels: list[str] = Field(default_factory=lambda: ["作者", "汇报人", "主讲人"])


def _bylines(form: FormFacts, p: CaseNameParams) -> list[str]:
    """Author names and units from the form: lines showing them are no title."""
    field = form.find("作者信息")
    if field is None:
        return []
    people, cols = author_rows(field, p.name_headers, p.unit_headers, [])
    return [fold(row[c]) for row in people for c in cols[:2] if c is not None and c < len(row)]


def _is_title(shown: Shown, bylines: list[str], p: CaseNameParams) -> bool:
    flat = fold(shown.text)
    if any(b and b in flat for b in bylines) or any(flat.startswith(b) for b in p.byline_labels):
        return False
    return len(re.sub(r"[\d年月日./\-]", "", flat)) >= 2  # not just a date


@checker("consistency.case_name", facts=MATERIALS, params=CaseNameParams)
def case_name(facts: MaterialFacts, ctx: RuleContext) -> Iterator[Finding]:
    """The form's case name appears (contained, or bigram Dice ≥ min_similarity) in the
    report's title block and on the deck's first slide; texts that only repeat the template's
    title (「人机协同循证教研案例总结报告」) show no name and pass.
    Pass: form 「AI课堂分析赋能精准听评课」, slide 1 「《AI 课堂分析赋能精准听评课》」.
    Warn: report title 「大单元作业设计的实践研究」."""
    if (skip := _no_form(facts, ctx)) is not None:
        yield skip
        return
    p = ctx.params
    form: FormFacts = facts.facts["info_form"]
    fields = [f for label in p.name_fields if (f := form.find(label)) and f.value.strip()]
    names = [(f, normalize_title(f.value, p.label_prefixes)) for f in fields]
    names = [(f, n) for f, n in names if n]
    if not names:
        yield ctx.skipped(
            Text(
                f"信息表未填写{'、'.join(p.name_fields)}，未比对（见 form.fields）",
                f"The form has no {' / '.join(p.name_fields)}; not compared (see form.fields)",
            )
        )
        return
    bylines = _bylines(form, p)
    for material, shown in _targets(facts).items():
        yield from _judge_name(material, shown, names, bylines, ctx, facts.files[material])


def _judge_name(
    material: str,
    shown: list[Shown],
    names: list[tuple[FormField, str]],
    bylines: list[str],
    ctx: RuleContext,
    file: str,
) -> Iterator[Finding]:
    p: CaseNameParams = ctx.params
    what = MATERIAL_NAMES[material]
    titles = [s for s in shown if _is_title(s, bylines, p)]
    if len(titles) > 1:  # a title broken over two lines or paragraphs
        joined = " ".join(s.text for s in titles)
        titles.append(Shown(material, titles[0].file, joined, titles[0].where, titles[0].place))
    scored = []
    for s in titles:
        text = strip_phrases(normalize_title(s.text, p.label_prefixes), p.template_titles)
        if len(text) < 2:
            continue  # only the template's title: no case name shown here
        for field, name in names:
            scored.append((compare(name, text, p.min_contained_chars), s, field))
    if not scored:
        yield ctx.ok(
            Text(f"{what.zh}未写出案例名称，不比对", f"{what.en} shows no case name; not compared"),
            file=file,
        )
        return
    match, best, field = max(scored, key=lambda t: t[0].score)
    form_text, form_where = field.value, field_location(field)
    expected = Text(
        f"包含信息表中的名称，或相似度 ≥ {p.min_similarity}",
        f"contains the form's name, or similarity ≥ {p.min_similarity}",
    ).pick(ctx.lang)
    actual = {"text": best.text, "similarity": match.score, "contained": match.contained}
    if match.contained or match.score >= p.min_similarity:
        how = Text("包含", "contains") if match.contained else Text("相似", "is similar to")
        yield _at(
            ctx.ok(
                Text(
                    f"{what.zh}「{best.text}」{how.zh}信息表中的名称「{form_text}」（相似度 {match.score:.2f}）",
                    f"{what.en} 「{best.text}」 {how.en} the form's name 「{form_text}」 (similarity {match.score:.2f})",
                ),
                actual=actual,
                expected=expected,
                location=best.where,
                file=best.file,
            ),
            best,
        )
        return
    yield _at(
        ctx.violation(
            Text(
                f"{best.where.zh}「{best.text}」与信息表{form_where.zh}「{form_text}」不一致（相似度 {match.score:.2f}，要求 ≥ {p.min_similarity}）",
                f"{best.where.en} 「{best.text}」 does not match the form's {form_where.en} 「{form_text}」 (similarity {match.score:.2f}, required ≥ {p.min_similarity})",
            ),
            actual=actual,
            expected=expected,
            location=best.where,
            file=best.file,
            hint=Text(
                "确认四份材料属于同一案例：课件首页和报告标题应写信息表中的案例名称",
                "Make sure all four materials are one case: the deck's first slide and the report title should carry the form's case name",
            ),
        ),
        best,
    )


# ------------------------------------------------------------------ consistency.authors


class AuthorsParams(Params):
    label: str = "作者信息"
    name_headers: list[str] = Field(default_factory=lambda: ["姓名"])
    # Labels after which a line lists names: there, a name the form lacks is an extra one.
    byline_labels: list[str] = Field(default_factory=lambda: ["作者", "汇报人", "主讲人"])
    # Words that make a token a unit, not a name (「长沙一中」 after 「作者：」).
    unit_words: list[str] = Field(
        default_factory=lambda: ["学校", "中学", "小学", "大学", "学院", "一中", "教育", "中心"]
    )


def _labelled_names(text: str, known: list[str], p: AuthorsParams) -> list[str]:
    """Names listed after a byline label (「作者：张明、李华」) that the form does not have."""
    labels = "|".join(re.escape(fold(x)) for x in p.byline_labels)
    m = re.search(rf"(?:{labels})[^:：]{{0,4}}[:：](.*)", fold(text)) if labels else None
    if not m:
        return []
    rest = re.sub(r"[（(][^）)]*[）)]", " ", m.group(1))  # 「张明（长沙一中）」
    for name in known:
        rest = rest.replace(name, " ")
    tokens = re.split(r"[\s、，,；;/|·]+", rest)
    return [t for t in tokens if HAN_NAME.fullmatch(t) and not any(w in t for w in p.unit_words)]


@checker("consistency.authors", facts=MATERIALS, params=AuthorsParams)
def authors(facts: MaterialFacts, ctx: RuleContext) -> Iterator[Finding]:
    """The form's authors are the names shown on the deck's first slide and in the report's
    title block, where names are shown there; nothing shown passes.
    Pass: form 张明、李华, slide 1 「汇报人：张明 李华」. Warn: form 张明、李华、王芳, slide 1
    「张明 李华」 (王芳 missing), or 「作者：张明、赵强」 (赵强 is not in the form)."""
    if (skip := _no_form(facts, ctx)) is not None:
        yield skip
        return
    p = ctx.params
    form: FormFacts = facts.facts["info_form"]
    field = form.find(p.label)
    names = author_names(field, p.name_headers) if field else []
    if field is None or not names:
        yield ctx.skipped(
            Text(
                "信息表未填写作者姓名，未比对（见 form.authors）",
                "The form names no authors; not compared (see form.authors)",
            )
        )
        return
    form_where = field_location(field)
    for material, shown in _targets(facts).items():
        what = MATERIAL_NAMES[material]
        flat = "".join(fold(s.text) for s in shown)
        found = [n for n in names if n in flat]
        extra = [x for s in shown for x in _labelled_names(s.text, names, p)]
        file = facts.files[material]
        if not found and not extra:
            yield ctx.ok(
                Text(
                    f"{what.zh}未列出作者姓名，不比对",
                    f"{what.en} shows no author names; not compared",
                ),
                file=file,
            )
            continue
        spot = next((s for s in shown if any(n in fold(s.text) for n in found + extra)), shown[0])
        missing = [n for n in names if n not in found]
        actual = {"form": names, "shown": found + extra, "missing": missing, "extra": extra}
        if not missing and not extra:
            yield _at(
                ctx.ok(
                    Text(
                        f"{what.zh}列出的作者与信息表一致：{'、'.join(found)}",
                        f"{what.en} lists the form's authors: {', '.join(found)}",
                    ),
                    actual=actual,
                    expected=names,
                    location=spot.where,
                    file=spot.file,
                ),
                spot,
            )
            continue
        problems = Text(
            "；".join(
                [f"缺少 {'、'.join(missing)}"] * bool(missing)
                + [f"多出 {'、'.join(extra)}"] * bool(extra)
            ),
            "; ".join(
                [f"missing {', '.join(missing)}"] * bool(missing)
                + [f"extra {', '.join(extra)}"] * bool(extra)
            ),
        )
        yield _at(
            ctx.violation(
                Text(
                    f"{what.zh}（{spot.where.zh}）列出的作者与信息表{form_where.zh}不一致：{problems.zh}（信息表：{'、'.join(names)}）",
                    f"{what.en} ({spot.where.en}) lists other authors than the form's {form_where.en}: {problems.en} (form: {', '.join(names)})",
                ),
                actual=actual,
                expected=names,
                location=spot.where,
                file=spot.file,
                hint=Text(
                    "作者姓名和顺序以信息表为准，课件首页和报告标题处列出的作者应与之相同",
                    "The form's authors are authoritative: list the same names on the first slide and in the report title block",
                ),
            ),
            spot,
        )


# What `casecheck explain` says about these checkers.
EXPLAIN = {
    "consistency.case_name": Explanation(
        Text(
            "信息表中的案例名称与报告标题、课件首页一致（忽略空格和标点）",
            "the form's case name matches the report title and first slide",
        ),
        Text(
            "信息表写「AI 助力作文教学」，报告标题是「智能写作课堂实践」",
            "the form and the report title name different cases",
        ),
        Text("统一三处的案例名称", "Use the same case name in all three."),
    ),
    "consistency.authors": Explanation(
        Text(
            "课件首页、报告标题处写出的作者与信息表一致（没写则通过）",
            "authors shown on the first slide / title block match the form",
        ),
        Text("报告署名多了一位信息表没有的作者", "the report names an author the form does not"),
        Text("统一作者名单", "Make the author lists agree."),
    ),
}
