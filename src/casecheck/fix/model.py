"""What a fix run did: per file, the changes written and what is left for the teacher."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from casecheck.i18n import Lang, Text
from casecheck.packs.ruleset import Rule
from casecheck.places import Where
from casecheck.result import Finding, SubmissionResult


class FixItem(BaseModel):
    """One edit the fixer made (``changed``) or one problem only the teacher can solve (``left``)."""

    kind: Literal["changed", "left"]
    rule: str | None = None
    location: str | None = None  # localised, like Finding.location
    place: dict[str, int | str] | None = None  # language-independent: {"paragraph": 3}
    message: str


class FileFix(BaseModel):
    """The corrected copy of one material's file."""

    material: str
    file: str  # name relative to the submission folder
    output: str  # absolute path of the copy
    written: bool = False  # False: copied unchanged (nothing to fix, or the fixer declined)
    items: list[FixItem] = Field(default_factory=list)
    error: str | None = None  # the fixer could not work on this file (the copy is unchanged)

    @property
    def changed(self) -> list[FixItem]:
        return [i for i in self.items if i.kind == "changed"]

    @property
    def left(self) -> list[FixItem]:
        return [i for i in self.items if i.kind == "left"]


class FixReport(BaseModel):
    """The result of ``fix_submission``: the copies, and the check before and after."""

    source: str
    output: str
    pack: str
    files: list[FileFix] = Field(default_factory=list)
    before: SubmissionResult
    after: SubmissionResult


class Notes:
    """Collects FixItems for one file in one language."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.items: list[FixItem] = []

    def changed(
        self,
        message: Text,
        *,
        rule: str | None = None,
        location: Text | Where | None = None,
        place: dict[str, int | str] | None = None,
    ) -> None:
        self._add("changed", message, rule, location, place)

    def left(
        self,
        message: Text,
        *,
        rule: str | None = None,
        location: Text | Where | None = None,
        place: dict[str, int | str] | None = None,
    ) -> None:
        self._add("left", message, rule, location, place)

    def _add(
        self,
        kind: Literal["changed", "left"],
        message: Text,
        rule: str | None,
        location: Text | Where | None,
        place: dict[str, int | str] | None,
    ) -> None:
        self.items.append(
            FixItem(
                kind=kind,
                rule=rule,
                location=location.pick(self.lang) if location else None,
                place=place,
                message=message.pick(self.lang),
            )
        )


@dataclass(frozen=True)
class Progress:
    """A progress event of a long fix (the video re-encode): frames done of ``total``."""

    file: str
    done: int
    total: int | None
    fps: float  # frames encoded per second of wall time
    eta_s: float | None


ProgressFn = Callable[[Progress], None]
# A fixer: (copy to rewrite, the material's facts, its findings, rule id → (checker, params),
# language) → (whether the copy was rewritten, what was changed and what is left).
Fixer = Callable[[Path, Any, list[Finding], dict[str, Rule], Lang], tuple[bool, list[FixItem]]]


def reencode_by(action: Text) -> Text:
    """The note's remedy for a video left as it was: ``action`` (a flag, a box to tick) asks
    for the re-encode. A surface where none can be asked for passes a whole sentence instead."""
    return Text(f"{action.zh}，即可按要求重新编码", f"{action.en} to re-encode it")
