"""Build real images and MP4s carrying AI-provenance metadata, the way generators write it.

Images are encoded by Pillow; metadata segments/chunks are written with Pillow where it can
(PNG text chunks, EXIF) and spliced in as raw JPEG segments where it cannot (XMP, APP11).
"""

from __future__ import annotations

import io
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np
from PIL import Image, PngImagePlugin

C2PA_UUID = bytes.fromhex("d8fec3d61b0e483c92975828877ec481")
JUMBF_C2PA_TYPE = bytes.fromhex("6332706100110010800000aa00389b71")  # "c2pa" + ISO suffix
DST = "http://cv.iptc.org/newscodes/digitalsourcetype/"
AIGC_JSON = json.dumps(
    {
        "AIGC": {
            "Label": "1",
            "ContentProducer": "001191101080000000000000000000",
            "ProduceID": "a1b2c3",
            "ReservedCode1": "",
            "ContentPropagator": "",
            "PropagateID": "",
            "ReservedCode2": "",
        }
    }
)


def picture(size: tuple[int, int] = (64, 48), seed: int = 0) -> Image.Image:
    """A small noisy RGB picture (not a flat colour, so encoders do real work)."""
    rng = np.random.default_rng(seed)
    return Image.fromarray(rng.integers(0, 255, (size[1], size[0], 3), dtype=np.uint8))


def xmp_packet(
    *,
    dst: str | None = None,
    aigc: str | None = None,
    creator_tool: str | None = None,
    element_form: bool = False,
) -> bytes:
    """An XMP packet with IPTC DigitalSourceType, TC260 AIGC and/or xmp:CreatorTool."""
    attrs, elems = [], []
    if dst is not None:
        if element_form:
            elems.append(f'<Iptc4xmpExt:DigitalSourceType rdf:resource="{DST}{dst}"/>')
        else:
            attrs.append(f'Iptc4xmpExt:DigitalSourceType="{DST}{dst}"')
    if aigc is not None:
        escaped = aigc.replace("&", "&amp;").replace('"', "&quot;")
        if element_form:
            elems.append(f"<TC260:AIGC>{escaped}</TC260:AIGC>")
        else:
            attrs.append(f'TC260:AIGC="{escaped}"')
    if creator_tool is not None:
        attrs.append(f'xmp:CreatorTool="{creator_tool}"')
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
        'xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" '
        'xmlns:TC260="http://www.tc260.org.cn/ns/AIGC/1.0/" '
        f"{' '.join(attrs)}>{''.join(elems)}</rdf:Description>"
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()


def jpeg(
    *,
    xmp: bytes | None = None,
    app11: list[bytes] | None = None,
    exif: Image.Exif | None = None,
    seed: int = 0,
    size: tuple[int, int] = (64, 48),
) -> bytes:
    """A real JPEG; XMP (APP1) and APP11 segments follow Pillow's JFIF/EXIF segments."""
    buf = io.BytesIO()
    picture(size, seed).save(buf, "JPEG", quality=80, exif=exif or Image.Exif())
    data = buf.getvalue()
    segments = b""
    if xmp is not None:
        segments += _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + xmp)
    for payload in app11 or []:
        segments += _segment(0xEB, payload)
    at = 2
    while data[at] == 0xFF and 0xE0 <= data[at + 1] <= 0xEF:  # keep APP0 JFIF first
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
    return data[:at] + segments + data[at:]


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload


def png(
    *,
    text: dict[str, str] | None = None,
    itxt: dict[str, str] | None = None,
    ztxt: dict[str, str] | None = None,
    chunks: list[tuple[bytes, bytes]] | None = None,
    exif: Image.Exif | None = None,
    seed: int = 0,
) -> bytes:
    """A real PNG with tEXt / compressed iTXt / zTXt chunks and extra raw chunks."""
    info = PngImagePlugin.PngInfo()
    for key, value in (text or {}).items():
        info.add_text(key, value)
    for key, value in (itxt or {}).items():
        info.add_itxt(key, value, zip=True)
    for key, value in (ztxt or {}).items():
        info.add_text(key, value, zip=True)
    for cid, payload in chunks or []:
        info.add(cid, payload)
    buf = io.BytesIO()
    picture(seed=seed).save(buf, "PNG", pnginfo=info, exif=exif or Image.Exif())
    return buf.getvalue()


def exif_with(
    *, software: str | None = None, description: str | None = None, user_comment: str | None = None
) -> Image.Exif:
    exif = Image.Exif()
    if software is not None:
        exif[0x0131] = software
    if description is not None:
        exif[0x010E] = description
    if user_comment is not None:
        exif[0x8769] = {0x9286: b"UNICODE\x00" + user_comment.encode("utf-16-le")}
    return exif


# ---------------------------------------------------------------- C2PA / JUMBF


def _box(btype: bytes, payload: bytes) -> bytes:
    return (len(payload) + 8).to_bytes(4, "big") + btype + payload


def _cbor(value: Any) -> bytes:
    """Minimal CBOR encoder (text, lists, maps) for C2PA assertions."""
    if isinstance(value, str):
        raw = value.encode()
        head = 0x60
    elif isinstance(value, list):
        return _cbor_head(0x80, len(value)) + b"".join(_cbor(v) for v in value)
    elif isinstance(value, dict):
        return _cbor_head(0xA0, len(value)) + b"".join(
            _cbor(k) + _cbor(v) for k, v in value.items()
        )
    else:
        raise TypeError(value)
    return _cbor_head(head, len(raw)) + raw


def _cbor_head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major + n])
    if n < 256:
        return bytes([major + 24, n])
    return bytes([major + 25]) + n.to_bytes(2, "big")


def _jumb(label: str, *children: bytes) -> bytes:
    jumd = _box(b"jumd", JUMBF_C2PA_TYPE + b"\x03" + label.encode() + b"\x00")
    return _box(b"jumb", jumd + b"".join(children))


def c2pa_store(claim: dict[str, Any], actions: list[dict[str, Any]]) -> bytes:
    """A C2PA-like JUMBF manifest store: one manifest with an actions assertion and a claim."""
    assertions = _jumb(
        "c2pa.assertions", _jumb("c2pa.actions", _box(b"cbor", _cbor({"actions": actions})))
    )
    manifest = _jumb(
        "urn:uuid:6fd4c8c0-0000-4000-8000-000000000001",
        assertions,
        _jumb("c2pa.claim", _box(b"cbor", _cbor(claim))),
    )
    return _jumb("c2pa", manifest)


def app11_segments(store: bytes, parts: int = 1) -> list[bytes]:
    """Split a JUMBF store into JPEG APP11 payloads (continuations repeat LBox/TBox)."""
    size = -(-len(store) // parts)
    pieces = [store[i : i + size] for i in range(0, len(store), size)]
    out = []
    for z, piece in enumerate(pieces, start=1):
        header = b"JP" + (1).to_bytes(2, "big") + z.to_bytes(4, "big")
        out.append(header + (piece if z == 1 else store[:8] + piece))
    return out


def firefly_store() -> bytes:
    return c2pa_store(
        {"claim_generator": "Adobe_Firefly/3.0 c2pa-rs/0.32"},
        [{"action": "c2pa.created", "digitalSourceType": DST + "trainedAlgorithmicMedia"}],
    )


def camera_store() -> bytes:
    return c2pa_store(
        {"claim_generator_info": [{"name": "Leica M11-P", "version": "2.0"}]},
        [{"action": "c2pa.created", "digitalSourceType": DST + "digitalCapture"}],
    )


# ---------------------------------------------------------------- MP4


def mp4(path: Path, *, metadata: dict[str, str] | None = None, frames: int = 5) -> Path:
    """A tiny real H.264 MP4; ``metadata`` keys are written as mdta keys (use_metadata_tags)."""
    out = av.open(
        str(path),
        mode="w",
        format="mp4",
        options={"movflags": "use_metadata_tags"} if metadata else {},
    )
    for key, value in (metadata or {}).items():
        out.metadata[key] = value
    stream = out.add_stream("libx264", rate=25)
    stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
    stream.codec_context.time_base = Fraction(1, 25)
    for i in range(frames):
        frame = av.VideoFrame.from_ndarray(np.asarray(picture(seed=i)), format="rgb24")
        frame.pts = i
        for packet in stream.encode(frame):
            out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)
    out.close()
    return path


def add_freeform_atom(path: Path, mean: str, name: str, value: str) -> None:
    """Append moov/udta/meta/ilst/----(mean, name, data) to a file whose moov is last."""
    data = bytearray(path.read_bytes())
    moov_at = _find_top_box(bytes(data), b"moov")
    item = _box(
        b"----",
        _box(b"mean", b"\x00" * 4 + mean.encode())
        + _box(b"name", b"\x00" * 4 + name.encode())
        + _box(b"data", (1).to_bytes(4, "big") + b"\x00" * 4 + value.encode()),
    )
    hdlr = _box(b"hdlr", b"\x00" * 8 + b"mdir" + b"appl" + b"\x00" * 9)
    udta = _box(b"udta", _box(b"meta", b"\x00" * 4 + hdlr + _box(b"ilst", item)))
    moov_size = int.from_bytes(data[moov_at : moov_at + 4], "big")
    assert moov_at + moov_size == len(data), "moov must be the last box"
    data[moov_at : moov_at + 4] = (moov_size + len(udta)).to_bytes(4, "big")
    path.write_bytes(bytes(data) + udta)


def add_c2pa_uuid_box(path: Path, store: bytes) -> None:
    """Append a top-level C2PA ``uuid`` box (purpose "manifest") to an MP4."""
    payload = C2PA_UUID + b"\x00" * 4 + b"manifest\x00" + b"\x00" * 8 + store
    path.write_bytes(path.read_bytes() + _box(b"uuid", payload))


def _find_top_box(data: bytes, btype: bytes) -> int:
    pos = 0
    while pos + 8 <= len(data):
        size = int.from_bytes(data[pos : pos + 4], "big")
        if data[pos + 4 : pos + 8] == btype:
            return pos
        pos += size
    raise ValueError(f"no {btype!r} box")
