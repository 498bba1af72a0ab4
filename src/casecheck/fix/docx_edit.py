"""Small WordprocessingML edits for the report fixer: East Asian font, size, bold and line
spacing on an ``w:rPr`` / ``w:pPr`` (of a run, a paragraph, a style or docDefaults), kept in
schema order so Word opens the result. Latin slots (ascii/hAnsi and their themes) are never
touched."""

from __future__ import annotations

from lxml import etree

from casecheck.readers.docx.wml import W, on_off, wattr, wval

# ECMA-376 CT_RPr / CT_PPrBase child order (the subset casecheck writes or moves).
RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
]
PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
STYLE_ORDER = [
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
]
# Properties the fixer owns in a run: the East Asian font pair, size, bold.
OWNED_RPR = {"sz", "szCs", "b", "bCs"}


def _local(el: etree._Element) -> str:
    return str(etree.QName(el).localname)


def child(parent: etree._Element, name: str, order: list[str]) -> etree._Element:
    """The ``w:name`` child of ``parent``, created at its schema position when missing."""
    found = parent.find(W + name)
    if found is not None:
        return found
    new = etree.SubElement(parent, W + name)
    parent.remove(new)
    rank = order.index(name) if name in order else len(order)
    for i, sibling in enumerate(parent):
        other = _local(sibling)
        if other in order and order.index(other) > rank:
            parent.insert(i, new)
            return new
    parent.append(new)
    return new


def get_or_add(owner: etree._Element, name: str) -> etree._Element:
    """``owner``'s ``w:rPr`` or ``w:pPr`` (owner: w:r, w:p, w:style, w:rPrDefault …)."""
    found = owner.find(W + name)
    if found is not None:
        return found
    if _local(owner) == "style":
        return child(owner, name, STYLE_ORDER)
    new = etree.Element(W + name)
    owner.insert(0, new)
    if name == "rPr" and _local(owner) == "pPr":  # paragraph-mark rPr sits late in pPr
        owner.remove(new)
        return child(owner, "rPr", PPR_ORDER)
    return new


def east_asia(rpr: etree._Element | None) -> tuple[str | None, str | None]:
    """(plain eastAsia name, eastAsiaTheme) set directly on ``rpr``."""
    rf = rpr.find(W + "rFonts") if rpr is not None else None
    return wattr(rf, "eastAsia"), wattr(rf, "eastAsiaTheme")


def set_east_asia(rpr: etree._Element, font: str) -> None:
    """``w:eastAsia=font``; an ``eastAsiaTheme`` beside it would win (ECMA §17.3.2.26), so it goes."""
    rf = child(rpr, "rFonts", RPR_ORDER)
    rf.set(W + "eastAsia", font)
    rf.attrib.pop(W + "eastAsiaTheme", None)


def drop_east_asia(rpr: etree._Element) -> bool:
    """Remove the eastAsia pair from ``rpr`` (Latin slots stay); True when something went."""
    rf = rpr.find(W + "rFonts")
    if rf is None:
        return False
    had = any(rf.attrib.pop(W + a, None) is not None for a in ("eastAsia", "eastAsiaTheme"))
    if not rf.attrib:
        rpr.remove(rf)
    return had


def size_half_points(rpr: etree._Element | None) -> int | None:
    v = wval(rpr.find(W + "sz")) if rpr is not None else None
    return int(v) if v and v.isdigit() else None


def set_size(rpr: etree._Element, half_points: int) -> None:
    child(rpr, "sz", RPR_ORDER).set(W + "val", str(half_points))


def drop(rpr: etree._Element, name: str) -> bool:
    el = rpr.find(W + name)
    if el is None:
        return False
    rpr.remove(el)
    return True


def bold(rpr: etree._Element | None) -> bool | None:
    return on_off(rpr.find(W + "b")) if rpr is not None else None


def set_bold(rpr: etree._Element, value: bool) -> None:
    el = child(rpr, "b", RPR_ORDER)
    el.attrib.pop(W + "val", None)
    if not value:
        el.set(W + "val", "0")


def spacing(ppr: etree._Element | None) -> tuple[str | None, str | None]:
    """(line, lineRule) set directly on ``ppr``."""
    sp = ppr.find(W + "spacing") if ppr is not None else None
    return wattr(sp, "line"), wattr(sp, "lineRule")


def set_spacing(ppr: etree._Element, line: int, rule: str) -> None:
    """``w:spacing/@w:line`` + ``@w:lineRule`` as a pair; before/after spacing is kept."""
    sp = child(ppr, "spacing", PPR_ORDER)
    sp.set(W + "line", str(line))
    sp.set(W + "lineRule", rule)


def drop_spacing_line(ppr: etree._Element) -> bool:
    sp = ppr.find(W + "spacing")
    if sp is None or wattr(sp, "line") is None:
        return False
    for attr in ("line", "lineRule"):
        sp.attrib.pop(W + attr, None)
    if not sp.attrib:
        ppr.remove(sp)
    return True


def unwrap_char_style(r: etree._Element, chain_rprs: list[etree._Element]) -> None:
    """Remove the run's ``w:rStyle``, keeping what the style gave except font pair, size, bold.

    ``chain_rprs`` are the ``w:rPr`` of the style and its ``basedOn`` ancestors, nearest
    first. Latin fonts and other properties (italic, colour …) become direct formatting
    unless the run already sets them, so only the overriding toggles disappear.
    """
    rpr = get_or_add(r, "rPr")
    drop(rpr, "rStyle")
    for style_rpr in chain_rprs:
        for prop in style_rpr:
            name = _local(prop)
            if name in OWNED_RPR or name == "rStyle" or not isinstance(prop.tag, str):
                continue
            if name == "rFonts":
                rf = child(rpr, "rFonts", RPR_ORDER)
                for attr, value in prop.attrib.items():
                    slot = etree.QName(attr).localname
                    if not slot.startswith("eastAsia") and attr not in rf.attrib:
                        rf.set(attr, value)
                if not rf.attrib:
                    rpr.remove(rf)
            elif rpr.find(prop.tag) is None:
                rpr.replace(child(rpr, name, RPR_ORDER), _copy(prop))


def _copy(el: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(el))
