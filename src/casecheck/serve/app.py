"""The Starlette app behind ``casecheck serve``: the page, the folder browser, jobs, downloads."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from casecheck.i18n import Lang
from casecheck.serve.common import (
    NO_JOB,
    NOT_CHECKED,
    ServeState,
    job_of,
    job_summary,
    json_body,
    pack_list,
    pick_lang,
    refuse,
    report_response,
    result_of,
    state_of,
)
from casecheck.serve.fix_routes import fix, fix_view, fixed_file, fixed_zip
from casecheck.serve.fixing import PAGE_WORDS
from casecheck.serve.folders import FolderError
from casecheck.serve.jobs import Job
from casecheck.serve.page import page_html
from casecheck.serve.security import GuardMiddleware
from casecheck.serve.uploads import UploadRefused, receive_files

__all__ = ["ServeState", "create_app"]


async def index(request: Request) -> Response:
    state = state_of(request)
    config = {
        "token": state.guard.token,
        "lang": state.lang,
        "root": state.browser.root.name or str(state.browser.root),
        "packs": pack_list(state.ruleset),
        "uploadLimit": state.upload_limit,
        "words": {key: text._asdict() for key, text in PAGE_WORDS.items()},
    }
    return HTMLResponse(page_html(config))


async def folders(request: Request) -> Response:
    state = state_of(request)
    lang = pick_lang(request.query_params.get("lang"), state)
    try:
        listing = state.browser.listing(request.query_params.get("path", ""))
    except FolderError as exc:
        return refuse(exc.status, exc.message, lang)
    return JSONResponse(
        {
            "path": listing.path,
            "parent": listing.parent,
            "folders": [{"name": e.name, "path": e.path} for e in listing.folders],
            "files": [{"name": e.name, "size": e.size} for e in listing.files],
            "truncated": listing.truncated,
            "submission": listing.looks_like_submission,
            "wrong": [text._asdict() for text in listing.wrong_kind],
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
    state = state_of(request)
    body = await json_body(request)
    lang = pick_lang(body.get("lang"), state)
    try:
        folder = state.browser.folder(str(body.get("path", "")))
    except FolderError as exc:
        return refuse(exc.status, exc.message, lang)
    job = _start_check(state, folder, body.get("pack"), lang)
    return JSONResponse(job.public(lang))


async def upload(request: Request) -> Response:
    state = state_of(request)
    lang = pick_lang(request.query_params.get("lang"), state)
    uploads = state.session_dir / "uploads"
    uploads.mkdir(exist_ok=True)
    try:
        folder = await receive_files(request, uploads, state.upload_limit)
    except UploadRefused as exc:
        return refuse(exc.status, exc.message, lang)
    job = _start_check(
        state, folder, request.query_params.get("pack"), lang, cleanup=[folder.parent]
    )
    return JSONResponse(job.public(lang))


def _job_view(job: Job, lang: Lang) -> dict[str, Any]:
    view = job.public(lang)
    view["summary"] = job_summary(job)
    if job.kind == "fix":
        view.update(fix_view(job))
    return view


async def job_state(request: Request) -> Response:
    state = state_of(request)
    lang = pick_lang(request.query_params.get("lang"), state)
    job = job_of(request)
    if job is None:
        return refuse(404, NO_JOB, lang)
    return JSONResponse(_job_view(job, lang))


async def job_events(request: Request) -> Response:
    """Server-Sent Events: the job's state at every change, until it finishes."""
    state = state_of(request)
    lang = pick_lang(request.query_params.get("lang"), state)
    job = job_of(request)
    if job is None:
        return refuse(404, NO_JOB, lang)

    async def stream() -> AsyncIterator[str]:
        seen = -1
        while not (state.closing or state.stopping()):
            if job.version != seen:
                seen = job.version
                yield f"data: {json.dumps(_job_view(job, lang), ensure_ascii=False)}\n\n"
                if job.finished:
                    return
            await asyncio.sleep(0.15)

    return StreamingResponse(stream(), media_type="text/event-stream")


async def job_cancel(request: Request) -> Response:
    state = state_of(request)
    job = job_of(request)
    if job is None:
        return refuse(404, NO_JOB, state.lang)
    state.jobs.cancel(job.id)
    return JSONResponse({"cancelled": True})


async def job_discard(request: Request) -> Response:
    """The page left this result: stop the job and delete its uploaded files now."""
    state = state_of(request)
    job = job_of(request)
    if job is not None:
        state.jobs.discard(job.id)
    return JSONResponse({"discarded": job is not None})


async def job_report(request: Request) -> Response:
    state = state_of(request)
    lang = pick_lang(request.query_params.get("lang"), state)
    result = result_of(job_of(request))
    if result is None:
        return refuse(404, NOT_CHECKED, lang)
    fmt = request.path_params["fmt"]
    if fmt not in ("html", "json"):
        return refuse(404, NOT_CHECKED, lang)
    download = bool(request.query_params.get("download"))
    return report_response(result, fmt, lang, state.ruleset().titles(), download)


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
        Route("/api/jobs/{job_id}/fixed.zip", fixed_zip),
        Route("/api/jobs/{job_id}/files/{name:path}", fixed_file),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(GuardMiddleware, guard=state.guard)],
        lifespan=lifespan,
    )
    app.state.serve = state
    return app
