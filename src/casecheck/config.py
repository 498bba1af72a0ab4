"""``casecheck.toml``: defaults for pack, packs_dir, lang, select, ignore, jobs and waivers.

Found by searching from the working folder upward (stopping at a VCS root or the filesystem
root), or given with ``--config FILE``. Options on the command line win over the file, and
the file wins over the built-in defaults; every setting remembers where it came from so
``casecheck config`` can show it.

```toml
pack = "ncet2026-evidence"
lang = "zh"
ignore = ["courseware.logo"]
jobs = 4
waivers = "豁免清单.yaml"        # relative paths are relative to this file's folder
```
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from casecheck.i18n import Text
from casecheck.validation import ProblemsError, problem, validation_problems

CONFIG_NAME = "casecheck.toml"
VCS_MARKERS = (".git", ".hg", ".svn", ".jj")
KEYS = ("pack", "packs_dir", "lang", "select", "ignore", "jobs", "waivers")
DEFAULTS: dict[str, Any] = {
    "pack": None,  # detect from the info form's title
    "packs_dir": [],
    "lang": "zh",
    "select": [],
    "ignore": [],
    "jobs": None,  # one worker per CPU
    "waivers": None,
}


class ConfigError(ProblemsError):
    """An invalid config file: every problem with the file, the line and the key."""


def _split(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class ConfigFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pack: str | None = None
    packs_dir: list[str] | None = None
    lang: Literal["zh", "en"] | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    jobs: int | None = Field(None, ge=1)
    waivers: str | None = None

    _lists = field_validator("packs_dir", "select", "ignore", mode="before")(_split)


@dataclass
class Effective:
    """The effective settings and, per key, where each value came from."""

    values: dict[str, Any] = field(default_factory=lambda: dict(DEFAULTS))
    sources: dict[str, str] = field(default_factory=lambda: dict.fromkeys(KEYS, "default"))
    config_path: Path | None = None

    def __getitem__(self, key: str) -> Any:
        return self.values[key]


def find_config(start: Path) -> Path | None:
    """The nearest casecheck.toml from ``start`` upward; stops at a VCS root or ``/``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        if any((folder / marker).exists() for marker in VCS_MARKERS):
            return None
    return None


def load_config(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """The file's settings (paths made absolute) and the line of each key."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        why = Text(f"TOML 格式错误：{exc}", f"invalid TOML: {exc}")
        raise ConfigError([problem(path, getattr(exc, "lineno", None), None, why)]) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            [problem(path, None, None, Text(f"无法读取：{exc}", f"cannot read: {exc}"))]
        ) from exc
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        m = re.match(r"\s*([A-Za-z0-9_\-]+|\"[^\"]+\")\s*=", line)
        if m:
            lines.setdefault(m.group(1).strip('"'), number)
    try:
        parsed = ConfigFile.model_validate(data)
    except ValidationError as exc:
        where = lambda keys: f"{path}:{lines.get(keys[0], 1) if keys else 1}"  # noqa: E731
        raise ConfigError(validation_problems(exc, where)) from exc
    values = parsed.model_dump(exclude_none=True)
    base = path.resolve().parent
    if "packs_dir" in values:
        values["packs_dir"] = [base / d for d in values["packs_dir"]]
    if "waivers" in values:
        values["waivers"] = base / values["waivers"]
    return values, lines


def resolve(
    command_line: dict[str, Any], config_option: Path | None, cwd: Path | None = None
) -> Effective:
    """Defaults, then the config file, then the options given on the command line."""
    settings = Effective()
    path = config_option
    if path is None:
        path = find_config(cwd or Path.cwd())
    elif not path.is_file():
        raise ConfigError(
            [problem(path, None, None, Text("找不到配置文件", "config file not found"))]
        )
    if path is not None:
        settings.config_path = path
        values, lines = load_config(path)
        for key, value in values.items():
            settings.values[key] = value
            settings.sources[key] = f"{path}:{lines.get(key, 1)}"
    for key, value in command_line.items():
        if key in KEYS:
            settings.values[key] = value
            settings.sources[key] = "command line"
    return settings


def given_options(ctx: Any) -> dict[str, Any]:
    """The options of a Typer (click) context that the user set (command line or environment).

    Compared by name: Typer ≥ 0.2x vendors click, older versions use click's own enum.
    """
    given = {}
    for name, value in ctx.params.items():
        source = getattr(ctx.get_parameter_source(name), "name", None)
        if source in ("COMMANDLINE", "ENVIRONMENT"):
            given[name] = getattr(value, "value", value)  # enum options → their value
    return given
