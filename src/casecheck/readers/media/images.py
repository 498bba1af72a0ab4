"""Raster images: bounded loading with Pillow and 2D-code (QR …) scanning with zxing-cpp.

Every embedded picture is scanned once per distinct content (the caller deduplicates by
SHA-256). The work per image is bounded: images above ``MAX_PIXELS`` are refused (JPEGs are
decoded reduced instead, which libjpeg does cheaply). A large photo is scanned at the
smallest power-of-two reduction whose long side is still ≥ ``SCAN_MIN_SIDE`` (a 4000×3000
photo at 2000×1500: decoding and scanning a 12 MP photo at full size would cost ~4× more),
then these passes run in order, stopping at the first that decodes something:

1. QR family (QR, Micro QR, rMQR) with zxing's rotation, inversion and down-scaling on —
   any rotation, light-on-dark and low-contrast codes;
2. when zxing *located* a code it could not decode (too small after the reduction, blur,
   low contrast), the area around it is cut from the full-size image, contrast-stretched,
   enlarged 2× and retried with two binarisers;
3. small images (long side < ``UPSCALE_BELOW``) once more enlarged 2× (≈1 px modules);
4. other matrix codes (Data Matrix, Aztec, PDF417, MaxiCode) on a ≤ ``OTHER_2D_SIDE`` copy.

Images with an alpha channel are scanned composited on white and on black: a dark code on a
transparent black background is invisible otherwise (and the reverse for light codes).

A code zxing *located* but could not decode by any pass (damaged, half covered, too blurred)
is kept in ``ImageScan.located``: the picture shows a code a person should look at. One
picture is never more than one picture: whatever the scanner raises on it becomes
``status="scan_failed"`` for that picture alone, and the deck around it is still read.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

if TYPE_CHECKING:  # Pillow and zxing-cpp load on the first scan, not with the facts models
    import zxingcpp
    from PIL import Image

MAX_PIXELS = 80_000_000  # above this a raster is not decoded at full size (bomb-safe)
SCAN_MIN_SIDE = 1600  # large photos are scanned reduced, long side still ≥ this
UPSCALE_BELOW = 400
OTHER_2D_SIDE = 768
VECTOR_TYPES = {
    "image/x-emf": "EMF",
    "image/x-wmf": "WMF",
    "image/emf": "EMF",
    "image/wmf": "WMF",
    "image/svg+xml": "SVG",
}
QR_FORMATS = ("QRCode", "MicroQRCode", "RMQRCode")
OTHER_2D_FORMATS = ("DataMatrix", "Aztec", "PDF417", "MaxiCode")

ScanStatus = Literal["ok", "vector", "unreadable", "too_large", "scan_failed"]
Box = tuple[int, int, int, int]  # left, top, right, bottom in the image's own pixels


class DecodedCode(BaseModel):
    """One decoded 2D code: its symbology, its text and where it is in the image (px)."""

    format: str
    text: str
    box: tuple[int, int, int, int]  # left, top, right, bottom in the image's own pixels


class ImageScan(BaseModel):
    """What scanning one image's bytes found."""

    status: ScanStatus
    width: int | None = None
    height: int | None = None
    codes: list[DecodedCode] = []
    # codes located but decoded by no pass; a box, or None when zxing gave no usable position
    located: list[Box | None] = []
    detail: str = ""  # why status is not ok (e.g. "EMF", "cannot identify image file")


def _formats(names: tuple[str, ...]) -> Any:
    import zxingcpp

    return tuple(getattr(zxingcpp.BarcodeFormat, name) for name in names)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_vector(content_type: str, data: bytes) -> str | None:
    """The vector format name (EMF/WMF/SVG) of an image, else None."""
    if content_type.lower() in VECTOR_TYPES:
        return VECTOR_TYPES[content_type.lower()]
    head = data[:64]
    if head[:4] == b"\x01\x00\x00\x00" and data[40:44] == b" EMF":
        return "EMF"
    if head[:4] in (b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00"):
        return "WMF"
    if head.lstrip().startswith((b"<svg", b"<?xml")) and b"<svg" in data[:2048]:
        return "SVG"
    return None


def _reduction(width: int, height: int, min_side: int | None) -> int:
    """The power-of-two reduction (1–8) that keeps the long side ≥ min_side and the image ≤ MAX_PIXELS."""
    factor = 1
    while factor < 8 and (
        (width // factor) * (height // factor) > MAX_PIXELS
        or (min_side is not None and max(width, height) // (factor * 2) >= min_side)
    ):
        factor *= 2
    return factor


def open_raster(data: bytes, min_side: int | None = None) -> tuple[Image.Image, tuple[int, int]]:
    """Decode a raster image, reduced when it is larger than needed; return it and its native size.

    JPEGs are decoded reduced by libjpeg (cheap); other formats above ``MAX_PIXELS`` are
    refused. Raises ``ValueError`` for images that are unreadable or too large to decode.
    """
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            im: Image.Image = Image.open(io.BytesIO(data))
        except Image.DecompressionBombError as exc:
            raise ValueError("too large: more pixels than can be decoded safely") from exc
        except Exception as exc:  # Pillow raises many types for bad input (with a repr)
            raise ValueError("unreadable: not an image format that can be decoded") from exc
        native = im.size
        factor = _reduction(*native, min_side)
        if native[0] * native[1] > MAX_PIXELS and im.format != "JPEG":
            raise ValueError(f"too large: {native[0]}×{native[1]} px")
        if im.format == "JPEG":  # luminance only, reduced in the DCT domain
            im.draft("L", (native[0] // factor, native[1] // factor))
            if im.size[0] * im.size[1] > MAX_PIXELS:
                raise ValueError(f"too large: {native[0]}×{native[1]} px")
        try:
            im.seek(0)
            im.load()
        except Exception as exc:
            raise ValueError(f"unreadable: damaged {im.format or 'image'} data") from exc
        if im.format != "JPEG" and factor > 1:
            im = im.reduce(factor)
    return im, native


def grey_variants(im: Image.Image) -> list[Image.Image]:
    """Greyscale versions to scan: one, or two (on white and on black) when there is alpha."""
    from PIL import Image

    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        out = []
        for background in ((255, 255, 255, 255), (0, 0, 0, 255)):
            canvas = Image.new("RGBA", rgba.size, background)
            canvas.alpha_composite(rgba)
            out.append(canvas.convert("L"))
        return out
    return [im if im.mode == "L" else im.convert("L")]


def _corners(r: zxingcpp.Barcode) -> Box:
    p = r.position
    xs = [p.top_left.x, p.top_right.x, p.bottom_right.x, p.bottom_left.x]
    ys = [p.top_left.y, p.top_right.y, p.bottom_right.y, p.bottom_left.y]
    return min(xs), min(ys), max(xs), max(ys)


def _decoded(
    results: list[zxingcpp.Barcode], scale: float = 1.0, dx: int = 0, dy: int = 0
) -> list[DecodedCode]:
    codes = []
    for r in results:
        if not r.valid:
            continue
        left, top, right, bottom = _corners(r)
        box = (
            int(left / scale) + dx,
            int(top / scale) + dy,
            int(right / scale) + dx,
            int(bottom / scale) + dy,
        )
        codes.append(DecodedCode(format=str(r.format), text=r.text, box=box))
    return codes


def _located_but_undecoded(results: list[zxingcpp.Barcode]) -> list[Box | None]:
    """Where zxing found a code it could not decode; None when it gave no area (a symbol
    whose size it could not read comes back with all four corners at 0,0)."""
    boxes: list[Box | None] = []
    for r in results:
        if not r.valid:
            left, top, right, bottom = _corners(r)
            boxes.append((left, top, right, bottom) if right > left and bottom > top else None)
    return boxes


def _retry_region(grey: Image.Image, box: Box | None) -> list[DecodedCode]:
    """Crop around a located code, stretch contrast, enlarge 2× and decode again (nothing
    when the located area has no extent inside the image)."""
    import zxingcpp
    from PIL import Image, ImageOps

    if box is None:
        return []
    left, top, right, bottom = box
    pad = max(right - left, bottom - top)
    crop_box = (
        max(0, left - pad),
        max(0, top - pad),
        min(grey.width, right + pad),
        min(grey.height, bottom + pad),
    )
    if crop_box[2] - crop_box[0] < 2 or crop_box[3] - crop_box[1] < 2:
        return []
    crop = ImageOps.autocontrast(grey.crop(crop_box), cutoff=1)
    big = crop.resize((crop.width * 2, crop.height * 2), Image.Resampling.BICUBIC)
    for binarizer in (zxingcpp.Binarizer.LocalAverage, zxingcpp.Binarizer.GlobalHistogram):
        found = zxingcpp.read_barcodes(big, formats=_formats(QR_FORMATS), binarizer=binarizer)
        codes = _decoded(found, scale=2.0, dx=crop_box[0], dy=crop_box[1])
        if codes:
            return codes
    return []


def _scaled(box: Box | None, k: float) -> Box | None:
    return (
        None
        if box is None
        else (int(box[0] * k), int(box[1] * k), int(box[2] * k), int(box[3] * k))
    )


def scan_grey(grey: Image.Image, full: Any = None) -> tuple[list[DecodedCode], list[Box | None]]:
    """Run the scanning passes (see module docstring) over one greyscale image: the codes
    decoded, else the codes located that no pass could decode.

    ``full`` returns the full-size greyscale image when ``grey`` is a reduction of it.
    """
    import zxingcpp
    from PIL import Image

    results = zxingcpp.read_barcodes(grey, formats=_formats(QR_FORMATS), return_errors=True)
    codes = _decoded(results)
    if codes:
        return codes, []
    located = _located_but_undecoded(results)[:4]
    if any(box is not None for box in located) and full is not None:
        big = full()
        k = big.width / grey.width
        for box in located:
            codes = [
                c.model_copy(update={"box": tuple(int(v / k) for v in c.box)})
                for c in _retry_region(big, _scaled(box, k))
            ]
            if codes:
                return codes, []
    for box in located:
        codes = _retry_region(grey, box)
        if codes:
            return codes, []
    if max(grey.size) < UPSCALE_BELOW:
        big = grey.resize((grey.width * 2, grey.height * 2), Image.Resampling.BICUBIC)
        codes = _decoded(zxingcpp.read_barcodes(big, formats=_formats(QR_FORMATS)), scale=2.0)
        if codes:
            return codes, []
    k = 1
    while max(grey.size) // k > OTHER_2D_SIDE:
        k *= 2
    small = grey.reduce(k) if k > 1 else grey
    other = zxingcpp.read_barcodes(small, formats=_formats(OTHER_2D_FORMATS))
    return _decoded(other, scale=1 / k), ([] if other else located)


def scan_image(data: bytes, content_type: str = "") -> ImageScan:
    """Decode an image's bytes and look for 2D codes in it. Never raises: an image the
    decoder refuses is ``unreadable``/``too_large``, one the scanner fails on ``scan_failed``."""
    vector = is_vector(content_type, data)
    if vector:
        return ImageScan(status="vector", detail=vector)
    try:
        im, native = open_raster(data, SCAN_MIN_SIDE)
    except ValueError as exc:
        status: ScanStatus = "too_large" if str(exc).startswith("too large") else "unreadable"
        return ImageScan(status=status, detail=str(exc))
    try:
        codes, located = _scan_raster(data, im, native)
    except Exception as exc:  # a scanner bug on one odd picture: that picture, not the file
        return ImageScan(
            status="scan_failed",
            width=native[0],
            height=native[1],
            detail=f"{type(exc).__name__}: {exc}"[:200],
        )
    return ImageScan(status="ok", width=native[0], height=native[1], codes=codes, located=located)


def _scan_raster(
    data: bytes, im: Image.Image, native: tuple[int, int]
) -> tuple[list[DecodedCode], list[Box | None]]:
    factor = native[0] / im.width if im.width else 1.0  # boxes are reported in native pixels
    codes: list[DecodedCode] = []
    located: list[Box | None] = []
    seen: set[str] = set()
    for index, grey in enumerate(grey_variants(im)):

        def full(index: int = index) -> Image.Image:
            return grey_variants(open_raster(data)[0])[index]

        found, missed = scan_grey(grey, full if factor > 1 else None)
        for code in found:
            if code.text not in seen:
                seen.add(code.text)
                code.box = tuple(int(v * factor) for v in code.box)  # type: ignore[assignment]
                codes.append(code)
        if codes:
            return codes, []
        located = located or [_scaled(box, factor) for box in missed]
    if factor > 1:
        # A small code in a large photo can vanish in the reduction before zxing even
        # locates it (a 120 px code rotated 30° in a 12 MP photo): one full-size pass.
        full_grey = grey_variants(open_raster(data)[0])[0]
        codes, missed = scan_grey(full_grey, None)
        if codes:
            return codes, []
        located = located or missed
    return [], located
