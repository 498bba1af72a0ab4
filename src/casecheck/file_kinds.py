"""What a file really is, in words a teacher understands, and how to make it the accepted
format: one description wherever a file of the wrong kind is named (the materials rules,
the report's material table, ``inspect``, the page).
"""

from __future__ import annotations

from typing import get_args

from casecheck.i18n import Text
from casecheck.materials import FileEntry
from casecheck.readers.sniff import Kind

FORMAT_NAMES = {"docx": "Word (.docx)", "pptx": "PowerPoint (.pptx)", "mp4": "MP4", "pdf": "PDF"}
# Office variants read like the .docx/.pptx they contain (sniff detail → what they are).
VARIANT_NAMES = {
    "docm": Text("启用宏的 Word 文档（.docm）", "a macro-enabled Word document (.docm)"),
    "dotx": Text("Word 模板（.dotx）", "a Word template (.dotx)"),
    "dotm": Text("启用宏的 Word 模板（.dotm）", "a macro-enabled Word template (.dotm)"),
    "pptm": Text(
        "启用宏的 PowerPoint 演示文稿（.pptm）", "a macro-enabled PowerPoint deck (.pptm)"
    ),
    "ppsx": Text("PowerPoint 放映文件（.ppsx）", "a PowerPoint Show (.ppsx)"),
    "ppsm": Text(
        "启用宏的 PowerPoint 放映文件（.ppsm）", "a macro-enabled PowerPoint Show (.ppsm)"
    ),
    "potx": Text("PowerPoint 模板（.potx）", "a PowerPoint template (.potx)"),
    "potm": Text(
        "启用宏的 PowerPoint 模板（.potm）", "a macro-enabled PowerPoint template (.potm)"
    ),
}


def describe_kind(entry: FileEntry) -> tuple[Text, Text]:
    """What the file really is, and how to turn it into the accepted format."""
    return describe_sniffed(entry.kind, entry.detail, entry.format)


def describe_sniffed(kind: str, detail: str, fmt: str | None) -> tuple[Text, Text]:
    """``describe_kind`` from the sniffed kind, its detail and the accepted format it is."""
    if kind == "ole2" and detail == "doc":
        return Text("Word 97-2003 文档（.doc）", "a Word 97-2003 document (.doc)"), Text(
            "请用 Word 打开后“另存为” .docx 格式", "Open it in Word and Save As .docx."
        )
    if kind == "ole2" and detail == "ppt":
        return Text(
            "PowerPoint 97-2003 演示文稿（.ppt）", "a PowerPoint 97-2003 deck (.ppt)"
        ), Text(
            "请用 PowerPoint 打开后“另存为” .pptx 格式", "Open it in PowerPoint and Save As .pptx."
        )
    if kind == "ole2" and detail == "wps":
        return Text("WPS 专有格式文档", "a WPS-format document"), Text(
            "请在 WPS 中“另存为” Word 文件（.docx）", "In WPS, Save As a Word file (.docx)."
        )
    if kind == "ole2":
        return Text("旧版 Office 二进制文件", "a legacy Office binary file"), Text(
            "请用 Office 另存为 .docx / .pptx", "Save it again as .docx / .pptx."
        )
    if kind == "quicktime":
        return Text(
            "QuickTime 影片（.mov，仅改了扩展名）", "a QuickTime movie (.mov, renamed)"
        ), Text(
            "请用剪辑软件重新导出为 MP4（H.264 + AAC），不要只改扩展名",
            "Re-export as MP4 (H.264 + AAC); renaming the extension is not enough.",
        )
    if kind in ("matroska", "flv", "avi", "media_other"):
        names = {"matroska": "WebM" if detail == "webm" else "MKV", "flv": "FLV", "avi": "AVI"}
        return Text(
            f"{names.get(kind, '其他')} 视频", f"a {names.get(kind, 'non-MP4')} video"
        ), Text("请用剪辑软件重新导出为 MP4（H.264 + AAC）", "Re-export as MP4 (H.264 + AAC).")
    if kind == "ooxml_encrypted":
        return Text("设置了打开密码的 Office 文件", "a password-protected Office file"), Text(
            "请在 Office 中取消密码（文件 → 信息 → 保护）后另存，再提交",
            "Remove the password in Office (File → Info → Protect) and save it again.",
        )
    if kind == "zip" and detail == "key":
        return Text("Keynote 演示文稿", "a Keynote presentation"), Text(
            "请在 Keynote 中“导出为 PowerPoint”（.pptx）",
            "In Keynote, Export To PowerPoint (.pptx).",
        )
    if fmt:
        return Text(FORMAT_NAMES[fmt], FORMAT_NAMES[fmt]), Text(
            "请提交要求的格式", "Submit the required format."
        )
    return Text("无法识别类型的文件", "a file of an unrecognised type"), Text(
        "请提交要求格式的文件", "Submit a file in the required format."
    )


def kind_token(entry: FileEntry) -> str:
    """The sniffed kind as the JSON's ``actual`` states it: 「ole2/doc」, 「quicktime」."""
    return entry.kind + (f"/{entry.detail}" if entry.detail else "")


def kind_words(token: str) -> Text | None:
    """「Word 97-2003 文档（.doc）」 for the JSON's 「ole2/doc」 (``kind_token``); None when
    ``token`` is no sniffed kind (a file name, say)."""
    kind, _, detail = token.partition("/")
    if kind not in get_args(Kind):
        return None
    return describe_sniffed(kind, detail, kind if kind in FORMAT_NAMES else None)[0]


def really_is(entry: FileEntry) -> tuple[Text, Text]:
    """(「总结报告.doc 实际是 Word 97-2003 文档（.doc）」, how to make it the accepted format):
    the one sentence that names a file of the wrong kind, with a space between Chinese and
    a Latin word as elsewhere (「第 3 张」)."""
    what, hint = describe_kind(entry)
    space = " " if what.zh[:1].isascii() else ""
    return Text(f"{entry.name} 实际是{space}{what.zh}", f"{entry.name} is really {what.en}"), hint


def wrong_kind(entry: FileEntry) -> Text | None:
    """「总结报告.doc 实际是 Word 97-2003 文档（.doc）：请用 Word 打开后“另存为” .docx 格式」 for a
    file that is none of the accepted formats (the page's folder hint); None for one that is."""
    if entry.format is not None:
        return None
    said, hint = really_is(entry)
    return Text(f"{said.zh}：{hint.zh}", f"{said.en}: {hint.en}")
