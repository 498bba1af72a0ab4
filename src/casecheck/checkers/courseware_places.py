"""Where a courseware finding is: slide ranges, image and text places, in Chinese and English."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from casecheck import places
from casecheck.i18n import Text
from casecheck.places import Where
from casecheck.readers.pptx.models import ImageFacts, TextFacts

EMU_PER_CM = 360000
ORIGIN = {
    "slide": Text("", ""),
    "layout": Text("版式中", "on the layout, "),
    "master": Text("母版中", "on the master, "),
    "notes": Text("备注中", "in the notes, "),
}
WHERE = {
    "title": Text("标题", "title"),
    "body": Text("正文", "body text"),
    "group": Text("组合图形", "grouped shape"),
    "chart": Text("图表", "chart"),
    "smartart": Text("SmartArt 图形", "SmartArt"),
    "notes": Text("备注", "speaker notes"),
    "table": Text("表格", "table"),
}
LINEAR_CODES = {"Codabar", "Code39", "Code93", "Code128", "EAN8", "EAN13", "ITF", "UPCA", "UPCE"}


def code_word(symbology: str) -> Text:
    """A decoded code as a teacher names it: 「二维码」 for every matrix code (QR, Micro QR,
    rMQR, Data Matrix, Aztec, PDF417, MaxiCode — a square of dots is 二维码 to a teacher),
    「条形码」 for a linear one; English keeps zxing's name (「QR Code」, 「Data Matrix」)."""
    linear = symbology.replace(" ", "").replace("-", "") in LINEAR_CODES
    return Text("条形码" if linear else "二维码", symbology)


KIND = {
    "url": Text("网址", "web address"),
    "email": Text("电子邮箱", "e-mail address"),
    "mobile": Text("手机号码", "mobile number"),
    "landline": Text("固定电话", "landline number"),
    "hotline": Text("服务热线", "hotline number"),
    "phone": Text("电话号码", "phone number"),
    "qq": Text("QQ 号", "QQ id"),
    "wechat": Text("微信号", "WeChat id"),
    "dingtalk": Text("钉钉号", "DingTalk id"),
}


def slides_label(numbers: Iterable[int]) -> Where:
    """「第 1、3–5 张幻灯片」 / "slides 1, 3–5" from slide numbers, every slide in ``place``."""
    return places.slides(numbers)


def image_position(image: ImageFacts) -> Text:
    box = image.position
    if box is None:
        return Text("", "")
    x, y = box.x / EMU_PER_CM, box.y / EMU_PER_CM
    w, h = box.cx / EMU_PER_CM, box.cy / EMU_PER_CM
    return Text(
        f"，位置（{x:.1f}, {y:.1f}）cm，大小 {w:.1f}×{h:.1f} cm",
        f", at ({x:.1f}, {y:.1f}) cm, {w:.1f}×{h:.1f} cm",
    )


# The names PowerPoint, WPS and LibreOffice give shapes on their own (「TextBox 1」「图片 2」):
# not words a teacher wrote, so not shown; a name the teacher gave a shape is.
DEFAULT_SHAPE_NAME = re.compile(
    r"^(?:TextBox|Text Box|Picture|Rectangle|Rounded Rectangle|Oval|Title|Subtitle|Content"
    r" Placeholder|Text Placeholder|Picture Placeholder|Slide Number Placeholder|Footer"
    r" Placeholder|Date Placeholder|Group|Table|Chart|Diagram|Graphic|Freeform|Straight"
    r" Connector|Shape|Google Shape|Object|图片|文本框|矩形|圆角矩形|椭圆|标题|副标题|内容占位符"
    r"|文本占位符|图片占位符|组合|表格|图表|任意多边形|对象)\s*[\d_ ]*$",
    re.IGNORECASE,
)


def shape_name(name: str | None) -> str:
    """「「学校标志」」 for a name the teacher gave; nothing for 「TextBox 1」-like defaults."""
    if not name or DEFAULT_SHAPE_NAME.match(name.strip()):
        return ""
    return f"「{name.strip()}」"


def image_place(image: ImageFacts) -> Text:
    names = {
        "slide": Text("图片", "picture"),
        "layout": Text("版式中的图片", "picture on the layout"),
        "master": Text("母版中的图片", "picture on the master"),
        "background": Text("背景图片", "background picture"),
        "fill": Text("形状的图片填充", "picture fill of a shape"),
        "group": Text("组合中的图片", "picture in a group"),
        "smartart": Text("SmartArt 中的图片", "picture in SmartArt"),
        "chart": Text("图表中的图片", "picture in a chart"),
        "table": Text("表格单元格的图片填充", "picture fill of a table cell"),
    }
    name = names[image.source]
    shape = shape_name(image.shape)
    return Text(f"{name.zh}{shape}", f"{name.en} {shape}".strip())


def grouped(items: Iterable[tuple[Any, int, Any]]) -> list[tuple[Any, list[int], Any]]:
    """Group (key, slide number, payload) by key, keeping first payload and all slide numbers."""
    groups: dict[Any, tuple[list[int], Any]] = {}
    for key, number, payload in items:
        if key in groups:
            groups[key][0].append(number)
        else:
            groups[key] = ([number], payload)
    return [(key, nums, payload) for key, (nums, payload) in groups.items()]


def text_place(text: TextFacts) -> Text:
    where = WHERE[text.where]
    if text.where == "table" and text.row:
        where = Text(
            f"表格第 {text.row} 行第 {text.col} 列", f"table row {text.row}, column {text.col}"
        )
    shape = shape_name(text.shape) if text.where not in ("table", "notes") else ""
    origin = ORIGIN[text.origin] if text.origin in ("layout", "master") else Text("", "")
    return Text(f"{origin.zh}{where.zh}{shape}", f"{origin.en}{where.en} {shape}".strip())


def unscannable_reason(scan: str, detail: str) -> Text:
    """Why an image could not be scanned for codes, in words (never a library's exception)."""
    if scan == "vector":
        return Text(
            f"无法自动识别该矢量图片（{detail}）中是否含二维码",
            f"Cannot tell automatically whether this vector image ({detail}) holds a QR code",
        )
    if scan == "scan_failed":
        return Text(
            "识别该图片中的二维码时出错，无法确定其中是否含二维码",
            "The code scanner failed on this image; cannot tell whether it holds a QR code",
        )
    if scan == "too_large":
        size = detail.removeprefix("too large:").strip()
        why = Text(f"图片过大：{size}", f"too large: {size}")
    elif detail.startswith("missing or damaged part"):
        why = Text("图片数据缺失或已损坏", "its data is missing or damaged")
    else:
        why = Text("格式无法识别或数据已损坏", "unknown format or damaged data")
    return Text(
        f"图片无法解码（{why.zh}），无法识别其中是否含二维码",
        f"The image cannot be decoded ({why.en}); cannot tell whether it holds a QR code",
    )
