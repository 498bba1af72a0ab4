"""Render a deck's first and last slide with LibreOffice, when it is installed.

``render_end_slides(path)`` copies the deck into a temporary folder (LibreOffice writes lock
files beside what it opens, and nothing inside a submission may be written), converts the
copy to PDF with ``soffice --headless`` under a private profile and a time limit — only
the first and the last slide (``PageRange``: a deck of 24 MP photos takes seconds and
600 MB instead of a minute and 1.9 GB for all of it; every slide when the first or last is
hidden, as LibreOffice leaves hidden slides out) — and rasterises them with pypdfium2. Without ``soffice`` (or when it fails or
times out) the facts say why and hold no pictures; it never raises for a missing renderer.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from casecheck.processes import kill_tree, own_group
from casecheck.readers.media.frames import FrameShot, shot
from casecheck.readers.zipopen import stat_key

if TYPE_CHECKING:
    import numpy as np

RENDER_TIMEOUT_S = 120.0
RENDER_WIDTH = 640
PRESENTATION_XML_LIMIT = 4 << 20  # the slide list; a larger part is not a real deck's


class SlideRenders(BaseModel):
    """The deck's first and last slide as pictures (None when no renderer could make them)."""

    renderer: str | None = None  # "LibreOffice" when soffice made them
    problem: str | None = None  # why there are none: "no soffice on PATH", "timed out" …
    slide_count: int = 0
    first: FrameShot | None = None
    last: FrameShot | None = None


def find_soffice() -> str | None:
    """``CASECHECK_SOFFICE`` (a path, or ``none`` to render nothing), else soffice on PATH."""
    chosen = os.environ.get("CASECHECK_SOFFICE")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "none", "0") else chosen
    return shutil.which("soffice") or shutil.which("libreoffice")


# (path, size, mtime) → renders: LibreOffice takes seconds; the stat, not a hash of the
# whole deck, says it is the same file (a 200 MB deck is not read to find that out)
_MEMO: dict[tuple[str, int, int], SlideRenders] = {}
_MEMO_SIZE = 32


def render_end_slides(path: Path, timeout_s: float = RENDER_TIMEOUT_S) -> SlideRenders:
    soffice = find_soffice()
    if soffice is None:
        return SlideRenders(problem="no soffice on PATH (or CASECHECK_SOFFICE=none)")
    try:
        key = stat_key(path.resolve())
    except OSError as exc:
        return SlideRenders(problem=f"the deck could not be read: {exc}")
    if key in _MEMO:
        return _MEMO[key]
    made = _render(soffice, path, timeout_s)
    if not _STOPPED.is_set():  # a render cut short is not this deck's render
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.pop(next(iter(_MEMO)))
        _MEMO[key] = made
    return made


def slide_count(deck: Path) -> int:
    """Slides listed in the deck's presentation part (0 when it cannot be read)."""
    from lxml import etree

    try:
        with zipfile.ZipFile(deck) as zf, zf.open("ppt/presentation.xml") as fh:
            xml = fh.read(PRESENTATION_XML_LIMIT + 1)
        if len(xml) > PRESENTATION_XML_LIMIT:
            return 0
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False))
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return 0
    return sum(1 for el in root.iter() if isinstance(el.tag, str) and el.tag.endswith("}sldId"))


def pdf_export(slides: int) -> str:
    """The ``--convert-to`` target: the first and last slide only when there are more than
    two (LibreOffice ≥ 7.4 reads the JSON filter options; an older one exports every slide,
    and the first and last page are still the first and last slide)."""
    if slides <= 2:
        return "pdf"
    pages = f'{{"PageRange":{{"type":"string","value":"1,{slides}"}}}}'
    return f"pdf:impress_pdf_Export:{pages}"


def _render(soffice: str, path: Path, timeout_s: float) -> SlideRenders:
    with tempfile.TemporaryDirectory(prefix="casecheck-render-") as tmp:
        work = Path(tmp)
        deck = work / "deck.pptx"
        try:
            shutil.copyfile(path, deck)
        except OSError as exc:
            return SlideRenders(problem=f"the deck could not be copied: {exc}")
        slides = slide_count(deck)
        made = _convert(soffice, work, deck, pdf_export(slides), timeout_s)
        if isinstance(made, Path) and slides > 2 and _page_count(made) != 2:
            # a hidden first or last slide: the range named it, but LibreOffice leaves hidden
            # slides out, so export them all and take the first and last page shown
            made = _convert(soffice, work, deck, "pdf", timeout_s)
        if not isinstance(made, Path):
            return made
        return _rasterise(made, slides)


_RUNNING: set[subprocess.Popen[bytes]] = set()  # LibreOffice processes now rendering
_STOPPED = threading.Event()  # set by stop_renders(): no render starts until allow_renders()


def stop_renders() -> None:
    """Stop every LibreOffice render of this process, and any about to start (an interrupted
    check: a render thread then finds its process gone, or is refused one, and removes its
    folder)."""
    _STOPPED.set()  # before the list is read: a render starting now sees one or the other
    for proc in list(_RUNNING):
        kill_tree(proc)


def allow_renders() -> None:
    """Renders may start again (the check that stopped them has cleaned up)."""
    _STOPPED.clear()


def run_soffice(command: list[str], work: Path, scratch: Path, timeout_s: float) -> None:
    """LibreOffice in a session (POSIX) or process group (Windows) of its own: Ctrl-C reaches
    casecheck, which stops it — the wrapper and soffice.bin alike — before its folder is
    removed."""
    env = {**os.environ, "HOME": str(work), "TMPDIR": str(scratch), "TMP": str(scratch)}
    if _STOPPED.is_set():
        raise InterruptedError("the check was stopped")
    proc = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        **own_group(),
    )
    _RUNNING.add(proc)
    try:
        if _STOPPED.is_set():  # stopped while it was starting
            raise InterruptedError("the check was stopped")
        proc.wait(timeout=timeout_s)
    except BaseException:  # stopped, a timeout, Ctrl-C, the pool stopping this worker
        kill_tree(proc)
        proc.wait()
        raise
    finally:
        _RUNNING.discard(proc)


def _convert(
    soffice: str, work: Path, deck: Path, target: str, timeout_s: float
) -> Path | SlideRenders:
    """``deck`` → ``work/deck.pdf`` with ``soffice --convert-to target``, or why not."""
    pdf = work / "deck.pdf"
    pdf.unlink(missing_ok=True)
    command = [
        soffice,
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(work),
        str(deck),
    ]
    scratch = work / "tmp"  # LibreOffice's own temporary files, removed with the folder
    scratch.mkdir(exist_ok=True)
    try:
        run_soffice(command, work, scratch, timeout_s)
    except subprocess.TimeoutExpired:
        return SlideRenders(renderer="LibreOffice", problem=f"timed out after {timeout_s:g} s")
    except InterruptedError:  # stopped: nothing to say about the deck
        raise
    except OSError as exc:
        return SlideRenders(problem=f"soffice could not start: {exc}")
    if not pdf.exists():
        return SlideRenders(renderer="LibreOffice", problem="LibreOffice made no PDF")
    return pdf


def _page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def _end_pages(pdf: Path, width: int) -> tuple[int, list[np.ndarray]]:
    """(page count, the first and last page as RGB arrays ``width`` pixels wide)."""
    import numpy as np
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        count = len(document)
        images = []
        for index in (0, count - 1) if count else ():
            page = document[index]
            image = page.render(scale=width / page.get_width()).to_pil().convert("RGB")
            images.append(np.asarray(image))
        return count, images
    finally:
        document.close()


def _rasterise(pdf: Path, slides: int) -> SlideRenders:
    count, images = _end_pages(pdf, RENDER_WIDTH)
    if count == 0:
        return SlideRenders(renderer="LibreOffice", problem="the PDF has no pages")
    shots = []
    for image, label in zip(images, ("first slide", "last slide"), strict=True):
        slide = shot(image, 0.0, label)
        slide.picture.time_s = None
        shots.append(slide)
    return SlideRenders(
        renderer="LibreOffice", slide_count=slides or count, first=shots[0], last=shots[1]
    )
