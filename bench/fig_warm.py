"""Figure: warm re-run of a 100-submission batch (nothing changed) / cold run (empty cache).

    .venv/bin/python bench/fig_warm.py [--runs 3] [--no-content]

Goal: ≤ 0.05 (≥ 20× faster).
"""

from __future__ import annotations

import argparse
import statistics

from batch100 import batch, cold, content_flag, tree


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    content_flag(ap)
    args = ap.parse_args()
    root, _ = tree()
    colds, warms = [], []
    for _ in range(args.runs):
        colds.append(cold(root, args.no_content))
        warms.append(batch(root, args.no_content))
    c, w = statistics.median(colds), statistics.median(warms)
    verdict = "met" if w / c <= 0.05 else "NOT met"
    print(f"warm re-run of 100: {w:.2f} s / cold {c:.2f} s = {w / c:.3f}  (goal ≤ 0.05: {verdict})")


if __name__ == "__main__":
    main()
