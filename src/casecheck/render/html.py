"""The batch summary page: one self-contained HTML file (inline CSS and JS, no external
asset) for the administrator.

A filter bar that stays on screen (verdict, 市州/高校, 类别, problem, free text), the summary
table with sortable columns (buttons in the headers, ``aria-sort`` kept up to date), the
per-rule tally that counts only the cases the filters show, the batch rules, and each case's
problems. Printed: landscape, the summary table and tally only, one row per case.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from casecheck import __version__
from casecheck.checkers.batch import BatchItem
from casecheck.i18n import Lang, Text
from casecheck.render.batch_text import case_marks, closing_line, main_cell
from casecheck.render.feedback import COLOR
from casecheck.render.waived import waived_html
from casecheck.render.words import (
    CASE_HEAD,
    SUMMARY_COUNTED,
    case_values,
    plain,
    summary_columns,
    where,
)
from casecheck.result import PROBLEMS, Finding, Report, Status, SubmissionResult
from casecheck.vocabulary import STATUS_LABEL, rule_title, verdict_label

Titles = dict[str, Text]

READY = (Status.PASS, Status.WARN, Status.MANUAL, Status.WAIVED, Status.SKIPPED)
CSS = """body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;
margin:0 1.2em 2em;color:#222}h1{font-size:1.5em;margin:.6em 0 .2em}h2{font-size:1.15em;margin:1.4em 0 .4em}
table{border-collapse:collapse;width:100%;margin:.4em 0}th,td{border:1px solid #ccc;padding:3px 6px;
vertical-align:top;text-align:left;font-size:14px}thead th{background:#1f4e78;color:#fff;position:sticky;
top:var(--bar-h,0px);z-index:1}th button{all:unset;cursor:pointer;display:block;width:100%}
th button:focus-visible{outline:2px solid #ffd966}th[aria-sort=ascending] button::after{content:" ▲"}
th[aria-sort=descending] button::after{content:" ▼"}td.n{text-align:right}
.bar{position:sticky;top:0;z-index:2;background:#f4f7fb;padding:.5em .6em;border-bottom:1px solid #bcd;
display:flex;flex-wrap:wrap;gap:.4em 1em;align-items:center}.bar label{white-space:nowrap}
.st{padding:1px 6px;border-radius:3px;white-space:nowrap}.muted{color:#666}.hint{color:#555}
details{border:1px solid #ccc;margin:.4em 0;padding:.3em .6em;border-radius:4px}summary{cursor:pointer}
@media (max-width:700px){table{display:block;overflow-x:auto}body{margin:0 .5em 2em}
td,th{font-size:13px}.bar label{white-space:normal}}
@media print{.bar,#cases,.noprint{display:none}thead th{position:static}body{margin:0}
tr{break-inside:avoid}th,td{font-size:10px;padding:2px 3px}@page{size:A4 landscape;margin:10mm}}"""
SCRIPT = """(function(){
var bar=document.getElementById('bar'),table=document.getElementById('summary');
function barHeight(){document.documentElement.style.setProperty('--bar-h',bar.offsetHeight+'px');}
window.addEventListener('resize',barHeight);barHeight();
var VERDICT={ready:['pass','warn','manual','waived','skipped'],notready:['fail','error']};
function val(id){return document.getElementById(id).value;}
function apply(){
 var v=val('f-verdict'),u=val('f-unit'),c=val('f-cat'),r=val('f-rule'),q=val('f-text').toLowerCase(),shown=0;
 var tally={};
 document.querySelectorAll('#summary tbody tr').forEach(function(tr){
  var st=tr.dataset.status,ok=(!v||(VERDICT[v]?VERDICT[v].indexOf(st)>=0:st===v))
   &&(!u||tr.dataset.unit===u)&&(!c||tr.dataset.cat===c)
   &&(!r||(' '+tr.dataset.rules+' ').indexOf(' '+r+' ')>=0)
   &&(!q||tr.textContent.toLowerCase().indexOf(q)>=0);
  tr.hidden=!ok;var d=document.getElementById('d'+tr.dataset.i);if(d)d.hidden=!ok;
  if(ok){shown++;tr.dataset.rules.split(' ').forEach(function(x){if(x)tally[x]=(tally[x]||0)+1;});}
 });
 document.getElementById('shown').textContent=shown;
 document.querySelectorAll('#tally tbody tr').forEach(function(tr){
  var n=tally[tr.dataset.rule]||0;tr.querySelector('.count').textContent=n;tr.hidden=n===0;});
}
['f-verdict','f-unit','f-cat','f-rule'].forEach(function(id){document.getElementById(id).addEventListener('change',apply);});
document.getElementById('f-text').addEventListener('input',apply);
function key(tr,i){var td=tr.children[i];return td.dataset.sort!==undefined?td.dataset.sort:td.textContent.trim();}
table.querySelectorAll('thead th').forEach(function(th,i){
 th.querySelector('button').addEventListener('click',function(){
  var dir=th.getAttribute('aria-sort')==='ascending'?'descending':'ascending',num=th.dataset.type==='num';
  table.querySelectorAll('thead th').forEach(function(o){o.setAttribute('aria-sort','none');});
  th.setAttribute('aria-sort',dir);
  var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
  rows.sort(function(a,b){var x=key(a,i),y=key(b,i),d=num?(parseFloat(x)||0)-(parseFloat(y)||0):x.localeCompare(y,'zh-CN');
   return (dir==='ascending'?d:-d)||(a.dataset.i-b.dataset.i);});
  rows.forEach(function(tr){body.appendChild(tr);});
 });
});
apply();
})();"""


def _badge(status: Status, text: str) -> str:
    return f'<span class="st" style="background:{COLOR[status.value]}">{escape(text)}</span>'


def _rel(target: Path | str, base: Path | None) -> str | None:
    if base is None:
        return None
    try:
        return Path(os.path.relpath(Path(target).absolute(), base.absolute().parent)).as_posix()
    except ValueError:
        return None


def _options(values: list[tuple[str, str]], everything: str) -> str:
    opts = "".join(f'<option value="{escape(v)}">{escape(label)}</option>' for v, label in values)
    return f'<option value="">{escape(everything)}</option>{opts}'


def _bar(
    pairs: list[tuple[BatchItem, SubmissionResult]], rules: list[str], titles: Titles, lang: Lang
) -> str:
    t = lambda zh, en: Text(zh, en).pick(lang)  # noqa: E731
    verdicts = [("ready", t("通过", "ready")), ("notready", t("未通过", "not ready"))] + [
        (s.value, verdict_label(s, lang))
        for s in (Status.PASS, Status.WARN, Status.MANUAL, Status.FAIL, Status.ERROR)
    ]
    units = list(dict.fromkeys(r.case.unit for _, r in pairs if r.case.unit))
    cats = list(dict.fromkeys(r.case.category for _, r in pairs if r.case.category))
    all_ = t("全部", "all")
    fields = [
        ("f-verdict", t("结论", "Verdict"), _options(verdicts, all_)),
        ("f-unit", CASE_HEAD["unit"].pick(lang), _options([(u, u) for u in units], all_)),
        ("f-cat", CASE_HEAD["category"].pick(lang), _options([(c, c) for c in cats], all_)),
        (
            "f-rule",
            t("存在问题", "Problem"),
            _options([(r, rule_title(r, titles, lang)) for r in rules], all_),
        ),
    ]
    selects = "".join(
        f'<label>{label} <select id="{fid}">{opts}</select></label>' for fid, label, opts in fields
    )
    return (
        f'<div class="bar" id="bar" role="search">{selects}'
        f'<label>{t("查找", "Find")} <input id="f-text" type="search" size="18"></label>'
        f'<span>{t("显示", "showing")} <b id="shown">{len(pairs)}</b> / {len(pairs)}</span></div>'
    )


def _summary(
    pairs: list[tuple[BatchItem, SubmissionResult]],
    titles: Titles,
    lang: Lang,
    pages: list[Path] | None,
    base: Path | None,
    marks: list[list[tuple[Finding, str]]],
) -> str:
    head = "".join(
        f'<th scope="col" aria-sort="none" data-type="{"num" if count else "text"}">'
        f'<button type="button">{escape(h)}</button></th>'
        for h, count in summary_columns(lang)
    )
    rows = []
    for i, (item, r) in enumerate(pairs):
        problems = sorted(rule for rule, st in r.rule_statuses().items() if st in PROBLEMS)
        cells = [escape(v) for v in case_values(r.case)]
        link = _rel(pages[i], base) if pages else None
        if link:
            cells[3] = f'<a href="{escape(link)}">{cells[3] or escape(item.rel)}</a>'
        c = r.counts
        verdict = verdict_label(r.status, lang)
        rank = 0 if r.status in READY else 1
        cells.append(f'<a href="#d{i}">{escape(item.rel)}</a>')
        tds = "".join(f"<td>{x}</td>" for x in cells)
        tds += f'<td data-sort="{rank}{r.status.value}">{_badge(r.status, verdict)}</td>'
        nums = "".join(f'<td class="n">{c[k]}</td>' for k in (s.value for s in SUMMARY_COUNTED))
        main = main_cell(r, marks[i], titles, lang)
        rows.append(
            f'<tr data-i="{i}" data-status="{r.status.value}" data-unit="{escape(r.case.unit or "")}" '
            f'data-cat="{escape(r.case.category or "")}" data-rules="{escape(" ".join(problems))}">'
            f"{tds}{nums}<td>{escape(main)}</td></tr>"
        )
    return (
        f'<table id="summary"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _tally(pairs: list[tuple[BatchItem, SubmissionResult]], titles: Titles, lang: Lang) -> str:
    t = lambda zh, en: Text(zh, en).pick(lang)  # noqa: E731
    rules = sorted({f.rule for _, r in pairs for f in r.findings if f.status in PROBLEMS})
    rows = "".join(
        f'<tr data-rule="{escape(rule)}"><td>{escape(rule_title(rule, titles, lang))}</td>'
        f'<td class="muted">{escape(rule)}</td><td class="n count"></td></tr>'
        for rule in rules
    )
    head = (
        f'<tr><th scope="col">{t("检查项", "Check")}</th><th scope="col">{t("规则 id", "Rule id")}</th>'
        f'<th scope="col">{t("有此问题的案例数（按当前筛选）", "Cases with this problem (filtered)")}</th></tr>'
    )
    return f'<table id="tally"><thead>{head}</thead><tbody>{rows}</tbody></table>'


def findings_table(findings: list[Finding], titles: Titles, lang: Lang) -> str:
    """Findings as a table in words: check, status, where, measured, required, message, fix."""
    t = lambda zh, en: Text(zh, en).pick(lang)  # noqa: E731
    heads = [
        t("检查项", "Check"),
        t("状态", "Status"),
        t("位置", "Where"),
        t("实测", "Measured"),
        t("要求", "Required"),
        t("说明与修改建议", "Message and fix"),
    ]
    rows = []
    for f in findings:
        hint = f'<div class="hint">→ {escape(f.hint)}</div>' if f.hint else ""
        rows.append(
            f"<tr><td>{escape(rule_title(f.rule, titles, lang))}</td><td>{_badge(f.status, STATUS_LABEL[f.status].pick(lang))}</td>"
            f"<td>{escape(where(f))}</td><td>{escape(plain(f.actual, lang, f.rule))}</td>"
            f"<td>{escape(plain(f.expected, lang, f.rule))}</td><td>{escape(f.message)}{hint}</td></tr>"
        )
    head = "".join(f'<th scope="col">{h}</th>' for h in heads)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def render_html(
    report: Report,
    items: list[BatchItem],
    lang: Lang,
    *,
    pages: list[Path] | None = None,
    base: Path | None = None,
) -> str:
    """The page; with ``pages`` (feedback pages) and ``base`` (where the page is written) the
    case names link to the feedback pages, relative to the page's folder."""
    t = lambda zh, en: Text(zh, en).pick(lang)  # noqa: E731
    titles = report.titles
    pairs = list(zip(items, report.submissions, strict=True))
    marks = case_marks(report, lang)
    rules = sorted({f.rule for _, r in pairs for f in r.findings if f.status in PROBLEMS})
    parts = [
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{t('案例批量检查报告', 'Batch check report')}</title><style>{CSS}</style></head><body>",
        _bar(pairs, rules, titles, lang),
        f"<h1>{t('案例批量检查报告', 'Batch check report')}</h1>",
        f'<p class="muted">casecheck {escape(__version__)} — '
        + escape(closing_line(report, lang))
        + "</p>",
        f"<h2>{t('汇总', 'Summary')}</h2>",
        _summary(pairs, titles, lang, pages, base, marks),
    ]
    if rules:
        parts += [
            f"<h2>{t('各检查项的问题案例数', 'Cases per problem')}</h2>",
            _tally(pairs, titles, lang),
        ]
    if report.batch_findings:
        parts.append(
            f"<h2>{t('批量规则（指标、重复报送）', 'Batch rules (quota, duplicates)')}</h2>"
        )
        parts.append(findings_table(report.batch_findings, titles, lang))
    parts.append(waived_html(report, lang))  # accepted exceptions: who, why, when
    parts.append(f'<section id="cases"><h2>{t("各案例问题", "Problems per case")}</h2>')
    for i, (item, r) in enumerate(pairs):
        problems = [
            f for f in r.findings if f.status not in (Status.PASS, Status.SKIPPED, Status.WAIVED)
        ]
        body = "".join(f'<p class="mark">{escape(w)}</p>' for _, w in marks[i]) + (
            findings_table(problems, titles, lang)
            if problems
            else f'<p class="muted">{t("没有需要修改的问题", "Nothing to fix")}</p>'
        )
        title = " · ".join(x for x in (r.case.unit, r.case.name, item.rel) if x)
        parts.append(
            f'<details id="d{i}"><summary><b>{escape(title)}</b> '
            f"{_badge(r.status, verdict_label(r.status, lang))}</summary>{body}</details>"
        )
    parts.append(f"</section><script>{SCRIPT}</script></body></html>\n")
    return "\n".join(parts)
