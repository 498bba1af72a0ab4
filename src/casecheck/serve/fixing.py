"""The page's bridge to ``casecheck fix`` (``casecheck.fix.fix_submission``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from casecheck.fix.model import reencode_by
from casecheck.i18n import Lang, Text

# The pages' fix controls: their labels (sent to the page) and, from them, how the fix's note
# on a video it did not re-encode tells the teacher to ask for it (no command-line flag).
FIX_BUTTON = Text("自动修改", "Fix")


def ask_on_page(box: Text) -> Text:
    """The note's way to the re-encode on a page: tick ``box``, press the fix button."""
    return reencode_by(
        Text(
            f"在页面上勾选“{box.zh}”再点“{FIX_BUTTON.zh}”",
            f"tick “{box.en}” on the page and press “{FIX_BUTTON.en}”",
        )
    )


# The local page (casecheck serve).
VIDEO_BOX = Text("同时重新导出视频（较慢）", "Also re-export the video (slow)")
ASK_VIDEO = ask_on_page(VIDEO_BOX)
PAGE_WORDS = {"fixVideo": VIDEO_BOX, "fixRun": FIX_BUTTON}

# The school's shared page (casecheck serve --shared): the server's queue makes the wait
# longer, and its administrator may switch the re-encode off (``fix_video = false``).
SHARED_VIDEO_BOX = Text(
    "同时重新导出视频（较慢，可能需要几分钟）", "Also re-export the video (slow: may take minutes)"
)
SHARED_WORDS = {"fixVideo": SHARED_VIDEO_BOX, "fixRun": FIX_BUTTON}
SHARED_ASK_VIDEO = ask_on_page(SHARED_VIDEO_BOX)
SHARED_NO_VIDEO = Text(
    "本网页未开放重新导出视频，请用剪辑软件按要求导出，或在本机用 casecheck fix --video 重新编码",
    "this web page does not re-export videos: export the video again as required from "
    "your video editor, or run casecheck fix --video on your own computer",
)


def shared_ask_video(fix_video: bool) -> Text:
    """How the shared page's note asks for the re-encode: its box, or where else to do it."""
    return SHARED_ASK_VIDEO if fix_video else SHARED_NO_VIDEO


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
    ``ask_video`` is how the page asks for the re-encode (``ASK_VIDEO``: the local page's box;
    ``shared_ask_video``: the shared page's).
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
