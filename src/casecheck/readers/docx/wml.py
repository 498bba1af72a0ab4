"""WordprocessingML names and tiny attribute helpers shared by the .docx reader modules."""

from __future__ import annotations

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
V_NS = "urn:schemas-microsoft-com:vml"
W = f"{{{W_NS}}}"
A = f"{{{A_NS}}}"
R = f"{{{R_NS}}}"
MC = f"{{{MC_NS}}}"
V = f"{{{V_NS}}}"

_FALSE = ("0", "false", "off", "none")


def wattr(el: etree._Element | None, name: str) -> str | None:
    """The ``w:name`` attribute of ``el`` (None when ``el`` or the attribute is missing)."""
    if el is None:
        return None
    value = el.get(W + name)
    return str(value) if value is not None else None


def wval(el: etree._Element | None) -> str | None:
    """The ``w:val`` attribute of ``el``."""
    return wattr(el, "val")


def on_off(el: etree._Element | None) -> bool | None:
    """An ST_OnOff element: None when absent, ``<w:b/>`` is True, ``w:val="0"`` is False."""
    if el is None:
        return None
    val = wval(el)
    return val is None or val.lower() not in _FALSE


def local(el: etree._Element) -> str:
    """The local name of an element (``p`` for ``w:p``); '' for comments and PIs."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


# Markup compatibility (ECMA-376 Part 3): an mc:Choice is taken when every namespace its
# Requires names is one this reader reads — WordprocessingML and its Word 2010+ extensions,
# DrawingML, VML, math; else the mc:Fallback, else nothing. WPS writes blocks with no
# fallback at all (Requires="wpsCustomData": field markers, typography flags): nothing to read.
_UNDERSTOOD = (
    "http://schemas.openxmlformats.org/",
    "http://schemas.microsoft.com/office/word/",
    "http://schemas.microsoft.com/office/drawing/",
    "urn:schemas-microsoft-com:",
)


def chosen_branch(alternate: etree._Element) -> etree._Element | None:
    """The mc:Choice or mc:Fallback of ``alternate`` whose content counts, or None."""
    for choice in alternate.iterfind(MC + "Choice"):
        prefixes = (choice.get("Requires") or "").split()
        uris = [choice.nsmap.get(prefix) for prefix in prefixes]
        if uris and all(u is not None and u.startswith(_UNDERSTOOD) for u in uris):
            return choice
    return alternate.find(MC + "Fallback")


def in_unchosen_branch(el: etree._Element, stop: etree._Element) -> bool:
    """``el`` sits (below ``stop``) in an mc:Choice/mc:Fallback that is not the chosen one."""
    node = el.getparent()
    while node is not None and node is not stop:
        if node.tag in (MC + "Choice", MC + "Fallback"):
            parent = node.getparent()
            if parent is None or chosen_branch(parent) is not node:
                return True
        node = node.getparent()
    return False
