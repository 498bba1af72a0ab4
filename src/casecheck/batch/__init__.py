"""Administrator batch mode: discover submissions, check them in worker processes, judge
the batch as a whole (quotas, duplicates) and write the outputs.

``run.py`` is the command (``run_batch_cli``, ``run_batch``); ``discover.py`` finds the
submission folders; ``pool.py`` is the worker pool; ``cache.py`` the result cache;
``manifest.py`` reads an administrator's place list; ``rules.py`` runs the batch rules.

The entry points below load on first use, so ``check`` (which only asks discover.py
whether a folder holds materials) does not import the whole batch machinery.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casecheck.batch.run import BatchOptions, BatchRun, UsageError, run_batch, run_batch_cli

__all__ = ["BatchOptions", "BatchRun", "UsageError", "run_batch", "run_batch_cli"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from casecheck.batch import run

        return getattr(run, name)
    raise AttributeError(f"module 'casecheck.batch' has no attribute {name!r}")
