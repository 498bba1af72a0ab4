"""Files dropped on the page: received with a size bound into a fresh temporary folder.

The body is counted while it arrives (a missing or false ``Content-Length`` changes
nothing): past the bound the request is refused with 413 and whatever was written is
deleted. Only the base name of each file is kept, so a name cannot place a file anywhere
but inside the new temporary folder — which lies outside every submission.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request

from casecheck.i18n import Text

MAX_FILES = 8  # the four materials, plus room for a mistaken extra file the check should name
CHUNK = 1 << 20
UPLOAD_FOLDER = "案例材料"  # the name the fixed copies' folder gets too


class UploadRefused(Exception):
    def __init__(self, status: int, message: Text) -> None:
        super().__init__(message.en)
        self.status = status
        self.message = message


def too_large(limit: int) -> UploadRefused:
    mb = limit / 1_000_000
    return UploadRefused(
        413,
        Text(
            f"上传的文件太大（上限 {mb:.0f} MB）。大的视频请放在文件夹里，用「选择文件夹」检查",
            f"The upload is too large (limit {mb:.0f} MB). For a large video, check the folder instead.",
        ),
    )


NO_FILES = Text("没有收到文件", "No files received")
TOO_MANY = Text(f"最多上传 {MAX_FILES} 个文件", f"At most {MAX_FILES} files can be uploaded")


def safe_name(filename: str) -> str:
    """The file's own name without any folder part (a browser may send ``C:\\x\\y.docx``)."""
    name = PureWindowsPath(PurePosixPath(filename).name).name.strip()
    name = name.replace("\x00", "")
    return name if name not in ("", ".", "..") else "upload"


def bounded(request: Request, limit: int) -> Request:
    """The same request, whose body raises :class:`UploadRefused` (413) past ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    received = 0
    receive = request.receive

    async def counting_receive() -> Any:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise too_large(limit)
        return message

    return Request(request.scope, counting_receive)


async def receive_files(request: Request, parent: Path, limit: int) -> Path:
    """Store the request's files in ``<new temp folder under parent>/案例材料``; returns it.

    The caller deletes the temporary folder (``folder.parent``) when the upload is done with.
    """
    temp = Path(tempfile.mkdtemp(prefix="upload-", dir=parent))
    folder = temp / UPLOAD_FOLDER
    folder.mkdir()
    try:
        form = await bounded(request, limit).form(max_files=MAX_FILES, max_fields=10)
        uploads = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
        if not uploads:
            raise UploadRefused(400, NO_FILES)
        for upload in uploads:
            target = folder / safe_name(upload.filename or "")
            stem, n = target.stem, 1
            while target.exists():
                n += 1
                target = folder / f"{stem}-{n}{target.suffix}"
            with target.open("wb") as out:
                while chunk := await upload.read(CHUNK):
                    out.write(chunk)
            await upload.close()
        await form.close()
        return folder
    except UploadRefused:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    except Exception as exc:  # multipart errors (too many files, malformed body)
        shutil.rmtree(temp, ignore_errors=True)
        if "Too many files" in str(exc):
            raise UploadRefused(400, TOO_MANY) from exc
        raise UploadRefused(400, Text(f"上传失败：{exc}", f"Upload failed: {exc}")) from exc
