"""The page's bridge to ``casecheck fix`` (``casecheck.fix.fix_submission``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from casecheck.i18n import Lang, Text

# The page's fix controls: their labels (sent to the page) and, from them, how the fix's note
# on a video it did not re-encode tells the teacher to ask for it (no command-line flag).
VIDEO_BOX = Text("同时重新导出视频（较慢）", "Also re-export the video (slow)")
FIX_BUTTON = Text("自动修改", "Fix")
ASK_VIDEO = Text(
    f"在页面上勾选“{VIDEO_BOX.zh}”再点“{FIX_BUTTON.zh}”",
    f"tick “{VIDEO_BOX.en}” on the page and press “{FIX_BUTTON.en}”",
)
PAGE_WORDS = {"fixVideo": VIDEO_BOX, "fixRun": FIX_BUTTON}


def run_fix(
    folder: Path,
    outdir: Path,
    pack: str | None,
    video: bool,
    lang: Lang,
    packs_dirs: list[Path],
    progress: Callable[[dict[str, Any]], None],
    ask_video: Text | None = None,
) -> Any:
    """Write the corrected copies into ``outdir/<folder name>``; returns the ``FixReport``.

    The fixer's progress (frames of a video re-encode) reaches the page as a fraction;
    ``ask_video`` is how the page asks for the re-encode (``ASK_VIDEO``: the local page's box).
    """
    from casecheck.fix import Progress, fix_submission
    from casecheck.fix.run import ASK_VIDEO as ASK_FLAG

    def report(event: Progress) -> None:
        progress(
            {
                "stage": "fix",
                "file": event.file,
                "done": event.done,
                "total": event.total,
                "fraction": (event.done / event.total) if event.total else None,
                "eta_s": event.eta_s,
            }
        )

    from casecheck.cli.settings import Settings
    from casecheck.packs.ruleset import load_ruleset

    progress({"stage": "fix"})
    s = Settings(lang=lang, pack=pack, ruleset=load_ruleset(packs_dirs, store=False))
    ask = ask_video or ASK_FLAG
    return fix_submission(folder, outdir, s, video=video, ask_video=ask, progress=report)
