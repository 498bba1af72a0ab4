"""The page itself: one self-contained HTML document (inline CSS and script, no external assets)."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def _asset(name: str) -> str:
    return (files("casecheck.serve") / "assets" / name).read_text(encoding="utf-8")


def page_html(config: dict[str, Any]) -> str:
    """The page with its settings (token, language, packs) built in."""
    # "</" must not end the script early; json.dumps escapes nothing of HTML by itself.
    data = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
    script = _asset("page.js")
    return _asset("page.html").replace("/*CONFIG*/{}", data).replace("/*SCRIPT*/", script)
