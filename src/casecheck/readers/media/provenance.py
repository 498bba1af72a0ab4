"""AI-provenance signals in image bytes and in an MP4's container tags.

Pure Python over bytes (Pillow only to decode EXIF), bounded, and never raising on
garbage: an unparsable part simply yields no signal. The reader only *extracts*: whether a
signal means "AI-generated" is decided by the ``*.ai_label`` checkers with pack params.
No metadata never means "not AI" (a re-save or a screenshot strips it).

Signals found (``kind`` → where):

- ``aigc``: the GB 45438-2025 implicit label ``{"AIGC": {"Label": …}}`` in XMP
  ``TC260:AIGC``, PNG text chunks, EXIF ImageDescription/UserComment, MP4 tags.
- ``iptc_digital_source_type``: XMP ``Iptc4xmpExt:DigitalSourceType`` or a C2PA action's
  ``digitalSourceType`` (value: the term, e.g. ``trainedAlgorithmicMedia``).
- ``c2pa``: a C2PA manifest (JPEG APP11 JUMBF, PNG ``caBX``, WebP ``C2PA``, MP4 uuid box);
  value: its claim generator / software agent.
- ``generator_parameters``: Stable Diffusion ``parameters``, ComfyUI ``prompt``/``workflow``,
  InvokeAI ``invokeai_metadata``, NovelAI ``Comment``.
- ``software``: EXIF Software, XMP CreatorTool / AISystemUsed, PNG ``Software``/``Source``,
  MP4 encoder/software tags (matched against generator tokens by the checker).
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

from casecheck.readers.library_messages import library_messages
from casecheck.readers.provenance_signals import (
    _PNG_META_CHUNKS,
    _XMP_PACKET_RE,
    MAX_BOXES,
    MAX_GENERIC_SCAN,
    MAX_INFLATE,
    MAX_UUID_BOX,
    ProvenanceSignal,
    SignalKind,
    _decode,
    _scan_jumbf,
    _scan_text,
    _scan_xmp,
    _Signals,
)

__all__ = [
    "ProvenanceSignal",
    "SignalKind",
    "format_signals",
    "scan_image_bytes",
    "scan_package_images",
    "scan_video_file",
]


def scan_image_bytes(data: bytes) -> list[ProvenanceSignal]:
    """Provenance signals in one image file's bytes (PNG, JPEG, WebP, TIFF; others by search).

    A PNG whose ``tEXt`` chunk ``parameters`` is ``"cat\\nSteps: 20, Sampler: Euler a"`` gives
    ``[ProvenanceSignal(kind="generator_parameters", value="cat\\nSteps: 20, …",
    evidence="PNG tEXt parameters")]``; a plain camera JPEG gives ``[]``.
    """
    out = _Signals()
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n"):
            _scan_png(data, out)
        elif data.startswith(b"\xff\xd8"):
            _scan_jpeg(data, out)
        elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            _scan_webp(data, out)
        elif data[:4] in (b"II*\x00", b"MM\x00*"):
            _scan_exif(data, "TIFF", out)
        else:
            _scan_generic(data, "", out)
    except Exception:  # garbage must never take a check down; keep what was found
        pass
    return out.items


def _inflate(raw: bytes) -> bytes:
    return zlib.decompressobj().decompress(raw, MAX_INFLATE)


def _scan_png(data: bytes, out: _Signals) -> None:
    i, n, chunks = 8, len(data), 0
    while i + 12 <= n and chunks < MAX_BOXES:
        chunks += 1
        length = int.from_bytes(data[i : i + 4], "big")
        ctype = data[i + 4 : i + 8]
        start, i = i + 8, i + 12 + length
        if ctype == b"IEND":
            break
        if ctype not in _PNG_META_CHUNKS:  # IDAT and friends: skipped without copying
            continue
        body = data[start : start + length]
        if ctype == b"tEXt":
            key, _, val = body.partition(b"\x00")
            _scan_text(key.decode("latin-1"), _decode(val), "PNG tEXt", out)
        elif ctype == b"zTXt":
            key, _, rest = body.partition(b"\x00")
            _scan_text(key.decode("latin-1"), _decode(_inflate(rest[1:])), "PNG zTXt", out)
        elif ctype == b"iTXt":
            key, _, rest = body.partition(b"\x00")
            compressed = rest[:1] == b"\x01"
            _lang, _, rest = rest[2:].partition(b"\x00")
            _translated, _, text = rest.partition(b"\x00")
            value = _decode(_inflate(text) if compressed else text)
            _scan_text(key.decode("latin-1"), value, "PNG iTXt", out)
        elif ctype == b"eXIf":
            _scan_exif(body, "PNG eXIf", out)
        elif ctype == b"caBX":
            _scan_jumbf(body, "PNG caBX", out)


def _scan_jpeg(data: bytes, out: _Signals) -> None:
    i, n = 2, len(data)
    extended: list[bytes] = []
    jumbf = bytearray()
    while i + 4 <= n:
        if data[i] != 0xFF:
            break
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        if marker in (0xDA, 0xD9):  # start of scan: no metadata after this
            break
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        seg = data[i + 4 : i + 2 + length]
        i += 2 + length
        if marker == 0xE1 and seg.startswith(b"Exif\x00"):
            _scan_exif(seg[6:], "JPEG APP1", out)
        elif marker == 0xE1 and seg.startswith(b"http://ns.adobe.com/xap/1.0/\x00"):
            _scan_xmp(_decode(seg[29:]), "JPEG APP1", out)
        elif marker == 0xE1 and seg.startswith(b"http://ns.adobe.com/xmp/extension/\x00"):
            extended.append(seg[35 + 32 + 8 :])  # GUID + full length + offset
        elif marker == 0xEB and seg[:2] == b"JP":
            # CI "JP", En, Z; continuation segments repeat the box's LBox/TBox.
            jumbf += seg[8:] if not jumbf else seg[16:]
        elif marker == 0xFE:
            _scan_text("comment", _decode(seg), "JPEG COM", out)
    if extended:
        _scan_xmp(_decode(b"".join(extended)), "JPEG APP1 extended", out)
    if jumbf:
        _scan_jumbf(bytes(jumbf), "JPEG APP11 JUMBF", out)


def _scan_webp(data: bytes, out: _Signals) -> None:
    i, n, chunks = 12, len(data), 0
    while i + 8 <= n and chunks < MAX_BOXES:
        chunks += 1
        ctype = data[i : i + 4]
        length = int.from_bytes(data[i + 4 : i + 8], "little")
        body = data[i + 8 : i + 8 + length]
        i += 8 + length + (length & 1)
        if ctype == b"EXIF":
            _scan_exif(body, "WebP EXIF", out)
        elif ctype == b"XMP ":
            _scan_xmp(_decode(body), "WebP", out)
        elif ctype == b"C2PA":
            _scan_jumbf(body, "WebP C2PA", out)


def _scan_generic(data: bytes, where: str, out: _Signals) -> None:
    """Formats we do not walk (GIF, BMP, SVG, HEIF…): search for XMP packets and JUMBF."""
    head = data[:MAX_GENERIC_SCAN]
    prefix = f"{where} " if where else ""
    for match in _XMP_PACKET_RE.finditer(head):
        _scan_xmp(_decode(match.group(0)), f"{prefix}embedded".strip(), out)
    at = head.find(b"jumb")
    if at >= 4 and b"c2pa" in head[at:]:
        _scan_jumbf(head[at - 4 : at + MAX_UUID_BOX], f"{prefix}JUMBF".strip(), out)


def _scan_exif(tiff: bytes, where: str, out: _Signals) -> None:
    from PIL import Image  # imported lazily: most images carry no EXIF

    exif = Image.Exif()
    with library_messages():  # Pillow warns on corrupt EXIF; we just read less
        exif.load(tiff)
        exif_ifd = exif.get_ifd(0x8769)
    for tag, name in ((0x010E, "ImageDescription"), (0x0131, "Software"), (0x013B, "Artist")):
        value = exif.get(tag)
        if isinstance(value, bytes):
            value = _decode(value)
        if isinstance(value, str) and value.strip():
            key = "software" if name == "Software" else name.lower()
            _scan_text(key, value, f"EXIF {name}", out)
    comment = exif_ifd.get(0x9286)
    if isinstance(comment, bytes) and len(comment) > 8:
        charset, body = comment[:8], comment[8:]
        if charset.startswith(b"UNICODE"):
            # Writers disagree on byte order; ASCII-heavy text has its zeros on one side.
            zeros_even = body[0::2].count(0)
            encoding = "utf-16-be" if zeros_even > body[1::2].count(0) else "utf-16-le"
            text = body.decode(encoding, "replace")
        else:
            text = _decode(body)
        _scan_text("usercomment", text, "EXIF UserComment", out)
    elif isinstance(comment, str):
        _scan_text("usercomment", comment, "EXIF UserComment", out)
    xmp = exif.get(0x02BC)
    if isinstance(xmp, bytes):
        _scan_xmp(_decode(xmp), f"{where} TIFF", out)


def scan_video_file(path: Path) -> list[ProvenanceSignal]:
    """AI-provenance signals in an MP4's container tags (see ``provenance_mp4``)."""
    from casecheck.readers.media.provenance_mp4 import scan_mp4_file

    return scan_mp4_file(path)


# ---------------------------------------------------------------- embedded Office documents

_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".webp", ".bmp", ".svg")
_PACKAGE_SUFFIXES = (".docx", ".pptx", ".xlsx", ".docm", ".pptm", ".xlsm")


def scan_package_images(data: bytes, *, depth: int = 2) -> list[tuple[str, list[ProvenanceSignal]]]:
    """(member path, signals) for every image in an embedded OOXML package's bytes.

    For ``ppt/embeddings/*.docx`` and the like: a Word document embedded in a slide that
    holds a Midjourney PNG gives ``[("word/media/image1.png", [ProvenanceSignal(…)])]``.
    Nested packages are followed ``depth`` levels; unsafe or corrupt zips give ``[]``.
    """
    import io
    import zipfile

    from casecheck.readers.errors import ReadError
    from casecheck.readers.ooxml import check_zip_bounds

    found: list[tuple[str, list[ProvenanceSignal]]] = []
    try:
        check_zip_bounds(data)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                name = info.filename
                lower = name.lower()
                if lower.endswith(_IMAGE_SUFFIXES):
                    signals = scan_image_bytes(zf.read(info))
                    if signals:
                        found.append((name, signals))
                elif depth > 0 and lower.endswith(_PACKAGE_SUFFIXES):
                    for inner, signals in scan_package_images(zf.read(info), depth=depth - 1):
                        found.append((f"{name}!{inner}", signals))
    except (ReadError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return found
    return found


def format_signals(signals: list[Any]) -> str:
    """One line per signal for ``casecheck inspect``: ``kind = value  [evidence]``."""
    lines = []
    for item in signals:
        s = item if isinstance(item, ProvenanceSignal) else ProvenanceSignal.model_validate(item)
        value = " ".join(s.value.split())
        value = value if len(value) <= 80 else value[:77] + "…"
        lines.append(f"{s.kind} = {value}  [{s.evidence}]")
    return "\n".join(lines)
