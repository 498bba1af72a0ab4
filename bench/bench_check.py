"""Benchmark `casecheck check` on one submission: start-up, per-material read and total.

Run: .venv/bin/python bench/bench_check.py [FOLDER]   (default: examples/*/ folders)
Prints wall-clock figures; nothing is asserted (speed is measured, not tested).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    folders = [Path(a) for a in sys.argv[1:]] or sorted(
        p for p in (ROOT / "examples").iterdir() if p.is_dir()
    )
    exe = [sys.executable, "-m", "casecheck"]
    help_s = timed(lambda: subprocess.run([*exe, "--help"], capture_output=True), 5)
    print(f"casecheck --help (process start-up):        {help_s * 1000:7.0f} ms")

    from casecheck.engine import Options, check_submission
    from casecheck.packs.ruleset import load_ruleset
    from casecheck.readers.media.video import read_video

    library = load_ruleset()
    for folder in folders:
        videos = [p for p in folder.iterdir() if p.suffix.lower() == ".mp4"]
        if videos:
            read_video(videos[0])  # warm the MediaInfo library load
            v = timed(lambda: read_video(videos[0]), 20)  # noqa: B023
            print(f"{folder.name}: video metadata read:      {v * 1000:7.1f} ms")
            vo = timed(
                lambda f=folder: check_submission(
                    f, library, Options(select=["video", "materials"])
                ),
                10,
            )
            print(f"{folder.name}: check video+materials:     {vo * 1000:7.1f} ms (in process)")
        full = timed(lambda: check_submission(folder, library, Options()), 3)  # noqa: B023
        print(f"{folder.name}: full check (all materials): {full * 1000:7.1f} ms (in process)")
        cli = timed(
            lambda f=folder: subprocess.run(
                [*exe, "check", str(f), "--format", "json"], capture_output=True
            ),
            3,
        )
        print(f"{folder.name}: `casecheck check` end to end: {cli * 1000:7.1f} ms (new process)")


if __name__ == "__main__":
    main()
