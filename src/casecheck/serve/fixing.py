"""The page's bridge to ``casecheck fix`` (``casecheck.fix.fix_submission``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from casecheck.i18n import Lang


def run_fix(
    folder: Path,
    outdir: Path,
    pack: str | None,
    video: bool,
    lang: Lang,
    packs_dirs: list[Path],
    progress: Callable[[dict[str, Any]], None],
) -> Any:
    """Write the corrected copies into ``outdir/<folder name>``; returns the ``FixReport``.

    The fixer's progress (frames of a video re-encode) reaches the page as a fraction.
    """
    from casecheck.fix import Progress, fix_submission

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
    return fix_submission(folder, outdir, s, video=video, progress=report)
