"""Figure: warm re-run of a 100-submission batch (nothing changed, every result cached) /
`casecheck --version`.

    .venv/bin/python bench/fig_warm.py [--runs 7]

The tree is batch100.py's (real form, deck with 3 photos, report and a 2 s 1080p video per
submission, ROOT/<市州>/<类别>/<案例>/); one cold run fills the cache, then warm runs of
`casecheck batch ROOT --jobs 2 --format json` alternate with `casecheck --version`.
Goal: ≤ 3×.
"""

from __future__ import annotations

import argparse

from batch100 import batch, cold, tree
from common import CASECHECK, interleaved, report, run_quiet


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    root, _ = tree()
    cold(root, [])
    samples = interleaved(
        {
            "warm": lambda: batch(root, []),
            "version": lambda: run_quiet([*CASECHECK, "--version"]),
        },
        args.runs,
    )
    report("warm re-run of 100", samples["warm"], samples["version"], 3)


if __name__ == "__main__":
    main()
