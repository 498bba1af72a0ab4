"""One self-contained HTML page (inline CSS and JS, no external assets) to e-mail to schools:
totals, filters by status and rule, the summary table, batch rules, each submission's findings.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from casecheck import __version__
from casecheck.checkers.batch import BatchItem
from casecheck.findings import Finding, Report, Status
from casecheck.i18n import Lang, Text
from casecheck.render.batch_text import rule_statuses, rule_tally, top_rules, verdict_label
from casecheck.render.text import STATUS_LABEL
from casecheck.render.waived import waived_html

COLOR = {
    "pass": "#c6efce",
    "fail": "#ffc7ce",
    "error": "#e4b8f0",
    "warn": "#ffeb9c",
    "manual": "#bdd7ee",
    "skipped": "#ededed",
}
CSS = """body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #ccc;padding:4px 6px;
vertical-align:top;text-align:left;font-size:14px}th{background:#1f4e78;color:#fff;position:sticky;top:0}
details{border:1px solid #ccc;margin:.4em 0;padding:.3em .6em;border-radius:4px}summary{cursor:pointer}
.st{padding:1px 6px;border-radius:3px;white-space:nowrap}.bar{position:sticky;top:0;background:#fff;
padding:.5em 0;border-bottom:1px solid #ddd}.hint{color:#555;font-style:italic}.muted{color:#777}"""
SCRIPT = """function applyFilters(){
 var s=document.getElementById('f-status').value, r=document.getElementById('f-rule').value,
     q=document.getElementById('f-text').value.toLowerCase();
 document.querySelectorAll('[data-sub]').forEach(function(el){
  var ok=(!s||el.dataset.status===s||(' '+el.dataset.statuses+' ').indexOf(' '+s+' ')>=0)
        &&(!r||(' '+el.dataset.rules+' ').indexOf(' '+r+' ')>=0)
        &&(!q||el.dataset.folder.toLowerCase().indexOf(q)>=0);
  el.style.display=ok?'':'none';});
 document.querySelectorAll('tr[data-rule]').forEach(function(tr){
  tr.style.display=(!r||tr.dataset.rule===r)&&(!s||tr.dataset.st===s)?'':'none';});
}"""


def _badge(status: Status, lang: Lang, label: str | None = None) -> str:
    text = label or STATUS_LABEL[status].pick(lang)
    return f'<span class="st" style="background:{COLOR[status.value]}">{escape(text)}</span>'


def _value(v: Any) -> str:
    if v is None:
        return ""
    return escape(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))


def _findings(findings: list[Finding], lang: Lang, folder_column: bool = False) -> str:
    heads = [
        Text("状态", "Status"),
        Text("规则", "Rule"),
        Text("位置", "Where"),
        Text("实测", "Measured"),
        Text("要求", "Required"),
        Text("说明与修改建议", "Message and fix"),
    ]
    rows = []
    for f in findings:
        where = " · ".join(escape(x) for x in (f.file, f.location) if x)
        hint = f'<div class="hint">→ {escape(f.hint)}</div>' if f.hint else ""
        req = f'<div class="muted">「{escape(f.requirement)}」</div>' if f.requirement else ""
        rows.append(
            f'<tr data-rule="{escape(f.rule)}" data-st="{f.status.value}"><td>{_badge(f.status, lang)}</td>'
            f"<td>{escape(f.rule)}</td><td>{where}</td><td>{_value(f.actual)}</td><td>{_value(f.expected)}</td>"
            f"<td>{escape(f.message)}{hint}{req}</td></tr>"
        )
    head = "".join(f"<th>{h.pick(lang)}</th>" for h in heads)
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def _attrs(item: BatchItem, statuses: dict[str, Status], status: Status) -> str:
    problem = sorted(
        r
        for r, s in statuses.items()
        if s in (Status.FAIL, Status.ERROR, Status.WARN, Status.MANUAL)
    )
    every = sorted({s.value for s in statuses.values()})
    return (
        f'data-sub="1" data-status="{status.value}" data-statuses="{" ".join(every)}" '
        f'data-rules="{escape(" ".join(problem))}" data-folder="{escape(item.rel)}"'
    )


def render_html(report: Report, items: list[BatchItem], lang: Lang) -> str:
    t = lambda zh, en: Text(zh, en).pick(lang)  # noqa: E731
    pairs = list(zip(items, report.submissions, strict=True))
    ready = sum(1 for _, r in pairs if r.status not in (Status.FAIL, Status.ERROR))
    rules = sorted(
        {f.rule for _, r in pairs for f in r.findings} | {f.rule for f in report.batch_findings}
    )
    status_opts = "".join(
        f'<option value="{s.value}">{STATUS_LABEL[s].pick(lang)}</option>' for s in Status
    )
    rule_opts = "".join(f'<option value="{escape(r)}">{escape(r)}</option>' for r in rules)
    parts = [
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        f"<title>{t('casecheck 批量检查报告', 'casecheck batch report')}</title><style>{CSS}</style></head><body>",
        f"<h1>{t('案例批量检查报告', 'Batch check report')}</h1>",
        f'<p class="muted">casecheck {escape(__version__)} — '
        + t(
            f"共 {len(pairs)} 个案例，通过 {ready} 个，未通过 {len(pairs) - ready} 个",
            f"{len(pairs)} submissions, {ready} ready, {len(pairs) - ready} not ready",
        )
        + "</p>",
        '<div class="bar">'
        + t("状态", "Status")
        + f' <select id="f-status" onchange="applyFilters()"><option value="">{t("全部", "all")}</option>{status_opts}</select> '
        + t("规则", "Rule")
        + f' <select id="f-rule" onchange="applyFilters()"><option value="">{t("全部", "all")}</option>{rule_opts}</select> '
        + t("文件夹", "Folder")
        + ' <input id="f-text" oninput="applyFilters()" size="30"></div>',
        f"<h2>{t('汇总', 'Summary')}</h2><table><tr><th>{t('案例文件夹', 'Folder')}</th><th>{t('规则包', 'Pack')}</th>"
        f"<th>{t('结论', 'Verdict')}</th><th>{t('不合格/无法读取/警告/人工', 'fail/error/warn/manual')}</th>"
        f"<th>{t('主要问题', 'Top rules')}</th></tr>",
    ]
    for i, (item, r) in enumerate(pairs):
        c = r.counts
        parts.append(
            f'<tr {_attrs(item, rule_statuses(r), r.status)}><td><a href="#s{i}">{escape(item.rel)}</a></td>'
            f"<td>{escape(r.pack)}</td><td>{_badge(r.status, lang, verdict_label(r.status, lang))}</td>"
            f"<td>{c['fail']}/{c['error']}/{c['warn']}/{c['manual']}</td><td>{escape(', '.join(top_rules(r)))}</td></tr>"
        )
    parts.append("</table>")
    tally = rule_tally(report)
    if tally:
        parts.append(f"<h2>{t('各规则未通过的案例数', 'Submissions per failing rule')}</h2><table>")
        parts += [
            f"<tr><td>{escape(rule)}</td><td>{_badge(st, lang)}</td><td>{n}</td></tr>"
            for rule, st, n in tally
        ]
        parts.append("</table>")
    if report.batch_findings:
        parts.append(
            f"<h2>{t('批量规则（指标、重复报送）', 'Batch rules (quota, duplicates)')}</h2>"
        )
        parts.append(_findings(report.batch_findings, lang))
    parts.append(waived_html(report, lang))  # accepted exceptions: who, why, when
    parts.append(f"<h2>{t('各案例问题', 'Findings per submission')}</h2>")
    for i, (item, r) in enumerate(pairs):
        problems = [
            f for f in r.findings if f.status not in (Status.PASS, Status.SKIPPED, Status.WAIVED)
        ]
        passed = sum(1 for f in r.findings if f.status is Status.PASS)
        body = (
            _findings(problems, lang)
            if problems
            else f'<p class="muted">{t("没有需要修改的问题", "Nothing to fix")}</p>'
        )
        mats = "、".join(f"{escape(k)}: {escape(v or '—')}" for k, v in r.materials.items())
        parts.append(
            f'<details id="s{i}" {_attrs(item, rule_statuses(r), r.status)}{" open" if problems else ""}>'
            f"<summary><b>{escape(item.rel)}</b> {_badge(r.status, lang, verdict_label(r.status, lang))} "
            f'<span class="muted">{escape(r.pack)} · {t("通过", "passed")} {passed}</span></summary>'
            f'<p class="muted">{mats}</p>{body}</details>'
        )
    parts.append(f"<script>{SCRIPT}</script></body></html>\n")
    return "\n".join(parts)
