"""What the folder layout of a batch says: which pack it is for (the Hunan layout names the
附件1 市州 or the categories 教AI/用AI/创AI/护AI) and which 市州/高校 and category each
submission counts for (the columns of the administrator's outputs).

Both read the packs' ``batch.quota`` parameters, so a pack for another province works the
same way without code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casecheck.batch.discover import Found
from casecheck.checkers.batch import (
    BatchItem,
    QuotaParams,
    match_category,
    match_region,
    norm,
    place,
)
from casecheck.findings import SubmissionResult
from casecheck.i18n import Text

LAYOUT_REASON = "folder layout"


@dataclass
class LayoutPack:
    pack: str
    why: Text  # what in the layout chose it


def quota_params(pack: Any) -> QuotaParams | None:
    spec = pack.rules.get("batch.quota")
    if spec is None or not spec.enabled:
        return None
    try:
        return QuotaParams(**spec.params)
    except ValueError:
        return None  # the pack is invalid; validate_pack says so when it runs


def detect_layout_pack(lib: Any, found: list[Found]) -> LayoutPack | None:
    """The pack whose quota table names the top-level folders (市州) or whose categories
    name grouping folders; None when the layout says nothing."""
    tops = {f.groups[0] if f.groups else f.rel.split("/")[0] for f in found if not f.archive}
    groups = {g for f in found for g in f.groups}
    for pack in lib.all():
        params = quota_params(pack)
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
    lib: Any, items: list[BatchItem], results: list[SubmissionResult], root_name: str
) -> None:
    """Set each result's 市州/高校 and category from the layout (the pack's quota table);
    the form's category stays where the layout names none."""
    params_by_pack: dict[str, QuotaParams | None] = {}
    for item, result in zip(items, results, strict=True):
        if result.pack and result.pack not in params_by_pack:
            try:
                params_by_pack[result.pack] = quota_params(lib.get(result.pack))
            except Exception:  # an unknown pack: no places
                params_by_pack[result.pack] = None
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
