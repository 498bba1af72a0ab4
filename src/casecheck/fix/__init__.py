"""Fixers: write corrected copies of a submission's files into an output folder.

One fixer per material takes the reader's facts and the failing findings and writes a copy
outside the submission folder; it never changes the original and never guesses (where the
facts are ambiguous it annotates instead of changing). ``fix_submission`` is the entry point
(the ``fix`` command and the local page call it); ``report.py``, ``courseware.py`` and
``video.py`` are the fixers.
"""

from __future__ import annotations

from casecheck.fix.model import FileFix, FixItem, FixReport, Progress, ProgressFn
from casecheck.fix.run import FixError, fix_submission

__all__ = [
    "FileFix",
    "FixError",
    "FixItem",
    "FixReport",
    "Progress",
    "ProgressFn",
    "fix_submission",
]
