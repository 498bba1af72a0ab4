"""Figure: re-run after 5 of 100 submissions changed / cold run (empty cache).

    .venv/bin/python bench/fig_changed.py [--runs 3] [--no-content]

Goal: ≤ 0.10.
"""

from __future__ import annotations

import argparse
import statistics

from batch100 import batch, change_five, cold, content_flag, tree


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    content_flag(ap)
    args = ap.parse_args()
    root, folders = tree()
    colds, changed = [], []
    for n in range(args.runs):
        colds.append(cold(root, args.no_content))
        change_five(folders, n)
        changed.append(batch(root, args.no_content))
    c, x = statistics.median(colds), statistics.median(changed)
    verdict = "met" if x / c <= 0.10 else "NOT met"
    print(
        f"after 5 of 100 changed: {x:.2f} s / cold {c:.2f} s = {x / c:.3f}  (goal ≤ 0.10: {verdict})"
    )


if __name__ == "__main__":
    main()
