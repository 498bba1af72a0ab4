"""``casecheck inspect FILE``: read one file with its material's reader and show the facts."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

from rich.console import Console

from casecheck.i18n import Lang
from casecheck.materials import FileEntry, looks_like_form
from casecheck.readers.errors import as_read_error
from casecheck.readers.sniff import sniff

MEDIA_KINDS = {"mp4", "quicktime", "matroska", "flv", "avi"}


def material_of(path: Path) -> str | None:
    """Guess the material from the file's real type (and, for .docx, its name or content)."""
    kind = sniff(path).kind
    if kind in MEDIA_KINDS or (kind in ("unknown", "empty") and path.suffix.lower() == ".mp4"):
        return "video"
    if kind == "pptx":
        return "courseware"
    if kind == "pdf":
        return "info_form"
    if kind == "docx":
        entry = FileEntry(name=path.name, path=str(path), size=0, kind=kind)
        return "info_form" if "信息表" in path.name or looks_like_form(entry) else "report"
    return None


def inspect_file(path: Path, as_material: str | None, fmt: str, lang: Lang) -> int:
    """Print the facts; return the exit code (1 when the file cannot be read)."""
    from casecheck.engine import READERS, reader_for

    console = Console(stderr=fmt == "json")
    material = as_material or material_of(path)
    if material not in READERS:
        console.print(
            f"casecheck: 无法识别文件类型 / unrecognised file type: {path} ({sniff(path).kind})"
        )
        return 2
    reader = reader_for(material)
    if reader is None:
        console.print(f"casecheck: no reader for {material} yet")
        return 2
    try:
        facts = reader(path)
    except Exception as exc:  # ReadError, or a reader bug on odd input: never a traceback
        console.print(f"[red]{as_read_error(exc).message.pick(lang)}[/red]")
        return 1
    if fmt == "json":
        print(json.dumps(facts.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return 0
    try:
        module = importlib.import_module(f"casecheck.render.inspect_{material}")
    except ModuleNotFoundError:
        console.print_json(json.dumps(facts.model_dump(mode="json"), ensure_ascii=False))
        return 0
    module.render_facts(facts, console, lang)
    return 0
