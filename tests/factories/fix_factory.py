"""Builders for `casecheck fix` tests: a report with the report checker's hard cases, and a
snapshot of a folder (bytes and mtimes) to prove the submission is never touched."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches

from tests.factories.docx_factory import (
    ReportSpec,
    add_deleted_text,
    add_numbering,
    build_report,
    number_paragraph,
    set_bold,
    set_doc_defaults,
    set_fonts,
    set_line_spacing,
    set_size,
    wrap_runs_in_insertion,
)


def hard_report(spec: ReportSpec | None = None, image: bytes | None = None) -> Any:
    """A report with every hard case of the report checker, plus the things fix must keep.

    Body font only from docDefaults (宋体), 1.5-line spacing in 「正文」, one body run in
    14 pt, one paragraph at 最小值 28 磅, direct 宋体 on a first-level heading, a second-level
    style in 黑体, bold toggled off by a character style; and a 5号宋体 table, a header, a
    teacher's comment, a tracked insertion and deletion, a numbered list and an image.
    """
    doc = build_report(spec or ReportSpec())
    normal = doc.styles["Normal"]
    rfonts = normal.element.get_or_add_rPr().find(qn("w:rFonts"))
    del rfonts.attrib[qn("w:eastAsia")]
    set_doc_defaults(doc, east_asia="宋体")
    set_line_spacing(normal, 360, "auto")
    set_fonts(doc.styles["ReportH2"], east_asia="黑体")
    paras = doc.paragraphs
    h1 = [p for p in paras if p.style.name == "Heading 1"]
    h2 = [p for p in paras if p.style.name == "ReportH2"]
    body = [p for p in paras if p.style.name == "Normal" and p.text and p is not paras[0]]
    set_fonts(h1[0].runs[0], east_asia="宋体")
    strong = doc.styles.add_style("StrongX", WD_STYLE_TYPE.CHARACTER)
    set_bold(strong, True)
    strong.element.get_or_add_rPr().append(parse_xml(f"<w:i {nsdecls('w')}/>"))
    h2[1].runs[0].style = strong
    set_size(body[0].runs[0], 14)
    set_line_spacing(body[1], 560, "atLeast")
    body[1].add_run("Latin words").font.name = "Arial"
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "表格单元"
    cell_run = table.cell(0, 0).paragraphs[0].runs[0]
    set_fonts(cell_run, east_asia="宋体")
    set_size(cell_run, 10.5)
    doc.sections[0].header.paragraphs[0].text = "页眉文字"
    doc.add_comment(body[2].runs, text="老师的批注", author="李老师")
    wrap_runs_in_insertion(body[3])
    add_deleted_text(body[3], "删掉的字")
    num = add_numbering(doc, [("decimal", "%1.")])
    item = doc.add_paragraph("编号列表第一项")
    number_paragraph(item, num, 0)
    if image is not None:
        doc.add_paragraph().add_run().add_picture(io.BytesIO(image), width=Inches(1))
    return doc


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file and folder under ``folder``: (bytes, mtime_ns, mode)."""
    out: dict[str, tuple[bytes, int, int]] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in [*dirnames, *filenames]:
            path = Path(dirpath) / name
            st = path.lstat()
            data = path.read_bytes() if path.is_file() else b""
            out[str(path.relative_to(folder))] = (data, st.st_mtime_ns, st.st_mode)
    st = folder.stat()
    out["."] = (b"", st.st_mtime_ns, st.st_mode)
    return out


def new_report_folder(folder: Path, doc: Any, name: str = "案例总结报告.docx") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    doc.save(str(folder / name))
    return folder


__all__ = ["docx", "hard_report", "new_report_folder", "snapshot"]
