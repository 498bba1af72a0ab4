"""The corrected folder as one zip, for both pages, and a download that knows it arrived: the
shared page deletes a case's files once the zip of its corrected copies went out in full
(uvicorn silently drops what is sent after the browser broke the connection off, so the bytes
handed over are counted here)."""

from __future__ import annotations

import asyncio
import zipfile
from collections.abc import Callable
from pathlib import Path

import anyio
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from casecheck.serve.common import attachment
from casecheck.vocabulary import corrected_name

CHUNK = 256 * 1024


def fixed_zip_name(folder: str = "案例材料") -> str:
    """「案例材料-修改后.zip」 (vocabulary.corrected_name)."""
    return corrected_name(folder) + ".zip"


def zip_folder(source: Path, target: Path) -> None:
    """Write every regular file under ``source`` (symlinks skipped) into the zip ``target``,
    named relative to ``source``. Stored, not deflated: Office files and videos are compressed
    already. zipfile marks every non-ASCII name as UTF-8 (flag bit 11), so Windows Explorer
    and macOS show 案例课件.pptx, not mojibake."""
    # strict_timestamps=False: a copy dated before 1980 (some unzip tools leave 1970) still goes in.
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED, strict_timestamps=False) as archive:
        for path in sorted(source.rglob("*")):
            if path.is_file() and not path.is_symlink():
                archive.write(path, path.relative_to(source).as_posix())


class Download(Response):
    """A file sent in chunks; ``on_complete`` runs only when every byte went out (a download
    the browser broke off leaves the files for another try)."""

    def __init__(self, path: Path, filename: str, on_complete: Callable[[], None]) -> None:
        super().__init__(
            media_type="application/zip",
            headers={
                "content-disposition": attachment(filename),
                "content-length": str(path.stat().st_size),
            },
        )
        self.path = path
        self.on_complete = on_complete

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        gone = asyncio.Event()

        async def watch() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            gone.set()

        watcher = asyncio.create_task(watch())
        size, sent = self.path.stat().st_size, 0
        try:
            await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
            with self.path.open("rb") as source:
                while sent < size:
                    chunk = await anyio.to_thread.run_sync(source.read, CHUNK)
                    if not chunk or gone.is_set():
                        break  # uvicorn drops what is sent after a disconnect
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
                    sent += len(chunk)
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            watcher.cancel()
        if sent == size:  # every byte was handed to the connection
            await anyio.to_thread.run_sync(self.on_complete)
