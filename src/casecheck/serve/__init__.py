"""``casecheck serve``: a local page for teachers who never open a terminal.

app.py (routes) · security.py (token, Host, same-origin) · folders.py (browser confined to
--root) · uploads.py (size-bounded temp uploads) · jobs.py + worker.py (checks and fixes in
child processes) · report.py (the report shown) · page.py + assets/ (the page) · server.py.

The names below load on first use, so a job's child process (which imports only
``worker``) does not import the web stack.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ServeState": "casecheck.serve.app",
    "create_app": "casecheck.serve.app",
    "bind": "casecheck.serve.server",
    "page_url": "casecheck.serve.server",
    "serve": "casecheck.serve.server",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'casecheck.serve' has no attribute {name!r}")
