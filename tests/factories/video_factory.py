"""Build real H.264/AAC (and other) video files with PyAV for the tests and examples."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av
import numpy as np


def make_video(
    path: Path,
    *,
    seconds: float = 1.0,
    width: int = 320,
    height: int = 180,
    fps: int = 25,
    codec: str = "libx264",
    audio: str | None = "aac",
    audio_bit_rate: int = 128_000,
    video_bit_rate: int | None = None,
    container: str = "mp4",
    sar: Fraction | None = None,
    vfr: bool = False,
    picture: Callable[[int], np.ndarray | None] | None = None,
) -> Path:
    """Encode a short moving test pattern (and a tone) into ``path``.

    ``picture(i)`` (RGB, height × width × 3) replaces the pattern for the frames it returns
    an array for (None: the pattern); ``vfr`` makes every third frame last twice as long
    (variable frame rate);
    ``sar`` sets an anamorphic sample aspect ratio; ``container="mov"`` writes QuickTime.
    """
    out = av.open(str(path), mode="w", format=container)
    vs = out.add_stream(codec, rate=fps)
    vs.width, vs.height = width, height
    vs.pix_fmt = "yuv420p"
    if video_bit_rate:
        vs.bit_rate = video_bit_rate
    vs.codec_context.time_base = Fraction(1, fps * 2)
    opts = {"preset": "ultrafast"} if codec == "libx264" else {}
    if sar is not None:
        vs.codec_context.sample_aspect_ratio = sar
    vs.options = opts
    aus = None
    if audio:
        aus = out.add_stream(audio, rate=48000)
        aus.bit_rate = audio_bit_rate
        aus.layout = "stereo"
    frames = round(seconds * fps)
    pts = 0
    yy, xx = np.mgrid[0:height, 0:width]
    for i in range(frames):
        img = picture(i) if picture is not None else None
        if img is None:
            img = np.zeros((height, width, 3), dtype=np.uint8)
            img[..., 0] = (xx + i * 4) % 256
            img[..., 1] = (yy + i * 2) % 256
            img[..., 2] = (xx + yy + i * 8) % 256
        frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(img), format="rgb24")
        frame.pts = pts
        frame.time_base = Fraction(1, fps * 2)
        pts += 4 if (vfr and i % 3 == 2) else 2
        for packet in vs.encode(frame):
            out.mux(packet)
    for packet in vs.encode():
        out.mux(packet)
    if aus is not None:
        samples_per_frame = 1024
        total = round(seconds * 48000)
        t = 0
        while t < total:
            n = min(samples_per_frame, total - t)
            tone = (0.2 * np.sin(2 * np.pi * 440 * (np.arange(t, t + n) / 48000))).astype(
                np.float32
            )
            stereo = np.stack([tone, tone])
            aframe = av.AudioFrame.from_ndarray(stereo, format="fltp", layout="stereo")
            aframe.sample_rate = 48000
            aframe.pts = t
            aframe.time_base = Fraction(1, 48000)
            for packet in aus.encode(aframe):
                out.mux(packet)
            t += n
        for packet in aus.encode():
            out.mux(packet)
    out.close()
    return path


def make_long_video(path: Path, *, seconds: float, segment: Path) -> Path:
    """Remux ``segment`` (already encoded) end to end until ``seconds`` are reached.

    No re-encoding: an 8-minute file costs what copying packets costs, and the result is a
    real MP4 whose duration MediaInfo measures like any other.
    """
    src = av.open(str(segment))
    streams = list(src.streams)
    packets: list[tuple[int, int, int, int, bool, bytes]] = []
    start: dict[int, int] = {}
    end: dict[int, int] = {}
    for packet in src.demux():
        if packet.dts is None or packet.pts is None:
            continue
        idx = packet.stream.index
        packets.append(
            (idx, packet.pts, packet.dts, packet.duration or 0, packet.is_keyframe, bytes(packet))
        )
        start[idx] = min(start.get(idx, packet.dts), packet.dts)
        end[idx] = max(end.get(idx, 0), packet.dts + (packet.duration or 0))
    span = {idx: end[idx] - start[idx] for idx in end}
    seg_seconds = max(span[s.index] * float(s.time_base) for s in streams)
    out = av.open(str(path), mode="w", format="mp4")
    mapping = {s.index: out.add_stream_from_template(s) for s in streams}
    copies = max(1, round(seconds / seg_seconds))
    for n in range(copies):
        for idx, pts, dts, duration, key, data in packets:
            packet = av.Packet(data)
            packet.pts = pts + n * span[idx]
            packet.dts = dts + n * span[idx]
            packet.duration = duration
            packet.is_keyframe = key
            packet.stream = mapping[idx]
            packet.time_base = streams[idx].time_base
            out.mux(packet)
    out.close()
    src.close()
    return path


def set_rotation_90(path: Path) -> Path:
    """Write a 90° display matrix into the video track's tkhd, as phones do for portrait clips."""
    import struct

    data = bytearray(path.read_bytes())
    pos = 0
    while (pos := data.find(b"tkhd", pos + 1)) != -1:
        box = pos - 4
        version = data[box + 8]
        matrix_at = box + (60 if version == 1 else 48)
        width = struct.unpack(">I", data[matrix_at + 36 : matrix_at + 40])[0]
        if width:  # the video track (audio tracks have width 0)
            one, minus_one = 0x00010000, (-0x00010000) & 0xFFFFFFFF
            matrix = [0, one, 0, minus_one, 0, 0, 0, 0, 0x40000000]
            data[matrix_at : matrix_at + 36] = struct.pack(">9I", *matrix)
            break
    path.write_bytes(bytes(data))
    return path
