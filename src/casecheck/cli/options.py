"""The options the commands share, with their bilingual help: one definition each."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

Format = Literal["text", "concise", "json", "junit"]
PlainFormat = Literal["text", "json"]  # inspect, fix, config

PacksDir = Annotated[
    list[Path] | None,
    typer.Option(
        "--packs-dir",
        metavar="DIR",
        help="额外的规则包目录，可写多次（也可用环境变量 CASECHECK_PACKS_DIR）"
        " / extra pack directory (repeatable)",
    ),
]
LangOpt = Annotated[
    Literal["zh", "en"],
    typer.Option("--lang", metavar="zh|en", help="报告语言 / message language"),
]
PackOpt = Annotated[
    str | None,
    typer.Option(
        "--pack", metavar="ID", help="规则包 id（默认按信息表标题识别）/ pack id (default: detect)"
    ),
]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        metavar="IDS",
        help="只检查这些规则：id 或前缀，逗号分隔，如 video 或 report.body_style"
        " / only these rules (ids or prefixes)",
    ),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option("--ignore", metavar="IDS", help="不检查这些规则（id 或前缀）/ skip these rules"),
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="警告也视为不通过（退出码 1）/ warnings fail too")
]
FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        metavar="text|concise|json|junit",
        help="输出格式：text 报告，concise 每个问题一行，json，junit（CI）/ output format",
    ),
]
PlainFormatOpt = Annotated[
    PlainFormat, typer.Option("--format", metavar="text|json", help="输出格式 / output format")
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="写入文件而不是屏幕 / write to FILE"),
]
NoContentOpt = Annotated[
    bool,
    typer.Option(
        "--no-content",
        help="不解码声音与画面（跳过响度、人脸、片头片尾等检查）/ skip the content checks",
    ),
]
WaiversOpt = Annotated[
    Path | None,
    typer.Option(
        "--waivers", metavar="FILE", help="豁免清单（YAML）/ waivers file: accepted exceptions"
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config", metavar="FILE", help="配置文件（默认向上查找 casecheck.toml）/ config file"
    ),
]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N",
        min=1,
        help="并行检查的进程数（默认按 CPU 数）/ parallel workers",
    ),
]
HtmlOpt = Annotated[
    Path | None,
    typer.Option("--html", metavar="FILE", help="写出反馈页（HTML）/ write the feedback page"),
]
VerboseOpt = Annotated[
    bool,
    typer.Option("--verbose", "-v", help="也列出通过的项和实测值 / list passes and values"),
]
XlsxOpt = Annotated[
    Path | None,
    typer.Option("--xlsx", metavar="FILE", help="写出 Excel 汇总表 / write an Excel summary"),
]
SummaryHtmlOpt = Annotated[
    Path | None,
    typer.Option("--html", metavar="FILE", help="写出可排序的 HTML 汇总页 / HTML summary"),
]
CsvOpt = Annotated[
    Path | None,
    typer.Option("--csv", metavar="FILE", help="写出 CSV 问题明细 / CSV of all findings"),
]
FeedbackOpt = Annotated[
    Path | None,
    typer.Option(
        "--feedback", metavar="DIR", help="每个案例一个反馈页（HTML）的目录 / one page each"
    ),
]
