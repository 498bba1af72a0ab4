"""Who and what a submission is: the administrator's columns (a reader fact, kept apart so
the result model imports it without loading any reader)."""

from __future__ import annotations

from pydantic import BaseModel


class CaseInfo(BaseModel):
    """Who and what a submission is, for the administrator's columns: from the info form
    (case name, category, first author and unit) and, in a batch, from the folder layout
    (市州 or 高校, category)."""

    name: str | None = None  # 案例名称 (工作室名称)
    category: str | None = None  # 教AI / 用AI … or the ticked 案例类别
    first_author: str | None = None
    school: str | None = None  # the first author's unit
    unit: str | None = None  # 市州 (附件1) or 高校 the case counts for (batch only)
    unit_kind: str | None = None  # "region" | "university"
