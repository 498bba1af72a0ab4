"""The exact last frame of a video: the last keyframe found, then every frame after it.

content.py reads keyframes only; the closing rule needs the very last frame shown, so the
last group of pictures is decoded once more — from the last keyframe the picture pass read,
or, in the sound's thread, from the stream's declared end.
"""

from __future__ import annotations

from typing import Any

from casecheck.readers.media.frames import FrameShot, reduced, shot


def rebase(frame: Any, stream: Any) -> None:
    """Make ``frame.time`` count from the stream's start (edit lists may start it late)."""
    if stream.start_time and frame.pts is not None:
        frame.pts -= stream.start_time


def last_frame_from_end(container: Any) -> FrameShot | None:
    """The exact last frame found from the end of the stream (the keyframe at or before its
    end, then every frame after it): what ``last_frame`` finds after the last keyframe read."""
    stream = container.streams.video[0]
    end = stream.duration
    if end is None and container.duration:
        end = int(container.duration / 1_000_000 / stream.time_base)
    return last_frame(container, stream, end)


def last_frame(container: Any, stream: Any, last_key_pts: int | None) -> FrameShot | None:
    """Seek to the last keyframe and decode the frames after it: the exact last frame.

    The frames nothing refers to (most B-frames) are skipped first: an encoder closes the
    stream with a reference frame (x264's output: 26 of the 50 frames of a 2 s group decoded,
    0.43 → 0.26 s of CPU). When that leaves out the frame with the latest timestamp among
    the packets read (a file cut after a B-frame), the group is decoded again, every frame."""
    import av

    if last_key_pts is None:
        return None
    discard = getattr(av.stream, "Discard", None)
    if discard is not None:
        stream.discard = discard.default
    last = None
    for skip in ("NONREF", "DEFAULT"):
        stream.codec_context.skip_frame = skip
        container.seek(last_key_pts + (stream.start_time or 0), stream=stream, backward=True)
        last, latest = _latest_frame(container, stream)
        if last is not None and latest is not None and last.pts == latest:
            break
    if last is None:
        return None
    rebase(last, stream)
    return shot(reduced(last), float(last.time or 0.0), "last frame")


def _latest_frame(container: Any, stream: Any) -> tuple[Any, int | None]:
    """(the decoded frame shown last, the latest timestamp of any packet read) from here on."""
    import av

    last, latest = None, None
    for packet in container.demux(stream):
        if packet.pts is not None and (latest is None or packet.pts > latest):
            latest = packet.pts
        try:
            for frame in packet.decode():
                if last is None or (frame.pts or 0) >= (last.pts or 0):
                    last = frame
        except av.FFmpegError:
            continue
    return last, latest
