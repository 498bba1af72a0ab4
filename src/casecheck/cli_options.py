"""Command-line options shared by several commands (kept out of cli.py, which holds commands)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

PacksDir = Annotated[
    list[Path] | None,
    typer.Option(
        "--packs-dir",
        help="额外的规则包目录（也可用环境变量 CASECHECK_PACKS_DIR）/ extra pack directory",
    ),
]
NoContentOpt = Annotated[
    bool,
    typer.Option(
        "--no-content",
        help="不解码声音与画面（跳过响度、人脸、片头片尾等检查）/ skip the content checks",
    ),
]
PackOpt = Annotated[
    str | None, typer.Option("--pack", help="规则包 id / pack id (default: detect)")
]
WaiversOpt = Annotated[
    Path | None,
    typer.Option("--waivers", help="豁免清单（YAML）/ waivers file: accepted exceptions"),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="配置文件（默认向上查找 casecheck.toml）/ config file"),
]
