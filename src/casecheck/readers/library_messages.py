"""The libraries' own messages — Python warnings, the log records of pypdf, pdfminer, Pillow,
python-docx/pptx and FFmpeg's log through PyAV — kept off the terminal in every run: what
they say about a file (「Advanced encoding /GBKp-EUC-H not implemented yet」) is said to the
teacher as a finding, in the teacher's language, or not at all. They are collected while a
file is read so that ``inspect -v`` can show them, marked as the library's own English words.

    with library_messages() as said:
        facts = read_form(path)
    said  # [LibraryMessage(source="pypdf", text="Advanced encoding …")]

Captures nest (an outer one also receives what an inner one caught) and may run in several
threads at once (the deck's early read beside the video's decoding).
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

# the loggers of the libraries casecheck reads files with (``libav`` is PyAV's FFmpeg log)
LIBRARY_LOGGERS = (
    "pypdf",
    "pdfminer",
    "pdfplumber",
    "pypdfium2",
    "PIL",
    "docx",
    "pptx",
    "pymediainfo",
    "libav",
)
NAMES = {"PIL": "Pillow", "av": "PyAV", "libav": "FFmpeg"}  # as their users know them
_PACKAGES = ("pypdf", "pdfminer", "pdfplumber", "pypdfium2", "PIL", "docx", "pptx", "av", "lxml")


@dataclass(frozen=True)
class LibraryMessage:
    """One message a library gave: its name (``pypdf``) and its own words."""

    source: str
    text: str


_sinks: list[list[LibraryMessage]] = []  # the open captures, outermost first
_lock = threading.Lock()
_installed = False


class _Collect(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except Exception:  # a library's malformed log call: keep its template
            text = str(record.msg)
        source = record.name.split(".")[0]
        _say(NAMES.get(source, source), text)


def _say(source: str, text: str) -> None:
    with _lock:
        for sink in _sinks:
            sink.append(LibraryMessage(source, text.strip()))


def quiet_libraries() -> None:
    """Route the libraries' loggers to the captures (dropped when none is open), never to
    Python's last-resort handler on stderr; idempotent."""
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
    handler = _Collect(logging.WARNING)
    for name in LIBRARY_LOGGERS:
        log = logging.getLogger(name)
        log.handlers = [handler]
        log.propagate = False
        log.setLevel(logging.WARNING)  # pdfminer's DEBUG records are not even made


def _source(message: warnings.WarningMessage) -> str:
    path = message.filename.replace("\\", "/")
    for package in _PACKAGES:
        if f"/{package}/" in path:
            return NAMES.get(package, package)
    return message.category.__name__


@contextmanager
def library_messages(*, ffmpeg: bool = False) -> Iterator[list[LibraryMessage]]:
    """Capture the libraries' warnings and log records while the block runs; the list they
    are appended to. ``ffmpeg=True`` also turns FFmpeg's own log on (warnings and worse,
    through PyAV) for the block — only ``inspect -v`` asks for it."""
    quiet_libraries()
    sink: list[LibraryMessage] = []
    with _lock:
        _sinks.append(sink)
    level = _ffmpeg_log(on=True) if ffmpeg else None
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("default")
            yield sink
        for w in caught:
            _say(_source(w), str(w.message))
    finally:
        if ffmpeg:
            _ffmpeg_log(on=False, level=level)
        with _lock:
            del _sinks[next(i for i, open_ in enumerate(_sinks) if open_ is sink)]


def _ffmpeg_log(*, on: bool, level: int | None = None) -> int | None:
    """Turn PyAV's forwarding of FFmpeg's log to the ``libav`` loggers on (returning the level
    it had) or back to ``level``."""
    try:
        import av.logging
    except ImportError:  # pragma: no cover - PyAV is a dependency
        return None
    before: int | None = av.logging.get_level()
    av.logging.set_level(av.logging.WARNING if on else level)
    return before
