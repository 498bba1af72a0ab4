"""Build real H.264/AAC (and other) video files with PyAV for the tests and examples."""

from __future__ import annotations

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
) -> Path:
    """Encode a short moving test pattern (and a tone) into ``path``.

    ``vfr`` makes every third frame last twice as long (variable frame rate);
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
        img = np.zeros((height, width, 3), dtype=np.uint8)
        img[..., 0] = (xx + i * 4) % 256
        img[..., 1] = (yy + i * 2) % 256
        img[..., 2] = (xx + yy + i * 8) % 256
        frame = av.VideoFrame.from_ndarray(img, format="rgb24")
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
            tone = (0.2 * np.sin(2 * np.pi * 440 * (np.arange(t, t + n) / 48000))).astype(np.float32)
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
