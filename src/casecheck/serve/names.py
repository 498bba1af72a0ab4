"""An uploaded file's name, made safe to store and still the teacher's.

A browser sends the bare name (``课件.pptx``); anything else may send ``../../etc/x.docx``,
``C:\\Users\\张明\\报告.docx``, control characters, a Windows device name (``CON.docx``, which
Windows cannot open once the corrected copies are unpacked there), a name in GBK bytes from an
old client, or 300 Chinese characters (900 bytes in UTF-8, beyond the 255 bytes a file name
may have). What is stored is the last path component, readable: forbidden characters become
「_」 (a leading dot stays: ``.DS_Store`` is still named by the check), and a long name is shortened in the middle — the words that tell the materials apart
(信息表, 课件, 视频, 报告) stand at its start or its end, so the check still recognises it.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_CHARS = 80  # what a teacher can still read in the report and the zip
MAX_NAME_BYTES = 200  # UTF-8; file systems allow 255, the zip's folder name needs the rest
FALLBACK = "文件"
# Windows refuses these as names whatever the extension (CON.docx is the device CON).
DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"{p}{i}" for p in ("COM", "LPT") for i in range(1, 10)}
)
FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')  # control characters and Windows' reserved
SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}$")


def decode_name(raw: bytes) -> str:
    """A name sent as bytes: UTF-8 (what browsers send), else GBK/GB18030 (old Windows
    clients), else UTF-8 with replacement characters — never an exception."""
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def _fits(stem: str, suffix: str) -> bool:
    return len(stem) <= MAX_NAME_CHARS and len((stem + suffix).encode("utf-8")) <= MAX_NAME_BYTES


def _shorten(stem: str, suffix: str) -> str:
    """``stem`` cut in the middle (「…」) until the name fits."""
    keep = min(len(stem), MAX_NAME_CHARS) // 2
    short = stem
    while keep > 1 and not _fits(short, suffix):
        keep -= 1
        short = f"{stem[:keep]}…{stem[-keep:]}"
    return short


def safe_name(name: str) -> str:
    """The name a file is stored under: no folder part, no ``..``, no control or reserved
    characters, not a device name, at most ``MAX_NAME_CHARS`` / ``MAX_NAME_BYTES``."""
    base = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    # Windows drops trailing dots and spaces; a leading dot stays (.DS_Store is named as such
    # by the check), but a name of dots alone is no name.
    base = FORBIDDEN.sub("_", base).strip(" ").rstrip(" .")
    match = SUFFIX.search(base)
    stem, suffix = (base[: match.start()], match.group()) if match else (base, "")
    stem = stem.rstrip(" .")
    if not stem.strip("."):
        stem = FALLBACK
    if stem.split(".")[0].upper() in DEVICES:
        stem += "_"
    if not _fits(stem, suffix):
        stem = _shorten(stem, suffix)
    return stem + suffix


def unique_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3`` … when the same job already holds that name."""
    if name.lower() not in taken:
        return name
    match = SUFFIX.search(name)
    stem, suffix = (name[: match.start()], match.group()) if match else (name, "")
    n = 2
    while f"{stem}-{n}{suffix}".lower() in taken:
        n += 1
    return f"{stem}-{n}{suffix}"
