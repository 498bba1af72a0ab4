"""The floor: the least work checking a submission needs, in one process.

    python bench/floor.py [--content] FOLDER [FOLDER ...]

For each folder, in this order: MediaInfo's parse of every .mp4, one streaming inflate of
every part of every .docx/.pptx, one zxing pass over each distinct deck image (decoded
reduced, as casecheck does). With ``--content`` (what the default ``check`` does beyond
that): every audio frame and every keyframe of each .mp4 decoded once with PyAV (one demux;
the video stream reads its keyframes only, decoded by frame and slice threads as casecheck
decodes them), and LibreOffice rendering the deck's first and last slide to PDF beside it
as a separate process (started first, as soon as the folder is seen; the two pages
rasterised 640 px wide when it is done) — exactly the command casecheck runs. The figure
scripts time this process and divide casecheck's time by it. Prints nothing (the work is
the point). No casecheck module is imported.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import zxingcpp
from PIL import Image
from pymediainfo import MediaInfo

SCAN_MIN_SIDE = 1600  # casecheck's reduction: long side still ≥ this
CHUNK = 1 << 20
RENDER_WIDTH = 640


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


def decode_content(path: Path) -> None:
    """Every audio frame and every keyframe, decoded once, in one demux."""
    import av

    with av.open(str(path)) as container:
        streams = list(container.streams.audio[:1]) + list(container.streams.video[:1])
        for stream in streams:
            if stream.type == "video":
                stream.discard = type(stream.discard).nonkey
                stream.codec_context.skip_frame = "NONKEY"
                stream.codec_context.thread_type = "AUTO"
        for packet in container.demux(*streams):
            for _frame in packet.decode():
                pass


class Render:
    """LibreOffice converting the deck's first and last slide to PDF, as casecheck runs it
    (readers/pptx/render.py): a copy in a temporary folder, a private profile."""

    def __init__(self, deck: Path, soffice: str) -> None:
        self.work = Path(tempfile.mkdtemp(prefix="floor-render-"))
        copy = self.work / "deck.pptx"
        shutil.copyfile(deck, copy)
        slides = slide_count(copy)
        target = "pdf"
        if slides > 2:
            target = (
                f'pdf:impress_pdf_Export:{{"PageRange":{{"type":"string","value":"1,{slides}"}}}}'
            )
        command = [
            soffice,
            f"-env:UserInstallation={(self.work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(self.work),
            str(copy),
        ]
        env = {**os.environ, "HOME": str(self.work)}
        self.proc = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )

    def finish(self) -> None:
        import pypdfium2 as pdfium

        self.proc.wait()
        try:
            document = pdfium.PdfDocument(str(self.work / "deck.pdf"))
            for index in (0, len(document) - 1):
                page = document[index]
                page.render(scale=RENDER_WIDTH / page.get_width()).to_pil().convert("RGB")
            document.close()
        finally:
            shutil.rmtree(self.work, ignore_errors=True)


def slide_count(deck: Path) -> int:
    with zipfile.ZipFile(deck) as zf:
        return zf.read("ppt/presentation.xml").count(b"<p:sldId ")


def floor(folder: Path, content: bool) -> None:
    paths = sorted(folder.rglob("*"))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    decks = [p for p in paths if p.suffix.lower() == ".pptx"]
    renders = [Render(deck, soffice) for deck in decks[:1]] if content and soffice else []
    for path in paths:
        suffix = path.suffix.lower()
        if suffix == ".mp4":
            MediaInfo.parse(str(path))
        elif suffix in (".docx", ".pptx"):
            with zipfile.ZipFile(path) as zf:
                inflate_all(zf)
                if suffix == ".pptx":
                    deck_images(zf)
    if content:
        for path in paths:
            if path.suffix.lower() == ".mp4":
                decode_content(path)
    for render in renders:
        render.finish()


def main() -> None:
    args = sys.argv[1:]
    content = "--content" in args
    for arg in args:
        if arg != "--content":
            floor(Path(arg), content)


if __name__ == "__main__":
    main()
