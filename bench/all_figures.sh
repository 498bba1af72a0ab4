#!/bin/sh
# Every figure of issue 28, one after the other (≈ 30 min on an idle 2-core machine; the
# data is built once under /tmp/casecheck-bench, ≈ 7 GB). Run on a quiet machine.
#   sh bench/all_figures.sh [RUNS]
set -e
cd "$(dirname "$0")"
PY=../.venv/bin/python
RUNS=${1:-3}
$PY fig_check.py --runs "$RUNS"
$PY fig_check_10m05.py --runs "$RUNS"
$PY fig_batch.py --runs "$RUNS"
$PY fig_warm.py --runs "$((RUNS * 2 + 1))"
$PY fig_changed.py --runs "$RUNS"
$PY fig_no_content.py --runs "$((RUNS * 2 + 1))"
$PY fig_memory.py --runs "$RUNS"
