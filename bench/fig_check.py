"""Figure: `casecheck check ONE --format json` / floor, on one realistic submission.

    .venv/bin/python bench/fig_check.py [--runs 7]

The submission: info form, 10-slide deck with 9 photos, report, 7:30 1080p H.264/AAC video
of ≈ 487 MB (built once under /tmp/casecheck-bench). Goal: ≤ 1.5× (then 1.2×).
"""

from __future__ import annotations

import argparse

from common import CASECHECK, FLOOR, interleaved, one_submission, report, run_quiet


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    folder = one_submission()
    medians = interleaved(
        {
            "check": lambda: run_quiet([*CASECHECK, "check", str(folder), "--format", "json"]),
            "floor": lambda: run_quiet([*FLOOR, str(folder)]),
        },
        args.runs,
    )
    report("check ONE --format json", medians["check"], medians["floor"], 1.5)


if __name__ == "__main__":
    main()
