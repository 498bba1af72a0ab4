"""Figure: `casecheck batch` of 10 realistic submissions, `--jobs 2 --no-cache`, against the
floor run over the same folders by 2 processes (5 folders each) at once.

    .venv/bin/python bench/fig_batch.py [--runs 5] [--content]

Each submission is the one of fig_check.py with its own copy of the 7:30 video (≈ 4.9 GB
in all, built once under /tmp/casecheck-bench). Goal: ≤ 1.5×. Like fig_check.py, batch runs
with ``--no-content`` (the floor reads video headers only); ``--content`` includes them.
"""

from __future__ import annotations

import argparse
import subprocess
import time
from pathlib import Path

from common import CASECHECK, ENV, FLOOR, interleaved, report, run_quiet, ten_submissions


def floor_two_processes(folders: list[Path]) -> float:
    started = time.perf_counter()
    procs = [subprocess.Popen([*FLOOR, *map(str, folders[i::2])], env=ENV) for i in range(2)]
    if any(p.wait() != 0 for p in procs):
        raise SystemExit("floor failed")
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--content", action="store_true", help="include the content checks")
    args = ap.parse_args()
    root = ten_submissions()
    folders = sorted(p.parent for p in root.rglob("案例视频.mp4"))
    cmd = [*CASECHECK, "batch", str(root), "--jobs", "2", "--no-cache", "--format", "json"]
    cmd += [] if args.content else ["--no-content"]
    medians = interleaved(
        {"batch": lambda: run_quiet(cmd), "floor": lambda: floor_two_processes(folders)},
        args.runs,
    )
    name = "batch of 10, --jobs 2 --no-cache" + ("" if args.content else " --no-content")
    report(name, medians["batch"], medians["floor"], 1.5)


if __name__ == "__main__":
    main()
