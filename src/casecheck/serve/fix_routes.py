"""The page's fix: ``fix_submission`` as a job, into a chosen folder or a temporary one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import anyio
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response

from casecheck.i18n import Lang, Text
from casecheck.serve.common import (
    NO_JOB,
    NOT_CHECKED,
    ServeState,
    attachment,
    job_of,
    json_body,
    pick_lang,
    refuse,
    result_of,
    state_of,
)
from casecheck.serve.download import fixed_zip_name, zip_folder
from casecheck.serve.fixing import ASK_VIDEO
from casecheck.serve.folders import FolderError, is_within
from casecheck.serve.jobs import Job

OUT_INSIDE = Text(
    "输出文件夹不能在案例文件夹里面（casecheck 从不写入案例文件夹）",
    "The output folder cannot be inside the submission folder (casecheck never writes there)",
)
FIXED_GONE = Text(
    "修改后的文件夹已不在原处（可能已被移动或删除），请重新自动修改",
    "The fixed folder is no longer there (moved or deleted?); run the fix again",
)
ZIP_FAILED = Text(
    "无法打包修改后的文件夹（磁盘空间不足？），可以逐个下载下面的文件",
    "Could not zip the fixed folder (disk full?); download the files one by one below",
)
OUT_SUBMISSION = Text(
    "输出文件夹不能是另一个案例文件夹，请选一个空文件夹或上一级文件夹",
    "The output folder cannot be another submission folder; choose an empty or parent folder",
)


def output_parent(state: ServeState, submission: Path, chosen: Any) -> Path:
    """The folder ``fix`` writes ``<submission name>/`` into: the chosen one, or a new temp one."""
    if not isinstance(chosen, str):
        return Path(tempfile.mkdtemp(prefix="fixed-", dir=state.session_dir))
    parent = state.browser.folder(chosen)  # a folder picked in the browser ("" is the root)
    if is_within(parent, submission):
        raise FolderError(400, OUT_INSIDE)
    if state.browser.listing(state.browser.relative(parent)).looks_like_submission:
        raise FolderError(400, OUT_SUBMISSION)
    return parent


def fixed_files(job: Job) -> list[dict[str, Any]]:
    """Each corrected copy: whether it was changed, what changed, what is left to the teacher."""
    if job.kind != "fix" or job.state != "done":
        return []
    out = Path(job.result.output)
    return [
        {
            "name": f.file,
            "size": (out / f.file).stat().st_size if (out / f.file).is_file() else 0,
            "written": f.written,
            "changed": [i.message for i in f.changed],
            "left": [i.message for i in f.left],
            "error": f.error,
        }
        for f in job.result.files
    ]


def fix_view(job: Job) -> dict[str, Any]:
    return {
        "files": fixed_files(job),
        "outdir": job.result.output if job.state == "done" else None,
        "check": job.meta.get("check_job"),
    }


async def fix(request: Request) -> Response:
    state = state_of(request)
    body = await json_body(request)
    lang: Lang = pick_lang(body.get("lang"), state)
    check_job = state.jobs.get(str(body.get("job", "")))
    if check_job is None or check_job.kind != "check" or result_of(check_job) is None:
        return refuse(400, NOT_CHECKED, lang)
    try:
        parent = output_parent(state, check_job.folder, body.get("outdir"))
    except FolderError as exc:
        return refuse(exc.status, exc.message, lang)
    params = {
        "folder": check_job.folder,
        "outdir": parent,
        "pack": check_job.params.get("pack"),
        "video": bool(body.get("video")),
        "ask_video": ASK_VIDEO,
        "lang": lang,
        "packs_dirs": state.packs_dirs,
    }
    job = state.jobs.start("fix", check_job.folder, params, meta={"check_job": check_job.id})
    return JSONResponse({**job.public(lang), **fix_view(job)})


async def fixed_file(request: Request) -> Response:
    state = state_of(request)
    job = job_of(request)
    if job is None or job.kind != "fix" or job.state != "done":
        return refuse(404, NO_JOB, state.lang)
    names = {f.file for f in job.result.files}
    name = request.path_params["name"]
    target = Path(job.result.output) / name
    if name not in names or not target.is_file():
        return refuse(404, NO_JOB, state.lang)
    return FileResponse(target, headers={"content-disposition": attachment(target.name)})


async def fixed_zip(request: Request) -> Response:
    """The whole corrected folder as one zip, made from the fix's output folder only, in the
    server's temporary folder (never in the submission), deleted once sent."""
    state = state_of(request)
    lang = pick_lang(request.query_params.get("lang"), state)
    job = job_of(request)
    if job is None or job.kind != "fix" or job.state != "done":
        return refuse(404, NO_JOB, lang)
    source = Path(job.result.output)
    if not source.is_dir():
        return refuse(410, FIXED_GONE, lang)
    handle, name = tempfile.mkstemp(suffix=".zip", dir=state.session_dir)
    os.close(handle)
    target = Path(name)
    try:
        await anyio.to_thread.run_sync(zip_folder, source, target)
    except OSError:
        target.unlink(missing_ok=True)
        return refuse(507, ZIP_FAILED, lang)
    return FileResponse(
        target,
        media_type="application/zip",
        headers={"content-disposition": attachment(fixed_zip_name(source.name))},
        background=BackgroundTask(target.unlink, missing_ok=True),
    )
