"""What every report format shows about waived findings: who accepted what, why and when."""

from __future__ import annotations

from html import escape
from pathlib import Path

from casecheck.i18n import Lang, Text
from casecheck.render.words import FOLDER_HEAD
from casecheck.result import Finding, Report, Status
from casecheck.vocabulary import STATUS_LABEL

WAIVED_HEAD = [
    FOLDER_HEAD,
    Text("规则", "Rule"),
    Text("原状态", "Original status"),
    Text("文件", "File"),
    Text("位置", "Location"),
    Text("说明", "Message"),
    Text("豁免理由", "Reason"),
    Text("审核人", "Reviewer"),
    Text("日期", "Date"),
    Text("到期", "Expires"),
]


def waived(report: Report) -> list[tuple[str, Finding]]:
    """(submission path, finding) for every waived finding, in report order."""
    return [
        (r.path, f)
        for r in report.submissions
        for f in r.findings
        if f.status is Status.WAIVED and f.waiver is not None
    ]


def original_label(finding: Finding, lang: Lang) -> str:
    assert finding.waiver is not None
    return STATUS_LABEL[finding.waiver.original_status].pick(lang)


def waiver_line(finding: Finding, lang: Lang) -> str:
    """「原为不合格；豁免理由：…；审核人：李老师；日期：2026-06-03」"""
    w = finding.waiver
    assert w is not None
    until = Text(f"；有效期至 {w.expires}", f"; until {w.expires}") if w.expires else Text("", "")
    return Text(
        f"原为{original_label(finding, 'zh')}；豁免理由：{w.reason}；审核人：{w.by}；日期：{w.date}{until.zh}",
        f"was {original_label(finding, 'en')}; reason: {w.reason}; reviewer: {w.by}; date: {w.date}{until.en}",
    ).pick(lang)


def waived_row(path: str, finding: Finding, lang: Lang) -> list[str | None]:
    """One row under WAIVED_HEAD (XLSX sheet, CSV, HTML table)."""
    w = finding.waiver
    assert w is not None
    return [
        Path(path).name or path,
        finding.rule,
        original_label(finding, lang),
        finding.file,
        finding.location,
        finding.message,
        w.reason,
        w.by,
        w.date,
        w.expires,
    ]


def waived_html(report: Report, lang: Lang) -> str:
    """An HTML section listing every waived finding (empty when there are none)."""
    rows = waived(report)
    if not rows:
        return ""
    head = "".join(f"<th>{escape(h.pick(lang))}</th>" for h in WAIVED_HEAD)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(v or '')}</td>" for v in waived_row(p, f, lang)) + "</tr>"
        for p, f in rows
    )
    title = Text(f"已豁免（{len(rows)} 项）", f"Waived ({len(rows)})").pick(lang)
    return (
        f'<h2 id="waived">{escape(title)}</h2><table class="waived"><tr>{head}</tr>{body}</table>'
    )


WAIVER_COLUMNS = [
    Text("原状态", "original status"),
    Text("豁免理由", "waiver reason"),
    Text("审核人", "reviewer"),
    Text("豁免日期", "waiver date"),
]


def waiver_cells(finding: Finding | None) -> list[str]:
    """The CSV columns under WAIVER_COLUMNS (empty for a finding that was not waived)."""
    w = finding.waiver if finding is not None else None
    if w is None:
        return [""] * len(WAIVER_COLUMNS)
    return [w.original_status.value, w.reason, w.by, w.date]
