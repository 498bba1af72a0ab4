"""Pydantic models of a rule pack (after ``extends`` has been merged).

Their validators are built when a pack file is first validated (``defer_build``): a run that
takes the packs from the packs cache never needs them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from casecheck.i18n import Lang

MaterialName = Literal["info_form", "courseware", "video", "report"]
FormatName = Literal["docx", "pptx", "mp4", "pdf"]


class Localized(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    zh: str
    en: str

    def pick(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.zh


class MaterialSpec(BaseModel):
    """One material a submission must contain, and how to recognise its file."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    # Accepted for packs written before casecheck named the materials itself
    # (vocabulary.MATERIAL_TITLE); not shown.
    title: Localized | None = None
    keywords: list[str] = Field(min_length=1)
    formats: list[FormatName] = Field(min_length=1)
    required: bool = True


class RuleSpec(BaseModel):
    """One rule: a checker, its parameters, and the sentence of the guide it enforces."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    checker: str
    title: Localized | None = None  # what the rule checks, in a few words (「视频时长」)
    material: MaterialName | None = None
    severity: Literal["error", "warning"] = "error"
    params: dict[str, Any] = Field(default_factory=dict)
    requirement: str = ""
    enabled: bool = True


class DetectSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    form_titles: list[str] = Field(default_factory=list)


class Pack(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    title: Localized
    source: str
    extends: str | None = None
    abstract: bool = False
    detect: DetectSpec = Field(default_factory=DetectSpec)
    materials: dict[MaterialName, MaterialSpec] = Field(default_factory=dict)
    rules: dict[str, RuleSpec] = Field(default_factory=dict)
    origin: str = ""  # the file it was loaded from (set by the loader)
