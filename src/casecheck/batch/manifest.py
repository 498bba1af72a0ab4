"""Read a recommendation list (推荐名单, CSV or XLSX) and match its rows to submission folders.

Columns are found by their header: 市州/单位 (or 市州, 单位, 高校), 类别 (or 案例类别), 案例名称,
文件夹 (relative to ROOT, or just the folder's name). A CSV may be UTF-8 (with or without BOM)
or GB18030 as Excel on a Chinese Windows saves it.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from casecheck.checkers.batch import ManifestRow
from casecheck.i18n import Text
from casecheck.validation import ProblemsError, problem

COLUMNS: dict[str, tuple[str, ...]] = {
    "unit": ("市州/单位", "市州／单位", "市州或单位", "市州", "单位", "高校", "推荐单位"),
    "category": ("类别", "案例类别"),
    "name": ("案例名称", "名称"),
    "folder": ("文件夹", "目录", "路径", "文件夹名"),
}
MAX_ROWS = 20_000


class ManifestError(ProblemsError):
    """An unusable manifest: the file (and line) and what is wrong."""


def _refuse(path: Path, line: int | None, zh: str, en: str) -> ManifestError:
    return ManifestError([problem(path, line, None, Text(zh, en))])


def _cells(path: Path) -> list[list[str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import zipfile

        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            raise _refuse(
                path, None, f"无法读取 Excel 文件：{exc}", f"cannot read the Excel file: {exc}"
            ) from exc
        ws = wb.worksheets[0]
        rows = [
            ["" if v is None else str(v) for v in row]
            for row in ws.iter_rows(values_only=True, max_row=MAX_ROWS)
        ]
        wb.close()
        return rows
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _refuse(path, None, f"无法读取：{exc}", f"cannot read: {exc}") from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _refuse(path, None, "不是 UTF-8 或 GB18030 编码的文本", "not UTF-8 or GB18030 text")
    return [row for row in csv.reader(io.StringIO(text))][:MAX_ROWS]


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read_manifest(path: Path) -> list[ManifestRow]:
    """The rows of a manifest; ManifestError when the file or its header is unusable."""
    if not path.is_file():
        raise _refuse(path, None, "找不到推荐名单文件", "manifest not found")
    rows = _cells(path)
    header_at = next(
        (
            i
            for i, r in enumerate(rows[:10])
            if any(_key(c) in COLUMNS["folder"] + COLUMNS["name"] for c in r)
        ),
        None,
    )
    if header_at is None:
        raise _refuse(
            path,
            None,
            "前 10 行中没有含「文件夹」或「案例名称」的表头行",
            "no header row with 文件夹 or 案例名称 in the first 10 rows",
        )
    header = [_key(c) for c in rows[header_at]]
    where: dict[str, int] = {}
    for field, names in COLUMNS.items():
        for name in names:
            if name in header:
                where[field] = header.index(name)
                break
    missing = [COLUMNS[f][0] for f in ("unit", "category") if f not in where]
    if missing:
        raise _refuse(
            path,
            header_at + 1,
            f"缺少列：{'、'.join(missing)}",
            f"missing column(s) {', '.join(missing)}",
        )
    result = []
    for n, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        values = {f: (row[i].strip() if i < len(row) else "") for f, i in where.items()}
        if any(values.values()):
            result.append(ManifestRow(line=n, **values))
    return result


def folder_key(text: str) -> str:
    return text.strip().replace("\\", "/").strip("/").removeprefix("./")


def match_rows(
    rows: list[ManifestRow], rels: list[str]
) -> tuple[dict[str, ManifestRow], list[ManifestRow]]:
    """Rows by submission rel path (exact path, path suffix, or unique folder name), and the rest."""
    by_rel: dict[str, ManifestRow] = {}
    unmatched: list[ManifestRow] = []
    by_name: dict[str, list[str]] = {}
    for rel in rels:
        by_name.setdefault(rel.rsplit("/", 1)[-1], []).append(rel)
    for row in rows:
        key = folder_key(row.folder) if row.folder else ""
        hit = None
        if key:
            if key in rels:
                hit = key
            else:
                suffix = [r for r in rels if r.endswith("/" + key)]
                named = by_name.get(key, [])
                hit = suffix[0] if len(suffix) == 1 else (named[0] if len(named) == 1 else None)
        if hit is not None and hit not in by_rel:
            by_rel[hit] = row
        else:
            unmatched.append(row)
    return by_rel, unmatched
