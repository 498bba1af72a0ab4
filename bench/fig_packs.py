"""Figure: `casecheck packs` / `python -c pass` (start-up of a command that reads no file).

    .venv/bin/python bench/fig_packs.py [--runs 15]

Goal: ≤ 8×. Also prints what importing Typer, pydantic and rich alone costs (the CLI's
stack, before casecheck runs a line) against the same floor.
"""

from __future__ import annotations

import argparse

from common import CASECHECK, PYTHON, STACK_LISTING, interleaved, report, run_quiet


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    medians = interleaved(
        {
            "packs": lambda: run_quiet([*CASECHECK, "packs"]),
            "pass": lambda: run_quiet([PYTHON, "-c", "pass"]),
            "stack": lambda: run_quiet([PYTHON, "-c", STACK_LISTING]),
        },
        args.runs,
    )
    report("casecheck packs", medians["packs"], medians["pass"], 8)
    report("  (reference) importing typer+pydantic+rich", medians["stack"], medians["pass"], 8)


if __name__ == "__main__":
    main()
