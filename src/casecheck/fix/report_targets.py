"""What the report fixer aims at: the failing style rules as targets, and per paragraph the
values it must end up with (font, size in half-points, bold, line spacing pair)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from casecheck.fix.model import Notes
from casecheck.i18n import Text
from casecheck.readers.docx.models import DocxFacts, LineSpacing, RunFacts

PROPS = ("font", "size", "bold", "line")
PROP_NAME = {
    "font": Text("中文字体", "East Asian font"),
    "size": Text("字号", "size"),
    "bold": Text("加粗", "bold"),
    "line": Text("行距", "line spacing"),
}


@dataclass
class Target:
    """A failing style rule: the roles it covers and the values it requires (None: not judged)."""

    rule: str
    roles: tuple[str, ...]
    font: str | None = None
    size_pt: float | None = None
    bold: bool | None = None
    line_pt: float | None = None


@dataclass
class Want:
    values: dict[str, Any] = field(default_factory=dict)  # prop → font / half-points / bool / twips
    rules: dict[str, str] = field(default_factory=dict)


def show(prop: str, value: Any) -> Text:
    if value is None:
        return Text("未设置", "not set")
    if prop == "size":
        return Text(f"{value / 2:g} 磅", f"{value / 2:g} pt")
    if prop == "bold":
        return Text("加粗", "bold") if value else Text("不加粗", "not bold")
    if prop == "line":
        ls = (
            LineSpacing(line=int(value[0]), rule=value[1])
            if value[0] is not None
            else LineSpacing()
        )
        return Text(ls.describe("zh"), ls.describe("en"))
    return Text(str(value), str(value))


def run_value(run: RunFacts, prop: str) -> Any:
    if prop == "font":
        return run.east_asia_font
    if prop == "size":
        return round(run.size_pt * 2) if run.size_pt is not None else None
    return run.bold


def para_line(ls: LineSpacing) -> tuple[int | None, str | None]:
    return ls.line, ls.rule


def paragraph_wants(facts: DocxFacts, targets: list[Target], notes: Notes) -> dict[int, Want]:
    """What each paragraph (index into ``facts.paragraphs``) must become, per failing rule."""
    image_paras = {img.paragraph for img in facts.images if img.paragraph is not None}
    wants: dict[int, Want] = {}
    for t in targets:
        for i, para in enumerate(facts.paragraphs):
            if para.role not in t.roles or not para.text.strip() or not para.runs:
                continue
            want = wants.setdefault(i, Want())
            values: dict[str, Any] = {}
            if t.font is not None:
                values["font"] = t.font
            if t.size_pt is not None:
                values["size"] = round(t.size_pt * 2)
            if t.bold is not None:
                # Ambiguous only through a character style: dropping that style's toggle
                # makes the result certain whichever way Word reads it — no guess.
                if any(
                    r.bold is None and "char-style:" not in r.bold_source
                    for r in para.runs
                    if r.text.strip()
                ):
                    notes.left(
                        Text(
                            "本段加粗状态不确定（多个样式层级同时设置了加粗），未修改加粗，请在 Word 中确认",
                            "Bold is ambiguous here (several style levels set it); bold was not changed — check it in Word",
                        ),
                        rule=t.rule,
                        location=para.where(),
                        place={"paragraph": para.index},
                    )
                else:
                    values["bold"] = t.bold
            if t.line_pt is not None:
                if para.index in image_paras:
                    notes.left(
                        Text(
                            "本段含图片，固定行距会裁切图片，未修改行距：请把图片单独放一段",
                            "This paragraph holds an image; fixed spacing would clip it, so spacing was not changed — put the image in its own paragraph",
                        ),
                        rule=t.rule,
                        location=para.where(),
                        place={"paragraph": para.index},
                    )
                else:
                    values["line"] = (round(t.line_pt * 20), "exact")
            for prop, value in values.items():
                want.values[prop] = value
                want.rules[prop] = t.rule
    return wants
