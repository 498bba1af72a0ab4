"""Figure: `casecheck check ONE` / its floor with a 10:05 video (≈ 680 MB, real 9 Mbps
encode): the same submission, floor and goal (≤ 1.5×) as fig_check.py.

    .venv/bin/python bench/fig_check_10m05.py [--runs 5]
"""

from __future__ import annotations

from fig_check import main

if __name__ == "__main__":
    main("10m05")
