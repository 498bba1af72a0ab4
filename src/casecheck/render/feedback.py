"""The feedback page of one submission: a self-contained HTML file (inline CSS, pictures as
data: URIs, no script, no external asset) that an administrator e-mails to the school and a
teacher keeps. ``batch --feedback DIR`` writes one per submission, ``check --html FILE`` one.

It shows who and what the case is, the verdict, every problem with where it is, what was
measured, what is required, how to fix it and the sentence of the guide it rests on, the
pictures backing a finding, the waived findings with reason, reviewer and date, and the
checks that passed.
"""

from __future__ import annotations

import base64
import re
from datetime import datetime
from html import escape
from pathlib import Path

from casecheck import __version__
from casecheck.i18n import Lang, Text
from casecheck.render.batch_text import case_marks
from casecheck.render.words import CASE_COLUMNS, FOLDER_HEAD, plain, where
from casecheck.result import (
    STATUS_RANK,
    Finding,
    Picture,
    Report,
    Status,
    SubmissionResult,
    group_of,
)
from casecheck.vocabulary import (
    STATUS_LABEL,
    counts_sentence,
    group_rank,
    group_title,
    pack_reason,
    rule_title,
    verdict_label,
)

Titles = dict[str, Text]

COLOR = {
    "pass": "#c6efce",
    "fail": "#ffc7ce",
    "error": "#e4b8f0",
    "warn": "#ffeb9c",
    "manual": "#bdd7ee",
    "skipped": "#ededed",
    "waived": "#e4dfec",
}
# Long URLs, paths and places wrap anywhere (a phone is 390 px wide: nothing is cut or scrolls
# sideways); the grid's 1fr is minmax(0,1fr) so one long word cannot widen the column.
CSS = """body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;max-width:960px;
margin:1.5em auto;padding:0 1em;color:#222;line-height:1.55;overflow-wrap:anywhere}h1{font-size:1.5em;margin:.2em 0}
h2{font-size:1.2em;border-bottom:2px solid #1f4e78;padding-bottom:.2em;margin-top:1.6em}
h3{font-size:1.05em;margin:.1em 0 .3em}table.case{border-collapse:collapse;margin:.6em 0;width:100%}
table.case th,table.case td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
table.case th{background:#eef3f8;width:8em;font-weight:normal;color:#444}
.verdict{font-size:1.3em;font-weight:bold;padding:.5em .8em;border-radius:6px;margin:.8em 0}
.st{padding:1px 6px;border-radius:3px;white-space:nowrap;font-size:.85em}
.problem{border:1px solid #ccc;border-left:6px solid #999;border-radius:4px;padding:.5em .8em;margin:.7em 0;
break-inside:avoid}.problem dl{display:grid;grid-template-columns:7em minmax(0,1fr);gap:.15em .8em;margin:.4em 0}
.problem dt{color:#555}.problem dd{margin:0}.rid{color:#888;font-size:.8em;font-family:monospace}
.req{color:#444;font-style:italic}figure{display:inline-block;margin:.3em .6em .3em 0;vertical-align:top;
max-width:100%}figure img{max-width:min(280px,100%);max-height:180px;border:1px solid #bbb}figcaption{font-size:.85em;color:#555}
ul.passed{columns:2;font-size:.9em;color:#333}.muted{color:#777;font-size:.9em}
@media (max-width:600px){body{margin:.8em auto;padding:0 .6em}ul.passed{columns:1;padding-left:1.2em}
.problem{padding:.5em .6em}.problem dl{grid-template-columns:minmax(0,1fr);gap:0}.problem dt{margin-top:.3em;font-size:.85em}
table.case th{width:5.5em}}
@media print{body{max-width:none;margin:0}h2{break-after:avoid}@page{size:A4;margin:15mm}}"""


def _badge(status: Status, lang: Lang, label: str | None = None) -> str:
    text = label or STATUS_LABEL[status].pick(lang)
    return f'<span class="st" style="background:{COLOR[status.value]}">{escape(text)}</span>'


def _timecode(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes:02d}:{rest:02d}"


PICTURE_LABEL = {
    "first frame": Text("片头画面", "first frame"),
    "last frame": Text("片尾画面", "last frame"),
    "first slide": Text("课件首页", "first slide"),
    "last slide": Text("课件尾页", "last slide"),
    "face": Text("人脸", "face"),
}


def picture_html(picture: Picture, lang: Lang = "zh") -> str:
    """A figure with the picture inline (base64 JPEG) and its label and timecode."""
    label = PICTURE_LABEL.get(picture.label)
    caption = escape(label.pick(lang) if label else picture.label)
    if picture.time_s is not None:
        caption += f" · {_timecode(picture.time_s)}"
    img = ""
    if picture.jpeg:
        data = base64.b64encode(picture.jpeg).decode("ascii")
        img = f'<img src="data:image/jpeg;base64,{data}" alt="{escape(picture.label)}">'
    return f"<figure>{img}<figcaption>{caption}</figcaption></figure>"


def _problem(f: Finding, titles: Titles, lang: Lang) -> str:
    t = lambda zh, en: Text(zh, en).pick(lang)  # noqa: E731
    rows = [
        (t("位置", "Where"), where(f) or t("整个材料", "the whole material")),
        (t("实测", "Measured"), plain(f.actual, lang, f.rule)),
        (t("要求", "Required"), plain(f.expected, lang, f.rule)),
        (t("如何修改", "How to fix"), f.hint or ""),
        (t("依据", "Source"), f"「{f.requirement}」" if f.requirement else ""),
    ]
    if f.waiver is not None:
        w = f.waiver
        rows += [
            (t("原状态", "Was"), STATUS_LABEL[w.original_status].pick(lang)),
            (t("豁免理由", "Reason"), w.reason),
            (t("审核人", "Reviewer"), w.by),
            (t("日期", "Date"), w.date + (f" → {w.expires}" if w.expires else "")),
        ]
    dl = "".join(f"<dt>{k}</dt><dd>{escape(v)}</dd>" for k, v in rows if v)
    pictures = "".join(picture_html(p, lang) for p in f.pictures)
    return (
        f'<article class="problem" data-rule="{escape(f.rule)}" data-status="{f.status.value}" '
        f'style="border-left-color:{COLOR[f.status.value]}">'
        f"<h3>{escape(rule_title(f.rule, titles, lang))} {_badge(f.status, lang)} "
        f'<span class="rid">{escape(f.rule)}</span></h3>'
        f"<div>{escape(f.message)}</div><dl>{dl}</dl>{pictures}</article>"
    )


def _counted(title: str, n: int, lang: Lang) -> str:
    return f"{title}（{n}）" if lang == "zh" else f"{title} ({n})"


def _by_material(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    groups: dict[str, list[Finding]] = {}
    for f in sorted(findings, key=lambda f: -STATUS_RANK[f.status]):
        groups.setdefault(group_of(f), []).append(f)
    return sorted(groups.items(), key=lambda kv: group_rank(kv[0]))


def _case_table(result: SubmissionResult, lang: Lang) -> str:
    t = lambda zh, en: Text(zh, en).pick(lang)  # noqa: E731
    rows = [(head.pick(lang), getattr(result.case, key) or "—") for key, head in CASE_COLUMNS]
    reason = pack_reason(result.pack_reason, lang)
    rows += [
        (FOLDER_HEAD.pick(lang), Path(result.path).name),
        (
            t("规则包", "Pack"),
            f"{result.pack}（{reason}）" if lang == "zh" else f"{result.pack} ({reason})",
        ),
    ]
    body = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    return f'<table class="case">{body}</table>'


def render_feedback_page(
    result: SubmissionResult,
    lang: Lang,
    *,
    titles: Titles | None = None,
    checked_at: str | None = None,
    marks: list[tuple[Finding, str]] | None = None,
) -> str:
    """The whole page as one HTML string; its counts are the result's (result.py). ``marks``:
    what the batch rules say about this case (重复, 超指标), said under the verdict."""
    t = lambda zh, en: Text(zh, en).pick(lang)  # noqa: E731
    titles = titles or {}
    name = result.case.name or Path(result.path).name
    statuses = result.rule_statuses()

    def counted_as(*wanted: Status) -> list[Finding]:
        """The findings of the rules that count under ``wanted``, without their passes."""
        return [
            f
            for f in result.findings
            if statuses[f.rule] in wanted
            and (f.status in wanted or f.status not in (Status.PASS, Status.SKIPPED))
        ]

    problems = counted_as(Status.FAIL, Status.ERROR, Status.WARN)
    manual = counted_as(Status.MANUAL)
    waived = [f for f in result.findings if f.status is Status.WAIVED]
    passed = [
        f for f in result.findings if statuses[f.rule] is Status.PASS and f.status is Status.PASS
    ]
    skipped = [f for f in result.findings if statuses[f.rule] is Status.SKIPPED]
    c = result.counts
    when = checked_at or datetime.now().strftime("%Y-%m-%d %H:%M")
    summary = counts_sentence(c, lang)
    parts = [
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(name)} — {t('案例材料检查结果', 'check result')}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(name)}</h1>",
        f'<p class="muted">{t("案例材料检查结果", "Submission check result")} · casecheck {escape(__version__)} · {escape(when)}</p>',
        _case_table(result, lang),
        f'<div class="verdict" id="verdict" data-status="{result.status.value}" '
        f'style="background:{COLOR[result.status.value]}">{t("结论", "Verdict")}：'
        f"{escape(verdict_label(result.status, lang))}</div><p>{escape(summary)}</p>",
    ]
    if marks:
        said = "".join(
            f"<li><b>{escape(words)}</b>{f' — {escape(f.hint)}' if f.hint else ''}</li>"
            for f, words in marks
        )
        parts.append(
            f'<section id="batch-marks"><h2>{t("批量检查发现", "Found by the batch check")}</h2>'
            f"<ul>{said}</ul></section>"
        )
    sections = [
        (
            t("需要修改的问题", "To fix"),
            c["fail"] + c["error"] + c["warn"],
            problems,
            t("没有需要修改的问题。", "Nothing to fix."),
        ),
        (t("需要人工确认", "To confirm by hand"), c["manual"], manual, None),
        (t("已豁免", "Waived"), c["waived"], waived, None),
    ]
    for title, n, findings, empty in sections:
        if not findings and empty is None:
            continue
        parts.append(f"<section><h2>{_counted(title, n, lang)}</h2>")
        if not findings:
            parts.append(f"<p>{empty}</p>")
        for material, group in _by_material(findings):
            parts.append(f"<h3>■ {escape(group_title(material, lang))}</h3>")
            parts += [_problem(f, titles, lang) for f in group]
        parts.append("</section>")
    for title, n, listed, style in (
        (t("已通过的检查", "Passed"), c["pass"], passed, "passed"),
        (t("未检查", "Not checked"), c["skipped"], skipped, "passed muted"),
    ):
        if listed:
            items = "".join(
                f"<li>{escape(rule_title(f.rule, titles, lang))}：{escape(f.message)}</li>"
                for f in listed
            )
            parts.append(
                f'<section><h2>{_counted(title, n, lang)}</h2><ul class="{style}">{items}</ul></section>'
            )
    parts.append("</body></html>\n")
    return "\n".join(parts)


# ── file names ──────────────────────────────────────────────────────────────
UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
NAME_MAX = 120  # characters; most file systems allow 255 bytes, CJK takes 3 each


def feedback_name(result: SubmissionResult) -> str:
    """「长沙市-长沙市第一中学-张明-AI赋能听评课」, sanitised; the folder name when the form
    says nothing."""
    c = result.case
    parts = [p for p in (c.unit, c.school, c.first_author, c.name) if p]
    if not parts:
        parts = [Path(result.path).name or "案例"]
    text = "-".join(UNSAFE.sub("_", re.sub(r"\s+", " ", p).strip()) for p in parts)
    text = text.strip(" .") or "案例"
    return text[:NAME_MAX]


def write_feedback_pages(report: Report, directory: Path, lang: Lang) -> list[Path]:
    """One page per submission in ``directory`` (created), names made unique with -2, -3 …"""
    directory.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    written = []
    when = datetime.now().strftime("%Y-%m-%d %H:%M")
    marks = case_marks(report, lang)
    for result, mine in zip(report.submissions, marks, strict=True):
        base = feedback_name(result)
        stem, n = base, 2
        while stem.casefold() in used:
            stem, n = f"{base}-{n}", n + 1
        used.add(stem.casefold())
        path = directory / f"{stem}.html"
        page = render_feedback_page(result, lang, titles=report.titles, checked_at=when, marks=mine)
        path.write_text(page, encoding="utf-8")
        written.append(path)
    return written
