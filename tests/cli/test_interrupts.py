"""Ctrl-C in check and batch: one line saying what was not written, exit 130, no traceback,
no temporary folder left behind (LibreOffice renders, their profiles)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.factories.submission_factory import make_submission


def interrupt(args: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    """Run ``casecheck ARGS`` as a user would; press Ctrl-C while LibreOffice renders the deck
    (its folder appears in TMPDIR), or after a second where LibreOffice is not installed."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "TMPDIR": str(tmp)}
    env.pop("CASECHECK_SOFFICE", None)  # render the deck when LibreOffice is there
    proc = subprocess.Popen(
        [sys.executable, "-m", "casecheck", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group, as a terminal gives it
    )
    deadline = time.monotonic() + (20 if shutil.which("soffice") else 1)
    while time.monotonic() < deadline and not any(tmp.glob("casecheck-render-*")):
        time.sleep(0.05)
    time.sleep(0.3)  # LibreOffice is at work
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole group (and the workers)
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.slow  # a subprocess decoding a video, workers, LibreOffice where installed
@pytest.mark.parametrize("command", ["check", "batch"])
def test_ctrl_c_says_what_was_not_written_and_leaves_nothing(command: str, tmp_path: Path) -> None:
    root = tmp_path / "root"
    for name in ("甲", "乙"):
        make_submission(root / name, video_seconds=20)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    target = root if command == "batch" else root / "甲"
    extra = ["--jobs", "2", "--no-cache"] if command == "batch" else []
    done = interrupt([command, str(target), *extra], tmp)
    assert done.returncode == 130, done.stderr
    assert "已中断" in done.stderr and "没有写出" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp.iterdir()) == []  # no render folder, no profile left
