"""Figure: `casecheck batch` of 10 realistic submissions, `--jobs 2 --no-cache` (content
checks on), against the floor run over the same folders by 2 processes (5 folders each) at
once.

    .venv/bin/python bench/fig_batch.py [--runs 3]

Each submission is fig_check.py's with its own copy of the 7:30 video (≈ 5 GB in all, built
once under /tmp/casecheck-bench). The floor is bench/floor.py --content (MediaInfo, inflate,
zxing, audio and keyframes decoded once, LibreOffice rendering each deck's end slides beside
it). Goal: ≤ 1.4×.
"""

from __future__ import annotations

import argparse
import subprocess
import time
from pathlib import Path

from common import (
    CASECHECK,
    ENV,
    FLOOR,
    children_cpu,
    interleaved,
    report,
    run_quiet,
    ten_submissions,
)


def floor_two_processes(folders: list[Path], cpu: list[float]) -> float:
    started, busy = time.perf_counter(), children_cpu()
    procs = [
        subprocess.Popen([*FLOOR, "--content", *map(str, folders[i::2])], env=ENV) for i in range(2)
    ]
    if any(p.wait() != 0 for p in procs):
        raise SystemExit("floor failed")
    cpu.append(children_cpu() - busy)
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    root = ten_submissions()
    folders = sorted(p.parent for p in root.rglob("案例视频.mp4"))
    cmd = [*CASECHECK, "batch", str(root), "--jobs", "2", "--no-cache", "--format", "json"]
    cpu: tuple[list[float], list[float]] = ([], [])
    samples = interleaved(
        {
            "batch": lambda: run_quiet(cmd, cpu=cpu[0]),
            "floor": lambda: floor_two_processes(folders, cpu[1]),
        },
        args.runs,
        warmup=0,  # building the tree left its files in the page cache
    )
    report("batch of 10, --jobs 2 --no-cache", samples["batch"], samples["floor"], 1.4, cpu=cpu)


if __name__ == "__main__":
    main()
