"""Realistic teacher videos for the figures: 1920×1080 25 fps H.264 at ≥ 8 Mbps with AAC
sound, made with PyAV and libx264 (never committed; built once under the bench folder).

    .venv/bin/python bench/videos.py            # build the 7:30 and the 10:05 video
    .venv/bin/python bench/videos.py --check    # print what MediaInfo measures

What makes them realistic where it counts for the content checks: the bits are spent on
picture, not padding. A 60 s segment is encoded for real — a camera view of a classroom
(a natural texture panning) for a third of it, slides with text lines, a photo and a moving
pointer for the rest, a scene change every 10 s, sensor grain on every frame — at 9 Mbps
with a keyframe every 2 s (OBS's and most editors' default GOP), x264's ``veryfast``
preset and one slice per frame (x264's frame threads: what OBS, ffmpeg and most editors
write; PyAV's default, sliced threads, cuts each frame into slices that a decoder's slice
threads share, which real files do not offer), with speech-like narration. The segment is
then remuxed end to end to the length wanted, so every keyframe of the long file is a real
1080p keyframe of a 9 Mbps encode (≈ 600 KB, not a 20 KB one of a synthetic pattern), cut
at the first keyframe at or after the length. MediaInfo measures ≥ 8 Mbps for the video
stream.
"""

from __future__ import annotations

import argparse
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

W, H, FPS = 1920, 1080, 25
SEGMENT_S = 60
BIT_RATE = 9_000_000
KEYINT = 50  # 2 s
FOLDER = "video-9mbps-1slice"  # under the bench folder, named for the recipe: a new one rebuilds
AUDIO_RATE = 48_000
LENGTHS = {"7m30": 450.0, "10m05": 605.0}


def _smooth_noise(h: int, w: int, scale: int, rng: np.random.Generator) -> np.ndarray:
    """A natural-looking texture: noise at 1/scale resolution, blown up smoothly."""
    import cv2

    small = rng.random((h // scale + 2, w // scale + 2, 3)).astype(np.float32)
    big = cv2.resize(small, (w + 2 * scale, h + 2 * scale), interpolation=cv2.INTER_CUBIC)
    return big[:h, :w]


def _natural(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """Several octaves of smooth noise: like a photo's mix of surfaces and detail."""
    img = sum(_smooth_noise(h, w, s, rng) * a for s, a in ((64, 0.5), (16, 0.3), (4, 0.2)))
    img = (img - img.min()) / (img.max() - img.min())
    return (img * 220 + 20).astype(np.uint8)


def _slide(rng: np.random.Generator, photo: np.ndarray) -> np.ndarray:
    img = np.full((H, W, 3), 248, dtype=np.uint8)
    img[:150] = rng.integers(20, 160, 3, dtype=np.uint8)  # title bar
    for row in range(230, 1000, 58):  # text lines: short dark strokes
        x = 120
        end = 120 + int(rng.integers(500, 900))
        while x < end:
            word = int(rng.integers(18, 90))
            img[row : row + 30, x : x + word] = rng.integers(20, 70)
            x += word + 14
    img[240:900, 1080:1820] = photo[:660, :740]
    return img


class Scenes:
    """The picture at frame ``i``: 10 s scenes — the classroom camera panning over the room
    (a third of the time), slides with the teacher's pointer (held, as in a lesson
    recording) — with grain on every frame. No presenter inset: the guide forbids one."""

    def __init__(self, seed: int = 7) -> None:
        rng = np.random.default_rng(seed)
        self.room = _natural(H + 400, W + 800, rng)
        self.slides = [_slide(rng, _natural(700, 800, rng)) for _ in range(4)]
        self.grain = [rng.normal(0, 2.5, (H, W, 1)).astype(np.int16) for _ in range(8)]

    def __call__(self, i: int) -> np.ndarray:
        t = i / FPS
        scene = int(t // 10) % 6
        if scene in (0, 3):  # the camera pans over the classroom
            x, y = int(t * 24) % 800, int(t * 9) % 400
            img = self.room[y : y + H, x : x + W].copy()
        else:
            img = self.slides[scene - 1 if scene < 3 else scene - 2].copy()
            x = 300 + int(t * 140) % 1300  # the teacher's pointer
            img[620:650, x : x + 30] = (220, 30, 30)
        noisy = img.astype(np.int16) + self.grain[i % len(self.grain)]
        return np.clip(noisy, 0, 255).astype(np.uint8)


def _narration(seconds: float) -> np.ndarray:
    from tests.factories.content_factory import at_loudness, speech_like

    return at_loudness(speech_like(seconds), -18).astype(np.float32)


def encode_segment(path: Path) -> Path:
    import av

    out = av.open(str(path), mode="w", format="mp4")
    vs = out.add_stream("libx264", rate=FPS)
    vs.width, vs.height, vs.pix_fmt = W, H, "yuv420p"
    vs.bit_rate = BIT_RATE
    vs.codec_context.thread_type = "FRAME"  # one slice per frame, as real encoders write
    vs.options = {
        "preset": "veryfast",
        "x264-params": f"keyint={KEYINT}:min-keyint={KEYINT}:scenecut=0:"
        f"vbv-maxrate={BIT_RATE // 1000 + 1000}:vbv-bufsize={2 * BIT_RATE // 1000}",
    }
    aus = out.add_stream("aac", rate=AUDIO_RATE)
    aus.bit_rate, aus.layout = 160_000, "stereo"
    picture = Scenes()
    for i in range(SEGMENT_S * FPS):
        frame = av.VideoFrame.from_ndarray(picture(i), format="rgb24")
        frame.pts, frame.time_base = i, Fraction(1, FPS)
        for packet in vs.encode(frame):
            out.mux(packet)
    for packet in vs.encode():
        out.mux(packet)
    sound = _narration(SEGMENT_S)
    for t in range(0, sound.size, 1024):
        chunk = sound[t : t + 1024]
        aframe = av.AudioFrame.from_ndarray(
            np.stack([chunk, chunk]), format="fltp", layout="stereo"
        )
        aframe.sample_rate, aframe.pts, aframe.time_base = AUDIO_RATE, t, Fraction(1, AUDIO_RATE)
        for packet in aus.encode(aframe):
            out.mux(packet)
    for packet in aus.encode():
        out.mux(packet)
    out.close()
    return path


def remux_to(out_path: Path, segment: Path, seconds: float) -> Path:
    """``segment`` copied end to end (packets, no re-encoding) up to the first keyframe at or
    after ``seconds``: whole groups of pictures, the sound cut at the same time."""
    import av

    src = av.open(str(segment))
    streams = list(src.streams)
    packets = [
        (p.stream.index, p.pts, p.dts, p.duration or 0, p.is_keyframe, bytes(p))
        for p in src.demux()
        if p.dts is not None and p.pts is not None
    ]
    span = {
        s.index: max(d + n for i, _, d, n, _, _ in packets if i == s.index)
        - min(d for i, _, d, _, _, _ in packets if i == s.index)
        for s in streams
    }
    video = src.streams.video[0]
    seg_s = span[video.index] * float(video.time_base)
    key_times = [
        pts * float(video.time_base) for i, pts, _, _, key, _ in packets if i == video.index and key
    ]
    copies = int(seconds // seg_s) + 1
    cut = min(
        n * seg_s + t for n in range(copies + 1) for t in key_times if n * seg_s + t >= seconds
    )
    out = av.open(str(out_path), mode="w", format="mp4")
    mapping = {s.index: out.add_stream_from_template(s) for s in streams}
    for n in range(copies + 1):
        for idx, pts, dts, duration, key, data in packets:
            shift = n * span[idx]
            if (pts + shift) * float(streams[idx].time_base) >= cut:
                continue
            packet = av.Packet(data)
            packet.pts, packet.dts, packet.duration = pts + shift, dts + shift, duration
            packet.is_keyframe, packet.stream = key, mapping[idx]
            packet.time_base = streams[idx].time_base
            out.mux(packet)
    out.close()
    src.close()
    return out_path


def realistic_video(folder: Path, name: str) -> Path:
    """``folder/video-<name>.mp4`` (7m30 or 10m05), built once."""
    out = folder / f"video-{name}.mp4"
    if out.with_suffix(".ok").exists():
        return out
    folder.mkdir(parents=True, exist_ok=True)
    segment = folder / "segment-60s-9mbps.mp4"
    if not segment.with_suffix(".ok").exists():
        encode_segment(segment)
        segment.with_suffix(".ok").write_text("ok\n")
    remux_to(out, segment, LENGTHS[name])
    out.with_suffix(".ok").write_text("ok\n")
    return out


def describe(path: Path) -> str:
    from pymediainfo import MediaInfo

    info = MediaInfo.parse(str(path))
    v = next(t for t in info.tracks if t.track_type == "Video")
    g = next(t for t in info.tracks if t.track_type == "General")
    return (
        f"{path.name}: {path.stat().st_size / 1e6:.0f} MB, {float(g.duration) / 1000:.1f} s, "
        f"{v.width}×{v.height} {v.frame_rate} fps {v.format}, video {int(v.bit_rate) / 1e6:.2f} Mbps"
    )


def main() -> None:
    from common import realistic_video as bench_video

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--check", action="store_true", help="print MediaInfo's figures")
    args = ap.parse_args()
    for name in LENGTHS:
        path = bench_video(name)
        if args.check:
            print(describe(path))


if __name__ == "__main__":
    main()
