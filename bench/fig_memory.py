"""Figure: peak memory of `casecheck check` on a 214 MB deck of 20 × 24 MP photos.

    .venv/bin/python bench/fig_memory.py [--runs 3] [--no-content]

Peak resident memory of the checking process (its own ru_maxrss), beside the floor process's
(one streaming inflate of every part and one zxing pass per photo). Goal: ≤ 300 MiB. The
folder holds only the deck, so nothing is rendered for video.opening/closing (no video); the
peak of the programs it ran (LibreOffice) is printed apart.
"""

from __future__ import annotations

import argparse
import statistics

from common import REPO, big_deck, load, peak_rss_mib

GOAL_MIB = 300


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-content", action="store_true", help="check --no-content")
    args = ap.parse_args()
    folder = big_deck()
    size = sum(p.stat().st_size for p in folder.glob("*.pptx")) / 2**20
    extra = ["--no-content"] if args.no_content else []
    peaks, children, floors = [], [], []
    for _ in range(args.runs):
        own, kids = peak_rss_mib("casecheck", "check", str(folder), "--format", "json", *extra)
        peaks.append(own)
        children.append(kids)
        floors.append(peak_rss_mib(str(REPO / "bench" / "floor.py"), str(folder))[0])
    peak, floor = statistics.median(peaks), statistics.median(floors)
    verdict = "met" if peak <= GOAL_MIB else "NOT met"
    print(
        f"peak memory, check of a {size:.0f} MiB deck: {peak:.0f} MiB / floor {floor:.0f} MiB"
        f" = {peak / floor:.2f}×  (goal ≤ {GOAL_MIB} MiB: {verdict})\n"
        f"    min {min(peaks):.0f} MiB, max {max(peaks):.0f} MiB over {args.runs} runs;"
        f" programs it ran (LibreOffice): {max(children):.0f} MiB; load {load()}"
    )


if __name__ == "__main__":
    main()
