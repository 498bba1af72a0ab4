"""Figure: peak memory of `casecheck check` on a 214 MB deck of 20 × 24 MP photos.

    .venv/bin/python bench/fig_memory.py

Peak resident memory of the checking process (its own ru_maxrss), beside the floor process's
(one streaming inflate of every part and one zxing pass per photo). Goal: ≤ 300 MiB. Where
LibreOffice is installed, check renders the first and last slide with it (video.opening /
video.closing); its peak is printed apart, and ``--no-content`` leaves it out.
"""

from __future__ import annotations

import argparse

from common import REPO, big_deck, peak_rss_mib


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--no-content", action="store_true", help="check --no-content")
    args = ap.parse_args()
    folder = big_deck()
    size = sum(p.stat().st_size for p in folder.glob("*.pptx")) / 2**20
    extra = ["--no-content"] if args.no_content else []
    peak, renderer = peak_rss_mib("casecheck", "check", str(folder), "--format", "json", *extra)
    floor, _ = peak_rss_mib(str(REPO / "bench" / "floor.py"), str(folder))
    verdict = "met" if peak <= 300 else "NOT met"
    print(
        f"peak memory, check of a {size:.0f} MiB deck: {peak:.0f} MiB / floor {floor:.0f} MiB"
        f" = {peak / floor:.2f}×  (goal ≤ 300 MiB: {verdict});"
        f" programs it ran (LibreOffice): {renderer:.0f} MiB"
    )


if __name__ == "__main__":
    main()
