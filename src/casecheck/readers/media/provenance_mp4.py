"""AI-provenance signals in an MP4's container: moov/udta/meta tags and uuid boxes.

Reads only the ``moov`` and top-level ``uuid`` boxes (media data is skipped), bounded by
the limits in ``provenance``; the shared text/XMP/C2PA parsing lives there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from casecheck.readers.provenance_signals import (
    _DST_RE,
    _SOFTWARE_KEYS,
    C2PA_UUID,
    MAX_BOXES,
    MAX_MOOV,
    MAX_UUID_BOX,
    XMP_UUID,
    ProvenanceSignal,
    _decode,
    _looks_like_aigc,
    _scan_jumbf,
    _scan_xmp,
    _Signals,
)


def scan_mp4_file(path: Path) -> list[ProvenanceSignal]:
    """Provenance signals in an MP4/MOV's tags, XMP and C2PA boxes; ``[]`` when unreadable.

    An MP4 written with ``movflags=use_metadata_tags`` and the key ``AIGC`` set to
    ``{"AIGC":{"Label":"1",…}}`` gives ``[ProvenanceSignal(kind="aigc", value='{"AIGC":…}',
    evidence="MP4 mdta key AIGC")]``; a camera clip gives at most an encoder ``software``.
    Only the ``moov`` and ``uuid`` boxes are read; media data is skipped.
    """
    out = _Signals()
    try:
        with path.open("rb") as fh:
            size = fh.seek(0, 2)
            pos, boxes = 0, 0
            while pos + 8 <= size and boxes < MAX_BOXES:
                boxes += 1
                fh.seek(pos)
                header = fh.read(16)
                box_size, btype, head = int.from_bytes(header[:4], "big"), header[4:8], 8
                if box_size == 1:
                    box_size, head = int.from_bytes(header[8:16], "big"), 16
                elif box_size == 0:
                    box_size = size - pos
                if box_size < head:
                    break
                if btype == b"moov" and box_size <= MAX_MOOV:
                    fh.seek(pos + head)
                    moov = fh.read(box_size - head)
                    _scan_mp4_container(moov, 0, len(moov), "moov", out)
                elif btype == b"uuid" and box_size <= MAX_UUID_BOX:
                    fh.seek(pos + head)
                    _scan_mp4_uuid(fh.read(box_size - head), out)
                pos += box_size
    except Exception:  # a damaged file yields what was found so far
        pass
    return out.items


def _mp4_boxes(buf: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, body start, body end) of each box in ``buf[start:end]``."""
    pos, count = start, 0
    while pos + 8 <= end and count < MAX_BOXES:
        count += 1
        size, btype, head = int.from_bytes(buf[pos : pos + 4], "big"), buf[pos + 4 : pos + 8], 8
        if size == 1:
            size, head = int.from_bytes(buf[pos + 8 : pos + 16], "big"), 16
        elif size == 0:
            size = end - pos
        if size < head or pos + size > end:
            return
        yield btype, pos + head, pos + size
        pos += size


def _scan_mp4_container(buf: bytes, start: int, end: int, path: str, out: _Signals) -> None:
    for btype, s, e in _mp4_boxes(buf, start, end):
        if btype in (b"trak", b"udta", b"moov", b"mdia") and path.count("/") < 6:
            _scan_mp4_container(buf, s, e, f"{path}/{btype.decode('latin-1')}", out)
        elif btype == b"meta":
            _scan_mp4_meta(buf, s, e, out)
        elif btype == b"XMP_":
            _scan_xmp(_decode(buf[s:e]), "MP4 XMP_", out)
        elif btype == b"uuid":
            _scan_mp4_uuid(buf[s:e], out)
        elif path.endswith("udta") and btype[:1] == b"\xa9" and e - s > 4:
            # QuickTime user data text: 2-byte length, 2-byte language, text.
            length = int.from_bytes(buf[s : s + 2], "big")
            name = btype.decode("latin-1").replace("\xa9", "©")
            _scan_mp4_tag(name, _decode(buf[s + 4 : s + 4 + length]), f"MP4 udta {name}", out)


def _scan_mp4_meta(buf: bytes, start: int, end: int, out: _Signals) -> None:
    # ISO 'meta' is a full box (4 bytes version/flags); QuickTime 'meta' is not.
    if buf[start + 4 : start + 8] not in (b"hdlr", b"keys", b"ilst"):
        start += 4
    keys: list[str] = []
    items: list[tuple[bytes, int, int]] = []
    for btype, s, e in _mp4_boxes(buf, start, end):
        if btype == b"keys":
            pos, count = s + 8, int.from_bytes(buf[s + 4 : s + 8], "big")
            for _ in range(min(count, MAX_BOXES)):
                size = int.from_bytes(buf[pos : pos + 4], "big")
                if size < 8:
                    break
                keys.append(_decode(buf[pos + 8 : pos + size]))
                pos += size
        elif btype == b"ilst":
            items = list(_mp4_boxes(buf, s, e))
    for btype, s, e in items:
        mean = name = ""
        values: list[str] = []
        for ctype, cs, ce in _mp4_boxes(buf, s, e):
            if ctype == b"mean":
                mean = _decode(buf[cs + 4 : ce])
            elif ctype == b"name":
                name = _decode(buf[cs + 4 : ce])
            elif ctype == b"data" and ce - cs > 8:
                values.append(_decode(buf[cs + 8 : ce]))
        index = int.from_bytes(btype, "big")
        if btype == b"----":
            key, evidence = f"----:{mean}:{name}", f"MP4 freeform ----:{mean}:{name}"
        elif 1 <= index <= len(keys):
            key = keys[index - 1]
            evidence = f"MP4 mdta key {key}"
        else:
            key = btype.decode("latin-1").replace("\xa9", "©")
            evidence = f"MP4 ilst {key}"
        for value in values:
            _scan_mp4_tag(key, value, evidence, out)


def _scan_mp4_tag(key: str, value: str, evidence: str, out: _Signals) -> None:
    lkey = key.lower()
    if lkey == "aigc" or lkey.endswith((":aigc", ".aigc")) or _looks_like_aigc(value):
        out.add("aigc", value, evidence)
    for term in _DST_RE.findall(value):
        out.add("iptc_digital_source_type", term, evidence)
    if lkey.rsplit(".", 1)[-1].rsplit(":", 1)[-1] in _SOFTWARE_KEYS:
        out.add("software", value, evidence)


def _scan_mp4_uuid(body: bytes, out: _Signals) -> None:
    usertype, payload = body[:16], body[16:]
    if usertype == C2PA_UUID:
        _scan_jumbf(payload, "MP4 uuid d8fec3d6", out)
    elif usertype == XMP_UUID:
        _scan_xmp(_decode(payload), "MP4 uuid", out)
