"""Effective run and paragraph formatting of a .docx, as Word resolves it.

python-docx only returns *direct* values. ``StyleResolver`` walks the OOXML precedence
(ECMA-376 §17.7.2) from nearest to farthest: direct formatting → character style →
paragraph style (``basedOn`` chain) → numbering level → table style → docDefaults, then
resolves theme fonts (``*Theme`` attributes, the theme's ``a:font script="Hans"`` picked by
``w:themeFontLang``, else ``a:ea``). Bold is a toggle property (§17.7.3). Values nobody sets
are reported as unresolved (``None``), never guessed. Every value carries its source so
``casecheck inspect`` can show *why*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from lxml import etree

from casecheck.i18n import Text
from casecheck.readers.docx.models import LineSpacing, RunFacts
from casecheck.readers.docx.numbering import Numbering
from casecheck.readers.docx.wml import A, W, local, on_off, wattr, wval
from casecheck.readers.docx.wordcount import count_east_asian

SLOTS = ("eastAsia", "ascii", "hAnsi")
# w:themeFontLang/@w:eastAsia → the theme's a:font/@script.
LANG_SCRIPT = {
    "zh-cn": "Hans",
    "zh-sg": "Hans",
    "zh-tw": "Hant",
    "zh-hk": "Hant",
    "zh-mo": "Hant",
    "ja-jp": "Jpan",
    "ko-kr": "Hang",
}


@dataclass(frozen=True)
class _RPr:
    fonts: dict[str, tuple[str | None, str | None]]  # slot → (plain name, theme name)
    hint: str | None = None
    sz: int | None = None  # half-points
    b: bool | None = None
    cs: bool | None = None


_EMPTY = _RPr({})


def _parse_rpr(rpr: etree._Element | None) -> _RPr:
    if rpr is None:
        return _EMPTY
    fonts: dict[str, tuple[str | None, str | None]] = {}
    rf = rpr.find(W + "rFonts")
    hint = None
    if rf is not None:
        hint = wattr(rf, "hint")
        for slot in SLOTS:
            plain, theme = wattr(rf, slot), wattr(rf, slot + "Theme")
            if plain is not None or theme is not None:
                fonts[slot] = (plain, theme)
    sz = wval(rpr.find(W + "sz"))
    cs = on_off(rpr.find(W + "cs")) or on_off(rpr.find(W + "rtl"))
    return _RPr(
        fonts, hint, int(sz) if sz and sz.isdigit() else None, on_off(rpr.find(W + "b")), cs
    )


@dataclass
class _Style:
    style_id: str
    name: str
    kind: str
    based_on: str | None
    rpr: _RPr
    ppr: etree._Element | None
    default: bool


@dataclass
class ParagraphProps:
    """A paragraph's effective properties (see ``StyleResolver.effective_paragraph``)."""

    style_id: str | None
    style_name: str
    outline_level: int | None
    line_spacing: LineSpacing
    num: tuple[str, int] | None
    page_break_before: bool
    table_style: str | None = None


@dataclass
class _Base:
    """Inherited (non-direct) run properties for one (char style, para style, table style)."""

    fonts: dict[str, tuple[str | None, str | None, str]] = field(default_factory=dict)
    hint: str | None = None
    sz: tuple[int, str] | None = None
    bold_levels: list[tuple[str, bool]] = field(default_factory=list)
    default_bold: bool = False
    cs: bool = False


# Word stores English names for its built-in styles; Chinese Word shows these.
BUILTIN_STYLE_NAMES = {
    "normal": Text("正文", "Normal"),
    "title": Text("标题", "Title"),
    "subtitle": Text("副标题", "Subtitle"),
    "caption": Text("题注", "Caption"),
    "default paragraph font": Text("默认段落字体", "Default Paragraph Font"),
    "list paragraph": Text("列表段落", "List Paragraph"),
    "body text": Text("正文文本", "Body Text"),
    "table grid": Text("网格型", "Table Grid"),
}


class StyleResolver:
    """Resolve effective formatting for runs and paragraphs of one document.

    Build it once per document from the parsed parts (``styles.xml``, ``theme1.xml``,
    ``settings.xml``, ``numbering.xml``; any may be None) and call ``effective_run`` /
    ``effective_paragraph`` for each element; results of the style chains are cached.
    """

    def __init__(
        self,
        styles: etree._Element | None,
        theme: etree._Element | None = None,
        settings: etree._Element | None = None,
        numbering: Numbering | None = None,
    ) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_style: dict[str, str] = {}
        self.numbering = numbering or Numbering(None)
        self.default_rpr = _EMPTY
        self.default_ppr: etree._Element | None = None
        self._bases: dict[tuple[str | None, str | None, str | None], _Base] = {}
        if styles is not None:
            dd = styles.find(W + "docDefaults")
            if dd is not None:
                self.default_rpr = _parse_rpr(dd.find(f"{W}rPrDefault/{W}rPr"))
                self.default_ppr = dd.find(f"{W}pPrDefault/{W}pPr")
            for st in styles.iterfind(W + "style"):
                sid = wattr(st, "styleId") or ""
                kind = wattr(st, "type") or "paragraph"
                default = on_off(st.find(W + "default")) or wattr(st, "default") in (
                    "1",
                    "true",
                    "on",
                )
                self.styles[sid] = _Style(
                    sid,
                    wval(st.find(W + "name")) or sid,
                    kind,
                    wval(st.find(W + "basedOn")),
                    _parse_rpr(st.find(W + "rPr")),
                    st.find(W + "pPr"),
                    bool(default),
                )
                if default:
                    self.default_style.setdefault(kind, sid)
        # Paragraph styles that carry a numPr → their numId (for numStyleLink).
        self.style_num: dict[str, str] = {}
        for sid, st in self.styles.items():
            nid = wval(st.ppr.find(f"{W}numPr/{W}numId")) if st.ppr is not None else None
            if nid:
                self.style_num[sid] = nid
        self.theme_fonts = _theme_fonts(theme)
        lang = settings.find(W + "themeFontLang") if settings is not None else None
        self.theme_lang_ea = (wattr(lang, "eastAsia") or "").strip() or None

    # -- styles -------------------------------------------------------------------------
    def shown_name(self, style_id: str | None) -> Text:
        """The name Word's style gallery shows: 「标题 1」 / "Heading 1" for ``heading 1``,
        「正文」 / "Normal" for ``Normal``; a custom style's own name as it is."""
        name = self.style_name(style_id)
        key = name.strip().casefold()
        if key in BUILTIN_STYLE_NAMES:
            return BUILTIN_STYLE_NAMES[key]
        level = re.fullmatch(r"heading\s*([1-9])", key)
        if level:
            return Text(f"标题 {level[1]}", f"Heading {level[1]}")
        return Text(name, name)

    def style_name(self, style_id: str | None) -> str:
        """The style's ``w:name`` (e.g. ``heading 1`` for Chinese Word's styleId ``1``)."""
        st = self.styles.get(style_id or "")
        return st.name if st else (style_id or "")

    def chain(self, style_id: str | None) -> list[_Style]:
        """The style and its ``basedOn`` ancestors, nearest first (cycles cut)."""
        out: list[_Style] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen and len(out) < 32:
            seen.add(style_id)
            st = self.styles[style_id]
            out.append(st)
            style_id = st.based_on
        return out

    def paragraph_style_id(self, p: etree._Element) -> str | None:
        sid = wval(p.find(f"{W}pPr/{W}pStyle"))
        if sid is None or sid not in self.styles:
            return self.default_style.get("paragraph")
        return sid

    def table_style_id(self, p: etree._Element) -> str | None:
        """The style of the innermost table containing ``p`` (or the default table style)."""
        node = p.getparent()
        while node is not None:
            if local(node) == "tbl":
                sid = wval(node.find(f"{W}tblPr/{W}tblStyle"))
                return sid if sid in self.styles else self.default_style.get("table")
            node = node.getparent()
        return None

    # -- paragraphs ---------------------------------------------------------------------
    def effective_paragraph(
        self, p: etree._Element, table_style: str | None = None
    ) -> ParagraphProps:
        """Style, outline level, line spacing, numbering and page-break-before of ``p``."""
        sid = self.paragraph_style_id(p)
        ppr = p.find(W + "pPr")
        pchain = self.chain(sid)
        levels: list[tuple[str, etree._Element | None]] = [("direct", ppr)]
        levels += [(f"para-style:{s.name}", s.ppr) for s in pchain]
        num = self._num(ppr, pchain)
        if num is not None:
            lvl = self.numbering.level(num[0], num[1], self.style_num)
            if lvl is not None:
                levels.append(("numbering", lvl.ppr))
        if table_style:
            levels += [(f"table-style:{s.name}", s.ppr) for s in self.chain(table_style)]
        levels.append(("docDefaults", self.default_ppr))
        spacing = LineSpacing()
        outline: int | None = None
        pbb: bool | None = None
        for source, el in levels:
            if el is None:
                continue
            sp = el.find(W + "spacing")
            if spacing.line is None and sp is not None and (line := wattr(sp, "line")) is not None:
                rule = wattr(sp, "lineRule") or "auto"
                if line.lstrip("-").isdigit() and rule in ("auto", "exact", "atLeast"):
                    spacing = LineSpacing(line=int(line), rule=rule, source=source)  # type: ignore[arg-type]
            if (
                outline is None
                and (ol := wval(el.find(W + "outlineLvl"))) is not None
                and ol.isdigit()
            ):
                outline = int(ol)
            if pbb is None:
                pbb = on_off(el.find(W + "pageBreakBefore"))
        return ParagraphProps(
            sid,
            self.style_name(sid),
            outline if outline is not None and outline < 9 else None,
            spacing,
            num,
            bool(pbb),
            table_style,
        )

    def _num(self, ppr: etree._Element | None, pchain: list[_Style]) -> tuple[str, int] | None:
        num_id = ilvl = None
        if ppr is not None and (np := ppr.find(W + "numPr")) is not None:
            num_id, ilvl = wval(np.find(W + "numId")), wval(np.find(W + "ilvl"))
        for st in pchain:
            if num_id is not None and ilvl is not None:
                break
            np = st.ppr.find(W + "numPr") if st.ppr is not None else None
            if np is not None:
                num_id = num_id if num_id is not None else wval(np.find(W + "numId"))
                ilvl = ilvl if ilvl is not None else wval(np.find(W + "ilvl"))
        if not num_id or num_id == "0" or num_id not in self.numbering.nums:
            return None
        if ilvl is None and pchain:
            absn = self.numbering.abstract_for(num_id, self.style_num)
            match = [
                i
                for i, lv in (absn.levels.items() if absn else ())
                if lv.pstyle == pchain[0].style_id
            ]
            ilvl = str(match[0]) if match else None
        return num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0

    # -- runs ---------------------------------------------------------------------------
    def _base(self, rstyle: str | None, pstyle: str | None, tstyle: str | None) -> _Base:
        key = (rstyle, pstyle, tstyle)
        if key in self._bases:
            return self._bases[key]
        groups = [
            ("char-style", self.chain(rstyle)),
            ("para-style", self.chain(pstyle)),
            ("table-style", self.chain(tstyle)),
        ]
        base = _Base(default_bold=bool(self.default_rpr.b))
        ordered = [(f"{g}:{s.name}", s.rpr) for g, ch in groups for s in ch]
        ordered.append(("docDefaults", self.default_rpr))
        for source, rpr in ordered:
            for slot, (plain, theme) in rpr.fonts.items():
                base.fonts.setdefault(slot, (plain, theme, source))
            if base.hint is None and rpr.hint:
                base.hint = rpr.hint
            if base.sz is None and rpr.sz is not None:
                base.sz = (rpr.sz, source)
            if rpr.cs:
                base.cs = True
        for group, ch in groups:
            first = next(((s.name, s.rpr.b) for s in ch if s.rpr.b is not None), None)
            if first is not None:
                base.bold_levels.append((f"{group}:{first[0]}", bool(first[1])))
        self._bases[key] = base
        return base

    def effective_run(
        self,
        r: etree._Element,
        p: etree._Element,
        text: str | None = None,
        table_style: str | Literal[False] | None = False,
    ) -> RunFacts:
        """Effective formatting of run ``r`` in paragraph ``p``.

        ``text`` defaults to the run's ``w:t`` text; ``table_style`` defaults to the style of
        the table containing ``p`` (pass None to ignore tables).
        """
        if text is None:
            text = "".join(t.text or "" for t in r.iterfind(W + "t"))
        tstyle = self.table_style_id(p) if table_style is False else table_style
        direct = _parse_rpr(r.find(W + "rPr"))
        base = self._base(wval(r.find(f"{W}rPr/{W}rStyle")), self.paragraph_style_id(p), tstyle)
        fonts: dict[str, tuple[str | None, str]] = {}
        for slot in SLOTS:
            if slot in direct.fonts:
                plain, theme, source = (*direct.fonts[slot], "direct")
            elif slot in base.fonts:
                plain, theme, source = base.fonts[slot]
            else:
                fonts[slot] = (None, "unset")
                continue
            fonts[slot] = self._font(plain, theme, source)
        ea, ea_src = fonts["eastAsia"]
        if ea == "Times New Roman" and fonts["ascii"][0] == fonts["hAnsi"][0] and fonts["ascii"][0]:
            ea, ea_src = (
                fonts["ascii"][0],
                fonts["ascii"][1] + " (eastAsia=Times New Roman → ascii)",
            )
        sz = (direct.sz, "direct") if direct.sz is not None else base.sz
        bold, bold_src = self._bold(direct.b, base)
        hint = direct.hint or base.hint
        cs = bool(direct.cs or base.cs)
        ea_chars = 0 if cs else count_east_asian(text, hint == "eastAsia")
        return RunFacts(
            text=text,
            east_asia_font=ea,
            east_asia_source=ea_src,
            ascii_font=fonts["ascii"][0],
            ascii_source=fonts["ascii"][1],
            size_pt=sz[0] / 2 if sz else None,
            size_source=sz[1] if sz else "unset",
            bold=bold,
            bold_source=bold_src,
            east_asia_chars=ea_chars,
            complex_script=cs,
        )

    def _bold(self, direct: bool | None, base: _Base) -> tuple[bool, str]:
        """Bold as Word renders it: a toggle property (ECMA-376 §17.7.3).

        Direct formatting is absolute; docDefaults bold makes every run bold; otherwise the
        first value of each style level (table, paragraph, character style) is XORed, so a
        bold heading style plus the bold character style Strong is *not* bold.
        """
        if direct is not None:
            return direct, "direct"
        if base.default_bold:
            return True, "docDefaults"
        trues = [src for src, val in base.bold_levels if val]
        if len(trues) > 1:
            return len(trues) % 2 == 1, "toggle: " + " xor ".join(trues)
        if trues:
            return True, trues[0]
        return False, base.bold_levels[0][0] if base.bold_levels else "unset"

    def _font(self, plain: str | None, theme: str | None, source: str) -> tuple[str | None, str]:
        # Within one rFonts a *Theme attribute overrides its plain counterpart (ECMA §17.3.2.26).
        if theme:
            name, how = self.theme_font(theme)
            return name, f"{source} → theme {theme}{how}"
        return (plain.strip() or None) if plain else None, source

    def theme_font(self, theme: str) -> tuple[str | None, str]:
        """Resolve ``minorEastAsia`` etc. to a typeface; (None, why) when unresolvable."""
        major_minor = "major" if theme.startswith("major") else "minor"
        fonts = self.theme_fonts.get(major_minor)
        if fonts is None:
            return None, " (no theme part)"
        if theme.endswith("EastAsia"):
            script = LANG_SCRIPT.get((self.theme_lang_ea or "").lower())
            if script and fonts.get("script:" + script):
                return fonts["script:" + script], f" ({self.theme_lang_ea} → {script})"
            if fonts.get("ea"):
                return fonts["ea"], " (a:ea)"
            return None, f" (themeFontLang {self.theme_lang_ea or 'unset'}, empty a:ea)"
        if theme.endswith("Bidi"):
            return fonts.get("cs") or None, ""
        return fonts.get("latin") or None, ""


def _theme_fonts(theme: etree._Element | None) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    if theme is None:
        return out
    for kind in ("major", "minor"):
        el = theme.find(f".//{A}fontScheme/{A}{kind}Font")
        if el is None:
            continue
        fonts: dict[str, str] = {}
        for tag in ("latin", "ea", "cs"):
            sub = el.find(A + tag)
            if sub is not None:
                fonts[tag] = (sub.get("typeface") or "").strip()
        for f in el.iterfind(A + "font"):
            if f.get("script"):
                fonts["script:" + str(f.get("script"))] = (f.get("typeface") or "").strip()
        out[kind] = fonts
    return out
