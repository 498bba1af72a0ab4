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

[shared]                         # casecheck serve --shared (serve/shared_options.py: defaults, why)
bind = "127.0.0.1:8080"
public_names = ["casecheck.example.edu.cn"]
spool = "/var/lib/casecheck/spool"
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
    "shared": {},  # the [shared] table: not a command's default, so not in KEYS
}


class ConfigError(ProblemsError):
    """An invalid config file: every problem with the file, the line and the key."""


def _split(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class SharedFile(BaseModel):
    """``[shared]``: the settings of ``casecheck serve --shared`` (see serve/shared_options.py)."""

    # built when a casecheck.toml is read, not by every run (most have none)
    model_config = ConfigDict(extra="forbid", defer_build=True)

    bind: str | None = None  # ADDR:PORT, checked by the command (with its own sentence)
    public_names: list[str] | None = None
    access_code: str | None = Field(None, min_length=1)
    spool: str | None = None
    workers: int | None = Field(None, ge=1)
    queue: int | None = Field(None, ge=1)
    max_file_mb: int | None = Field(None, ge=1)
    max_job_mb: int | None = Field(None, ge=1)
    max_spool_gb: float | None = Field(None, gt=0)
    min_free_gb: float | None = Field(None, ge=0)
    check_timeout_min: float | None = Field(None, gt=0)
    fix_timeout_min: float | None = Field(None, gt=0)
    retention_min: float | None = Field(None, gt=0)
    jobs_per_hour: int | None = Field(None, ge=1)
    requests_per_minute: int | None = Field(None, ge=1)
    upload_idle_s: float | None = Field(None, gt=0)
    shutdown_grace_s: float | None = Field(None, ge=0)
    fix_video: bool | None = None
    trusted_proxies: list[str] | None = None

    _lists = field_validator("public_names", "trusted_proxies", mode="before")(_split)


class ConfigFile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    pack: str | None = None
    packs_dir: list[str] | None = None
    lang: Literal["zh", "en"] | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    jobs: int | None = Field(None, ge=1)
    waivers: str | None = None
    shared: SharedFile | None = None

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
        m = re.match(r"\s*(?:\[\s*([A-Za-z0-9_\-]+)\s*\]|([A-Za-z0-9_\-]+|\"[^\"]+\")\s*=)", line)
        if m:
            lines.setdefault((m.group(1) or m.group(2)).strip('"'), number)
    try:
        parsed = ConfigFile.model_validate(data)
    except ValidationError as exc:
        # a key of a table ([shared] workers) has its own line; a list item its list's
        where = lambda keys: f"{path}:{next((lines[k] for k in reversed(keys) if k in lines), 1)}"  # noqa: E731
        raise ConfigError(validation_problems(exc, where)) from exc
    values = parsed.model_dump(exclude_none=True)
    base = path.resolve().parent
    if "packs_dir" in values:
        values["packs_dir"] = [base / d for d in values["packs_dir"]]
    if "waivers" in values:
        values["waivers"] = base / values["waivers"]
    if "spool" in values.get("shared", {}):
        values["shared"]["spool"] = base / values["shared"]["spool"]
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
