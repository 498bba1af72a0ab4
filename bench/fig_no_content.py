"""Reference figure: `casecheck check --no-content ONE` / the floor without content (MediaInfo,
every OOXML part inflated once, one zxing pass per distinct deck image), on fig_check.py's
submission.

    .venv/bin/python bench/fig_no_content.py [--runs 7]

Goal: ≤ 2.5× (a reference figure: Python's start-up and the chosen libraries' imports are
a large part of both sides).
"""

from __future__ import annotations

import argparse

from common import CASECHECK, FLOOR, interleaved, one_submission, report, run_quiet


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    folder = one_submission()
    check = [*CASECHECK, "check", str(folder), "--format", "json", "--no-content"]
    samples = interleaved(
        {"check": lambda: run_quiet(check), "floor": lambda: run_quiet([*FLOOR, str(folder)])},
        args.runs,
    )
    report("check --no-content ONE", samples["check"], samples["floor"], 2.5)


if __name__ == "__main__":
    main()
