"""What the page's routes share: the server's state and small request helpers."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from casecheck.i18n import Lang, Text
from casecheck.serve.folders import FolderBrowser
from casecheck.serve.jobs import Job, JobManager
from casecheck.serve.security import Guard

if TYPE_CHECKING:
    from casecheck.packs.ruleset import RuleSet

UPLOAD_LIMIT = 200_000_000  # bytes; a real 7–10 min video (≈ 450 MB) is checked from its folder
NO_JOB = Text(
    "找不到这项任务（可能已过期），请重新检查", "Job not found (it may have expired); check again"
)
NOT_CHECKED = Text("请先完成一次检查", "Run a check first")


@dataclass
class ServeState:
    """Everything the routes share (one per server)."""

    guard: Guard
    browser: FolderBrowser
    lang: Lang = "zh"
    packs_dirs: list[Path] = field(default_factory=list)
    upload_limit: int = UPLOAD_LIMIT
    jobs: JobManager = field(default_factory=JobManager)
    session_dir: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="casecheck-serve-"))
    )
    closing: bool = False
    # True once the server was asked to stop (Ctrl-C): progress streams end at once so
    # the server can shut down without waiting for a check to finish.
    stopping: Callable[[], bool] = lambda: False

    _ruleset: Any = None

    def ruleset(self) -> RuleSet:
        """The rules of the server's packs, compiled once (PackError: a broken user pack)."""
        if self._ruleset is None:
            from casecheck.packs.ruleset import load_ruleset

            self._ruleset = load_ruleset(self.packs_dirs, store=False)
        ruleset: RuleSet = self._ruleset
        return ruleset

    def close(self) -> None:
        self.closing = True
        self.jobs.close()
        shutil.rmtree(self.session_dir, ignore_errors=True)


def pack_list(ruleset: Callable[[], RuleSet]) -> list[dict[str, str]]:
    """The packs a page offers (id, Chinese and English title)."""
    try:
        packs = ruleset().packs()
    except Exception:  # a broken user pack: the page still offers automatic detection
        return []
    return [{"id": p.id, "zh": p.title.pick("zh"), "en": p.title.pick("en")} for p in packs]


def pick_lang(value: Any, state: ServeState) -> Lang:
    return "en" if value == "en" else ("zh" if value == "zh" else state.lang)


def refuse(status: int, message: Text, lang: Lang) -> JSONResponse:
    return JSONResponse({"error": message.pick(lang)}, status_code=status)


async def json_body(request: Request) -> dict[str, Any]:
    try:
        data = await request.json()
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def state_of(request: Request) -> ServeState:
    state: ServeState = request.app.state.serve
    return state


def job_of(request: Request) -> Job | None:
    return state_of(request).jobs.get(request.path_params["job_id"])


def job_summary(job: Job) -> dict[str, Any] | None:
    """The verdict and problems of a finished job, for the page's heading (the report has the rest).
    ``sentence`` is the counts as ``check`` words them, in both languages (the page switches)."""
    from casecheck.vocabulary import counts_sentence

    result = result_of(job)
    if result is None:
        return None
    return {
        "status": result.status.value,
        "counts": result.counts,
        "sentence": {lang: counts_sentence(result.counts, lang) for lang in ("zh", "en")},
        "pack": result.pack,
        "problems": [
            {"rule": f.rule, "status": f.status.value, "message": f.message}
            for f in result.findings
            if f.status.value not in ("pass", "skipped")
        ],
    }


def attachment(filename: str) -> str:
    ascii_name = "download" + (Path(filename).suffix if Path(filename).suffix.isascii() else "")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def report_response(
    result: Any, fmt: str, lang: Lang, titles: Any, download: bool, name: str | None = None
) -> Response:
    """The checked result as the feedback page (``html``) or the JSON report, as ``check``
    writes them; ``download`` names the file 「<folder>-检查报告.<fmt>」."""
    from casecheck.result import Report

    report = Report.of([result], titles=titles)
    if fmt == "json":
        from casecheck.render.json import render_json

        response: Response = Response(render_json(report), media_type="application/json")
    else:
        from casecheck.render.feedback import render_feedback_page

        response = HTMLResponse(render_feedback_page(result, lang, titles=report.titles))
    if download:
        name = name or Path(result.path).name or "report"
        response.headers["content-disposition"] = attachment(f"{name}-检查报告.{fmt}")
    return response


def result_of(job: Job | None) -> Any:
    """The checked result a finished job shows: the check's, or the re-check after a fix."""
    if job is None or job.state != "done":
        return None
    return job.result.after if job.kind == "fix" else job.result
