"""Figure: re-run after 5 of 100 submissions changed / cold run of the 100 (empty cache).

    .venv/bin/python bench/fig_changed.py [--runs 3]

batch100.py's tree, `casecheck batch ROOT --jobs 2 --format json` (content checks on): each
round clears the cache, runs cold, has five schools send a corrected report, and re-runs.
Goal: ≤ 0.10.
"""

from __future__ import annotations

import argparse

from batch100 import batch, change_five, cold, tree
from common import report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    root, folders = tree()
    colds, changed = [], []
    for n in range(args.runs):
        colds.append(cold(root, []))
        change_five(folders, n)
        changed.append(batch(root, []))
    report("after 5 of 100 changed", changed, colds, 0.10)


if __name__ == "__main__":
    main()
