"""An upload to the shared page, streamed into its job's folder in the spool.

The multipart body is parsed as it arrives (python-multipart's push parser) and each file's
bytes go straight to its file in the job's folder: nothing is held whole in memory and
nothing is written outside the spool (Starlette's own form parser would spool to the system's
temporary folder). Limits are enforced while the bytes arrive, whatever ``Content-Length``
says: per file, per job, the spool's room; a client that stops sending for ``idle_s`` seconds,
or trickles slower than ``MIN_RATE`` after the first minute (slow-loris), gets 408. After a
limit is passed the rest of an announced body is read and dropped, so the client reads the
answer instead of a reset connection.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import anyio
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from casecheck.i18n import Text

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks
from casecheck.serve.names import decode_name, safe_name, unique_name
from casecheck.serve.spool import Spool
from casecheck.serve.uploads import NO_FILES, TOO_MANY, UploadRefused

MIN_RATE = 10_000  # bytes/s on average: a phone on a poor line still sends ≥ 50 kB/s
RATE_GRACE_S = 60.0
CLAIM_STEP = 8 << 20  # bytes claimed at a time from the spool when no length was announced
MAX_FIELD = 1024  # a form field that is not a file (none is needed) may not be larger
DRAIN_MAX = 64 << 20  # a refused upload is read to its end up to this (the page asks first)
DRAIN_S = 30.0  # … and for at most this long

NOT_A_FORM = Text(
    "请用页面上的「选择文件」上传材料", "Please upload the files with the page's file picker"
)
BROKEN = Text("上传的数据不完整，请重新上传", "The upload arrived incomplete; please upload again")


def mb(n: int) -> str:
    return f"{n / 1_000_000:.0f}"


def job_too_large(size: int, limit: int) -> UploadRefused:
    return UploadRefused(
        413,
        Text(
            f"这次上传共 {mb(size)} MB，超过上限 {mb(limit)} MB（所有文件合计）。"
            "请把视频压缩到要求的码率后再上传",
            f"This upload is {mb(size)} MB, over the {mb(limit)} MB limit for all files "
            "together. Re-export the video at the required bit rate and upload again.",
        ),
    )


def file_too_large(name: str, limit: int) -> UploadRefused:
    return UploadRefused(
        413,
        Text(
            f"文件「{name}」超过单个文件的上限 {mb(limit)} MB",
            f"The file 「{name}」 is over the {mb(limit)} MB limit for one file",
        ),
    )


def too_slow(idle_s: float) -> UploadRefused:
    return UploadRefused(
        408,
        Text(
            f"上传中断或太慢（{idle_s:.0f} 秒内几乎没有收到数据），请检查网络后重新上传",
            f"The upload stalled (almost nothing arrived for {idle_s:.0f} s); "
            "check the network and upload again",
        ),
    )


@dataclass
class UploadLimits:
    max_file: int
    max_job: int
    idle_s: float = 60.0
    max_files: int = 8


@dataclass
class StoredFile:
    """One uploaded file: the name it is stored under, the name it was sent as, its size."""

    name: str
    sent_as: str
    size: int = 0

    @property
    def renamed(self) -> bool:
        return self.name != self.sent_as


@dataclass
class _Part:
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    file: StoredFile | None = None
    out: IO[bytes] | None = None
    field_bytes: int = 0


class Intake:
    """One upload's parser callbacks: parts become files in ``folder``."""

    def __init__(self, folder: Path, limits: UploadLimits) -> None:
        self.folder = folder
        self.limits = limits
        self.files: list[StoredFile] = []
        self.pending: list[tuple[_Part, bytes]] = []  # written in a thread after each chunk
        self._part = _Part()
        self._header_name = b""
        self._header_value = b""
        self._opened: list[IO[bytes]] = []

    def callbacks(self) -> MultipartCallbacks:
        return {
            "on_part_begin": self._begin,
            "on_part_data": self._data,
            "on_header_field": self._field,
            "on_header_value": self._value,
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_done,
        }

    def _begin(self) -> None:
        self._part = _Part()

    def _field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def _value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _header_end(self) -> None:
        self._part.headers.append((self._header_name.lower(), self._header_value))
        self._header_name = self._header_value = b""

    def _headers_done(self) -> None:
        disposition = dict(self._part.headers).get(b"content-disposition", b"")
        _, options = parse_options_header(disposition)
        raw = options.get(b"filename")
        if raw is None or raw == b"":  # a plain field, or a file input left empty
            return
        if len(self.files) >= self.limits.max_files:
            raise UploadRefused(400, TOO_MANY)
        sent_as = decode_name(raw)
        name = unique_name(safe_name(sent_as), {f.name.lower() for f in self.files})
        stored = StoredFile(name, sent_as)
        self.files.append(stored)
        self._part.file = stored
        self._part.out = (self.folder / name).open("xb")
        self._opened.append(self._part.out)

    def _data(self, data: bytes, start: int, end: int) -> None:
        part, size = self._part, end - start
        if part.file is None:
            part.field_bytes += size
            if part.field_bytes > MAX_FIELD:
                raise UploadRefused(400, NOT_A_FORM)
            return
        part.file.size += size
        if part.file.size > self.limits.max_file:
            raise file_too_large(part.file.sent_as, self.limits.max_file)
        self.pending.append((part, data[start:end]))

    def flush(self) -> int:
        """Write what the last chunk carried (in a worker thread); returns the bytes written."""
        written = 0
        for part, data in self.pending:
            assert part.out is not None
            part.out.write(data)
            written += len(data)
        self.pending.clear()
        return written

    def close(self) -> None:
        for out in self._opened:
            out.close()


async def receive_upload(
    request: Request, folder: Path, limits: UploadLimits, spool: Spool
) -> tuple[list[StoredFile], int]:
    """The request's files, stored in ``folder``; returns them and the bytes the spool now
    holds for them. Raises UploadRefused (400/408/413) or SpoolFull (507); on any refusal
    the spool's claim is released and the caller deletes ``folder``."""
    ctype, params = parse_options_header(request.headers.get("content-type", ""))
    boundary = params.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise UploadRefused(400, NOT_A_FORM)
    declared_text = request.headers.get("content-length", "")
    declared = int(declared_text) if declared_text.isdigit() else None
    if declared is not None and declared > limits.max_job:
        raise job_too_large(declared, limits.max_job)
    upload = _Upload(request, Intake(folder, limits), spool, declared)
    try:
        await upload.run(MultipartParser(boundary, upload.intake.callbacks()))
    except BaseException:
        upload.settle(keep=0)
        raise
    finally:
        upload.intake.close()
    files = upload.intake.files
    if not files:
        upload.settle(keep=0)
        raise UploadRefused(400, NO_FILES)
    size = sum(f.size for f in files)
    upload.settle(keep=size)
    return files, size


class _Upload:
    """The body read message by message into the parser, under the limits, with the
    spool's claim following what arrives."""

    def __init__(self, request: Request, intake: Intake, spool: Spool, declared: int | None):
        self.request = request
        self.intake = intake
        self.limits = intake.limits
        self.spool = spool
        self.declared = declared
        self.claimed = 0
        self.written = 0
        self.claim(declared or 0)

    def claim(self, n: int) -> None:
        self.spool.claim(n)
        self.claimed += n

    def settle(self, keep: int) -> None:
        """Give the spool back all but ``keep`` bytes (what is on disk for the job)."""
        self.spool.release(self.claimed - keep, unwritten=self.claimed - self.written)
        self.claimed = keep
        self.written = keep

    async def run(self, parser: MultipartParser) -> None:
        started = time.monotonic()
        received = 0
        more = True
        while more:
            message = await _next(self.request, self.limits.idle_s)
            body: bytes = message.get("body", b"")
            more = bool(message.get("more_body", False))
            received += len(body)
            elapsed = time.monotonic() - started
            if elapsed > RATE_GRACE_S and received / elapsed < MIN_RATE:
                raise too_slow(self.limits.idle_s)
            if received > self.limits.max_job:
                raise job_too_large(received, self.limits.max_job)
            if received > self.claimed:
                self.claim(max(CLAIM_STEP, received - self.claimed))
            try:
                parser.write(body)
                if not more:
                    parser.finalize()
            except UploadRefused:
                raise
            except Exception as exc:  # python-multipart: a malformed body
                raise UploadRefused(400, BROKEN) from exc
            written = await anyio.to_thread.run_sync(self.intake.flush)
            self.written += written
            self.spool.written(written)


async def _next(request: Request, idle_s: float) -> MutableMapping[str, Any]:
    """The body's next message; 408 when none comes within ``idle_s``, 400 on a disconnect."""
    try:
        message = await asyncio.wait_for(request.receive(), idle_s)
    except TimeoutError:
        raise too_slow(idle_s) from None
    if message["type"] == "http.disconnect":
        raise UploadRefused(400, BROKEN)
    if not message.get("more_body", False):
        request.state.body_done = True
    return message


async def drain(request: Request, idle_s: float, budget: int = DRAIN_MAX) -> None:
    """Read and drop the rest of a refused upload (at most ``budget`` bytes and ``DRAIN_S``
    seconds), so the client reads the answer instead of a connection reset; the rest of a
    larger body is cut off."""
    received = 0
    deadline = time.monotonic() + DRAIN_S
    while (
        not getattr(request.state, "body_done", False)
        and received <= budget
        and time.monotonic() < deadline
    ):
        try:
            message = await _next(request, idle_s)
        except UploadRefused:
            return
        received += len(message.get("body", b""))
