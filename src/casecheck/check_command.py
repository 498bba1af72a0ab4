"""``casecheck check``'s work once the usage checks passed: each folder, timed (for JUnit)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from casecheck.findings import SubmissionResult
from casecheck.i18n import Text
from casecheck.usage import UsageProblem


def check_folders(
    folders: list[Path], lib: Any, options: Any, pack: str | None
) -> tuple[list[SubmissionResult], dict[str, float]]:
    """The results and the seconds each folder took; a broken pack is a UsageProblem."""
    from casecheck.engine import check_submission
    from casecheck.packs import PackError

    results: list[SubmissionResult] = []
    times: dict[str, float] = {}
    try:
        for folder in folders:
            started = time.perf_counter()
            results.append(check_submission(folder, lib, options, explicit_pack=pack))
            times[results[-1].path] = time.perf_counter() - started
    except PackError as exc:  # a built-in pack broken by a checker change: still exit 2
        raise UsageProblem(Text(str(exc), str(exc))) from exc
    return results, times
