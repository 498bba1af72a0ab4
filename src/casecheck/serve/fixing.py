"""The page's bridge to ``casecheck fix`` (package ``casecheck.fix``)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from casecheck.i18n import Text

UNAVAILABLE = Text("此版本尚不能自动修改", "Automatic fixing is not available in this version")


def fix_function() -> Callable[..., Any] | None:
    """``casecheck.fix.fix_submission`` when this build has it."""
    try:
        module = importlib.import_module("casecheck.fix")
    except ModuleNotFoundError:
        return None
    func = getattr(module, "fix_submission", None)
    return func if callable(func) else None


def fix_available() -> bool:
    return fix_function() is not None


def run_fix(
    folder: Path,
    outdir: Path,
    pack: str | None,
    video: bool,
    lang: str,
    packs_dirs: list[Path],
    progress: Callable[[dict[str, Any]], None],
) -> Any:
    """Write the corrected copies into ``outdir``; returns the fix API's result."""
    func = fix_function()
    if func is None:
        raise RuntimeError(UNAVAILABLE.pick("en" if lang == "en" else "zh"))
    return func(folder, outdir, pack=pack, video=video, progress=progress)
