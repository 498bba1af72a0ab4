"""Apply the pack's heading/body formatting to a report so that Word *shows* it.

The required East Asian font, size, bold and 固定值 line spacing go into the paragraph styles
the paragraphs use (docDefaults for body text whose font or size came from there); direct
run/paragraph formatting and character-style toggles that override them are removed. Then
the document is resolved again with the reader's ``StyleResolver``: a paragraph that still
differs gets direct formatting, and every property of every other paragraph (title, tables,
attachments, image paragraphs) that a style change moved is pinned back to what it was.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from lxml import etree

import casecheck.fix.docx_edit as ed
from casecheck.fix.model import Notes
from casecheck.fix.report_targets import (
    PROP_NAME,
    Target,
    Want,
    para_line,
    paragraph_wants,
    run_value,
    show,
)
from casecheck.i18n import Text
from casecheck.readers.docx.document import resolver_for, shown_paragraphs
from casecheck.readers.docx.models import DocxFacts, LineSpacing, ParagraphFacts, RunFacts
from casecheck.readers.docx.styles import StyleResolver
from casecheck.readers.docx.wml import W, wattr, wval


class ReportFormatter:
    """One pass over one document; ``apply`` edits ``doc`` in place and fills ``notes``."""

    def __init__(self, doc: Any, facts: DocxFacts, notes: Notes) -> None:
        self.doc = doc
        self.facts = facts
        self.notes = notes
        self.shown = shown_paragraphs(doc)
        self.styles_el = doc.styles.element
        self.style_el = {wattr(s, "styleId"): s for s in self.styles_el.iterfind(W + "style")}
        self.pinned: dict[Text, list[ParagraphFacts]] = {}

    # -- what each paragraph must become ----------------------------------------------------
    # -- the whole pass ----------------------------------------------------------------------
    def apply(self, targets: list[Target]) -> bool:
        if len(self.shown) != len(self.facts.paragraphs):
            self.notes.left(
                Text(
                    "无法把段落与检查结果一一对应，未修改格式，请按检查报告手工修改",
                    "Paragraphs could not be matched to the check results; formatting was not changed",
                )
            )
            return False
        wants = paragraph_wants(self.facts, targets, self.notes)
        if not wants:
            return False
        res0 = resolver_for(self.doc)
        before = [self._state(res0, i) for i in range(len(self.shown))]
        self._set_styles(res0, wants, before)
        for i, want in wants.items():
            self._clean_direct(res0, i, want)
        res1 = resolver_for(self.doc)
        for i in range(len(self.shown)):
            self._settle(res1, i, wants.get(i, Want()), before[i])
        self._note_pinned()
        return True

    def _state(self, res: StyleResolver, i: int) -> tuple[list[RunFacts], LineSpacing]:
        p, runs = self.shown[i]
        tstyle = res.table_style_id(p)
        return (
            [res.effective_run(r, p, table_style=tstyle) for r in runs],
            res.effective_paragraph(p, tstyle).line_spacing,
        )

    # -- styles ------------------------------------------------------------------------------
    def _set_styles(
        self,
        res: StyleResolver,
        wants: dict[int, Want],
        before: list[tuple[list[RunFacts], LineSpacing]],
    ) -> None:
        votes: dict[tuple[str, str], Counter[Any]] = {}
        first: dict[tuple[str, str], int] = {}
        from_defaults: dict[tuple[str, str], bool] = {}
        for i, want in sorted(wants.items()):
            sid = res.paragraph_style_id(self.shown[i][0])
            if sid is None:
                continue
            para = self.facts.paragraphs[i]
            for prop, value in want.values.items():
                key = (sid, prop)
                votes.setdefault(key, Counter())[value] += 1
                first.setdefault(key, i)
                runs = [r for r in before[i][0] if r.text.strip()]
                src = (
                    (runs[0].east_asia_source if prop == "font" else runs[0].size_source)
                    if runs
                    else ""
                )
                body = para.role in ("body", "table")
                from_defaults[key] = from_defaults.get(key, True) and body and src == "docDefaults"
        for (sid, prop), counter in votes.items():
            value = counter.most_common(1)[0][0]
            st = self.style_el.get(sid)
            if st is None:
                continue
            at = first[(sid, prop)]
            para = self.facts.paragraphs[at]
            old = self._first_value(before[at], prop)
            if prop in ("font", "size") and from_defaults[(sid, prop)]:
                rpr = self._defaults_rpr()
                where = Text("文档默认字体（docDefaults）", "the document defaults (docDefaults)")
            elif prop == "line":
                rpr = ed.get_or_add(st, "pPr")
                shown = res.shown_name(sid)
                where = Text(f"样式「{shown.zh}」", f"style “{shown.en}”")
            else:
                rpr = ed.get_or_add(st, "rPr")
                shown = res.shown_name(sid)
                where = Text(f"样式「{shown.zh}」", f"style “{shown.en}”")
            if self._write(rpr, prop, value):
                n = counter[value]
                self.notes.changed(
                    Text(
                        f"已将{where.zh}的{PROP_NAME[prop].zh}设为 {show(prop, value).zh}"
                        f"（原为 {show(prop, old).zh}；用于本段等 {n} 段）",
                        f"Set the {PROP_NAME[prop].en} of {where.en} to {show(prop, value).en} "
                        f"(was {show(prop, old).en}; used by this and {n - 1} more paragraphs)",
                    ),
                    rule=wants[at].rules[prop],
                    location=para.where(),
                    place={"paragraph": para.index},
                )

    def _first_value(self, state: tuple[list[RunFacts], LineSpacing], prop: str) -> Any:
        if prop == "line":
            return para_line(state[1])
        runs = [r for r in state[0] if r.text.strip() and (prop != "font" or r.east_asia_chars)]
        return run_value(runs[0], prop) if runs else None

    def _defaults_rpr(self) -> etree._Element:
        dd = self.styles_el.find(W + "docDefaults")
        if dd is None:
            dd = etree.Element(W + "docDefaults")
            self.styles_el.insert(0, dd)
        holder = dd.find(W + "rPrDefault")
        if holder is None:
            holder = etree.Element(W + "rPrDefault")
            dd.insert(0, holder)
        return ed.get_or_add(holder, "rPr")

    @staticmethod
    def _write(el: etree._Element, prop: str, value: Any) -> bool:
        """Write ``value`` on an rPr (font/size/bold) or pPr (line); False when already so."""
        if prop == "font":
            if ed.east_asia(el) == (value, None):
                return False
            ed.set_east_asia(el, value)
        elif prop == "size":
            if ed.size_half_points(el) == value:
                return False
            ed.set_size(el, value)
        elif prop == "bold":
            if ed.bold(el) is value:
                return False
            ed.set_bold(el, value)
        else:
            line, rule = ed.spacing(el)
            if (line, rule) == (str(value[0]), value[1]):
                return False
            ed.set_spacing(el, value[0], value[1])
        return True

    # -- direct formatting and character styles ----------------------------------------------
    def _clean_direct(self, res: StyleResolver, i: int, want: Want) -> None:
        p, runs = self.shown[i]
        done: list[Text] = []
        for r in runs:
            rpr = r.find(W + "rPr")
            if rpr is not None:
                done += self._drop_direct(rpr, want)
            rstyle = wval(r.find(f"{W}rPr/{W}rStyle"))
            if rstyle and self._char_style_conflicts(res, rstyle, want):
                chain = [
                    s
                    for s in (self.style_el.get(c.style_id) for c in res.chain(rstyle))
                    if s is not None
                ]
                ed.unwrap_char_style(r, [x for s in chain if (x := s.find(W + "rPr")) is not None])
                name = res.shown_name(rstyle)
                done.append(
                    Text(f"取消字符样式「{name.zh}」", f"removed the character style “{name.en}”")
                )
        if "line" in want.values:
            ppr = p.find(W + "pPr")
            line, rule = ed.spacing(ppr)
            if (
                ppr is not None
                and line is not None
                and (line, rule) != (str(want.values["line"][0]), "exact")
            ):
                ed.drop_spacing_line(ppr)
                old = (
                    LineSpacing.model_validate({"line": int(line), "rule": rule or "auto"})
                    if line.lstrip("-").isdigit()
                    and (rule or "auto") in ("auto", "exact", "atLeast")
                    else LineSpacing()
                )
                done.append(
                    Text(
                        f"删除段落直接设置的行距（{old.describe('zh')}）",
                        f"removed the paragraph's own line spacing ({old.describe('en')})",
                    )
                )
        self._note_paragraph(i, done, want)

    def _drop_direct(self, rpr: etree._Element, want: Want) -> list[Text]:
        done: list[Text] = []
        if "font" in want.values:
            plain, theme = ed.east_asia(rpr)
            if (plain is not None and plain != want.values["font"]) or theme is not None:
                ed.drop_east_asia(rpr)
                old = plain or f"theme {theme}"
                done.append(
                    Text(
                        f"删除文字上直接设置的中文字体 {old}",
                        f"removed the font {old} set on the text",
                    )
                )
        if "size" in want.values:
            sz = ed.size_half_points(rpr)
            if sz is not None and sz != want.values["size"]:
                ed.drop(rpr, "sz")
                done.append(
                    Text(
                        f"删除文字上直接设置的字号 {sz / 2:g} 磅",
                        f"removed the size {sz / 2:g} pt set on the text",
                    )
                )
        if "bold" in want.values:
            b = ed.bold(rpr)
            if b is not None and b != want.values["bold"]:
                ed.drop(rpr, "b")
                done.append(
                    Text(
                        "删除文字上直接设置的「不加粗」"
                        if not b
                        else "删除文字上直接设置的「加粗」",
                        f"removed direct {'bold' if b else 'not-bold'} on the text",
                    )
                )
        return done

    def _char_style_conflicts(self, res: StyleResolver, rstyle: str, want: Want) -> bool:
        chain = res.chain(rstyle)
        if "font" in want.values:
            font = next((s.rpr.fonts["eastAsia"] for s in chain if "eastAsia" in s.rpr.fonts), None)
            if font is not None and (font[1] is not None or font[0] != want.values["font"]):
                return True
        if "size" in want.values:
            sz = next((s.rpr.sz for s in chain if s.rpr.sz is not None), None)
            if sz is not None and sz != want.values["size"]:
                return True
        # Bold toggles: a character style's bold=on flips the paragraph style's value.
        return (
            "bold" in want.values
            and next((s.rpr.b for s in chain if s.rpr.b is not None), None) is True
        )

    # -- verify, then pin back what moved ----------------------------------------------------
    def _settle(
        self, res: StyleResolver, i: int, want: Want, before: tuple[list[RunFacts], LineSpacing]
    ) -> None:
        p, runs = self.shown[i]
        after_runs, after_line = self._state(res, i)
        direct: list[Text] = []
        pinned: list[Text] = []
        for r, old, new in zip(runs, before[0], after_runs, strict=True):
            if not new.text.strip():
                continue
            for prop in ("font", "size", "bold"):
                if prop == "font" and not new.east_asia_chars:
                    continue
                now = run_value(new, prop)
                if prop in want.values:
                    if now != want.values[prop]:
                        self._write(ed.get_or_add(r, "rPr"), prop, want.values[prop])
                        direct.append(
                            Text(
                                f"{PROP_NAME[prop].zh} {show(prop, want.values[prop]).zh}",
                                f"{PROP_NAME[prop].en} {show(prop, want.values[prop]).en}",
                            )
                        )
                elif now != (was := run_value(old, prop)) and was is not None:
                    self._write(ed.get_or_add(r, "rPr"), prop, was)
                    pinned.append(
                        Text(
                            f"{PROP_NAME[prop].zh} {show(prop, was).zh}",
                            f"{PROP_NAME[prop].en} {show(prop, was).en}",
                        )
                    )
        now_line = para_line(after_line)
        if "line" in want.values:
            if now_line != want.values["line"]:
                self._write(ed.get_or_add(p, "pPr"), "line", want.values["line"])
                direct.append(
                    Text(
                        f"行距 {show('line', want.values['line']).zh}",
                        f"line spacing {show('line', want.values['line']).en}",
                    )
                )
        elif now_line != (was_line := para_line(before[1])):
            value = was_line if was_line[0] is not None else (240, "auto")
            self._write(ed.get_or_add(p, "pPr"), "line", value)
            pinned.append(
                Text(f"行距 {show('line', value).zh}", f"line spacing {show('line', value).en}")
            )
        para = self.facts.paragraphs[i]
        if direct:
            self.notes.changed(
                Text(
                    "已在本段直接设置" + "、".join(dict.fromkeys(t.zh for t in direct)),
                    "Set directly on this paragraph: "
                    + ", ".join(dict.fromkeys(t.en for t in direct)),
                ),
                rule=next(iter(want.rules.values()), None),
                location=para.where(),
                place={"paragraph": para.index},
            )
        for t in dict.fromkeys(pinned):
            self.pinned.setdefault(t, []).append(para)

    def _note_pinned(self) -> None:
        for what, paras in self.pinned.items():
            numbers = "、".join(str(p.index) for p in paras[:10]) + ("…" if len(paras) > 10 else "")
            self.notes.changed(
                Text(
                    f"样式修改后，为保持其余段落原有格式，已在第 {numbers} 段（共 {len(paras)} 段）直接设置{what.zh}",
                    f"After the style change, paragraphs {numbers} ({len(paras)}) keep their format: set {what.en} on them",
                ),
                location=paras[0].where(),
                place={"paragraph": paras[0].index},
            )

    def _note_paragraph(self, i: int, done: list[Text], want: Want) -> None:
        if not done:
            return
        para: ParagraphFacts = self.facts.paragraphs[i]
        self.notes.changed(
            Text(
                "已" + "；".join(dict.fromkeys(t.zh for t in done)) + "，改用样式中的格式",
                "In this paragraph: "
                + "; ".join(dict.fromkeys(t.en for t in done))
                + " (the style's format applies now)",
            ),
            rule=next(iter(want.rules.values()), None),
            location=para.where(),
            place={"paragraph": para.index},
        )
