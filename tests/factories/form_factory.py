"""Build real 案例信息表 files laid out like 附5.1 / 附5.2: .docx with python-docx (raw OOXML
for content controls, legacy fields and Wingdings symbols) and PDFs with reportlab's built-in
CJK font STSong-Light (no font file, no system package)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

EVIDENCE_TITLE = "人机协同循证教研案例信息表"
STUDIO_TITLE = "名师线上工作室研修案例信息表"
CATEGORY = ["区域案例", "学校案例", "教师案例"]
TOOL_TYPES = ["移动端APP", "小程序", "网页", "PC端应用程序", "其他"]
TOOL_FEES = ["完全免费", "有限免费", "完全付费"]
LEVELS = ["国家级", "省级", "市级", "县级"]
STUDIO_TYPES = ["名师", "名校长", "名班主任", "其他"]
AUTHORS = [("张明", "长沙市第一中学", "高级教师/教研组长", "13912345678")]
SUMMARY = "本案例利用AI课堂分析平台采集课堂行为数据，教研组据此开展循证教研，三轮改进后课堂提问质量明显提升。"

BoxStyle = Literal["symbol", "content_control", "legacy", "wingdings", "wingdings2", "text_mark"]
W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'


@dataclass
class Text:
    label: str
    value: str


@dataclass
class Choice:
    label: str
    options: list[str]
    checked: list[str]


@dataclass
class Authors:
    label: str
    people: list[tuple[str, str, str, str]]


@dataclass
class Tools:
    label: str
    names: list[str]
    types: list[list[str]]  # ticked type(s) per tool
    fees: list[list[str]]  # ticked fee(s) per tool


@dataclass
class Declaration:
    label: str
    signer: str = "张明"
    date: str = "2026年6月1日"


Row = Text | Choice | Authors | Tools | Declaration


@dataclass
class Form:
    title: str
    rows: list[Row]
    box_style: BoxStyle = "symbol"
    font: str = "宋体"
    size_pt: float = 10.5
    spaced_labels: bool = False  # 「案 例 名 称」
    extra_paragraphs: list[str] = field(default_factory=list)


def evidence_form(**overrides: object) -> Form:
    rows: list[Row] = [
        Text("案例名称", "AI课堂分析赋能精准听评课"),
        Choice("案例类别", CATEGORY, ["学校案例"]),
        Authors("作者信息\n(排序填写, 最多 3 人)", list(AUTHORS)),
        Text("案例场景", "AI 赋能听评课"),
        Tools(
            "平台工具",
            ["智慧课堂分析系统", "问卷星"],
            [["网页"], ["小程序"]],
            [["完全免费"], ["有限免费"]],
        ),
        Text("案例简介", SUMMARY),
        Declaration("作者声明"),
        Text("第一作者所在单位意见", "同意推荐。 单位名称(公章): 长沙市第一中学 2026年6月2日"),
    ]
    form = Form(EVIDENCE_TITLE, rows)
    for key, value in overrides.items():
        setattr(form, key, value)
    return form


def studio_form(**overrides: object) -> Form:
    rows: list[Row] = [
        Text("工作室名称", "湖南省初中数学名师线上工作室"),
        Text("工作室网址", "https://example.org/studio/1"),
        Choice("工作室认定层级", LEVELS, ["省级"]),
        Choice("工作室类型", STUDIO_TYPES, ["名师"]),
        Text("研修主题", "大单元教学中的作业设计"),
        Authors("作者信息\n(排序填写, 最多 3 人)", list(AUTHORS)),
        Text("研修学科领域", "初中数学"),
        Text("案例概述", SUMMARY),
        Declaration("作者声明"),
        Text("工作室主持人在单位意见", "同意。单位名称（公章）：长沙市第一中学"),
    ]
    form = Form(STUDIO_TITLE, rows)
    for key, value in overrides.items():
        setattr(form, key, value)
    return form


def replace_row(form: Form, label: str, row: Row) -> Form:
    form.rows = [row if r.label.split("\n")[0] == label else r for r in form.rows]
    return form


# ---------------------------------------------------------------- .docx


COLS = 5


def build_docx(form: Form, path: Path) -> Path:
    doc = Document()
    title = doc.add_paragraph()
    _run(title, form.title, "黑体", 16)
    for text in form.extra_paragraphs:
        _run(doc.add_paragraph(), text, "宋体", 10.5)
    _run(doc.add_paragraph(), "注：填写均为 5 号，宋体", "宋体", 10.5)
    table = doc.add_table(rows=0, cols=COLS)
    table.style = "Table Grid"
    for row in form.rows:
        _add_row(table, row, form)
    doc.save(str(path))
    return path


def _label(form: Form, text: str) -> str:
    if form.spaced_labels and "\n" not in text:
        return " ".join(text)
    return text


def _add_row(table, row: Row, form: Form) -> None:  # type: ignore[no-untyped-def]
    if isinstance(row, Authors):
        header = ["姓名", "工作单位", "职称/职务", "手机"]
        lines = [header, *[list(p) for p in row.people]]
        first = len(table.rows)
        for i, cells in enumerate(lines):
            r = table.add_row().cells
            for j, text in enumerate(cells):
                _fill(r[j + 1], text, form, template=i == 0)
        label = table.cell(first, 0).merge(table.cell(len(table.rows) - 1, 0))
        _fill(label, _label(form, row.label), form, template=True)
        return
    if isinstance(row, Tools):
        first = len(table.rows)
        r = table.add_row().cells
        _fill(
            r[1].merge(r[4]), "平台工具名称及类型 (案例中 1-2 个主要平台工具)", form, template=True
        )
        r = table.add_row().cells
        for i in range(2):
            name = row.names[i] if i < len(row.names) else ""
            _fill(r[1 + 2 * i].merge(r[2 + 2 * i]), f"平台工具 {i + 1} 名称: {name}", form)
        r = table.add_row().cells
        for i in range(2):
            _options(r[1 + 2 * i], TOOL_TYPES, row.types[i] if i < len(row.types) else [], form)
            _options(r[2 + 2 * i], TOOL_FEES, row.fees[i] if i < len(row.fees) else [], form)
        label = table.cell(first, 0).merge(table.cell(len(table.rows) - 1, 0))
        _fill(label, _label(form, row.label), form, template=True)
        return
    r = table.add_row().cells
    _fill(r[0], _label(form, row.label), form, template=True)
    value = r[1].merge(r[4])
    if isinstance(row, Text):
        _fill(value, row.value, form)
    elif isinstance(row, Choice):
        _options(value, row.options, row.checked, form)
    else:
        _fill(
            value,
            "我(们)在此申明: 该案例是我(们)原创, 不涉及抄袭或侵犯他人著作权等问题。",
            form,
            template=True,
        )
        p = value.add_paragraph()
        _run(p, f"作者签名: {row.signer}    日期: {row.date}", form.font, form.size_pt)


def _fill(cell: _Cell, text: str, form: Form, template: bool = False) -> None:
    p = cell.paragraphs[0]
    for extra in list(cell.paragraphs[1:]):
        extra._p.getparent().remove(extra._p)
    for run in list(p.runs):
        run._r.getparent().remove(run._r)
    font = "宋体" if template else form.font
    size = 10.5 if template else form.size_pt
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = _run(p, line, font, size)
        if i < len(lines) - 1:
            run.add_break()


def _run(p: Paragraph, text: str, font: str, size: float):  # type: ignore[no-untyped-def]
    run = p.add_run(text)
    run.font.size = Pt(size)
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), font)
    return run


def _options(cell: _Cell, options: list[str], checked: list[str], form: Form) -> None:
    _fill(cell, "", form, template=True)
    p = cell.paragraphs[0]
    for option in options:
        _box(p, option in checked, form.box_style)
        _run(p, option + " ", "宋体", 10.5)


def _box(p: Paragraph, checked: bool, style: BoxStyle) -> None:
    w = nsdecls("w")
    if style == "symbol":
        _run(p, "☑" if checked else "☐", "宋体", 10.5)
    elif style == "text_mark":
        _run(p, "√" if checked else "□", "宋体", 10.5)
    elif style == "wingdings":
        code = "F0FE" if checked else "F0A8"
        p._p.append(parse_xml(f'<w:r {w}><w:sym w:font="Wingdings" w:char="{code}"/></w:r>'))
    elif style == "wingdings2":
        code = "F052" if checked else "F0A3"
        p._p.append(parse_xml(f'<w:r {w}><w:sym w:font="Wingdings 2" w:char="{code}"/></w:r>'))
    elif style == "content_control":
        val = "1" if checked else "0"
        glyph = "☒" if checked else "☐"
        p._p.append(
            parse_xml(
                f'<w:sdt {w} {W14}><w:sdtPr><w14:checkbox><w14:checked w14:val="{val}"/>'
                '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
                '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
                f'<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr>'
                f"<w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>"
            )
        )
    elif style == "legacy":
        state = "<w:checked/>" if checked else ""
        p._p.append(
            parse_xml(
                f'<w:r {w}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/>'
                '<w:enabled/><w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/>'
                f'<w:default w:val="0"/>{state}</w:checkBox></w:ffData></w:fldChar></w:r>'
            )
        )
        p._p.append(
            parse_xml(
                f'<w:r {w}><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
            )
        )
        p._p.append(parse_xml(f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>'))


# ---------------------------------------------------------------- PDF


def _pdf_lines(form: Form) -> list[tuple[str, list[list[str]]]]:
    """Each row as (label, value lines, each line a list of cells)."""
    out: list[tuple[str, list[list[str]]]] = []
    mark = {True: "■", False: "□"}
    for row in form.rows:
        label = row.label.replace("\n", "")
        if isinstance(row, Text):
            out.append((label, [[chunk] for chunk in _wrap(row.value, 28)] or [[""]]))
        elif isinstance(row, Choice):
            out.append((label, [[" ".join(mark[o in row.checked] + o for o in row.options)]]))
        elif isinstance(row, Authors):
            lines = [["姓名", "工作单位", "职称/职务", "手机"], *[list(p) for p in row.people]]
            out.append((label, lines))
        elif isinstance(row, Tools):
            lines = [["平台工具名称及类型（案例中1-2个主要平台工具）"]]
            lines.append([f"平台工具1名称：{row.names[0]}", f"平台工具2名称：{row.names[1]}"])
            for i in range(2):
                types = " ".join(mark[o in row.types[i]] + o for o in TOOL_TYPES)
                fees = " ".join(mark[o in row.fees[i]] + o for o in TOOL_FEES)
                lines.append([types, fees])
            out.append((label, lines))
        else:
            out.append(
                (
                    label,
                    [
                        ["我(们)在此申明：该案例是我(们)原创。"],
                        [f"作者签名：{row.signer}  日期：{row.date}"],
                    ],
                )
            )
    return out


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


def build_pdf(form: Form, path: Path) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 16)
    c.drawCentredString(297, 800, form.title)
    c.setFont("STSong-Light", 10.5)
    c.drawString(50, 775, "注：填写均为 5 号，宋体")
    y = 750.0
    for label, lines in _pdf_lines(form):
        top = y + 14
        label_lines = _wrap(label, 7)  # the label column is narrow: long labels wrap
        lines = lines + [[]] * (len(label_lines) - len(lines))
        for i, cells in enumerate(lines):
            if i < len(label_lines):
                c.drawString(52, y, label_lines[i])
            x = 160.0
            step = 380 / max(len(cells), 1)
            for text in cells:
                c.drawString(x, y, text)
                x += step
            y -= 18
            if y < 60:
                c.showPage()
                c.setFont("STSong-Light", 10.5)
                y = 800
                top = y + 14
        c.line(50, top, 545, top)
        c.line(155, top, 155, y + 14)
    c.save()
    return path


def build_scanned_pdf(path: Path) -> Path:
    """An image-only PDF, as a scanner or phone app makes."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (620, 877), 255)
    draw = ImageDraw.Draw(img)
    for y in range(100, 800, 40):
        draw.line((40, y, 580, y), fill=0, width=2)
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(img), 0, 0, width=595, height=842)
    c.save()
    return path


def build_acroform_pdf(path: Path, checked: str = "学校案例") -> Path:
    """A fillable PDF: text fields and check boxes as AcroForm widgets."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 16)
    c.drawCentredString(297, 800, EVIDENCE_TITLE)
    c.setFont("STSong-Light", 10.5)
    c.drawString(52, 750, "案例名称")
    c.acroForm.textfield(
        name="案例名称",
        tooltip="案例名称",
        x=160,
        y=740,
        width=300,
        height=18,
        value="AI class review",
    )
    c.drawString(52, 720, "案例类别")
    x = 160
    for option in CATEGORY:
        c.acroForm.checkbox(
            name=option, tooltip=option, x=x, y=716, size=12, checked=option == checked
        )
        c.drawString(x + 16, 720, option)
        x += 90
    c.save()
    return path
