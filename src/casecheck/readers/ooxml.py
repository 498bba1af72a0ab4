"""Safe opening of Office Open XML packages (.docx, .pptx) shared by every Office reader.

python-docx and python-pptx read every part into memory with no bounds, so a zip bomb or
an entity-expansion part must be stopped here, before they see the file.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from casecheck.i18n import Text
from casecheck.readers.errors import CORRUPT, ENCRYPTED, ReadError

MAX_FILE_BYTES = 300 * 1024 * 1024
MAX_ENTRIES = 5000
MAX_ENTRY_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, per entry larger than 1 MB

SAFE_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_blank_text=False,
)

TOO_LARGE = Text(
    "文件内部数据异常庞大（疑似压缩炸弹），已停止读取：请重新另存该文件",
    "The file expands to an abnormal size (a possible zip bomb); reading stopped: save it again.",
)


# ISO/IEC 29500 Strict (Word/PowerPoint 「Strict Open XML」) names each namespace and
# relationship type http://purl.oclc.org/ooxml/<area>/<name>; Transitional, which the
# libraries read, names it http://schemas.openxmlformats.org/<area>/2006/<name>. The element
# names are the same, so Word and LibreOffice read both through one table (LibreOffice's
# oox/source/token/namespaces-strict.txt); only the two property namespaces changed spelling.
STRICT_MARK = b"http://purl.oclc.org/ooxml/"
_STRICT_AREA = re.compile(rb"http://purl\.oclc\.org/ooxml/(\w+)/")
_STRICT_RENAMED = (
    (b"/2006/extendedProperties", b"/2006/extended-properties"),
    (b"/2006/customProperties", b"/2006/custom-properties"),
    (b"/2006/relationships/extendedProperties", b"/2006/relationships/extended-properties"),
    (b"/2006/relationships/customProperties", b"/2006/relationships/custom-properties"),
)


def transitional(data: bytes) -> bytes:
    """An XML part with Strict namespaces and relationship types mapped to Transitional ones
    (unchanged when it has none): what Word does before it reads a Strict document."""
    if STRICT_MARK not in data:
        return data
    data = _STRICT_AREA.sub(rb"http://schemas.openxmlformats.org/\1/2006/", data)
    for strict, plain in _STRICT_RENAMED:
        data = data.replace(
            b"http://schemas.openxmlformats.org/officeDocument" + strict,
            b"http://schemas.openxmlformats.org/officeDocument" + plain,
        )
    return data


def is_xml_part(name: str) -> bool:
    return name.endswith((".xml", ".rels")) or name == "[Content_Types].xml"


def safe_xml(data: bytes) -> etree._Element:
    """Parse an XML part without entities, DTDs or network access."""
    try:
        return etree.fromstring(data, SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError("corrupt", CORRUPT) from exc


def check_zip_bounds(data: bytes) -> None:
    """Reject zips that are corrupt, encrypted per entry, or expand beyond sane limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_directory(zf)
            bad = zf.testzip() if len(data) < 50 * 1024 * 1024 else None
            if bad is not None:
                raise ReadError("truncated", CORRUPT)
    except ReadError:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise ReadError("truncated", CORRUPT) from exc


def check_directory(zf: zipfile.ZipFile) -> None:
    """The limits, from the central directory's declared sizes alone (nothing inflated).

    Reading a member later is bounded by its declared size: zipfile stops there and checks
    the CRC, so a member that lies about its size fails its read instead of expanding.
    """
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ReadError("too_large", TOO_LARGE)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ReadError("encrypted", ENCRYPTED)
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_ENTRY_BYTES or (info.file_size > 1_000_000 and ratio > MAX_RATIO):
            raise ReadError("too_large", TOO_LARGE)
    if total > MAX_TOTAL_BYTES:
        raise ReadError("too_large", TOO_LARGE)
    if "[Content_Types].xml" not in zf.namelist():
        raise ReadError("corrupt", CORRUPT)
