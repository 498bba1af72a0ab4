"""Child processes casecheck starts and stops itself: LibreOffice's renders, the page's jobs.

Each runs in a session (POSIX) or process group (Windows) of its own, so Ctrl-C in the
terminal reaches only casecheck, which then stops its children itself (no child's traceback
on the teacher's screen, no LibreOffice left behind).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from typing import Any

WINDOWS = sys.platform == "win32"


def own_group() -> dict[str, Any]:
    """Popen's options for a child in a session (POSIX) or process group (Windows) of its own."""
    if WINDOWS:
        return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
    return {"start_new_session": True}


def kill_tree(proc: subprocess.Popen[Any]) -> None:
    """Kill a child started with ``own_group()`` and what it started (LibreOffice's wrapper
    starts soffice.bin): its session on POSIX, its process tree on Windows (``taskkill /T``;
    else the child itself). Never raises."""
    if WINDOWS:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(
                ["taskkill", "/F", "/T", "/PID", str(proc.pid)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=10,
                check=False,
            )
        with contextlib.suppress(OSError):
            proc.kill()
        return
    import signal

    with contextlib.suppress(OSError):
        os.killpg(proc.pid, signal.SIGKILL)
