"""The floor: the least work checking a submission needs, in one process.

    python bench/floor.py FOLDER [FOLDER ...]

For each folder: MediaInfo's parse of every .mp4, one streaming inflate of every part of
every .docx/.pptx, and one zxing pass over each distinct deck image (decoded reduced, as
casecheck does), after Python start-up with exactly those imports. The figure scripts time
this process and divide casecheck's time by it. Prints nothing (the work is the point).
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import zxingcpp
from PIL import Image
from pymediainfo import MediaInfo

SCAN_MIN_SIDE = 1600  # casecheck's reduction: long side still ≥ this
CHUNK = 1 << 20


def inflate_all(zf: zipfile.ZipFile) -> None:
    for info in zf.infolist():
        with zf.open(info) as fh:
            while fh.read(CHUNK):
                pass


def scan(data: bytes) -> None:
    im = Image.open(io.BytesIO(data))
    width, height = im.size
    factor = 1
    while factor < 8 and max(width, height) // (factor * 2) >= SCAN_MIN_SIDE:
        factor *= 2
    if im.format == "JPEG":
        im.draft("L", (width // factor, height // factor))
    grey = im.convert("L")
    zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormat.QRCode)


def deck_images(zf: zipfile.ZipFile) -> None:
    seen: set[tuple[int, int]] = set()
    for info in zf.infolist():
        if not info.filename.startswith("ppt/media/"):
            continue
        key = (info.CRC, info.file_size)  # distinct content, known from the directory
        if key in seen:
            continue
        seen.add(key)
        scan(zf.read(info))


def floor(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        suffix = path.suffix.lower()
        if suffix == ".mp4":
            MediaInfo.parse(str(path))
        elif suffix in (".docx", ".pptx"):
            with zipfile.ZipFile(path) as zf:
                inflate_all(zf)
                if suffix == ".pptx":
                    deck_images(zf)


def main() -> None:
    for arg in sys.argv[1:]:
        floor(Path(arg))


if __name__ == "__main__":
    main()
