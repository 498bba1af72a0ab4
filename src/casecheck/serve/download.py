"""A download that knows it arrived: the shared page deletes a case's files once the zip of
its corrected copies went out in full (uvicorn silently drops what is sent after the browser
broke the connection off, so the bytes handed over are counted here)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import anyio
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from casecheck.serve.common import attachment

CHUNK = 256 * 1024


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
