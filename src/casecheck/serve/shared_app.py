"""The Starlette app behind ``casecheck serve --shared``: upload, progress, report, fix,
download, delete — each case visible to the browser session that uploaded it and no one else.

Routes (every one behind :class:`~casecheck.serve.shared_guard.SharedGuardMiddleware`):
``/`` the page · ``POST /api/code`` the access code · ``POST /api/ready`` may these files be
uploaded now · ``POST /api/upload`` a new case ·
``/api/cases/{id}`` (and ``/events``, SSE) its state · ``/api/cases/{id}/report.html|json``
(``?which=fix`` for the re-check of the copies) · ``POST /api/cases/{id}/fix`` ·
``/api/cases/{id}/fixed.zip`` · ``POST /api/cases/{id}/delete`` · ``/healthz``.
A case of another session answers 404, as one that never existed.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import shutil
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import anyio
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from casecheck.i18n import Lang, Text
from casecheck.serve.common import (
    NOT_CHECKED,
    json_body,
    pack_list,
    report_response,
    result_of,
)
from casecheck.serve.download import Download
from casecheck.serve.fixing import SHARED_WORDS
from casecheck.serve.intake import (
    StoredFile,
    drain,
    file_too_large,
    job_too_large,
    receive_upload,
)
from casecheck.serve.page import page_html
from casecheck.serve.shared_guard import (
    TOO_MANY_REQUESTS,
    SharedGuardMiddleware,
    error_page,
)
from casecheck.serve.shared_state import ZIP_NAME, Case, SharedState, log, short
from casecheck.serve.spool import DISK_FULL, SpoolFull
from casecheck.serve.uploads import TOO_MANY, UPLOAD_FOLDER, UploadRefused

NO_CASE = Text(
    "找不到这次检查：它可能已被删除或已超过保留时间，或属于另一个浏览器。请重新上传",
    "This check was not found: it may have been deleted or expired, or belong to another "
    "browser. Please upload again.",
)
QUEUE_FULL = Text(
    "现在排队检查的人太多，请过 10 分钟左右再上传",
    "Too many checks are waiting; please upload again in about 10 minutes",
)
STOPPING = Text(
    "服务器正在重启或关闭，请稍后再上传",
    "The server is restarting or shutting down; please try again later",
)
TOO_MANY_JOBS = Text(
    "这台电脑所在网络本小时提交的检查已达上限，请稍后再试",
    "Checks submitted from this network have reached this hour's limit; please try again later",
)
WRONG_CODE = Text("访问码不对，请向管理员确认", "Wrong access code; ask your administrator")
FILES_GONE = Text(
    "服务器上的文件已删除（下载后或到期后自动删除），如需再次修改请重新上传",
    "The files were deleted from the server (after the download, or on expiry); upload again "
    "to fix again",
)
FIX_FIRST = Text("请先完成自动修改", "Run the automatic fix first")
WRITE_FAILED = Text(
    "服务器暂时无法保存上传的文件，请稍后再试或联系管理员",
    "The server cannot store the upload right now; try again later or tell the administrator",
)
NOT_HERE = Text("没有这个页面", "There is no such page")
BAD_METHOD = Text("无法处理这个请求", "This request cannot be handled")


def state_of(request: Request) -> SharedState:
    state: SharedState = request.app.state.shared
    return state


def lang_for(request: Request) -> Lang:
    value = request.query_params.get("lang")
    return "en" if value == "en" else "zh" if value == "zh" else state_of(request).lang


def refuse(status: int, message: Text, lang: Lang, retry_s: float | None = None) -> Response:
    response = JSONResponse({"error": message.pick(lang)}, status_code=status)
    if retry_s is not None:
        response.headers["retry-after"] = str(int(retry_s) + 1)
    return response


def own_case(request: Request) -> Case | None:
    session = request.state.session
    return state_of(request).case_of(request.path_params["case_id"], session.id)


CaseRoute = Callable[[Request, SharedState, Case, Lang], Awaitable[Response]]


def case_route(handler: CaseRoute) -> Callable[[Request], Awaitable[Response]]:
    """A route about one case of this session (404 for anyone else's, as for none)."""

    async def route(request: Request) -> Response:
        lang = lang_for(request)
        case = own_case(request)
        if case is None:
            return refuse(404, NO_CASE, lang)
        return await handler(request, state_of(request), case, lang)

    return route


async def index(request: Request) -> Response:
    state = state_of(request)
    if state.stopping():
        return HTMLResponse(error_page(STOPPING, lang_for(request)), status_code=503)
    session = request.state.session
    options = state.options
    config = {
        "csrf": session.csrf,
        "lang": lang_for(request),
        "needCode": not session.admitted,
        "packs": pack_list(state.ruleset) if session.admitted else [],
        "maxFile": options.max_file_mb * 1_000_000,
        "maxJob": options.max_job_mb * 1_000_000,
        "maxFiles": state.limits.max_files,
        "retentionMin": round(options.retention_min),
        "fixVideo": options.fix_video,
        "words": {key: text._asdict() for key, text in SHARED_WORDS.items()},
        "busy": state.jobs.full(),
    }
    return HTMLResponse(page_html(config, "shared"))


async def code(request: Request) -> Response:
    state = state_of(request)
    lang = lang_for(request)
    wait = state.code_rate.hit(request.state.client)
    if wait is not None:
        return refuse(429, TOO_MANY_REQUESTS, lang, wait)
    body = await json_body(request)
    if not state.guard.code_matches(str(body.get("code", ""))):
        log.info("access code wrong client=%s", state.client_name(request.state.client))
        return refuse(403, WRONG_CODE, lang)
    request.state.session.admitted = True
    return JSONResponse({"ok": True})


def _admission(
    state: SharedState, request: Request, lang: Lang, count: bool = True
) -> Response | None:
    """Why no new job can start now (shutting down, full queue, rate limit), as a refusal;
    ``count=False`` only asks (the page's question before it uploads)."""
    if state.stopping() or state.closed:
        return refuse(503, STOPPING, lang, 60)
    if state.jobs.full():
        log.info("refused status=503 reason=queue_full")
        return refuse(503, QUEUE_FULL, lang, 600)
    wait = state.job_rate.hit(request.state.client, count=count)
    if wait is not None:
        log.info("refused status=429 client=%s", state.client_name(request.state.client))
        return refuse(429, TOO_MANY_JOBS, lang, wait)
    return None


async def ready(request: Request) -> Response:
    """The page asks before it uploads (``{"files": [{"name", "size"}]}``): a browser that is
    refused in the middle of a large upload sees a broken connection, not the sentence."""
    state = state_of(request)
    lang = lang_for(request)
    body = await json_body(request)
    files = [f for f in body.get("files") or [] if isinstance(f, dict)]
    sizes = [int(f.get("size") or 0) for f in files]
    refusal = _admission(state, request, lang, count=False)
    if refusal is not None:
        return refusal
    try:
        if len(files) > state.limits.max_files:
            raise UploadRefused(400, TOO_MANY)
        for f, n in zip(files, sizes, strict=True):
            if n > state.limits.max_file:
                raise file_too_large(str(f.get("name", "")), state.limits.max_file)
        if sum(sizes) > state.limits.max_job:
            raise job_too_large(sum(sizes), state.limits.max_job)
        state.spool.room_for(sum(sizes))
    except (UploadRefused, SpoolFull) as exc:
        return refuse(exc.status, exc.message, lang, 600 if exc.status == 507 else None)
    return JSONResponse({"ok": True})


async def upload(request: Request) -> Response:
    state = state_of(request)
    lang = lang_for(request)
    received = _admission(state, request, lang) or await _receive(state, request, lang)
    if isinstance(received, Response):
        if received.status_code != 408:  # a stalled client reads nothing more
            await drain(request, state.limits.idle_s)
        return received
    root, files, size, seconds = received
    if state.stopping():  # the server began to stop while the files arrived
        await anyio.to_thread.run_sync(shutil.rmtree, root, True)
        return refuse(503, STOPPING, lang, 60)
    pack = request.query_params.get("pack") or None
    if pack is not None and pack not in {p["id"] for p in pack_list(state.ruleset)}:
        pack = None
    case = state.add_case(request.state.session.id, root, files, size, pack)
    log.info(
        "case %s uploaded files=%d bytes=%d seconds=%.1f", short(case.id), len(files), size, seconds
    )
    state.start_check(case, lang)
    return JSONResponse(state.view(case, lang))


async def _receive(
    state: SharedState, request: Request, lang: Lang
) -> Response | tuple[Path, list[StoredFile], int, float]:
    """The upload in a new job folder of the spool, or the refusal (the folder deleted)."""
    root = state.spool.new_folder()
    (root / UPLOAD_FOLDER).mkdir()
    started = time.monotonic()
    try:
        files, size = await receive_upload(request, root / UPLOAD_FOLDER, state.limits, state.spool)
    except (UploadRefused, SpoolFull) as exc:
        log.info("upload refused status=%d %s", exc.status, getattr(exc, "reason", ""))
        refusal = refuse(exc.status, exc.message, lang, 600 if exc.status == 507 else None)
    except OSError as exc:  # the disk itself: full, read-only (the log gets no file name)
        log.warning("upload failed errno=%s", exc.errno)
        full = exc.errno == errno.ENOSPC
        refusal = refuse(507 if full else 500, DISK_FULL if full else WRITE_FAILED, lang, 600)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    else:
        return root, files, size, time.monotonic() - started
    await anyio.to_thread.run_sync(shutil.rmtree, root, True)
    return refusal


@case_route
async def case_state(request: Request, state: SharedState, case: Case, lang: Lang) -> Response:
    return JSONResponse(state.view(case, lang))


@case_route
async def case_events(request: Request, state: SharedState, case: Case, lang: Lang) -> Response:
    """Server-Sent Events: the case's state at every change, until its job ends."""

    async def stream() -> AsyncIterator[str]:
        seen: Any = None
        while True:
            version = state.version(case)
            if version != seen:
                seen = version
                view = state.view(case, lang)
                yield f"data: {json.dumps(view, ensure_ascii=False)}\n\n"
                if not case.busy():
                    return
            if state.closed or (case.files_deleted and not case.busy()):
                return
            await asyncio.sleep(0.25)

    return StreamingResponse(
        stream(), media_type="text/event-stream", headers={"x-accel-buffering": "no"}
    )


@case_route
async def case_report(request: Request, state: SharedState, case: Case, lang: Lang) -> Response:
    fmt = request.path_params["fmt"]
    if fmt not in ("html", "json"):
        return refuse(404, NOT_HERE, lang)
    job = case.fix if request.query_params.get("which") == "fix" else case.check
    result = result_of(job)
    if result is None:
        return refuse(404, NOT_CHECKED, lang)
    download = bool(request.query_params.get("download"))
    return report_response(result, fmt, lang, state.ruleset().titles(), download, UPLOAD_FOLDER)


@case_route
async def fix(request: Request, state: SharedState, case: Case, lang: Lang) -> Response:
    if case.files_deleted:
        return refuse(410, FILES_GONE, lang)
    if result_of(case.check) is None:
        return refuse(400, NOT_CHECKED, lang)
    if case.fix is not None and not case.fix.finished:
        return JSONResponse(state.view(case, lang))
    refusal = _admission(state, request, lang)
    if refusal is not None:
        return refusal
    try:
        state.spool.room_for(case.size)  # the copies are about as large as the files
    except SpoolFull as exc:
        log.info("fix refused status=507 reason=%s", exc.reason)
        return refuse(507, exc.message, lang, 600)
    body = await json_body(request)
    await anyio.to_thread.run_sync(state.start_fix, case, lang, bool(body.get("video")))
    return JSONResponse(state.view(case, lang))


@case_route
async def fixed_zip(request: Request, state: SharedState, case: Case, lang: Lang) -> Response:
    if case.files_deleted:
        return refuse(410, FILES_GONE, lang)
    if case.fix is None or case.fix.state != "done":
        return refuse(404, FIX_FIRST, lang)
    try:
        path = await anyio.to_thread.run_sync(state.fixed_zip, case)
    except SpoolFull as exc:
        return refuse(507, exc.message, lang, 600)
    size = path.stat().st_size

    def downloaded() -> None:
        log.info("case %s downloaded bytes=%d", short(case.id), size)
        state.drop_files(case, "downloaded")

    return Download(path, ZIP_NAME, downloaded)


async def delete(request: Request) -> Response:
    state = state_of(request)
    case = own_case(request)
    if case is not None:
        await anyio.to_thread.run_sync(state.drop_case, case, "teacher")
    return JSONResponse({"deleted": case is not None})


async def healthz(request: Request) -> Response:
    health = state_of(request).health()
    return JSONResponse(health, status_code=200 if health["status"] == "ok" else 503)


async def not_found(request: Request, exc: Exception) -> Response:
    """An unknown address or method: the guard's kind of answer, in the page's language."""
    status = getattr(exc, "status_code", 404)
    lang = lang_for(request)
    message = NOT_HERE if status == 404 else BAD_METHOD
    if request.url.path.startswith("/api/"):
        return refuse(status, message, lang)
    return HTMLResponse(error_page(message, lang), status_code=status)


def create_shared_app(state: SharedState) -> Starlette:
    """The app for one shared server; ``state.guard`` decides which requests get through."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async def housekeeping() -> None:
            while True:
                await asyncio.sleep(0.2)
                await anyio.to_thread.run_sync(state.tick)

        task = asyncio.create_task(housekeeping())
        try:
            yield
        finally:
            task.cancel()
            await anyio.to_thread.run_sync(state.close)

    routes = [
        Route("/", index),
        Route("/healthz", healthz),
        Route("/api/code", code, methods=["POST"]),
        Route("/api/ready", ready, methods=["POST"]),
        Route("/api/upload", upload, methods=["POST"]),
        Route("/api/cases/{case_id}", case_state),
        Route("/api/cases/{case_id}/events", case_events),
        Route("/api/cases/{case_id}/report.{fmt:str}", case_report),
        Route("/api/cases/{case_id}/fix", fix, methods=["POST"]),
        Route("/api/cases/{case_id}/fixed.zip", fixed_zip),
        Route("/api/cases/{case_id}/delete", delete, methods=["POST"]),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SharedGuardMiddleware, guard=state.guard)],
        exception_handlers={404: not_found, 405: not_found},
        lifespan=lifespan,
    )
    app.state.shared = state
    return app
