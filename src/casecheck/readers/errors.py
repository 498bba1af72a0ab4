"""The one exception readers raise for a file of the right kind that cannot be read."""

from __future__ import annotations

from typing import Literal

from casecheck.i18n import Text

Reason = Literal["corrupt", "truncated", "encrypted", "too_large", "unsupported", "empty"]


class ReadError(Exception):
    """A file that cannot be read; ``message`` tells a teacher why and what to do."""

    def __init__(self, reason: Reason, message: Text) -> None:
        super().__init__(message.en)
        self.reason: Reason = reason
        self.message = message


ENCRYPTED = Text(
    "文件已加密，请取消密码后再检查（文件 → 信息 → 保护 → 用密码进行加密，清空密码后另存）",
    "The file is password-protected; remove the password and save it again before checking.",
)
CORRUPT = Text(
    "文件已损坏，无法打开：请用 Office 重新打开并另存一份，再检查",
    "The file is damaged and cannot be opened: open it in Office, save a new copy and check again.",
)
CORRUPT_PDF = Text(
    "PDF 文件已损坏，无法打开：请从 Word/WPS 重新导出 PDF（文件 → 另存为 → PDF），再检查",
    "The PDF is damaged and cannot be opened: export it again from Word/WPS (Save As → PDF) "
    "and check again.",
)
CORRUPT_VIDEO = Text(
    "视频文件无法打开（可能已损坏或未复制完整）：请从剪辑软件重新导出 MP4，或重新复制该文件，再检查",
    "The video cannot be opened (damaged or incompletely copied): export the MP4 again from "
    "the editing software, or copy it again, and check again.",
)
EMPTY = Text(
    "文件是空的（0 字节）：请重新导出或复制该文件",
    "The file is empty (0 bytes): export or copy it again.",
)
UNREADABLE = Text(
    "读取文件时出错，无法检查该文件：文件可能已损坏或格式特殊，请重新导出或另存一份后再检查",
    "The file could not be read (damaged or in an unusual format): export or save a new copy "
    "and check again.",
)


def as_read_error(exc: BaseException) -> ReadError:
    """Any exception a reader let through, as the ``error`` a teacher can act on."""
    if isinstance(exc, ReadError):
        return exc
    return ReadError("corrupt", UNREADABLE)
