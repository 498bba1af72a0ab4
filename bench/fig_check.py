"""Figure: `casecheck check ONE --format json` / floor, on one realistic submission.

    .venv/bin/python bench/fig_check.py [--runs 7] [--content]

The submission: info form, 10-slide deck with 9 photos, report, 7:30 1080p H.264/AAC video
of ≈ 487 MB (built once under /tmp/casecheck-bench). Goal: ≤ 1.5× (then 1.2×).

The floor reads the video's header (MediaInfo) only, so check runs with ``--no-content``:
decoding the sound and keyframes (video.loudness … video.closing) has its own floor and
figure in bench_content.py. ``--content`` times the default command against this floor.
A reference line gives what importing the chosen libraries alone (Typer, pydantic, rich,
python-docx, python-pptx, pymediainfo, zxing-cpp, Pillow, lxml) costs against the floor.
"""

from __future__ import annotations

import argparse

from common import (
    CASECHECK,
    FLOOR,
    PYTHON,
    STACK_CHECK,
    interleaved,
    one_submission,
    report,
    run_quiet,
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--content", action="store_true", help="include the content checks")
    args = ap.parse_args()
    folder = one_submission()
    cmd = [*CASECHECK, "check", str(folder), "--format", "json"]
    cmd += [] if args.content else ["--no-content"]
    medians = interleaved(
        {
            "check": lambda: run_quiet(cmd),
            "floor": lambda: run_quiet([*FLOOR, str(folder)]),
            "stack": lambda: run_quiet([PYTHON, "-c", STACK_CHECK]),
        },
        args.runs,
    )
    name = "check ONE --format json" + ("" if args.content else " --no-content")
    report(name, medians["check"], medians["floor"], 1.5)
    report("  (reference) importing the stack alone", medians["stack"], medians["floor"], 1.5)


if __name__ == "__main__":
    main()
