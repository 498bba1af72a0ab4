"""The report the page shows for one checked submission.

It is the per-submission feedback page of ``casecheck check --html`` when this build has
that renderer; otherwise a plain page with the same content (verdict, then each problem with
where / measured / required / how to fix, and its pictures).
"""

from __future__ import annotations

import base64
import importlib
import json
from html import escape
from typing import Any

from casecheck.findings import Finding, Status, SubmissionResult
from casecheck.i18n import Lang, Text

VERDICT = {
    Status.PASS: Text("可以报送", "Ready to submit"),
    Status.MANUAL: Text("可以报送（有需人工确认的项）", "Ready (items need a person to confirm)"),
    Status.WARN: Text("可以报送（有警告）", "Ready (with warnings)"),
    Status.WAIVED: Text("可以报送", "Ready to submit"),
    Status.FAIL: Text("未通过：需要修改后再报送", "Not ready: fix the problems first"),
    Status.ERROR: Text("未通过：有文件无法读取", "Not ready: a file could not be read"),
    Status.SKIPPED: Text("未检查", "Not checked"),
}
STATUS = {
    Status.PASS: Text("通过", "pass"),
    Status.FAIL: Text("不合格", "fail"),
    Status.WARN: Text("警告", "warning"),
    Status.MANUAL: Text("需人工确认", "manual"),
    Status.SKIPPED: Text("未检查", "skipped"),
    Status.ERROR: Text("无法读取", "error"),
    Status.WAIVED: Text("已豁免", "waived"),
}
CSS = """body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:1em;color:#222}
.verdict{font-size:1.3em;padding:.5em .8em;border-radius:6px}.v-bad{background:#ffc7ce}.v-ok{background:#c6efce}
.f{border:1px solid #ccc;border-radius:6px;margin:.6em 0;padding:.5em .8em}.f h3{margin:.1em 0;font-size:1em}
.k{color:#555;display:inline-block;min-width:4.5em}.hint{color:#1f4e78}.req{color:#777}img{max-width:320px;margin:.3em}"""


def _feedback_renderer() -> Any:
    """The shared per-submission renderer (``casecheck.render.feedback``), if present."""
    try:
        module = importlib.import_module("casecheck.render.feedback")
    except ModuleNotFoundError:
        return None
    return getattr(module, "render_feedback_page", None)


def _value(value: Any) -> str:
    if value is None:
        return "—"
    return escape(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))


def _finding(f: Finding, lang: Lang) -> str:
    t = lambda zh, en: Text(zh, en).pick(lang)  # noqa: E731
    where = " · ".join(escape(x) for x in (f.file, f.location) if x) or "—"
    pictures = "".join(
        f'<img alt="{escape(p.label)}" title="{escape(p.label)}" '
        f'src="data:image/jpeg;base64,{base64.b64encode(p.jpeg).decode()}">'
        for p in f.pictures
        if p.jpeg
    )
    return (
        f'<div class="f" data-rule="{escape(f.rule)}" data-status="{f.status.value}">'
        f"<h3>{escape(STATUS[f.status].pick(lang))} · {escape(f.rule)}</h3>"
        f"<div>{escape(f.message)}</div>"
        f'<div><span class="k">{t("位置", "Where")}</span>{where}</div>'
        f'<div><span class="k">{t("实测", "Measured")}</span>{_value(f.actual)}</div>'
        f'<div><span class="k">{t("要求", "Required")}</span>{_value(f.expected)}</div>'
        + (f'<div class="hint">→ {escape(f.hint)}</div>' if f.hint else "")
        + (f'<div class="req">「{escape(f.requirement)}」</div>' if f.requirement else "")
        + pictures
        + "</div>"
    )


def plain_report(result: SubmissionResult, lang: Lang) -> str:
    t = lambda zh, en: Text(zh, en).pick(lang)  # noqa: E731
    problems = [f for f in result.findings if f.status not in (Status.PASS, Status.SKIPPED)]
    ok = result.status not in (Status.FAIL, Status.ERROR)
    passed = result.counts.get("pass", 0)
    body = (
        "".join(_finding(f, lang) for f in problems)
        or f"<p>{t('没有需要修改的问题', 'Nothing to fix')}</p>"
    )
    return (
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        f"<title>{t('案例检查报告', 'Check report')}</title><style>{CSS}</style></head><body>"
        f'<p class="verdict {"v-ok" if ok else "v-bad"}" id="verdict" data-status="{result.status.value}">'
        f"{escape(VERDICT[result.status].pick(lang))}</p>"
        f"<p>{t('规则包', 'Pack')}: {escape(result.pack)} ({escape(result.pack_reason)}) · "
        f"{t('通过', 'passed')} {passed}</p>{body}</body></html>"
    )


def report_page(result: SubmissionResult, lang: Lang) -> str:
    """The HTML report page for one result (self-contained: pictures inline)."""
    renderer = _feedback_renderer()
    if renderer is not None:
        return str(renderer(result, lang))
    return plain_report(result, lang)
