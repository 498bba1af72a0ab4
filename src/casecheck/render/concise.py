"""``--format concise``: one line per finding that is not a pass, like ruff's concise output.

    examples/02-名师工作室-常见问题/案例总结报告.docx:第 4、7 段: report.body_style fail 第 4、7 段…

then one total line (the same verdict as the exit code), over every folder checked.
"""

from __future__ import annotations

from pathlib import PurePath

from casecheck.i18n import Lang, Text
from casecheck.render.text import verdict
from casecheck.result import Finding, Report, Status, empty_folders
from casecheck.vocabulary import submissions_prefix

SHOWN = (Status.ERROR, Status.FAIL, Status.WARN, Status.MANUAL)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def concise_line(folder: str, f: Finding) -> str:
    path = str(PurePath(folder) / f.file) if f.file else folder
    where = f"{path}:{_one_line(f.location)}:" if f.location else f"{path}:"
    return f"{where} {f.rule} {f.status.value} {_one_line(f.message)}"


def waived_line(folder: str, f: Finding, lang: Lang) -> str:
    """A waived finding with what it was and who accepted it, on one line."""
    w = f.waiver
    if w is None:
        return concise_line(folder, f)
    accepted = Text(
        f"（原为 {w.original_status.value}；{w.by} {w.date}：{w.reason}）",
        f" (was {w.original_status.value}; {w.by} {w.date}: {w.reason})",
    ).pick(lang)
    return concise_line(folder, f) + _one_line(accepted)


def render_concise(report: Report, lang: Lang, *, strict: bool = False) -> str:
    lines = []
    for result in report.submissions:
        lines += [concise_line(result.path, f) for f in result.findings if f.status in SHOWN]
        waived = [f for f in result.findings if f.status is Status.WAIVED]
        lines += [waived_line(result.path, f, lang) for f in waived]
    lines += [concise_line("batch", f) for f in report.batch_findings if f.status in SHOWN]
    total = verdict(report.counts, lang, strict=strict).plain
    n = len(report.submissions)
    if n > 1:
        total = submissions_prefix(n, lang, empty=empty_folders(report.submissions)) + total
    return "\n".join([*lines, total]) + "\n"
