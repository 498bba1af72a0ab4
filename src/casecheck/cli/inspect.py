"""``casecheck inspect FILE``: read one file with its material's reader and show the facts
(printed, as JSON, or as one HTML page)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from casecheck.cli.options import LangOpt, PlainFormatOpt
from casecheck.cli.usage import UsageProblem, fail, near_path, suggestion
from casecheck.i18n import Lang, Text
from casecheck.vocabulary import VIDEO_CONTENT, command, material_title

if TYPE_CHECKING:
    from rich.console import Console

AS_MATERIALS = ("video", "video_content", "report", "courseware", "info_form")
KINDS = {  # the real file types a material can be read from
    "video": {"mp4", "quicktime", "matroska", "flv", "avi"},
    "report": {"docx"},
    "courseware": {"pptx"},
    "info_form": {"docx", "pdf"},
    "video_content": {"mp4", "quicktime", "matroska", "flv", "avi", "media_other"},
}
VIDEO_MATERIALS = ("video", "video_content")


def inspect(
    file: Annotated[
        Path,
        typer.Argument(metavar="FILE", hidden=True, show_default=False),
    ],
    as_material: Annotated[
        str | None,
        typer.Option(
            "--as",
            metavar="video|video_content|report|courseware|info_form",
            help="按哪种材料读取（默认按文件内容识别）/ read the file as this material",
        ),
    ] = None,
    fmt: PlainFormatOpt = "text",
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="FILE",
            help="把读出的事实写成 HTML 页（视频含缩略图）/ write the facts as an HTML page",
        ),
    ] = None,
    lang: LangOpt = "zh",
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="也显示程序库（pypdf、FFmpeg 等）的原文提示 / show the libraries' own warnings",
        ),
    ] = False,
) -> None:
    """显示 casecheck 从一个文件读出的事实 / Show the facts casecheck reads from a file.

    \b
    FILE  要查看的文件（视频、课件、信息表或总结报告）/ the file to inspect
    """
    try:
        check_target(file, as_material)
        if html is not None:
            check_html_target(file, html)
    except UsageProblem as problem:
        fail(problem, lang)
    raise typer.Exit(inspect_file(file, as_material, fmt, lang, html, verbose=verbose))


def _title(material: str, lang: Lang) -> str:
    return material_title(material, lang)


def check_target(path: Path, as_material: str | None) -> None:
    """A file (not a folder), and ``--as`` one of the materials."""
    if path.is_dir():
        raise UsageProblem(
            Text(
                f"{path} 是文件夹，inspect 只查看单个文件",
                f"{path} is a folder; inspect reads one file",
            ),
            Text(
                f"请给出其中的一个文件；检查整个案例文件夹请用 {command('check', path)}",
                f"Give one file in it; to check the whole folder run {command('check', path)}",
            ),
        )
    if not path.is_file():
        near = near_path(path)
        raise UsageProblem(
            Text(f"找不到文件 {path}", f"file not found: {path}"),
            Text(
                f"请检查文件名和路径是否写对（可以把文件拖进终端窗口）。{near.zh}",
                f"Check the file name and path (you can drag the file into the terminal). "
                f"{near.en}".strip(),
            ),
        )
    if as_material is not None and as_material not in AS_MATERIALS:
        near = suggestion(as_material, AS_MATERIALS)
        raise UsageProblem(
            Text(f"--as 不能取 {as_material}", f"--as cannot be {as_material}"),
            Text(
                f"{near.zh}可选：{'、'.join(AS_MATERIALS)}",
                f"{near.en} Choose one of {', '.join(AS_MATERIALS)}.".strip(),
            ),
        )


def check_html_target(file: Path, out: Path) -> None:
    """Refuse an OUT inside FILE's folder (usually a submission folder), or one that is a folder."""
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


def readable_as(path: Path, material: str) -> bool:
    """Whether the file's real type is one the material's reader reads (an empty or unknown
    file is tried: its reader says what is wrong, as ``check`` does)."""
    from casecheck.readers.sniff import sniff

    kind = sniff(path).kind
    office = bool(KINDS.get(material, set()) & {"docx", "pptx"})  # its reader says 加密/损坏
    return (
        kind in KINDS.get(material, set())
        or kind in ("unknown", "empty")
        or (office and kind in ("zip", "ooxml_encrypted"))
    )


def wrong_kind(path: Path, material: str | None) -> Text:
    """「案例总结报告.doc 实际是 Word 97-2003 文档（.doc）：请用 Word 打开后“另存为” .docx 格式」 —
    the words ``check`` uses for a file of the wrong kind."""
    from casecheck.file_kinds import really_is
    from casecheck.materials import FileEntry, format_of
    from casecheck.readers.sniff import sniff

    sniffed = sniff(path)
    entry = FileEntry(
        name=path.name,
        path=str(path),
        size=0,
        kind=sniffed.kind,
        detail=sniffed.detail,
        format=format_of(path, sniffed),
    )
    said, hint = really_is(entry)
    wanted = (
        Text(
            f"，不能按{_title(material, 'zh')}读取",
            f"; it cannot be read as the {_title(material, 'en')}",
        )
        if material in AS_MATERIALS
        else Text(
            "，不是视频、Word、PowerPoint 或 PDF 文件",
            "; not a video, Word, PowerPoint or PDF file",
        )
    )
    return Text(f"{said.zh}{wanted.zh}：{hint.zh}", f"{said.en}{wanted.en}: {hint.en}")


def _read(material: str, path: Path) -> Any:
    from casecheck.engine import reader_for

    reader = reader_for(material)
    if reader is None:
        raise LookupError(material)
    return reader(path)


def inspect_file(
    path: Path,
    as_material: str | None,
    fmt: str,
    lang: Lang,
    html: Path | None = None,
    *,
    verbose: bool = False,
) -> int:
    """Print the facts (or write them as an HTML page to ``html``); return the exit code
    (1 when the file cannot be read). The libraries' own warnings are kept off the terminal;
    with ``verbose`` they follow on stderr, said to be the library's words."""
    from rich.console import Console

    from casecheck.engine import READERS
    from casecheck.materials import material_of
    from casecheck.readers.errors import as_read_error
    from casecheck.readers.library_messages import library_messages

    console = Console(stderr=fmt == "json" or html is not None)
    material = as_material or material_of(path)
    if material not in READERS or not readable_as(path, material):
        console.print(wrong_kind(path, material).pick(lang), markup=False, highlight=False)
        return 1
    error: str | None = None
    with library_messages(ffmpeg=verbose) as said:
        try:
            if html is not None:
                page = inspect_page(path, material, lang)
            else:
                facts = _read(material, path)
        except Exception as exc:  # ReadError, or a reader bug on odd input: never a traceback
            error = as_read_error(exc).message.pick(lang)
    if verbose:
        show_library_messages(said, lang)
    if error is not None:
        console.print(f"[red]{error}[/red]")
        return 1
    if html is not None:
        html.write_text(page, encoding="utf-8")
        console.print(Text(f"已写出 {html}", f"written: {html}").pick(lang))
    elif fmt == "json":
        print(json.dumps(facts.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        print_facts(material, facts, console, lang)
    return 0


def show_library_messages(said: list[Any], lang: Lang) -> None:
    """「程序库 pypdf 的原文提示：Advanced encoding …」 on stderr, once each (``inspect -v``)."""
    from rich.console import Console

    err = Console(stderr=True, highlight=False)
    for m in dict.fromkeys(said):
        line = Text(f"程序库 {m.source} 的原文提示：", f"from the library {m.source}: ")
        err.print(line.pick(lang) + m.text, style="dim", markup=False)


def print_facts(material: str, facts: Any, console: Console, lang: Lang) -> None:
    """The material's inspect renderer (render/inspect_<material>.py), else the facts as JSON."""
    import importlib

    try:
        module = importlib.import_module(f"casecheck.render.inspect_{material}")
    except ModuleNotFoundError:
        console.print_json(json.dumps(facts.model_dump(mode="json"), ensure_ascii=False))
        return
    module.render_facts(facts, console, lang)


def _faces_params() -> Any:
    """The default pack's ``video.faces`` parameters: the stretches ``check`` would list."""
    from casecheck.packs.ruleset import load_ruleset

    rule = load_ruleset().find("video.faces")
    return rule.params if rule is not None else None


def inspect_page(path: Path, material: str, lang: Lang) -> str:
    """The facts as one HTML page: a video's metadata and content with pictures; any other
    material the text ``inspect`` prints."""
    import io

    from rich.console import Console

    from casecheck.render.inspect_page import text_page, video_page
    from casecheck.render.inspect_video import fact_rows

    if material in VIDEO_MATERIALS:
        content = _read("video_content", path)
        try:
            metadata = fact_rows(_read("video", path))
        except Exception:  # MediaInfo missing or the container unreadable: content only
            metadata = None
        return video_page(path.name, metadata, content, lang, faces=_faces_params())
    console = Console(file=io.StringIO(), width=110, record=True, color_system=None)
    print_facts(material, _read(material, path), console, lang)
    title = (
        VIDEO_CONTENT
        if material == "video_content"
        else Text(_title(material, "zh"), _title(material, "en"))
    )
    return text_page(path.name, title, console.export_text(), lang)
