"""Administrator batch mode: discover submissions, check them in worker processes, judge
the batch as a whole (quotas, duplicates) and write the outputs.

``run.py`` does a batch (``run_batch``, ``batch_and_report``) for cli/batch.py;
``discover.py`` finds the submission folders; ``pool.py`` runs tasks in worker processes and
``work.py`` is what a worker does with a submission; ``cache.py`` the result cache;
``manifest.py`` reads an administrator's place list; ``rules.py`` judges the batch rules;
``places.py`` reads the folder layout; ``outputs.py`` writes the files.

Nothing is imported here, so ``check`` (which only asks discover.py whether a folder holds
materials) does not import the whole batch machinery.
"""
