"""Run a Python module (as ``python -m`` would) or script and report its peak memory, its own
and its children's.

    python bench/rss.py OUT.json MODULE|SCRIPT.py [ARGS ...]

Writes ``{"self_mib": …, "children_mib": …}`` to OUT.json when the module exits: the
process's own peak resident memory (``RUSAGE_SELF``) apart from that of the programs it ran
(``RUSAGE_CHILDREN``, e.g. LibreOffice rendering slides), which the kernel otherwise folds
into one figure for the parent.
"""

from __future__ import annotations

import json
import resource
import runpy
import sys


def main() -> None:
    out, module, *args = sys.argv[1:]
    sys.argv = [module, *args]
    try:
        if module.endswith(".py"):
            runpy.run_path(module, run_name="__main__")
        else:
            runpy.run_module(module, run_name="__main__", alter_sys=True)
    finally:
        mib = {
            "self_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "children_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        }
        with open(out, "w", encoding="utf-8") as fh:
            json.dump(mib, fh)


if __name__ == "__main__":
    main()
