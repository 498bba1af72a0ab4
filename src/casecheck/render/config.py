"""``casecheck config``: the effective settings, each with the place it came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from casecheck.config import KEYS, Effective
from casecheck.i18n import Text

DEFAULT_MEANING = {
    "pack": Text("按信息表标题识别", "detected from the info form's title"),
    "jobs": Text("CPU 核数", "one per CPU"),
    "waivers": Text("无", "none"),
    "select": Text("全部规则", "all rules"),
    "ignore": Text("无", "none"),
    "packs_dir": Text("仅内置规则包", "built-in packs only"),
}


def _plain(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal cells (a CJK character takes two)."""
    from rich.cells import cell_len

    return text + " " * max(0, width - cell_len(text))


def render_config(settings: Effective, fmt: str, lang: str) -> str:
    zh = lang != "en"
    if fmt == "json":
        data = {
            "config_file": str(settings.config_path) if settings.config_path else None,
            "settings": {
                k: {"value": _plain(settings[k]), "source": settings.sources[k]} for k in KEYS
            },
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    lines = [
        ("配置文件" if zh else "config file")
        + f": {settings.config_path or ('未找到 casecheck.toml' if zh else 'no casecheck.toml found')}"
    ]
    for key in KEYS:
        value = _plain(settings[key])
        if value in (None, []) and key in DEFAULT_MEANING:
            shown = f"（{DEFAULT_MEANING[key].zh}）" if zh else f"({DEFAULT_MEANING[key].en})"
        else:
            shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        source = settings.sources[key]
        if zh:
            source = {"default": "默认", "command line": "命令行"}.get(source, source)
        lines.append(f"{key:<10} = {pad(shown, 36)} # {source}")
    return "\n".join(lines) + "\n"
