"""An HTML picture of a workbook sheet, read back with openpyxl (column widths, header height,
fills, bold, wrapping), so a browser can screenshot what the administrator will see.
LibreOffice here has no Calc to print the workbook itself."""

from __future__ import annotations

from html import escape
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

PX_PER_WIDTH = 7.5  # Excel column width unit ≈ one '0' of the default font
PX_PER_POINT = 4 / 3


def sheet_html(path: Path, sheet: str, max_rows: int = 80) -> str:
    ws = load_workbook(path)[sheet]
    cols, total = [], 0.0
    for i in range(1, ws.max_column + 1):
        width = (ws.column_dimensions[get_column_letter(i)].width or 8.43) * PX_PER_WIDTH
        cols.append(f'<col style="width:{width:.0f}px">')
        total += width
    rows = []
    for r, row in enumerate(ws.iter_rows(max_row=min(max_rows, ws.max_row)), start=1):
        height = ws.row_dimensions[r].height
        style = f' style="height:{height * PX_PER_POINT:.0f}px"' if height else ""
        cells = []
        for c in row:
            css = []
            rgb = c.fill.fgColor.rgb if c.fill and c.fill.fill_type == "solid" else None
            if isinstance(rgb, str):
                css.append(f"background:#{rgb[-6:]}")
            if (
                c.font is not None
                and c.font.color is not None
                and isinstance(c.font.color.rgb, str)
            ):
                css.append(f"color:#{c.font.color.rgb[-6:]}")
            if c.font is not None and c.font.bold:
                css.append("font-weight:bold")
            if c.font is not None and c.font.underline:
                css.append("text-decoration:underline")
            wrap = c.alignment is not None and c.alignment.wrap_text
            css.append("white-space:pre-wrap" if wrap else "white-space:nowrap;overflow:hidden")
            if c.alignment is not None and c.alignment.horizontal == "center":
                css.append("text-align:center")
            value = "" if c.value is None else str(c.value)
            cells.append(f'<td style="{";".join(css)}">{escape(value)}</td>')
        rows.append(f"<tr{style}>{''.join(cells)}</tr>")
    tabs = "".join(
        f'<span class="{"on" if n == sheet else ""}">{escape(n)}</span>'
        for n in load_workbook(path, read_only=True).sheetnames
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
        'body{font:13px "WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;margin:8px}'
        "table{border-collapse:collapse;table-layout:fixed}td{border:1px solid #d0d0d0;"
        "padding:1px 3px;vertical-align:top}.tabs span{display:inline-block;padding:2px 10px;"
        "border:1px solid #aaa;margin-right:2px}.tabs .on{background:#fff;font-weight:bold}"
        ".tabs{background:#e8e8e8;padding:3px}</style></head><body>"
        f'<table style="width:{total:.0f}px">{"".join(cols)}{"".join(rows)}</table>'
        f'<div class="tabs">{tabs}</div></body></html>'
    )
