"""The provenance signal model and the parsing shared by the image and MP4 scanners.

Text values (PNG chunks, EXIF fields, MP4 tags), XMP packets and C2PA JUMBF boxes are
classified here into ``ProvenanceSignal`` items; ``media/provenance.py`` walks image formats and
``media/provenance_mp4.py`` walks MP4 boxes (and the docx and pptx readers keep
the signals in their facts), both calling into this module.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel

SignalKind = Literal["aigc", "iptc_digital_source_type", "c2pa", "generator_parameters", "software"]

MAX_VALUE = 2000  # characters kept per value: evidence, not payload
MAX_INFLATE = 1 << 20  # bytes a compressed PNG text chunk may expand to
MAX_GENERIC_SCAN = 8 << 20  # bytes searched for XMP/JUMBF in formats we do not walk
MAX_MOOV = 64 << 20
MAX_UUID_BOX = 16 << 20
MAX_BOXES = 20_000
C2PA_UUID = bytes.fromhex("d8fec3d61b0e483c92975828877ec481")
XMP_UUID = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")

_DST_RE = re.compile(r"digitalsourcetype/([A-Za-z]+)", re.I)
_DST_BYTES_RE = re.compile(rb"digitalsourcetype/([A-Za-z]+)", re.I)
_SD_PARAMS_RE = re.compile(r"(?:^|[\s,])(?:Steps|Sampler|Seed|CFG scale):\s*\S")
_TAG_RE = re.compile(r"<[^>]+>")
_RESOURCE_RE = re.compile(r'rdf:resource\s*=\s*"([^"]*)"')
_XMP_PACKET_RE = re.compile(rb"<x:xmpmeta.*?</x:xmpmeta>|<rdf:RDF.*?</rdf:RDF>", re.S)

# Text keys (PNG chunks, MP4 tags) whose value names the producing software.
_SOFTWARE_KEYS = {
    "software", "source", "creatortool", "generator", "encoder", "encoding_tool",
    "©too", "©swr", "©enc", "aisystemused", "tool",
}  # fmt: skip
_PNG_META_CHUNKS = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"caBX"}
_GENERATOR_KEYS = {"invokeai_metadata", "invokeai_graph", "sd-metadata", "dream", "workflow"}


class ProvenanceSignal(BaseModel):
    """One provenance fact: what it is, its value, and where in the file it was found."""

    kind: SignalKind
    value: str  # e.g. "trainedAlgorithmicMedia", "Midjourney 6", the AIGC JSON text
    evidence: str  # e.g. "JPEG APP1 XMP Iptc4xmpExt:DigitalSourceType", "PNG tEXt parameters"


class _Signals:
    """Collects signals without duplicates."""

    def __init__(self) -> None:
        self.items: list[ProvenanceSignal] = []
        self._seen: set[tuple[str, str, str]] = set()

    def add(self, kind: SignalKind, value: str, evidence: str) -> None:
        value = value.replace("\x00", "").strip()[:MAX_VALUE]
        if (kind, value, evidence) not in self._seen:
            self._seen.add((kind, value, evidence))
            self.items.append(ProvenanceSignal(kind=kind, value=value, evidence=evidence))


# ---------------------------------------------------------------- images
def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


# ---------------------------------------------------------------- text, XMP, C2PA


def _looks_like_aigc(value: str) -> bool:
    return bool(re.search(r"""["']AIGC["']\s*:""", value))


def _scan_text(key: str, value: str, where: str, out: _Signals) -> None:
    """Classify one keyed text value (a PNG chunk, an EXIF field, an MP4 tag)."""
    lkey = key.lower()
    evidence = f"{where} {key}" if key and not where.startswith("EXIF") else where
    if lkey.startswith("xml:com.adobe.xmp") or lkey == "xmp":
        _scan_xmp(value, where, out)
        return
    if lkey == "aigc" or lkey.endswith((":aigc", ".aigc")) or _looks_like_aigc(value):
        out.add("aigc", value, evidence)
    for term in _DST_RE.findall(value):
        out.add("iptc_digital_source_type", term, evidence)
    if lkey == "parameters" and _SD_PARAMS_RE.search(value):
        out.add("generator_parameters", value, evidence)
    elif lkey == "prompt" and value.lstrip().startswith("{"):
        out.add("generator_parameters", value, evidence)  # ComfyUI graph
    elif lkey in _GENERATOR_KEYS:
        out.add("generator_parameters", value, evidence)
    elif lkey == "comment" and '"steps"' in value and '"sampler"' in value:
        out.add("generator_parameters", value, evidence)  # NovelAI
    if lkey.rsplit(".", 1)[-1].rsplit(":", 1)[-1] in _SOFTWARE_KEYS:
        out.add("software", value, evidence)


def _xmp_values(xmp: str, name: str) -> Iterator[tuple[str, str]]:
    """(qualified name, text value) of every XMP property ``*:name``, attribute or element."""
    pattern = re.compile(
        rf'([A-Za-z][\w.-]*):{name}\s*=\s*"([^"]*)"'
        rf"|<([A-Za-z][\w.-]*):{name}\b([^>]*?)(?:/>|>(.*?)</\3:{name}\s*>)",
        re.S,
    )
    for m in pattern.finditer(xmp):
        if m.group(1):
            yield f"{m.group(1)}:{name}", html.unescape(m.group(2))
            continue
        text = html.unescape(_TAG_RE.sub(" ", m.group(5) or "")).strip()
        if not text:
            resource = _RESOURCE_RE.search(m.group(4) or "") or _RESOURCE_RE.search(
                m.group(5) or ""
            )
            text = html.unescape(resource.group(1)) if resource else ""
        yield f"{m.group(3)}:{name}", " ".join(text.split())


def _scan_xmp(xmp: str, where: str, out: _Signals) -> None:
    prefix = f"{where} XMP"
    for qname, value in _xmp_values(xmp, "AIGC"):
        out.add("aigc", value, f"{prefix} {qname}")
    for qname, value in _xmp_values(xmp, "DigitalSourceType"):
        term = value.rstrip("/").rsplit("/", 1)[-1]
        if term:
            out.add("iptc_digital_source_type", term, f"{prefix} {qname}")
    for name in ("CreatorTool", "AISystemUsed"):
        for qname, value in _xmp_values(xmp, name):
            if value:
                out.add("software", value, f"{prefix} {qname}")


def _cbor_text(buf: bytes, i: int) -> str | None:
    """The CBOR text string starting at ``buf[i]``, or None."""
    if i >= len(buf) or buf[i] >> 5 != 3:
        return None
    info = buf[i] & 0x1F
    if info < 24:
        length, start = info, i + 1
    elif info == 24 and i + 1 < len(buf):
        length, start = buf[i + 1], i + 2
    elif info == 25:
        length, start = int.from_bytes(buf[i + 1 : i + 3], "big"), i + 3
    else:
        return None
    return _decode(buf[start : start + length])


def _cbor_value_after(buf: bytes, key: bytes) -> list[str]:
    """Text values following the CBOR key ``key`` (direct text, or a map's ``name``)."""
    values: list[str] = []
    start = 0
    while len(values) < 20:
        at = buf.find(key, start)
        if at < 0:
            break
        start = at + len(key)
        text = _cbor_text(buf, start)
        if text is None:
            window = buf[start : start + 256]
            name_at = window.find(b"dname")
            text = _cbor_text(window, name_at + 5) if name_at >= 0 else None
        if text:
            values.append(text)
    return values


def _scan_jumbf(box: bytes, where: str, out: _Signals) -> None:
    """A JUMBF box store: a C2PA manifest if labelled ``c2pa``."""
    if b"jumb" not in box or b"c2pa" not in box:
        return
    parts: list[str] = []
    for key in (b"claim_generator", b"softwareAgent"):
        for value in _cbor_value_after(box, key):
            item = f"{key.decode()}: {value}"
            if item not in parts:
                parts.append(item)
    out.add("c2pa", "; ".join(parts) or "C2PA manifest", f"{where} C2PA manifest")
    for term in _DST_BYTES_RE.findall(box):
        out.add(
            "iptc_digital_source_type",
            term.decode("ascii"),
            f"{where} C2PA c2pa.actions digitalSourceType",
        )
