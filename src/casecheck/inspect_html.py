"""``casecheck inspect FILE --html OUT``: read one file and write its facts as one HTML page.

A video gets its metadata and its decoded content with pictures (render/inspect_page.py);
any other material the text ``inspect`` prints. OUT is never written inside the folder that
holds FILE (that folder is usually a submission folder, which casecheck never writes into).
"""

from __future__ import annotations

import importlib
import io
from pathlib import Path

from rich.console import Console

from casecheck.i18n import Lang, Text
from casecheck.usage import UsageProblem

VIDEO_MATERIALS = ("video", "video_content")


def check_html_target(file: Path, out: Path) -> None:
    """Refuse an OUT inside FILE's folder, or one that is a folder."""
    if out.is_dir():
        raise UsageProblem(
            Text(f"--html {out} 是文件夹", f"--html {out} is a folder"),
            Text("请给出要写出的 HTML 文件名", "Give the name of the HTML file to write."),
        )
    if out.absolute().resolve().is_relative_to(file.absolute().resolve().parent):
        raise UsageProblem(
            Text(
                f"--html {out} 位于被查看文件所在的文件夹内：casecheck 不在案例文件夹中写入任何文件",
                f"--html {out} is inside the folder holding {file.name}: casecheck never "
                "writes into a submission folder",
            ),
            Text(
                "请把页面写到别处，例如 --html ~/inspect.html",
                "Write the page elsewhere, e.g. --html ~/inspect.html",
            ),
        )


def _read(material: str, path: Path) -> object:
    from casecheck.engine import reader_for

    reader = reader_for(material)
    if reader is None:
        raise LookupError(material)
    return reader(path)


def _printed(material: str, facts: object, lang: Lang) -> str:
    """What ``inspect`` prints for these facts, as plain text."""
    import json

    console = Console(file=io.StringIO(), width=110, record=True, color_system=None)
    try:
        module = importlib.import_module(f"casecheck.render.inspect_{material}")
    except ModuleNotFoundError:
        dump = facts.model_dump(mode="json")  # type: ignore[attr-defined]
        return json.dumps(dump, ensure_ascii=False, indent=2)
    module.render_facts(facts, console, lang)
    return console.export_text()


def write_inspect_page(file: Path, material: str, out: Path, lang: Lang) -> int:
    """Write the page; return the exit code (1 when FILE cannot be read: nothing written)."""
    from casecheck.inspect_checks import MATERIALS
    from casecheck.readers.errors import as_read_error
    from casecheck.render.inspect_page import text_page, video_page
    from casecheck.render.inspect_video import fact_rows

    console = Console(stderr=True)
    try:
        if material in VIDEO_MATERIALS:
            content = _read("video_content", file)
            try:
                metadata = fact_rows(_read("video", file))  # type: ignore[arg-type]
            except Exception:  # MediaInfo missing or the container unreadable: content only
                metadata = None
            html = video_page(file.name, metadata, content, lang)  # type: ignore[arg-type]
        else:
            text = _printed(material, _read(material, file), lang)
            html = text_page(file.name, MATERIALS[material], text, lang)
    except Exception as exc:  # ReadError, or a reader bug on odd input: never a traceback
        console.print(f"[red]{as_read_error(exc).message.pick(lang)}[/red]")
        return 1
    out.write_text(html, encoding="utf-8")
    console.print(Text(f"已写出 {out}", f"written: {out}").pick(lang))
    return 0
