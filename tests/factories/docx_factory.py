"""Builders for real .docx files (python-docx plus raw OOXML where python-docx cannot).

Reusable by any test that needs a Word document: a conforming 总结报告 (``build_report``),
and small helpers to set East Asian fonts, theme fonts, docDefaults, automatic Chinese
numbering, content controls, line spacing, page breaks and images.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

EVIDENCE_TITLES = [
    "案例概述",
    "实施过程",
    "证据采集与分析",
    "成效评估",
    "特色与创新",
    "问题与反思",
    "推广建议",
]
STUDIO_TITLES = ["研修概况", "过程与举措", "成果与成效", "经验与创新", "持续改进计划"]
CN_NUMS = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 28 → 二十八 (for typed headings, 1–99)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_NUMS[tens - 1] + "十")
    return head + (CN_NUMS[ones - 1] if ones else "")


_FILLER = "教师研修数字素养提升实践活动案例总结报告人工智能协同循证教研课堂分析画像评价决策"


def chinese_text(n: int, offset: int = 0) -> str:
    """``n`` Han characters (no punctuation), so Word's 字数 of the result is exactly ``n``."""
    return "".join(_FILLER[(offset + i) % len(_FILLER)] for i in range(n))


def _rpr(owner: Any) -> Any:
    """The w:rPr of a python-docx run, style or the docDefaults rPr element itself."""
    if hasattr(owner, "_r"):
        return owner._r.get_or_add_rPr()
    if hasattr(owner, "element"):
        return owner.element.get_or_add_rPr()
    return owner


def set_fonts(
    owner: Any,
    east_asia: str | None = None,
    ascii: str | None = None,
    east_asia_theme: str | None = None,
    hint: str | None = None,
    keep_theme: bool = False,
) -> None:
    """Set w:rFonts slots on a run, a style or an rPr element.

    Setting ``east_asia`` removes an ``eastAsiaTheme`` (which would win) unless ``keep_theme``.
    """
    rpr = _rpr(owner)
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, rfonts)
    if east_asia is not None:
        rfonts.set(qn("w:eastAsia"), east_asia)
        if not keep_theme and qn("w:eastAsiaTheme") in rfonts.attrib:
            del rfonts.attrib[qn("w:eastAsiaTheme")]
    if east_asia_theme is not None:
        rfonts.set(qn("w:eastAsiaTheme"), east_asia_theme)
    if ascii is not None:
        for slot in ("ascii", "hAnsi"):
            rfonts.set(qn(f"w:{slot}"), ascii)
            rfonts.attrib.pop(qn(f"w:{slot}Theme"), None)
    if hint is not None:
        rfonts.set(qn("w:hint"), hint)


def set_size(owner: Any, pt: float) -> None:
    rpr = _rpr(owner)
    for tag in ("w:sz", "w:szCs"):
        old = rpr.find(qn(tag))
        if old is not None:
            rpr.remove(old)
        rpr.append(parse_xml(f'<{tag} {nsdecls("w")} w:val="{round(pt * 2)}"/>'))


def set_bold(owner: Any, bold: bool | None) -> None:
    """``True`` → ``<w:b/>``, ``False`` → ``<w:b w:val="0"/>``, ``None`` removes it."""
    rpr = _rpr(owner)
    for old in rpr.findall(qn("w:b")):
        rpr.remove(old)
    if bold is not None:
        val = "" if bold else ' w:val="0"'
        rpr.append(parse_xml(f"<w:b {nsdecls('w')}{val}/>"))


def set_line_spacing(owner: Any, line: int | None, rule: str | None = "exact") -> None:
    """Raw ``w:spacing/@w:line`` (twips, or 240ths for auto) and ``@w:lineRule`` on a
    paragraph or paragraph style; ``rule=None`` writes no lineRule (= auto)."""
    el = owner._p if hasattr(owner, "_p") else owner.element
    ppr = el.get_or_add_pPr()
    sp = ppr.find(qn("w:spacing"))
    if sp is None:
        sp = parse_xml(f"<w:spacing {nsdecls('w')}/>")
        ppr.append(sp)
    for attr in ("w:line", "w:lineRule"):
        sp.attrib.pop(qn(attr), None)
    if line is not None:
        sp.set(qn("w:line"), str(line))
        if rule is not None:
            sp.set(qn("w:lineRule"), rule)


def body_style(
    style: Any, east_asia: str = "仿宋_GB2312", pt: float = 16, line_pt: float | None = 28
) -> None:
    """Give a paragraph style the report body format (3号 仿宋_GB2312, 固定值 28 磅)."""
    set_fonts(style, east_asia=east_asia, ascii="Times New Roman")
    set_size(style, pt)
    if line_pt is not None:
        set_line_spacing(style, round(line_pt * 20), "exact")


def heading_style(
    style: Any, east_asia: str, pt: float = 16, bold: bool = True, outline: int | None = None
) -> None:
    set_fonts(style, east_asia=east_asia, ascii="Times New Roman")
    set_size(style, pt)
    set_bold(style, bold)
    rpr = _rpr(style)
    for tag in ("w:color", "w:i"):
        for el in rpr.findall(qn(tag)):
            rpr.remove(el)
    if outline is not None:
        ppr = style.element.get_or_add_pPr()
        for el in ppr.findall(qn("w:outlineLvl")):
            ppr.remove(el)
        ppr.append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{outline}"/>'))


def set_doc_defaults(
    doc: Any,
    east_asia: str | None = None,
    east_asia_theme: str | None = None,
    pt: float | None = None,
) -> None:
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    if east_asia is not None or east_asia_theme is not None:
        set_fonts(rpr, east_asia=east_asia, east_asia_theme=east_asia_theme)
    if pt is not None:
        set_size(rpr, pt)


def _part(doc: Any, suffix: str) -> Any:
    return next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith(suffix))


def set_theme_east_asia(
    doc: Any, typeface: str, script: str = "Hans", lang: str | None = "zh-CN", which: str = "minor"
) -> None:
    """Raw OOXML: the theme's ``a:font script=…`` typeface and settings' ``w:themeFontLang``."""
    theme = _part(doc, "/theme")
    xml = theme.blob.decode("utf-8")
    start = xml.index(f"<a:{which}Font>")
    end = xml.index(f"</a:{which}Font>")
    block = re.sub(
        rf'(<a:font script="{script}" typeface=")[^"]*(")', rf"\g<1>{typeface}\g<2>", xml[start:end]
    )
    theme._blob = (xml[:start] + block + xml[end:]).encode("utf-8")
    lang_el = doc.settings.element.find(qn("w:themeFontLang"))
    if lang is None and lang_el is not None:
        lang_el.attrib.pop(qn("w:eastAsia"), None)
    elif lang is not None:
        if lang_el is None:
            lang_el = parse_xml(f'<w:themeFontLang {nsdecls("w")} w:val="en-US"/>')
            doc.settings.element.append(lang_el)
        lang_el.set(qn("w:eastAsia"), lang)


def add_numbering(
    doc: Any,
    levels: list[tuple[str, str]] | None = None,
    start: int = 1,
    pstyles: dict[int, str] | None = None,
) -> str:
    """Add an abstractNum + num to numbering.xml; return the numId.

    ``levels`` are (numFmt, lvlText) per ilvl; default 「一、」 then 「（一）」 (chineseCounting).
    """
    levels = levels or [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")]
    numbering = doc.part.numbering_part.element
    aid = str(100 + len(numbering.findall(qn("w:abstractNum"))))
    nid = str(100 + len(numbering.findall(qn("w:num"))))
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        + (f'<w:pStyle w:val="{pstyles[i]}"/>' if pstyles and i in pstyles else "")
        + f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">{lvls}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/></w:num>')
    )
    return nid


def number_paragraph(owner: Any, num_id: str, ilvl: int = 0) -> None:
    """Put a paragraph (or paragraph style) on list ``num_id`` at level ``ilvl``."""
    el = owner._p if hasattr(owner, "_p") else owner.element
    ppr = el.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def wrap_in_content_control(paragraph: Any) -> None:
    """Move a body paragraph into a block-level content control (w:sdt/w:sdtContent)."""
    p = paragraph._p
    sdt = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent/></w:sdt>")
    p.addprevious(sdt)
    sdt.find(qn("w:sdtContent")).append(p)


def wrap_runs_in_insertion(paragraph: Any) -> None:
    """Mark all runs of a paragraph as a tracked insertion (w:ins)."""
    p = paragraph._p
    ins = parse_xml(
        f'<w:ins {nsdecls("w")} w:id="901" w:author="t" w:date="2026-01-01T00:00:00Z"/>'
    )
    runs = p.findall(qn("w:r"))
    if runs:
        runs[0].addprevious(ins)
        for r in runs:
            ins.append(r)


def add_deleted_text(paragraph: Any, text: str) -> None:
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="902" w:author="t" w:date="2026-01-01T00:00:00Z">'
            f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'
        )
    )


def add_text_box(paragraph: Any, text: str) -> None:
    """A DrawingML text box with a VML fallback (Word writes both; count it once)."""
    body = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    paragraph._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
            ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
            ' xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps">'
            f"<w:drawing><wps:txbx>{body}</wps:txbx></w:drawing></mc:Choice>"
            f"<mc:Fallback><w:pict><v:textbox>{body}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        )
    )


def add_page_break(doc: Any) -> None:
    doc.add_paragraph().add_run().add_break(docx.enum.text.WD_BREAK.PAGE)


def png_bytes(
    width: int = 64, height: int = 48, text_chunks: dict[str, str] | None = None
) -> bytes:
    """A real PNG (Pillow), optionally with tEXt chunks (e.g. generator ``parameters``)."""
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    for k, v in (text_chunks or {}).items():
        info.add_text(k, v)
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


@dataclass
class ReportSpec:
    """A 总结报告 that meets the guide unless told otherwise."""

    title: str = "人机协同循证教研案例总结报告"
    sections: list[str] = field(default_factory=lambda: list(EVIDENCE_TITLES))
    body_chars: int = 100  # Han characters in each section's body paragraph
    subheading: bool = True  # one 「（一）」 heading per section
    auto_numbering: bool = False  # 「一、」/「（一）」 from numbering.xml instead of typed
    attachment_note: str | None = "附件：支撑材料（评价模型、数据分析图表）"
    attachment_chars: int = 0  # >0: a 附件 section on a new page with that many 字
    heading_font: str = "黑体"
    heading2_font: str = "仿宋_GB2312"
    body_font: str = "仿宋_GB2312"


def build_report(spec: ReportSpec | None = None) -> Any:
    """A python-docx Document of a report: title, headings (Heading 1 / typed （一）), body."""
    spec = spec or ReportSpec()
    doc = docx.Document()
    body_style(doc.styles["Normal"], spec.body_font)
    heading_style(doc.styles["Heading 1"], spec.heading_font)
    h2 = doc.styles.add_style("ReportH2", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    h2.base_style = doc.styles["Normal"]
    heading_style(h2, spec.heading2_font)
    title = doc.add_paragraph(spec.title)
    set_fonts(title.runs[0], east_asia="方正小标宋简体")
    set_size(title.runs[0], 22)
    num_id = add_numbering(doc) if spec.auto_numbering else None
    for i, name in enumerate(spec.sections):
        h = doc.add_paragraph(name if num_id else f"{cn_number(i + 1)}、{name}", style="Heading 1")
        if num_id:
            number_paragraph(h, num_id, 0)
        if spec.subheading:
            sub = doc.add_paragraph("基本情况" if num_id else "（一）基本情况", style="ReportH2")
            if num_id:
                number_paragraph(sub, num_id, 1)
        doc.add_paragraph(chinese_text(spec.body_chars, i))
    if spec.attachment_note:
        doc.add_paragraph(spec.attachment_note)
    if spec.attachment_chars:
        add_page_break(doc)
        doc.add_paragraph("附件1")
        doc.add_paragraph(chinese_text(spec.attachment_chars))
    return doc


def report_zi(spec: ReportSpec) -> int:
    """Word's 字数 of ``build_report(spec)`` before 附件, computed from the spec by hand."""
    n = len(spec.title)
    for i, name in enumerate(spec.sections):
        n += len(name) + (0 if spec.auto_numbering else len(cn_number(i + 1)) + 1)  # typed 「一、」
        if spec.subheading:
            n += 4 + (0 if spec.auto_numbering else 3)
        n += spec.body_chars
    # The template's 「附件：支撑材料…」 line after the last section opens the 附件 section.
    return n


def save(doc: Any, path: Path) -> Path:
    doc.save(str(path))
    return path
