"""Fixers: write corrected copies of a submission's files into an output folder.

One fixer per material takes the reader's facts and the failing findings and writes a copy
outside the submission folder; it never changes the original and never guesses (where the
facts are ambiguous it annotates instead of changing). ``fix_submission`` is the entry point
(the ``fix`` command and the local page call it); ``report.py``, ``courseware.py`` and
``video.py`` are the fixers.
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "FileFix": "casecheck.fix.model",
    "FixItem": "casecheck.fix.model",
    "FixReport": "casecheck.fix.model",
    "Progress": "casecheck.fix.model",
    "ProgressFn": "casecheck.fix.model",
    "FixError": "casecheck.fix.run",
    "fix_submission": "casecheck.fix.run",
}


def __getattr__(name: str) -> Any:
    """Import on first use, so ``casecheck --help`` does not load the engine (PEP 562)."""
    if name not in _EXPORTS:
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module(_EXPORTS[name]), name)


__all__ = [
    "FileFix",
    "FixError",
    "FixItem",
    "FixReport",
    "Progress",
    "ProgressFn",
    "fix_submission",
]
