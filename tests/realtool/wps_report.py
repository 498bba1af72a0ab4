"""A 总结报告 written the way WPS Office writes .docx (we cannot run WPS here, so the parts are
written with lxml-checked strings, after what WPS 11/12 files carry):

- direct ``w:rFonts`` on every run with ``w:hint="eastAsia"`` and all four slots named;
- numeric style ids (``1`` Normal, ``2`` heading 1, ``3`` heading 2, ``4`` heading 3), the
  公文 set-up: title in 标题 1, 「一、」 in 标题 2 numbered by a list linked to that style
  (``numPr`` with no ``ilvl`` in the style, the level found through ``w:lvl/w:pStyle``),
  「（一）」 typed in 标题 3;
- ``mc:AlternateContent`` with **no** ``mc:Fallback``: ``wpsCustomData`` field markers around
  the author's name and in settings.xml (nothing to read), a text box whose only branch is
  ``Requires="wps"`` (read);
- ``docProps/app.xml`` ``WPS Office_11.1.0.11194_…`` and ``KSOProductBuildVer`` in
  ``docProps/custom.xml``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import yaml
from lxml import etree

BUILD = "11.1.0.11194"
PACK = Path(__file__).resolve().parents[2] / "rules" / "ncet2026-evidence.yaml"
SECTIONS = yaml.safe_load(PACK.read_text(encoding="utf-8"))["rules"]["report.sections"]
TITLES: list[str] = SECTIONS["params"]["level1_titles"]  # the evidence pack's, in order
SENTENCES = [
    "教研组以课堂观察数据为证据，围绕提问质量开展了三轮循证改进。",
    "人工智能平台自动记录师生对话，教师据此反思提问的层次与节奏。",
    "每轮改进前后均采集同一指标，保证证据前后可比、结论可以检验。",
]
NS = (
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'mc:Ignorable="w14 w15 wp14"'
)
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def fonts(name: str) -> str:
    return f'<w:rFonts w:hint="eastAsia" w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>'


def run(text: str, font: str = "仿宋_GB2312", extra: str = "", half_points: int = 32) -> str:
    sz = f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
    return (
        f"<w:r><w:rPr>{fonts(font)}{extra}{sz}"
        f'<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr><w:t>{text}</w:t></w:r>'
    )


def para(inner: str, style: str | None = None, ppr: str = "") -> str:
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    return (
        f'<w:p><w:pPr>{pstyle}<w:bidi w:val="0"/>{ppr}'
        f'<w:rPr><w:rFonts w:hint="eastAsia"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>'
        f"</w:pPr>{inner}</w:p>"
    )


def docfield(inner: str) -> str:
    """WPS's document-field markers: mc:AlternateContent with only a wpsCustomData choice."""
    start = (
        '<mc:AlternateContent><mc:Choice Requires="wpsCustomData"><wpsCustomData:docfieldStart '
        'id="1" docfieldname="" hidden="0" print="1" readonly="0" index="1"/></mc:Choice>'
        "</mc:AlternateContent>"
    )
    end = (
        '<mc:AlternateContent><mc:Choice Requires="wpsCustomData">'
        '<wpsCustomData:docfieldEnd id="1"/></mc:Choice></mc:AlternateContent>'
    )
    return start + inner + end


def text_box(text: str) -> str:
    """A floating text box whose only branch is Requires="wps" (no VML fallback)."""
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0'
        '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0'
        '</wp:posOffset></wp:positionV><wp:extent cx="2743200" cy="457200"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="1" name="文本框 1"/>'
        "<wp:cNvGraphicFramePr/><a:graphic><a:graphicData "
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        '<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="2743200" cy="457200"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        "</a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>"
        f"{para(run(text))}</w:txbxContent></wps:txbx>"
        "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
        "</mc:Choice></mc:AlternateContent></w:r>"
    )


def document() -> str:
    exact = '<w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLine="640"/>'
    body = [
        para(run("AI课堂分析赋能精准听评课", "方正小标宋简体", half_points=44), "2"),
        para(run("长沙市第一中学 ") + docfield(run("张明 李华")), ppr='<w:jc w:val="center"/>'),
    ]
    for n, title in enumerate(TITLES):
        body.append(para(run(title, "黑体"), "3"))
        body.append(para(run("（一）基本情况", extra="<w:b/>"), "4"))
        text = "".join(SENTENCES[(n + i) % 3] for i in range(4))
        box = text_box("图表数据来自平台导出") if n == 2 else ""
        body.append(para(run(text) + box, ppr=exact))
    body.append(para(run("附件：支撑材料（如评价模型、数据分析图表、典型课例片段等）"), ppr=exact))
    body.append(para(run("".join(SENTENCES) * 3), ppr=exact))
    sect = (
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" '
        'w:bottom="1984" w:left="1587" w:header="851" w:footer="992" w:gutter="0"/>'
        '<w:cols w:space="425" w:num="1"/><w:docGrid w:type="lines" w:linePitch="312" '
        'w:charSpace="0"/></w:sectPr>'
    )
    return f"{DECL}<w:document {NS}><w:body>{''.join(body)}{sect}</w:body></w:document>"


def styles() -> str:
    def style(sid: str, name: str, ppr: str, rpr: str, default: bool = False) -> str:
        based = "" if sid == "1" else '<w:basedOn w:val="1"/><w:next w:val="1"/>'
        flag = ' w:default="1"' if default else ""
        return (
            f'<w:style w:type="paragraph"{flag} w:styleId="{sid}"><w:name w:val="{name}"/>'
            f'{based}<w:qFormat/><w:uiPriority w:val="0"/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr>'
            "</w:style>"
        )

    exact = '<w:spacing w:line="560" w:lineRule="exact"/>'
    normal = (
        '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312" '
        'w:cs="Times New Roman"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    )
    return (
        f"{DECL}<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr>{normal}</w:rPr>"
        "</w:rPrDefault><w:pPrDefault/></w:docDefaults>"
        + style(
            "1", "Normal", '<w:widowControl w:val="0"/><w:jc w:val="both"/>' + exact, normal, True
        )
        + style(
            "2",
            "heading 1",
            '<w:keepNext/><w:keepLines/><w:jc w:val="center"/><w:spacing w:before="0" '
            'w:after="0" w:line="240" w:lineRule="auto"/><w:outlineLvl w:val="0"/>',
            fonts("方正小标宋简体") + '<w:kern w:val="44"/><w:sz w:val="44"/>',
        )
        + style(
            "3",
            "heading 2",
            '<w:keepNext/><w:keepLines/><w:numPr><w:numId w:val="1"/></w:numPr>'
            f'{exact}<w:ind w:firstLine="640"/><w:outlineLvl w:val="1"/>',
            fonts("黑体") + '<w:b/><w:sz w:val="32"/>',
        )
        + style(
            "4",
            "heading 3",
            f'<w:keepNext/><w:keepLines/>{exact}<w:ind w:firstLine="640"/><w:outlineLvl w:val="2"/>',
            fonts("仿宋_GB2312") + '<w:b/><w:sz w:val="32"/>',
        )
        + "</w:styles>"
    )


NUMBERING = (
    f'{DECL}<w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:nsid w:val="5A1B2C3D"/>'
    '<w:multiLevelType w:val="multilevel"/><w:tmpl w:val="5A1B2C3D"/>'
    '<w:lvl w:ilvl="0" w:tentative="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:pStyle w:val="3"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr><w:rPr>'
    '<w:rFonts w:hint="default" w:ascii="黑体" w:hAnsi="黑体" w:eastAsia="黑体"/></w:rPr></w:lvl>'
    '<w:lvl w:ilvl="1" w:tentative="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>'
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)
SETTINGS = (
    f'{DECL}<w:settings {NS}><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
    '<w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="14"/></w:compat>'
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
    '<mc:AlternateContent><mc:Choice Requires="wpsCustomData">'
    '<wpsCustomData:designerDocId w:val="wps-fixture"/></mc:Choice></mc:AlternateContent>'
    "</w:settings>"
)
APP = (
    f'{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Template>Normal.dotm</Template><Pages>2</Pages><Words>0</Words><Characters>0</Characters>"
    f"<Lines>0</Lines><Paragraphs>0</Paragraphs><TotalTime>12</TotalTime><ScaleCrop>false</ScaleCrop>"
    f"<LinksUpToDate>false</LinksUpToDate><CharactersWithSpaces>0</CharactersWithSpaces>"
    f"<Application>WPS Office_{BUILD}_F1E327BC-269C-435d-A152-05C5408002CA</Application>"
    "<DocSecurity>0</DocSecurity></Properties>"
)
CUSTOM = (
    f'{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
    f"<vt:lpwstr>2052-{BUILD}</vt:lpwstr></property>"
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="ICV">'
    "<vt:lpwstr>0C3F4C7A1E1B4C5F9A2B3C4D5E6F7A8B_12</vt:lpwstr></property></Properties>"
)
CORE = (
    f'{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>张明</dc:creator>'
    '<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-01T08:00:00Z</dcterms:created>'
    "</cp:coreProperties>"
)
CT = "application/vnd.openxmlformats-officedocument."
CONTENT_TYPES = (
    f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{CT}wordprocessingml.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{CT}wordprocessingml.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{CT}wordprocessingml.settings+xml"/>'
    f'<Override PartName="/word/numbering.xml" ContentType="{CT}wordprocessingml.numbering+xml"/>'
    f'<Override PartName="/docProps/app.xml" ContentType="{CT}extended-properties+xml"/>'
    f'<Override PartName="/docProps/custom.xml" ContentType="{CT}custom-properties+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)
OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RELS = (
    f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{OD}officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{OD}extended-properties" Target="docProps/app.xml"/>'
    f'<Relationship Id="rId4" Type="{OD}custom-properties" Target="docProps/custom.xml"/>'
    "</Relationships>"
)
DOC_RELS = (
    f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{OD}styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{OD}settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{OD}numbering" Target="numbering.xml"/>'
    "</Relationships>"
)


def write_wps_report(path: Path) -> Path:
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": RELS,
        "docProps/app.xml": APP,
        "docProps/core.xml": CORE,
        "docProps/custom.xml": CUSTOM,
        "word/_rels/document.xml.rels": DOC_RELS,
        "word/document.xml": document(),
        "word/styles.xml": styles(),
        "word/numbering.xml": NUMBERING,
        "word/settings.xml": SETTINGS,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in parts.items():
            etree.fromstring(xml.encode("utf-8"))  # every part is well-formed XML
            zf.writestr(name, xml)
    return path
