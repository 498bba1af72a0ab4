"""What the folder layout of a batch says: which pack it is for (the Hunan layout names the
附件1 市州 or the categories 教AI/用AI/创AI/护AI) and which 市州/高校 and category each
submission counts for (the columns of the administrator's outputs).

Both read the packs' ``batch.quota`` parameters (the rule's validated params), so a pack for
another province works the same way without code.
"""

from __future__ import annotations

from dataclasses import dataclass

from casecheck.batch.discover import Found
from casecheck.checkers.batch import (
    BatchItem,
    QuotaParams,
    match_category,
    match_region,
    norm,
    place,
)
from casecheck.i18n import Text
from casecheck.packs.ruleset import RuleSet
from casecheck.result import SubmissionResult

LAYOUT_REASON = "folder layout"


@dataclass
class LayoutPack:
    pack: str
    why: Text  # what in the layout chose it


def quota_params(ruleset: RuleSet, pack_id: str) -> QuotaParams | None:
    """The pack's ``batch.quota`` parameters, or None when it has no quota rule."""
    rule = ruleset.rules(pack_id).get("batch.quota")
    params = rule.params if rule is not None else None
    return params if isinstance(params, QuotaParams) else None


def detect_layout_pack(ruleset: RuleSet, found: list[Found]) -> LayoutPack | None:
    """The pack whose quota table names the top-level folders (市州) or whose categories
    name grouping folders; None when the layout says nothing."""
    tops = {f.groups[0] if f.groups else f.rel.split("/")[0] for f in found if not f.archive}
    groups = {g for f in found for g in f.groups}
    for pack in ruleset.packs():
        params = quota_params(ruleset, pack.id)
        if params is None:
            continue
        regions = sorted({r for t in tops if (r := match_region(t, params))})
        if regions:
            shown = "、".join(regions[:5]) + (" 等" if len(regions) > 5 else "")
            return LayoutPack(
                pack.id,
                Text(
                    f"顶层文件夹是附件1所列市州（{shown}）",
                    f"the top-level folders are 附件1 cities ({shown})",
                ),
            )
        categories = {norm(c) for c in params.categories}
        named = sorted({g for g in groups if norm(g) in categories})
        if named:
            shown = "、".join(named)
            return LayoutPack(
                pack.id,
                Text(f"类别文件夹为 {shown}", f"the category folders are {shown}"),
            )
    return None


def fill_places(
    ruleset: RuleSet, items: list[BatchItem], results: list[SubmissionResult], root_name: str
) -> None:
    """Set each result's 市州/高校 and category from the layout (the pack's quota table);
    the form's category stays where the layout names none."""
    params_by_pack: dict[str, QuotaParams | None] = {}
    for item, result in zip(items, results, strict=True):
        if result.pack and result.pack not in params_by_pack:
            known = result.pack in ruleset.ids(include_abstract=True)
            params_by_pack[result.pack] = quota_params(ruleset, result.pack) if known else None
        params = params_by_pack.get(result.pack)
        if params is None:
            if item.groups:
                result.case.unit = result.case.unit or item.groups[0]
            continue
        where = place(item, root_name, params)
        if where.kind != "unknown":
            result.case.unit, result.case.unit_kind = where.unit, where.kind
        if where.category:
            result.case.category = where.category
        elif result.case.category:
            result.case.category = match_category(result.case.category, params) or (
                result.case.category
            )


# ── 附件1 order and the quota table ─────────────────────────────────────────
def _main_params(ruleset: RuleSet, results: list[SubmissionResult]) -> QuotaParams | None:
    """The quota table of the pack most submissions were checked with (None: no quota)."""
    packs = sorted(
        {r.pack for r in results if r.pack}, key=lambda p: -sum(r.pack == p for r in results)
    )
    for pack_id in packs:
        if pack_id in ruleset.ids(include_abstract=True):
            params = quota_params(ruleset, pack_id)
            if params is not None:
                return params
    return None


def layout_order(ruleset: RuleSet, results: list[SubmissionResult], rels: list[str]) -> list[int]:
    """Indices in 附件1 order: 市州 as the table lists them, then 高校, then the rest; within
    one, category order, then folder."""
    params = _main_params(ruleset, results)
    regions = list(params.regions) if params else []
    categories = list(params.categories) if params else []

    def key(i: int) -> tuple[int, int, str, int, str]:
        case = results[i].case
        if case.unit_kind == "region" and case.unit in regions:
            group, rank, name = 0, regions.index(case.unit), ""
        elif case.unit_kind == "university" or case.unit:
            group, rank, name = 1, 0, case.unit or ""
        else:
            group, rank, name = 2, 0, ""
        cat = categories.index(case.category) if case.category in categories else len(categories)
        return group, rank, name, cat, rels[i]

    return sorted(range(len(results)), key=key)


@dataclass
class QuotaRow:
    """One line of the 指标 sheet: a 市州 or 高校 and a category (or its total)."""

    unit: str
    kind: str  # "region" | "university"
    category: str  # a category, or "合计"
    submitted: int
    quota: int | None

    @property
    def excess(self) -> int:
        return max(0, self.submitted - self.quota) if self.quota is not None else 0


TOTAL = "合计"


def quota_rows(ruleset: RuleSet, results: list[SubmissionResult]) -> list[QuotaRow]:
    """Submitted, quota and excess per 市州 × 类别 in 附件1 order (every 市州 of the table,
    also those with nothing submitted), then per 高校; empty when no pack has a quota."""
    params = _main_params(ruleset, results)
    if params is None:
        return []
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for r in results:
        if r.case.unit_kind in ("region", "university") and r.case.unit and r.case.category:
            by_cat = counts.setdefault((r.case.unit_kind, r.case.unit), {})
            by_cat[r.case.category] = by_cat.get(r.case.category, 0) + 1
    rows: list[QuotaRow] = []
    for region, table in params.regions.items():
        by_cat = counts.get(("region", region), {})
        for cat in params.categories:
            rows.append(QuotaRow(region, "region", cat, by_cat.get(cat, 0), table.get(cat)))
        rows.append(QuotaRow(region, "region", TOTAL, sum(by_cat.values()), table.get("total")))
    for (kind, unit), by_cat in sorted(counts.items()):
        if kind != "university":
            continue
        for cat in params.categories:
            if cat in by_cat:
                rows.append(QuotaRow(unit, kind, cat, by_cat[cat], params.university_per_category))
        rows.append(QuotaRow(unit, kind, TOTAL, sum(by_cat.values()), params.university_total))
    return rows
