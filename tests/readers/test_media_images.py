"""QR and other 2D-code scanning over real generated images (segno codes, Pillow photos)."""

from __future__ import annotations

import io
import struct

import pytest
import zxingcpp
from PIL import Image

from casecheck.readers.media import images
from casecheck.readers.media.images import scan_image
from tests.factories.pptx_factory import jpeg_bytes, photo, photo_with_qr, png_bytes, qr_image

URL = "https://weixin.qq.com/r/abc123"


def test_plain_qr_picture() -> None:
    scan = scan_image(png_bytes(qr_image(URL)), "image/png")
    assert scan.status == "ok"
    assert [(c.format, c.text) for c in scan.codes] == [("QR Code", URL)]
    assert (scan.width, scan.height) == (240, 240)


def test_small_qr_in_12_megapixel_photo() -> None:
    data = jpeg_bytes(photo_with_qr(URL, size=(4000, 3000), qr_px=120))
    scan = scan_image(data, "image/jpeg")
    assert [c.text for c in scan.codes] == [URL]
    left, top, right, _bottom = scan.codes[0].box
    assert 2450 <= left <= 2560 and 1750 <= top <= 1860  # where it was pasted (2500, 1800)
    assert right - left < 200


def test_small_rotated_qr_in_large_photo() -> None:
    data = jpeg_bytes(photo_with_qr(URL, size=(4000, 3000), qr_px=120, angle=30))
    assert [c.text for c in scan_image(data, "image/jpeg").codes] == [URL]


@pytest.mark.parametrize("angle", [15, 30, 45])
def test_rotated_qr(angle: float) -> None:
    data = jpeg_bytes(photo_with_qr(URL, size=(1600, 1000), qr_px=200, angle=angle))
    assert [c.text for c in scan_image(data, "image/jpeg").codes] == [URL]


@pytest.mark.parametrize("contrast", [0.3, 0.15])
def test_low_contrast_qr(contrast: float) -> None:
    data = jpeg_bytes(photo_with_qr(URL, size=(1600, 1000), qr_px=200, contrast=contrast))
    assert [c.text for c in scan_image(data, "image/jpeg").codes] == [URL]


def test_tiny_qr_picture_is_enlarged() -> None:
    # about 1.3 px per module: zxing misses it at native size, the 2× pass finds it
    data = png_bytes(qr_image("TINY-42", 44, border=2).resize((44, 44), Image.Resampling.BILINEAR))
    assert [c.text for c in scan_image(data, "image/png").codes] == ["TINY-42"]


def test_transparent_qr_on_black_transparent_background() -> None:
    code = qr_image(URL, 200)
    rgba = Image.new("RGBA", code.size, (0, 0, 0, 0))
    dark = Image.new("RGBA", code.size, (0, 0, 0, 255))
    rgba.paste(dark, mask=code.point(lambda v: 255 - v))  # opaque black modules only
    assert [c.text for c in scan_image(png_bytes(rgba), "image/png").codes] == [URL]


def test_white_qr_on_transparent_background() -> None:
    code = qr_image(URL, 200)
    rgba = Image.new("RGBA", code.size, (255, 255, 255, 0))
    white = Image.new("RGBA", code.size, (255, 255, 255, 255))
    rgba.paste(white, mask=code.point(lambda v: 255 - v))  # light modules on nothing
    assert [c.text for c in scan_image(png_bytes(rgba), "image/png").codes] == [URL]


def test_micro_qr() -> None:
    data = png_bytes(qr_image("12345", 120, micro=True))
    assert [(c.format, c.text) for c in scan_image(data, "image/png").codes] == [
        ("Micro QR Code", "12345")
    ]


def test_data_matrix_is_another_2d_code() -> None:
    matrix = zxingcpp.create_barcode("DM-2026", zxingcpp.BarcodeFormat.DataMatrix)
    img = (
        Image.fromarray(matrix.to_image(scale=8, add_quiet_zones=True))
        if hasattr(Image, "fromarray")
        else None
    )
    assert img is not None
    found = scan_image(png_bytes(img), "image/png").codes
    assert [(c.format, c.text) for c in found] == [("Data Matrix", "DM-2026")]


def test_photos_without_codes_are_clean() -> None:
    for seed in range(6):
        scan = scan_image(jpeg_bytes(photo(1600, 1000, seed=seed)), "image/jpeg")
        assert scan.status == "ok" and scan.codes == []


def test_vector_images_are_not_scanned() -> None:
    emf = struct.pack("<II", 1, 88) + b"\x00" * 32 + b" EMF" + b"\x00" * 44
    assert scan_image(emf, "image/x-emf").status == "vector"
    assert scan_image(emf, "application/octet-stream").detail == "EMF"
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    assert scan_image(svg, "image/svg+xml").detail == "SVG"


def test_garbage_image_is_unreadable_not_a_crash() -> None:
    scan = scan_image(b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "image/png")
    assert scan.status == "unreadable"


def test_decompression_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(images, "MAX_PIXELS", 1000 * 1000)
    big = Image.new("L", (3000, 3000), 255)
    buf = io.BytesIO()
    big.save(buf, format="PNG")
    scan = scan_image(buf.getvalue(), "image/png")
    assert scan.status == "too_large"


def test_huge_jpeg_is_decoded_reduced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(images, "MAX_PIXELS", 1000 * 1000)
    data = jpeg_bytes(photo_with_qr(URL, size=(2400, 1600), qr_px=400, at=(1000, 600)))
    scan = scan_image(data, "image/jpeg")
    assert scan.status == "ok" and (scan.width, scan.height) == (2400, 1600)
    assert [c.text for c in scan.codes] == [URL]
    assert 900 <= scan.codes[0].box[0] <= 1100  # box in native pixels
