"""Figure: peak memory of `casecheck check` on a 214 MB deck of 20 × 24 MP photos.

    .venv/bin/python bench/fig_memory.py

Peak resident memory of the checking process (ru_maxrss), beside the floor process's
(one streaming inflate of every part and one zxing pass per photo). Goal: ≤ 300 MiB.
"""

from __future__ import annotations

from common import CASECHECK, FLOOR, big_deck, peak_rss_mib


def main() -> None:
    folder = big_deck()
    size = sum(p.stat().st_size for p in folder.glob("*.pptx")) / 2**20
    peak = peak_rss_mib([*CASECHECK, "check", str(folder), "--format", "json"])
    floor = peak_rss_mib([*FLOOR, str(folder)])
    verdict = "met" if peak <= 300 else "NOT met"
    print(
        f"peak memory, check of a {size:.0f} MiB deck: {peak:.0f} MiB / floor {floor:.0f} MiB"
        f" = {peak / floor:.2f}×  (goal ≤ 300 MiB: {verdict})"
    )


if __name__ == "__main__":
    main()
