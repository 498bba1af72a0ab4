"""What a video shows and sounds like: one PyAV pass over each of its tracks.

``read_video_content(path)`` decodes each track once, the two side by side: a second thread
demuxes the audio packets, decodes them and pushes them through audio_feed.py's filter
graph (48 kHz float, K-weighted) into the streaming AudioMeter in 1 s blocks; the calling
thread demuxes the video packets into a decoder told to skip every non-key frame
(``skip_frame = "NONKEY"``) and reduces each keyframe at once, and frames.py searches the
reduced keyframes for faces in a third thread. Then one seek decodes the last group of
pictures to get the exact last frame. PyAV decodes and OpenCV searches without holding
Python's lock, so on two cores the three overlap (bench/bench_content.py). A batch worker
with no spare core runs the two passes one after the other instead (``overlap=False``: with
every core busy the threads only competed — 10 submissions, ``--jobs 2`` on 2 cores: 30–34 s
one pass after the other, 35–37 s side by side).
"""

from __future__ import annotations

import contextlib
import math
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from casecheck.i18n import Text
from casecheck.readers.errors import EMPTY, ReadError
from casecheck.readers.media.audio_feed import AudioFeed
from casecheck.readers.media.frames import FaceHit, FrameSampler, FrameShot
from casecheck.readers.media.last_frame import last_frame, last_frame_from_end, rebase
from casecheck.readers.media.loudness import RATE, STEP, AudioMeter
from casecheck.readers.pictures import Picture

Progress = Callable[[float, float], None]  # (decoded up to, duration) in seconds

SILENT_DBFS = -50.0  # SPEC video.silence: silent below −50 dBFS (the pack may say otherwise)
NOISE_PERCENTILE = 5  # noise floor: the level the quietest 5 % of 100 ms steps stay under
DIGITAL_SILENCE_DBFS = -150.0  # below: exact zeros (or nearly), not noise
MIN_PAUSE_DEPTH_DB = 10.0  # quietest 5 % at least this far below the loudest 5 %: pauses exist
MIN_SILENCE_S = 1.0  # shorter pauses are speech, not stretches worth listing
# Keyframe decoding threads at most: each frame thread holds a picture (≈ 7 MiB at 1080p,
# 4× that at 4K), and past 4 the face search, one thread, sets the pace anyway.
DECODE_THREADS = 4
UNREADABLE = Text(  # FFmpeg's English reason in the English sentence only
    "视频内容无法解码（文件可能已损坏或未复制完整）：音频与画面未能检查。请重新导出 MP4 后再检查",
    "The video content could not be decoded ({detail}): sound and picture were not checked. "
    "Export the MP4 again and re-check.",
)
TRUNCATED_CONTENT = Text(
    "视频只能解码到 {decoded}，而文件声明时长为 {declared}（其余部分已损坏或缺失）："
    "声音与画面未能完整检查，请重新导出或重新复制该文件",
    "Only {decoded} of the declared {declared} could be decoded (the rest is damaged or "
    "missing): sound and picture were not fully checked. Export or copy the file again.",
)


class Span(BaseModel):
    start_s: float
    end_s: float


class AudioContent(BaseModel):
    channels: int  # as measured (1 or 2)
    duration_s: float
    integrated_lufs: float | None  # None: nothing above the −70 LUFS gate
    short_term_max_lufs: float | None
    sample_peak_dbfs: float | None  # None: digital silence
    clipped_samples: int
    clipped_fraction: float
    clipped: list[Span] = Field(default_factory=list)
    silent_fraction: float  # of the 100 ms steps below SILENT_DBFS
    silences: list[Span] = Field(default_factory=list)  # stretches ≥ MIN_SILENCE_S
    levels_db: list[float] = Field(default_factory=list, exclude=True, repr=False)  # per 100 ms
    noise_floor_dbfs: float | None  # None: the pauses are digital silence, or no pauses
    pauses: bool = True  # False: a continuous sound (tone, music bed) with no pause to measure


class FramesContent(BaseModel):
    width: int
    height: int
    sampled: int  # keyframes looked at
    sample_times: list[float] = Field(default_factory=list)
    first: FrameShot | None = None
    last: FrameShot | None = None
    faces: list[FaceHit] = Field(default_factory=list)
    face_pictures: list[Picture] = Field(default_factory=list)


class ContentFacts(BaseModel):
    """The decoded content of one video (printed by ``casecheck inspect`` as ``content``)."""

    audio: AudioContent | None = None  # None: no audio track
    frames: FramesContent | None = None  # None: no video track
    decode_errors: int = 0


def _spans(mask: np.ndarray, step_s: float, min_s: float) -> list[Span]:
    edges = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return [
        Span(start_s=round(s * step_s, 2), end_s=round(e * step_s, 2))
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True)
        if (e - s) * step_s >= min_s
    ]


def silent_stretches(levels_db: list[float], below_dbfs: float) -> tuple[float, list[Span]]:
    """(the share of 100 ms steps below ``below_dbfs``, the silent stretches ≥ MIN_SILENCE_S)."""
    levels = np.asarray(levels_db, dtype=np.float64)
    if not levels.size:
        return 1.0, []
    silent = levels < below_dbfs
    return float(silent.mean()), _spans(silent, STEP / RATE, MIN_SILENCE_S)


def audio_content(meter: AudioMeter) -> AudioContent:
    levels = np.maximum(meter.levels_db(), DIGITAL_SILENCE_DBFS - 50)  # −inf for zeros
    levels_db = np.round(levels, 2).tolist()  # what the checkers judge at their own level
    silent_fraction, silences = silent_stretches(levels_db, SILENT_DBFS)
    floor = float(np.percentile(levels, NOISE_PERCENTILE)) if levels.size else None
    loud = float(np.percentile(levels, 100 - NOISE_PERCENTILE)) if levels.size else None
    pauses = floor is None or loud is None or loud - floor >= MIN_PAUSE_DEPTH_DB
    short = meter.short_term()
    short = short[np.isfinite(short)]
    total = max(meter.samples, 1)
    return AudioContent(
        channels=meter.channels,
        duration_s=round(meter.samples / RATE, 3),
        integrated_lufs=_round(meter.integrated()),
        short_term_max_lufs=_round(float(short.max())) if short.size else None,
        sample_peak_dbfs=_round(meter.peak_db),
        clipped_samples=meter.clipped_samples,
        clipped_fraction=meter.clipped_samples / total,
        clipped=[
            Span(start_s=round(s / RATE, 2), end_s=round(e / RATE, 2)) for s, e in meter.clip_runs
        ],
        silent_fraction=silent_fraction,
        silences=silences,
        levels_db=levels_db,
        pauses=pauses,
        noise_floor_dbfs=_round(floor)
        if pauses and floor is not None and floor > DIGITAL_SILENCE_DBFS
        else None,
    )


def _round(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else round(value, 2)


def _declared_duration(container: Any) -> float | None:
    return container.duration / 1_000_000 if container.duration else None


def read_video_content(
    path: Path,
    *,
    overlap: bool = True,
    progress: Callable[[float, float], None] | None = None,
    stop: threading.Event | None = None,
) -> ContentFacts:
    """Decode ``path``'s audio and keyframes once; raise ReadError when it cannot be decoded.

    ``overlap``: the sound and picture passes side by side in threads (False: in turn).
    ``progress(done_s, total_s)`` is told how far the picture pass has come. ``stop``, once
    set, ends the decoding at the next packet (InterruptedError): a check read in a thread
    of its own stops as soon as the user does."""
    import av

    if path.stat().st_size == 0:
        raise ReadError("empty", EMPTY)
    try:
        container = av.open(str(path))
    except av.FFmpegError as exc:
        raise ReadError("corrupt", UNREADABLE.format(detail=_why(exc))) from exc
    with container:
        try:
            return _decode(path, container, overlap, progress, stop)
        except av.FFmpegError as exc:
            raise ReadError("corrupt", UNREADABLE.format(detail=_why(exc))) from exc


def _why(exc: Exception) -> str:
    return str(getattr(exc, "strerror", None) or exc)


def _decode(
    path: Path,
    container: Any,
    overlap: bool,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
) -> ContentFacts:
    """Sound and picture with one demux of the file (one core), or — with ``overlap`` and
    both tracks — the sound in a second thread with its own demuxer while this one reads
    the picture and a third searches it for faces; the sound's thread, done long before the
    picture's, then decodes the exact last frame from the end of the file, so that no
    decoding is left when the last keyframe has been read."""
    has_audio, has_video = bool(container.streams.audio), bool(container.streams.video)
    audio: AudioContent | None
    if overlap and has_audio and has_video:
        done = threading.Event()
        with ThreadPoolExecutor(1, thread_name_prefix="casecheck-audio") as pool:
            sound = pool.submit(_audio_pass, path, done, last_frame=True)
            try:
                frames, errors = _one_pass(
                    container,
                    sound=False,
                    search_aside=True,
                    progress=progress,
                    last_found=lambda: sound.result()[2],
                    stop=stop,
                )[1:]
                audio, audio_errors, _ = sound.result()
            finally:
                done.set()  # an error or an interrupt here: the sound pass stops at its next packet
    else:
        audio, frames, errors = _one_pass(
            container, sound=has_audio, search_aside=overlap, progress=progress, stop=stop
        )
        audio_errors = 0
    facts = ContentFacts(audio=audio, frames=frames, decode_errors=errors + audio_errors)
    _check_complete(container, facts)
    return facts


def _audio_pass(
    path: Path, stop: threading.Event, *, last_frame: bool = False
) -> tuple[AudioContent, int, FrameShot | None]:
    """Decode every audio packet once into audio_feed.py's graph and meter (a demuxer of its
    own, reading the audio packets only); with ``last_frame``, then the exact last frame."""
    import av

    with av.open(str(path)) as container:
        sound = _Sound(container.streams.audio[0])
        for packet in container.demux(sound.stream):
            if stop.is_set():
                break
            sound.add(packet)
        audio = sound.finish()
        last = None
        if last_frame and not stop.is_set():
            with contextlib.suppress(av.FFmpegError):  # the picture pass says what is wrong
                last = last_frame_from_end(container)
        return audio, sound.errors, last


def _one_pass(
    container: Any,
    *,
    sound: bool,
    search_aside: bool,
    progress: Progress | None = None,
    last_found: Callable[[], FrameShot | None] | None = None,
    stop: threading.Event | None = None,
) -> tuple[AudioContent | None, FramesContent | None, int]:
    """One demux over the keyframes (and, with ``sound``, every audio packet): each packet
    to its decoder as it comes, then the exact last frame (``last_found``'s, if it found
    one)."""
    audio = _Sound(container.streams.audio[0]) if sound else None
    if not container.streams.video:
        if audio is None:
            return None, None, 0
        for packet in container.demux(audio.stream):
            _stop_if_asked(stop)
            audio.add(packet)
        return audio.finish(), None, audio.errors
    with _Pictures(container, search_aside, progress, last_found) as pictures:
        streams = [pictures.stream] + ([audio.stream] if audio else [])
        for packet in container.demux(*streams):
            _stop_if_asked(stop)
            if audio is not None and packet.stream.index == audio.stream.index:
                audio.add(packet)
            else:
                pictures.add(packet)
        frames = pictures.finish()
    errors = pictures.errors + (audio.errors if audio else 0)
    return (audio.finish() if audio else None), frames, errors


def _stop_if_asked(stop: threading.Event | None) -> None:
    if stop is not None and stop.is_set():
        raise InterruptedError("the check was stopped")


class _Sound:
    """Audio packets → decoded frames → audio_feed.py's graph and meter."""

    def __init__(self, stream: Any) -> None:
        import av

        self._error = av.FFmpegError
        self.stream, self.feed, self.errors = stream, AudioFeed(stream), 0

    def add(self, packet: Any) -> None:
        try:
            for frame in packet.decode():
                self.feed.add(frame)
        except self._error:
            self.errors += 1

    def finish(self) -> AudioContent:
        return audio_content(self.feed.finish())


class _Pictures:
    """Keyframe packets → reduced frames (frames.py's sampler), then the exact last frame.

    The demuxer reads the keyframes only (``discard = nonkey``: MP4's sample table says
    which they are, so the bytes of the other frames are never read) and the decoder skips
    any other frame that still arrives (``skip_frame = "NONKEY"``)."""

    def __init__(
        self,
        container: Any,
        search_aside: bool,
        progress: Progress | None = None,
        last_found: Callable[[], FrameShot | None] | None = None,
    ) -> None:
        import av

        self._av, self.container, self.last_found = av, container, last_found
        self.progress, self.total_s = progress, _declared_duration(container) or 0.0
        self.stream = container.streams.video[0]
        self.stream.codec_context.skip_frame = "NONKEY"
        # Frame threads as well as slice threads: PyAV's default (slices only) decodes on one
        # core the H.264 written with one slice per frame (x264's default, so ffmpeg's and
        # OBS's software encoder; x265 always): 7.05 → 3.72 s for a 7:30 1080p video's keyframes.
        # As many as FFmpeg's own choice (a core each, and one), at most DECODE_THREADS.
        self.stream.codec_context.thread_type = "AUTO"
        self.stream.codec_context.thread_count = min(DECODE_THREADS, (os.cpu_count() or 1) + 1)
        discard = getattr(av.stream, "Discard", None)  # PyAV ≥ 14
        if discard is not None:
            self.stream.discard = discard.nonkey
        self.sampler = FrameSampler(search_aside=search_aside)
        self.errors = 0
        self.last_key_pts: int | None = None

    def __enter__(self) -> _Pictures:
        return self

    def __exit__(self, *exc: object) -> None:
        self.sampler.close()

    def add(self, packet: Any) -> None:
        try:
            frames = packet.decode()
        except self._av.FFmpegError:
            self.errors += 1
            return
        for frame in frames:
            rebase(frame, self.stream)
            self.sampler.add(frame)
            self.last_key_pts = frame.pts if frame.pts is not None else self.last_key_pts
            if self.progress is not None and frame.time is not None:
                self.progress(float(frame.time), self.total_s)

    def finish(self) -> FramesContent | None:
        last = self.last_found() if self.last_found is not None else None
        if last is None:  # decoded here while the last searches run
            last = last_frame(self.container, self.stream, self.last_key_pts)
        sampler = self.sampler
        sampler.finish()
        if sampler.size is None:
            return None
        width, height = sampler.size
        return FramesContent(
            width=width,
            height=height,
            sampled=len(sampler.sample_times),
            sample_times=[round(t, 2) for t in sampler.sample_times],
            first=sampler.first,
            last=last,
            faces=sampler.face_hits,
            face_pictures=sampler.face_pictures,
        )


def _check_complete(container: Any, facts: ContentFacts) -> None:
    from casecheck.units import mmss

    declared = _declared_duration(container)
    decoded = 0.0
    if facts.audio is not None:
        decoded = facts.audio.duration_s
    elif facts.frames is not None and facts.frames.last is not None:
        decoded = facts.frames.last.time_s
    else:
        return
    if declared and declared > 2 and decoded < 0.9 * declared:
        raise ReadError(
            "truncated", TRUNCATED_CONTENT.format(decoded=mmss(decoded), declared=mmss(declared))
        )


def face_stretches(
    frames: FramesContent, min_face_height: float, min_frames: int
) -> list[tuple[Span, int]]:
    """(stretch, sampled frames in it) for runs of at least ``min_frames`` consecutive
    sampled frames with a face at least ``min_face_height`` of the frame high."""
    with_face = {round(hit.time_s, 2) for hit in frames.faces if hit.h >= min_face_height}
    runs: list[list[float]] = []
    previous_had_face = False
    for t in frames.sample_times:
        has = round(t, 2) in with_face
        if has and previous_had_face:
            runs[-1].append(t)
        elif has:
            runs.append([t])
        previous_had_face = has
    return [
        (Span(start_s=run[0], end_s=run[-1]), len(run)) for run in runs if len(run) >= min_frames
    ]
