"""Figure: `casecheck check ONE` (the default command: content checks on) / its floor, on one
realistic submission — info form, 10-slide deck with 9 photos, report, and a 7:30 1080p25
H.264 video of a real 9 Mbps encode (≈ 500 MB, bench/videos.py), built once under
/tmp/casecheck-bench.

    .venv/bin/python bench/fig_check.py [--runs 5] [--video 7m30|10m05]

The floor (bench/floor.py --content): MediaInfo, every OOXML part inflated once, one zxing
pass per distinct deck image, every audio frame and every keyframe decoded once with PyAV,
in one process, with LibreOffice rendering the deck's first and last slide beside it as a
separate process. Goal: ≤ 1.5×. Runs alternate with the floor's; the ratio of the medians
decides, the minima and the load average are printed beside it.
"""

from __future__ import annotations

import argparse

from common import CASECHECK, FLOOR, interleaved, one_submission, report, run_quiet

GOAL = 1.5


def figure(video: str, runs: int) -> bool:
    folder = one_submission(video)
    check = [*CASECHECK, "check", str(folder), "--format", "json"]
    cpu: tuple[list[float], list[float]] = ([], [])
    samples = interleaved(
        {
            "check": lambda: run_quiet(check, cpu=cpu[0]),
            "floor": lambda: run_quiet([*FLOOR, "--content", str(folder)], cpu=cpu[1]),
        },
        runs,
    )
    minutes = {"7m30": "7:30", "10m05": "10:05"}[video]
    name = f"check ONE (content on, {minutes} 9 Mbps video)"
    return report(name, samples["check"], samples["floor"], GOAL, cpu=cpu)


def main(video: str = "7m30") -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--video", choices=["7m30", "10m05"], default=video)
    args = ap.parse_args()
    figure(args.video, args.runs)


if __name__ == "__main__":
    main()
