"""The page itself: one self-contained HTML document (inline CSS and script, no external assets)."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def _asset(name: str) -> str:
    return (files("casecheck.serve") / "assets" / name).read_text(encoding="utf-8")


def page_html(config: dict[str, Any], name: str = "page") -> str:
    """The page (``page``: the local one, ``shared``: the shared one) with its settings
    (token, language, packs) built in."""
    # "</" must not end the script early; json.dumps escapes nothing of HTML by itself.
    data = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
    script = _asset(f"{name}.js")
    return _asset(f"{name}.html").replace("/*CONFIG*/{}", data).replace("/*SCRIPT*/", script)
