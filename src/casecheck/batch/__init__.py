"""Administrator batch mode: discover submissions, check them in worker processes, judge
the batch as a whole (quotas, duplicates) and write the outputs.

``run.py`` is the command (``run_batch_cli``, ``run_batch``); ``discover.py`` finds the
submission folders; ``pool.py`` is the worker pool; ``cache.py`` the result cache;
``manifest.py`` reads an administrator's place list; ``rules.py`` runs the batch rules.
"""

from __future__ import annotations

from casecheck.batch.run import BatchOptions, BatchRun, UsageError, run_batch, run_batch_cli

__all__ = ["BatchOptions", "BatchRun", "UsageError", "run_batch", "run_batch_cli"]
