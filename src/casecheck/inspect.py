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
    sniffed = sniff(path)
    kind = sniffed.kind
    suffix = path.suffix.lower()
    if kind in MEDIA_KINDS or (kind in ("unknown", "empty") and suffix == ".mp4"):
        return "video"
    if kind in ("ooxml_encrypted", "empty") or (kind == "zip" and sniffed.detail == "corrupt"):
        # Encrypted, empty or truncated: the name says what it was meant to be, and the
        # material's reader gives the same sentence `check` gives.
        if suffix in (".pptx", ".pptm", ".ppsx", ".potx"):
            return "courseware"
        if suffix in (".docx", ".docm", ".dotx"):
            return "info_form" if "信息表" in path.name else "report"
        if suffix == ".pdf":
            return "info_form"
    if kind == "pptx":
        return "courseware"
    if kind == "pdf":
        return "info_form"
    if kind == "docx":
        entry = FileEntry(name=path.name, path=str(path), size=0, kind=kind)
        return "info_form" if "信息表" in path.name or looks_like_form(entry) else "report"
    return None


def inspect_file(
    path: Path, as_material: str | None, fmt: str, lang: Lang, html: Path | None = None
) -> int:
    """Print the facts (or write them as an HTML page to ``html``); return the exit code
    (1 when the file cannot be read)."""
    from casecheck.engine import READERS, reader_for

    console = Console(stderr=fmt == "json")
    material = as_material or material_of(path)
    if material not in READERS:
        console.print(
            "casecheck: 无法识别文件类型（不是视频、Word、PowerPoint 或 PDF 文件）/ "
            f"unrecognised file type (not a video, Word, PowerPoint or PDF file): {path}"
        )
        return 2
    if html is not None:
        from casecheck.inspect_html import write_inspect_page

        return write_inspect_page(path, material, html, lang)
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
