"""What ``check`` shows on the terminal while it works: one transient status line on stderr
(the file being read; how far the video's decoding is), nothing when stderr is not a terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from casecheck.i18n import Lang, Text
from casecheck.units import mmss
from casecheck.vocabulary import material_title

READING = Text("正在读取{what}：{file}", "Reading the {what}: {file}")
SLIDES = Text("课件首页与尾页", "deck's first and last slide")
DECODING = Text(
    "正在解码视频的声音与画面：{file} {done} / {total}",
    "Decoding the video's sound and picture: {file} {done} / {total}",
)


def progress_line(event: dict[str, Any], lang: Lang) -> str | None:
    """The status line for an engine progress event (None: nothing to show)."""
    if event.get("stage") == "read":
        material = str(event.get("material", ""))
        what = SLIDES.pick(lang) if material == "slide_renders" else material_title(material, lang)
        return READING.pick(lang).format(what=what, file=event.get("file", ""))
    if event.get("stage") == "decode":
        total = float(event.get("total_s") or 0.0)
        done = mmss(float(event.get("done_s") or 0.0)).split(".")[0]
        return DECODING.pick(lang).format(
            file=event.get("file", ""), done=done, total=mmss(total).split(".")[0] if total else "?"
        )
    return None


@contextmanager
def check_progress(lang: Lang, folder: str) -> Iterator[Any]:
    """A callback for ``check_submission(progress=…)``: a spinner line on a terminal's stderr."""
    if not may_be_terminal():  # rich (≈ 20 ms to import) would say the same
        yield None
        return
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    with console.status(folder, spinner="dots") as status:

        def update(event: dict[str, Any]) -> None:
            line = progress_line(event, lang)
            if line is not None:
                status.update(f"{folder}  {line}")

        yield update


def may_be_terminal() -> bool:
    """False when rich would certainly find stderr not a terminal: not a tty, and neither of
    the variables that override that (``TTY_COMPATIBLE``, ``FORCE_COLOR``) is set."""
    if "TTY_COMPATIBLE" in os.environ or "FORCE_COLOR" in os.environ:
        return True
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except ValueError:  # closed
        return False
