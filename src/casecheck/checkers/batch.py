"""Batch rules: judged over all submissions of a ``casecheck batch`` run, not one folder.

Facts are a :class:`BatchFacts`: one :class:`BatchItem` per submission with the grouping
folders between ROOT and it (``长沙市/用AI``), what a manifest says about it, short info-form
values and the SHA-256 of its report and video. Which folder name is a 市州 or a category is
the pack's business (``params``), so is which form label holds the case name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from casecheck import places
from casecheck.checkers.registry import Params, RuleContext, checker
from casecheck.explanation import Explanation
from casecheck.i18n import Text
from casecheck.readers.form import label_key
from casecheck.result import Finding

LIST_MAX = 20  # folders named in one finding before 「等 N 个」


class ManifestRow(BaseModel):
    line: int
    unit: str = ""
    category: str = ""
    name: str = ""
    folder: str = ""


class BatchItem(BaseModel):
    """One submission as the batch rules see it."""

    path: str
    rel: str  # relative to ROOT, e.g. 长沙市/用AI/案例01
    groups: list[str] = Field(default_factory=list)  # 长沙市, 用AI
    pack: str = ""
    status: str = "pass"
    archive: bool = False  # a .zip listed instead of a folder
    form_fields: dict[str, str] = Field(default_factory=dict)  # label key → value (short ones)
    report_sha256: str | None = None
    video_sha256: str | None = None
    manifest: ManifestRow | None = None


class BatchFacts(BaseModel):
    root_name: str = ""
    items: list[BatchItem] = Field(default_factory=list)
    manifest_used: bool = False
    manifest_unmatched: list[ManifestRow] = Field(default_factory=list)


def norm(text: str) -> str:
    """「用 AI」, 「用ai」 → 「用AI」: spaces removed, Latin letters upper-cased."""
    return re.sub(r"\s+", "", text.replace("\u3000", "")).upper()


def name_list(names: list[str]) -> str:
    shown = "、".join(names[:LIST_MAX])
    return shown + (f" 等 {len(names)} 个" if len(names) > LIST_MAX else "")


def short_names(rels: list[str]) -> list[str]:
    """Folder names (「案例二」) for folder paths (「长沙市/用AI/案例二」), with as many parent
    folders as it takes to tell two of them apart (「长沙市/案例1」, 「株洲市/案例1」)."""
    parts = [rel.split("/") for rel in rels]
    shown = []
    for mine in parts:
        k = 1
        while k < len(mine) and any(
            other is not mine and other[-k:] == mine[-k:] for other in parts
        ):
            k += 1
        shown.append("/".join(mine[-k:]))
    return shown


# ── batch.quota ─────────────────────────────────────────────────────────────
class QuotaParams(Params):
    categories: list[str] = Field(default_factory=list)
    regions: dict[str, dict[str, int]] = Field(default_factory=dict)  # 市州 → {total, 类别: n}
    overall: dict[str, int] = Field(default_factory=dict)  # {total, 类别: n} over all 市州
    university_per_category: int | None = None
    university_total: int | None = None
    region_aliases: dict[str, str] = Field(default_factory=dict)  # 湘西土家族苗族自治州: 湘西州
    category_fields: list[str] = Field(default_factory=lambda: ["案例类别", "类别"])

    @model_validator(mode="after")
    def _known_columns(self) -> QuotaParams:
        allowed = {"total", *self.categories}
        for name, row in {**self.regions, "overall": self.overall}.items():
            unknown = set(row) - allowed
            if unknown:
                raise ValueError(
                    f"{name}: unknown category {sorted(unknown)} (categories: {self.categories})"
                )
        return self


class Placement(BaseModel):
    kind: Literal["region", "university", "unknown"]
    unit: str = ""
    category: str | None = None


def match_region(text: str, p: QuotaParams) -> str | None:
    """「长沙市」, 「长沙」, 「01-长沙市」, 「长沙市教育局」 → 长沙市; 「长沙理工大学」 → None."""
    t = re.sub(r"^[\d._\-、]+", "", norm(text))
    for alias, region in p.region_aliases.items():
        if t == norm(alias):
            return region
    for region in p.regions:
        full = norm(region)
        if t == full or t == full.rstrip("市州") or t.startswith(full):
            return region
    return None


def match_category(text: str, p: QuotaParams) -> str | None:
    t = norm(text)
    hits = [c for c in p.categories if norm(c) in t]
    return hits[0] if len(hits) == 1 else None


def place(item: BatchItem, root_name: str, p: QuotaParams) -> Placement:
    """Which 市州 or 高校 and which category a submission counts for."""
    unit_text = item.manifest.unit if item.manifest and item.manifest.unit else None
    cat_text = item.manifest.category if item.manifest and item.manifest.category else None
    category = match_category(cat_text, p) if cat_text else None
    if category is None:
        category = next((c for g in item.groups if (c := match_category(g, p))), None)
    if category is None:
        for label in p.category_fields:
            value = next(
                (v for k, v in item.form_fields.items() if k.startswith(label_key(label))), None
            )
            if value and (category := match_category(value, p)):
                break
    if unit_text:
        region = match_region(unit_text, p)
        return Placement(
            kind="region" if region else "university",
            unit=region or unit_text.strip(),
            category=category,
        )
    for g in item.groups:
        if region := match_region(g, p):
            return Placement(kind="region", unit=region, category=category)
    if region := match_region(root_name, p):
        return Placement(kind="region", unit=region, category=category)
    others = [g for g in item.groups if match_category(g, p) is None]
    if others:
        return Placement(kind="university", unit=others[0], category=category)
    return Placement(kind="unknown", category=category)


@checker("batch.quota", facts="batch", params=QuotaParams)
def quota(facts: BatchFacts, ctx: RuleContext) -> Iterator[Finding]:
    """Recommended cases per 市州 and category ≤ 附件1, per 高校 ≤ 1 per category and ≤ 3.

    Pass: 长沙市/用AI holds 46 cases (quota 46). Fail: 47 cases in 长沙市/用AI.
    """
    p: QuotaParams = ctx.params
    counts: dict[tuple[str, str], dict[str, list[str]]] = {}
    unplaced: list[str] = []
    for item in facts.items:
        where = place(item, facts.root_name, p)
        if where.kind == "unknown" or where.category is None:
            unplaced.append(item.rel)
            continue
        counts.setdefault((where.kind, where.unit), {}).setdefault(where.category, []).append(
            item.rel
        )
    for row in facts.manifest_unmatched:  # recommended in the list, folder not delivered
        region = match_region(row.unit, p)
        category = match_category(row.category, p)
        if not row.unit or category is None:
            unplaced.append(f"{row.name or row.folder}")
            continue
        key = ("region", region) if region else ("university", row.unit.strip())
        counts.setdefault(key, {}).setdefault(category, []).append(row.name or row.folder)
    yield from _region_findings(counts, p, ctx)
    yield from _university_findings(counts, p, ctx)
    if unplaced:
        yield ctx.manual(
            Text(
                f"{len(unplaced)} 个案例无法判断所属市州/高校或类别，未计入指标：{name_list(unplaced)}",
                f"{len(unplaced)} submissions have no known 市州/university or category and were not counted: {', '.join(unplaced[:LIST_MAX])}",
            ),
            actual=len(unplaced),
            hint=Text(
                "请按 ROOT/<市州或高校>/<类别>/<案例>/ 放置文件夹，或用 --manifest 提供推荐名单",
                "Arrange folders as ROOT/<city or university>/<category>/<case>/ or pass --manifest",
            ),
        )
    if facts.manifest_unmatched:
        names = [f"第{r.line}行 {r.folder or r.name}" for r in facts.manifest_unmatched]
        yield ctx.near_miss(
            Text(
                f"推荐名单中有 {len(names)} 个案例找不到文件夹（已按名单计入指标）：{name_list(names)}",
                f"{len(names)} manifest rows have no folder (counted from the list): {', '.join(names[:LIST_MAX])}",
            ),
            actual=len(names),
        )


def _over(
    ctx: RuleContext, where: str, n: int, limit: int, folders: list[str], **place: str
) -> Finding:
    names = short_names(folders)
    return ctx.violation(
        Text(
            f"{where} 推荐 {n} 件，超过指标 {limit} 件：{name_list(names)}",
            f"{where}: {n} cases recommended, the quota is {limit}: {', '.join(names[:LIST_MAX])}",
        ),
        actual=n,
        expected=f"≤ {limit}",
        location=places.named(where, **place, folders=folders),
        hint=Text(f"请删减 {n - limit} 件", f"Withdraw {n - limit} case(s)"),
    )


def _region_findings(
    counts: dict[tuple[str, str], dict[str, list[str]]], p: QuotaParams, ctx: RuleContext
) -> Iterator[Finding]:
    totals: dict[str, list[str]] = {}
    for (kind, region), by_cat in sorted(counts.items()):
        if kind != "region":
            continue
        table = p.regions.get(region, {})
        problems = 0
        for cat in p.categories:
            folders = by_cat.get(cat, [])
            totals.setdefault(cat, []).extend(folders)
            if cat in table and len(folders) > table[cat]:
                problems += 1
                yield _over(
                    ctx,
                    f"{region}「{cat}」",
                    len(folders),
                    table[cat],
                    folders,
                    region=region,
                    category=cat,
                )
        every = [f for cat in p.categories for f in by_cat.get(cat, [])]
        if "total" in table and len(every) > table["total"]:
            problems += 1
            yield _over(
                ctx, f"{region}（指标数）", len(every), table["total"], every, region=region
            )
        if not problems:
            shown = "，".join(
                f"{c} {len(by_cat.get(c, []))}/{table.get(c, '-')}" for c in p.categories
            )
            yield ctx.ok(
                Text(f"{region} 在指标内：{shown}", f"{region} is within its quota: {shown}"),
                actual=len(every),
                expected=f"≤ {table.get('total', '-')}",
                location=places.named(region, region=region),
            )
    all_regions = [f for fs in totals.values() for f in fs]
    for cat, limit in p.overall.items():
        folders = all_regions if cat == "total" else totals.get(cat, [])
        if len(folders) > limit:
            label = "全省总计" if cat == "total" else f"全省「{cat}」"
            yield _over(ctx, label, len(folders), limit, folders, category=cat)


def _university_findings(
    counts: dict[tuple[str, str], dict[str, list[str]]], p: QuotaParams, ctx: RuleContext
) -> Iterator[Finding]:
    for (kind, unit), by_cat in sorted(counts.items()):
        if kind != "university":
            continue
        problems = 0
        if p.university_per_category is not None:
            for cat in p.categories:
                folders = by_cat.get(cat, [])
                if len(folders) > p.university_per_category:
                    problems += 1
                    yield _over(
                        ctx,
                        f"{unit}「{cat}」",
                        len(folders),
                        p.university_per_category,
                        folders,
                        university=unit,
                        category=cat,
                    )
        every = [f for fs in by_cat.values() for f in fs]
        if p.university_total is not None and len(every) > p.university_total:
            problems += 1
            yield _over(
                ctx, f"{unit}（高校合计）", len(every), p.university_total, every, university=unit
            )
        if not problems:
            yield ctx.ok(
                Text(
                    f"{unit} 共 {len(every)} 件，在高校限额内",
                    f"{unit}: {len(every)} cases, within the university limit",
                ),
                actual=len(every),
                expected=f"≤ {p.university_total}",
                location=places.named(unit, university=unit),
            )


# ── batch.duplicate ─────────────────────────────────────────────────────────
DupKind = Literal["report", "video", "case_name"]
DUP_KINDS: tuple[DupKind, ...] = ("report", "video", "case_name")
KIND_TEXT: dict[str, Text] = {
    "report": Text("总结报告内容完全相同", "identical report files"),
    "video": Text("视频内容完全相同", "identical video files"),
    "case_name": Text("案例名称相同", "the same case name"),
}


class DuplicateParams(Params):
    by: list[DupKind] = Field(default_factory=lambda: list(DUP_KINDS))
    name_fields: list[str] = Field(default_factory=lambda: ["案例名称", "工作室名称"])
    min_name_chars: int = 4  # shorter names (「无」, 「案例」) are not compared


def case_name(item: BatchItem, fields: list[str]) -> str | None:
    for label in fields:
        want = label_key(label)
        for key, value in item.form_fields.items():
            if key.startswith(want) and value.strip():
                return value.strip()
    return None


def _name_key(name: str) -> str:
    return re.sub(r"[\s《》〈〉“”\"'‘’：:，,。.、（）()—\-_]+", "", name).casefold()


@checker("batch.duplicate", facts="batch", params=DuplicateParams)
def duplicate(facts: BatchFacts, ctx: RuleContext) -> Iterator[Finding]:
    """No case is submitted twice: same report or video bytes, or same case name on the form.

    Pass: every report, video and case name differs. Fail: 学校A/案例1 and 学校B/案例3 hold the
    same 总结报告.docx (equal SHA-256).
    """
    p: DuplicateParams = ctx.params
    groups: dict[tuple[str, ...], list[str]] = {}  # folders → reasons
    for kind in p.by:
        by_key: dict[str, list[str]] = {}
        for item in facts.items:
            if kind == "report":
                key = item.report_sha256
            elif kind == "video":
                key = item.video_sha256
            else:
                name = case_name(item, p.name_fields)
                key = _name_key(name) if name and len(_name_key(name)) >= p.min_name_chars else None
            if key:
                by_key.setdefault(key, []).append(item.rel)
        for folders in by_key.values():
            if len(folders) > 1:
                groups.setdefault(tuple(sorted(folders)), []).append(kind)
    for members, kinds in sorted(groups.items()):
        why = Text(
            "、".join(KIND_TEXT[k].zh for k in kinds), "; ".join(KIND_TEXT[k].en for k in kinds)
        )
        names = list(members)
        short = short_names(names)
        yield ctx.violation(
            Text(
                f"{len(names)} 个案例疑似重复报送（{why.zh}）：{name_list(short)}",
                f"{len(names)} submissions possibly submitted twice ({why.en}): {', '.join(short)}",
            ),
            actual=names,
            expected=Text("每个案例只报送一次", "each case once").pick(ctx.lang),
            # the full folder paths once, as the place (the detail column)
            location=places.Where(
                "、".join(names), ", ".join(names), {"places": [{"folder": n} for n in names]}
            ),
            hint=Text("请核实并撤回重复的一份", "Check with the authors and withdraw the copy"),
        )
    if not groups:
        yield ctx.ok(
            Text(
                f"{len(facts.items)} 个案例中未发现重复",
                f"No duplicates among {len(facts.items)} submissions",
            ),
            actual=len(facts.items),
        )


# What `casecheck explain` says about these checkers.
EXPLAIN = {
    "batch.quota": Explanation(
        Text(
            "各市州、各类别推荐数不超过附件 1 指标；高校每类不超过规定件数",
            "per region and category within the 附件1 quota; universities within their limit",
        ),
        Text("长沙市「用AI」推荐 47 件，指标 46 件", "长沙市 用AI: 47 recommended, quota 46"),
        Text("按指标删减推荐案例", "Withdraw cases down to the quota."),
    ),
    "batch.duplicate": Explanation(
        Text(
            "没有两份相同的报告、视频或案例名称", "no two identical reports, videos or case names"
        ),
        Text("两个文件夹里是同一份总结报告", "the same report in two folders"),
        Text("核实后撤回重复的一份", "Check with the authors and withdraw the copy."),
    ),
}
