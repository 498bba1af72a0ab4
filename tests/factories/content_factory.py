"""Build real MP4s (H.264 + AAC with PyAV) whose sound and pictures the content rules judge.

Sound: ``speech_like`` (voiced syllables with pauses, like a narrator), scaled to a target
loudness measured with pyloudnorm (an independent BS.1770 implementation), ``clipped``,
``hiss`` and plain arrays of zeros. Pictures: a function of the frame's time returning RGB.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np

RATE = 48_000
Picture = Callable[[float], np.ndarray]


def speech_like(seconds: float, seed: int = 1) -> np.ndarray:
    """Mono narration-like sound: 120–220 ms voiced syllables (a 110–180 Hz buzz with
    harmonics, shaped like vowels), 30–80 ms gaps between syllables, 300–600 ms pauses after
    every 3–7 syllables; the pauses hold a quiet room tone (about −75 dBFS)."""
    rng = np.random.default_rng(seed)
    out = np.zeros(round(seconds * RATE))
    pos = 0
    while pos < out.size:
        for _ in range(int(rng.integers(3, 8))):
            n = int(rng.uniform(0.12, 0.22) * RATE)
            t = np.arange(n) / RATE
            f0 = rng.uniform(110, 180)
            voice = sum(np.sin(2 * np.pi * f0 * k * t) / k for k in range(1, 12))
            envelope = np.sin(np.pi * np.arange(n) / n) ** 2
            chunk = voice * envelope
            end = min(out.size, pos + n)
            out[pos:end] = chunk[: end - pos]
            pos = end + int(rng.uniform(0.03, 0.08) * RATE)
            if pos >= out.size:
                break
        pos += int(rng.uniform(0.3, 0.6) * RATE)
    return out + rng.normal(0, 10 ** (-75 / 20), out.size)


def at_loudness(mono: np.ndarray, lufs: float) -> np.ndarray:
    """``mono`` scaled so that as a stereo pair (both channels) it measures ``lufs``."""
    import pyloudnorm

    stereo = np.stack([mono, mono], axis=1)
    measured = pyloudnorm.Meter(RATE).integrated_loudness(stereo)
    return mono * 10 ** ((lufs - measured) / 20)


def hiss(seconds: float, dbfs: float, seed: int = 2) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.normal(0, 10 ** (dbfs / 20), round(seconds * RATE))


def solid(rgb: tuple[int, int, int], width: int, height: int) -> Picture:
    frame = np.zeros((height, width, 3), dtype=np.uint8)
    frame[...] = rgb
    return lambda _t: frame


def pattern(width: int, height: int) -> Picture:
    """A moving test pattern (nothing like a face or a slide)."""
    yy, xx = np.mgrid[0:height, 0:width]

    def draw(t: float) -> np.ndarray:
        i = round(t * 25)
        img = np.zeros((height, width, 3), dtype=np.uint8)
        img[..., 0] = (xx + i * 4) % 256
        img[..., 1] = (yy + i * 2) % 256
        img[..., 2] = (xx + yy + i * 8) % 256
        return img

    return draw


def fit(image: np.ndarray, width: int, height: int) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.fromarray(image).convert("RGB").resize((width, height)))


def make_content_video(
    path: Path,
    *,
    audio: np.ndarray | None,
    picture: Picture,
    seconds: float | None = None,
    width: int = 320,
    height: int = 180,
    fps: int = 5,
    keyframe_every: int = 5,
    stereo: bool = True,
    audio_rate: int = RATE,
    one_slice: bool = False,
) -> Path:
    """Encode ``picture(t)`` and the mono ``audio`` (48 kHz, played on both channels; the
    track is encoded at ``audio_rate``, resampled by swresample when that is not 48 kHz).
    ``one_slice``: one slice per frame (x264's default frame threads, as ffmpeg and OBS
    write) instead of PyAV's default, sliced threads."""
    if seconds is None:
        seconds = (audio.size / RATE) if audio is not None else 1.0
    out = av.open(str(path), mode="w", format="mp4")
    vs = out.add_stream("libx264", rate=fps)
    vs.width, vs.height, vs.pix_fmt = width, height, "yuv420p"
    if one_slice:
        vs.codec_context.thread_type = "FRAME"
    vs.options = {
        "preset": "ultrafast",
        "x264-params": f"keyint={keyframe_every}:min-keyint={keyframe_every}:scenecut=0",
    }
    aus = None
    if audio is not None:
        aus = out.add_stream("aac", rate=audio_rate)
        aus.bit_rate = 128_000
        aus.layout = "stereo" if stereo else "mono"
    for i in range(round(seconds * fps)):
        frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(picture(i / fps)), format="rgb24")
        frame.pts = i
        frame.time_base = Fraction(1, fps)
        for packet in vs.encode(frame):
            out.mux(packet)
    for packet in vs.encode():
        out.mux(packet)
    if aus is not None and audio is not None:
        samples = audio.astype(np.float32)
        layout = "stereo" if stereo else "mono"
        resampler = av.AudioResampler(format="fltp", layout=layout, rate=audio_rate)
        for t in range(0, samples.size, 1024):
            chunk = samples[t : t + 1024]
            planes = np.stack([chunk, chunk]) if stereo else chunk[None, :]
            aframe = av.AudioFrame.from_ndarray(
                np.ascontiguousarray(planes), format="fltp", layout=layout
            )
            aframe.sample_rate = RATE
            aframe.pts = t
            aframe.time_base = Fraction(1, RATE)
            for resampled in resampler.resample(aframe):
                for packet in aus.encode(resampled):
                    out.mux(packet)
        for resampled in resampler.resample(None):
            for packet in aus.encode(resampled):
                out.mux(packet)
        for packet in aus.encode():
            out.mux(packet)
    out.close()
    return path


def check_by_rule(
    folder: Path, select: str, *args: str
) -> tuple[int, dict[str, list[dict[str, Any]]]]:
    """``casecheck check FOLDER --format json --select …`` in-process: exit code, findings by rule."""
    import json

    from typer.testing import CliRunner

    from casecheck.cli import app

    result = CliRunner().invoke(
        app, ["check", str(folder), "--format", "json", "--select", select, *args]
    )
    report = json.loads(result.stdout)
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for finding in report["submissions"][0]["findings"]:
        by_rule.setdefault(finding["rule"], []).append(finding)
    return result.exit_code, by_rule
