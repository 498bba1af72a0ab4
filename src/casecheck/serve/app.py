"""The Starlette app behind ``casecheck serve``: the page, the folder browser, jobs, downloads."""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import tempfile
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route

from casecheck.i18n import Lang, Text
from casecheck.serve.fixing import fix_available
from casecheck.serve.folders import FolderBrowser, FolderError, is_within
from casecheck.serve.jobs import Job, JobManager
from casecheck.serve.page import page_html
from casecheck.serve.report import report_page
from casecheck.serve.security import Guard, GuardMiddleware
from casecheck.serve.uploads import UploadRefused, receive_files

UPLOAD_LIMIT = 200_000_000  # bytes; a real 7–10 min video (≈ 450 MB) is checked from its folder
NO_JOB = Text(
    "找不到这项任务（可能已过期），请重新检查", "Job not found (it may have expired); check again"
)
NOT_CHECKED = Text("请先完成一次检查", "Run a check first")
OUT_INSIDE = Text(
    "输出文件夹不能在案例文件夹里面（casecheck 从不写入案例文件夹）",
    "The output folder cannot be inside the submission folder (casecheck never writes there)",
)
OUT_SUBMISSION = Text(
    "输出文件夹不能是另一个案例文件夹，请选一个空文件夹或上一级文件夹",
    "The output folder cannot be another submission folder; choose an empty or parent folder",
)


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

    def close(self) -> None:
        self.closing = True
        self.jobs.close()
        shutil.rmtree(self.session_dir, ignore_errors=True)


def _lang(value: Any, state: ServeState) -> Lang:
    return "en" if value == "en" else ("zh" if value == "zh" else state.lang)


def _refuse(status: int, message: Text, lang: Lang) -> JSONResponse:
    return JSONResponse({"error": message.pick(lang)}, status_code=status)


async def _json_body(request: Request) -> dict[str, Any]:
    try:
        data = await request.json()
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _state(request: Request) -> ServeState:
    state: ServeState = request.app.state.serve
    return state


def _job(request: Request) -> Job | None:
    return _state(request).jobs.get(request.path_params["job_id"])


def _pack_list(state: ServeState) -> list[dict[str, str]]:
    from casecheck.packs import load_library

    try:
        library = load_library(state.packs_dirs)
        return [
            {"id": p.id, "zh": p.title.pick("zh"), "en": p.title.pick("en")} for p in library.all()
        ]
    except Exception:  # a broken user pack: the page still offers automatic detection
        return []


async def index(request: Request) -> Response:
    state = _state(request)
    config = {
        "token": state.guard.token,
        "lang": state.lang,
        "root": state.browser.root.name or str(state.browser.root),
        "packs": _pack_list(state),
        "fix": fix_available(),
        "uploadLimit": state.upload_limit,
    }
    return HTMLResponse(page_html(config))


async def folders(request: Request) -> Response:
    state = _state(request)
    lang = _lang(request.query_params.get("lang"), state)
    try:
        listing = state.browser.listing(request.query_params.get("path", ""))
    except FolderError as exc:
        return _refuse(exc.status, exc.message, lang)
    return JSONResponse(
        {
            "path": listing.path,
            "parent": listing.parent,
            "folders": [{"name": e.name, "path": e.path} for e in listing.folders],
            "files": [{"name": e.name, "size": e.size} for e in listing.files],
            "truncated": listing.truncated,
            "submission": listing.looks_like_submission,
        }
    )


def _start_check(state: ServeState, folder: Path, pack: Any, lang: Lang, **extra: Any) -> Job:
    params = {
        "folder": folder,
        "pack": pack if isinstance(pack, str) and pack else None,
        "lang": lang,
        "packs_dirs": state.packs_dirs,
    }
    return state.jobs.start("check", folder, params, **extra)


async def check(request: Request) -> Response:
    state = _state(request)
    body = await _json_body(request)
    lang = _lang(body.get("lang"), state)
    try:
        folder = state.browser.folder(str(body.get("path", "")))
    except FolderError as exc:
        return _refuse(exc.status, exc.message, lang)
    job = _start_check(state, folder, body.get("pack"), lang)
    return JSONResponse(job.public(lang))


async def upload(request: Request) -> Response:
    state = _state(request)
    lang = _lang(request.query_params.get("lang"), state)
    uploads = state.session_dir / "uploads"
    uploads.mkdir(exist_ok=True)
    try:
        folder = await receive_files(request, uploads, state.upload_limit)
    except UploadRefused as exc:
        return _refuse(exc.status, exc.message, lang)
    job = _start_check(state, folder, request.query_params.get("pack"), lang, cleanup=[folder])
    return JSONResponse(job.public(lang))


def _summary(job: Job, lang: Lang) -> dict[str, Any] | None:
    """The done check's verdict and problems, for the page's heading (the report has the rest)."""
    if job.kind != "check" or job.state != "done":
        return None
    result = job.result
    return {
        "status": result.status.value,
        "counts": result.counts,
        "pack": result.pack,
        "problems": [
            {"rule": f.rule, "status": f.status.value, "message": f.message}
            for f in result.findings
            if f.status.value not in ("pass", "skipped")
        ],
    }


def _fixed_files(job: Job) -> list[dict[str, Any]]:
    out: Path | None = job.params.get("outdir") if job.kind == "fix" else None
    if out is None or job.state != "done" or not out.is_dir():
        return []
    return [
        {"name": p.relative_to(out).as_posix(), "size": p.stat().st_size}
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.is_symlink()
    ]


def _job_view(job: Job, state: ServeState, lang: Lang) -> dict[str, Any]:
    view = job.public(lang)
    view["summary"] = _summary(job, lang)
    if job.kind == "fix":
        view["files"] = _fixed_files(job)
        view["outdir"] = str(job.params["outdir"])
        view["check"] = job.params.get("check_job")
    return view


async def job_state(request: Request) -> Response:
    state = _state(request)
    lang = _lang(request.query_params.get("lang"), state)
    job = _job(request)
    if job is None:
        return _refuse(404, NO_JOB, lang)
    return JSONResponse(_job_view(job, state, lang))


async def job_events(request: Request) -> Response:
    """Server-Sent Events: the job's state at every change, until it finishes."""
    state = _state(request)
    lang = _lang(request.query_params.get("lang"), state)
    job = _job(request)
    if job is None:
        return _refuse(404, NO_JOB, lang)

    async def stream() -> AsyncIterator[str]:
        seen = -1
        while not (state.closing or state.stopping()):
            if job.version != seen:
                seen = job.version
                yield f"data: {json.dumps(_job_view(job, state, lang), ensure_ascii=False)}\n\n"
                if job.finished:
                    return
            await asyncio.sleep(0.15)

    return StreamingResponse(stream(), media_type="text/event-stream")


async def job_cancel(request: Request) -> Response:
    state = _state(request)
    job = _job(request)
    if job is None:
        return _refuse(404, NO_JOB, state.lang)
    state.jobs.cancel(job.id)
    return JSONResponse({"cancelled": True})


async def job_discard(request: Request) -> Response:
    """The page left this result: stop the job and delete its uploaded files now."""
    state = _state(request)
    job = _job(request)
    if job is not None:
        state.jobs.discard(job.id)
    return JSONResponse({"discarded": job is not None})


def _check_result(job: Job | None) -> Any:
    return job.result if job is not None and job.kind == "check" and job.state == "done" else None


async def job_report(request: Request) -> Response:
    state = _state(request)
    lang = _lang(request.query_params.get("lang"), state)
    result = _check_result(_job(request))
    if result is None:
        return _refuse(404, NOT_CHECKED, lang)
    fmt = request.path_params["fmt"]
    if fmt not in ("html", "json"):
        return _refuse(404, NOT_CHECKED, lang)
    name = Path(result.path).name or "report"
    if fmt == "json":
        from casecheck.render.json import build_report, render_json

        response: Response = Response(
            render_json(build_report([result])), media_type="application/json"
        )
    else:
        response = HTMLResponse(report_page(result, lang))
    if request.query_params.get("download"):
        response.headers["content-disposition"] = _attachment(f"{name}-检查报告.{fmt}")
    return response


def _attachment(filename: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename=\"report.{filename.rsplit('.', 1)[-1]}\"; filename*=UTF-8''{quote(filename)}"


def _output_folder(state: ServeState, check_job: Job, chosen: Any, lang: Lang) -> Path:
    """A new folder for the fixed copies: under the chosen folder, or in the session's temp."""
    submission = check_job.folder
    if isinstance(chosen, str):  # a folder picked in the browser ("" is the root)
        parent = state.browser.folder(str(chosen))
        if is_within(parent, submission):
            raise FolderError(400, OUT_INSIDE)
        if state.browser.listing(state.browser.relative(parent)).looks_like_submission:
            raise FolderError(400, OUT_SUBMISSION)
    else:
        parent = Path(tempfile.mkdtemp(prefix="fixed-", dir=state.session_dir))
    base = f"{submission.name or 'case'}-{Text('修改稿', 'fixed').pick(lang)}"
    target, n = parent / base, 1
    while target.exists():
        n += 1
        target = parent / f"{base}-{n}"
    return target


async def fix(request: Request) -> Response:
    state = _state(request)
    body = await _json_body(request)
    lang = _lang(body.get("lang"), state)
    check_job = state.jobs.get(str(body.get("job", "")))
    if _check_result(check_job) is None or check_job is None:
        return _refuse(400, NOT_CHECKED, lang)
    try:
        outdir = _output_folder(state, check_job, body.get("outdir"), lang)
    except FolderError as exc:
        return _refuse(exc.status, exc.message, lang)
    params = {
        "folder": check_job.folder,
        "outdir": outdir,
        "pack": check_job.params.get("pack"),
        "video": bool(body.get("video")),
        "lang": lang,
        "packs_dirs": state.packs_dirs,
    }
    job = state.jobs.start("fix", check_job.folder, params)
    job.params["check_job"] = check_job.id
    return JSONResponse(_job_view(job, state, lang))


async def fixed_file(request: Request) -> Response:
    state = _state(request)
    job = _job(request)
    if job is None or job.kind != "fix" or job.state != "done":
        return _refuse(404, NO_JOB, state.lang)
    outdir: Path = job.params["outdir"]
    name = request.path_params["name"]
    target = (outdir / name).resolve()
    if not target.is_relative_to(outdir.resolve()) or not target.is_file():
        return _refuse(404, NO_JOB, state.lang)
    return FileResponse(target, headers={"content-disposition": _attachment(target.name)})


def create_app(state: ServeState) -> Starlette:
    """The app for one server; ``state.guard`` decides which requests get through."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        state.close()

    routes = [
        Route("/", index),
        Route("/api/folders", folders),
        Route("/api/check", check, methods=["POST"]),
        Route("/api/upload", upload, methods=["POST"]),
        Route("/api/fix", fix, methods=["POST"]),
        Route("/api/jobs/{job_id}", job_state),
        Route("/api/jobs/{job_id}/events", job_events),
        Route("/api/jobs/{job_id}/cancel", job_cancel, methods=["POST"]),
        Route("/api/jobs/{job_id}/discard", job_discard, methods=["POST"]),
        Route("/api/jobs/{job_id}/report.{fmt:str}", job_report),
        Route("/api/jobs/{job_id}/files/{name:path}", fixed_file),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(GuardMiddleware, guard=state.guard)],
        lifespan=lifespan,
    )
    app.state.serve = state
    return app
