"""What do the video content checks cost, against the floor of decoding with PyAV?

    .venv/bin/python bench/bench_content.py [--minutes 10] [--keyint 50] [--repeat 3]

Builds a 1920×1080 25 fps H.264 + AAC 48 kHz stereo MP4 of ``--minutes`` minutes (a 20 s
segment — slides with a moving pointer, a webcam-style face inset for a third of it,
narration-like sound — encoded once and remuxed end to end, as tests/video_factory.py does),
then times, best of ``--repeat``:

* floor: one PyAV pass decoding every audio packet and only the keyframes
  (``skip_frame = "NONKEY"``), doing nothing with the frames;
* the same floor with the two tracks decoded side by side (two threads, a demuxer each, as
  the content reader does), so the ratio is also shown against the fastest plain decode;
* content: ``read_video_content`` (resampling, BS.1770 meter, levels, clipping, reduced
  frames, face search, thumbnails, the exact last frame).

It prints both and the ratio (wall clock, and CPU time of all the process's threads: the
decoder and OpenCV use threads, so on a busy machine the CPU ratio is the fairer one); the
target is ≤ 2×.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import av
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.factories.content_factory import at_loudness, make_content_video, speech_like
from tests.factories.video_factory import make_long_video

from casecheck.readers.media.content import read_video_content

W, H = 1920, 1080


def segment_picture() -> Callable[[float], np.ndarray]:
    slide = np.full((H, W, 3), 245, dtype=np.uint8)
    slide[:160] = (20, 60, 140)
    for row in range(300, 1000, 90):
        slide[row : row + 30, 200 : 200 + (row * 7) % 1300 + 200] = 60
    try:
        from skimage import data

        face = np.asarray(data.astronaut())[20:320, 100:400]
        from PIL import Image

        inset = np.asarray(Image.fromarray(face).resize((600, 600)))
    except ImportError:  # scikit-image is a test extra
        inset = None

    def draw(t: float) -> np.ndarray:
        img = slide.copy()
        x = int(200 + (t * 120) % 1400)
        img[600:640, x : x + 40] = (220, 30, 30)  # a moving pointer: every frame differs
        if inset is not None and t >= 13:
            img[H - 620 : H - 20, W - 620 : W - 20] = inset
        return img

    return draw


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall s, CPU s) of one call."""
    wall, cpu = time.perf_counter(), cpu_s()
    fn()
    return time.perf_counter() - wall, cpu_s() - cpu


def floor(path: Path, kinds: tuple[str, ...] = ("video", "audio")) -> None:
    with av.open(str(path)) as container:
        streams = [getattr(container.streams, kind)[0] for kind in kinds]
        for stream in streams:
            if stream.type == "video":
                stream.codec_context.skip_frame = "NONKEY"
        for packet in container.demux(*streams):
            for _frame in packet.decode():
                pass


def floor_side_by_side(path: Path) -> None:
    sound = threading.Thread(target=floor, args=(path, ("audio",)))
    sound.start()
    floor(path, ("video",))
    sound.join()


def best(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The best wall time and the best CPU time of ``repeat`` calls."""
    runs = [timed(fn) for _ in range(repeat)]
    return min(r[0] for r in runs), min(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument(
        "--keyint", type=int, default=50, help="frames between keyframes (OBS: 2 s = 50)"
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        segment = Path(tmp) / "segment.mp4"
        audio = at_loudness(speech_like(20.0), -18)
        make_content_video(
            segment,
            audio=audio,
            picture=segment_picture(),
            width=W,
            height=H,
            fps=25,
            keyframe_every=args.keyint,
        )
        video = make_long_video(Path(tmp) / "long.mp4", seconds=args.minutes * 60, segment=segment)
        size = video.stat().st_size / 1e6

        kept = []

        def content() -> None:
            kept[:] = [read_video_content(video)]

        base = best(lambda: floor(video), args.repeat)
        side = best(lambda: floor_side_by_side(video), args.repeat)
        ours = best(content, args.repeat)
        facts = kept[0]
        frames = facts.frames
        print(
            f"video: {args.minutes:g} min 1920×1080 25 fps, keyframe every {args.keyint} frames, {size:.0f} MB"
        )
        print(
            f"sampled keyframes: {frames.sampled}, face hits: {len(frames.faces)}, loudness {facts.audio.integrated_lufs} LUFS"
        )
        print(
            f"floor (PyAV: audio + keyframes decoded once): {base[0]:.2f} s ({base[1]:.2f} s CPU)"
        )
        print(
            f"the same, the two tracks side by side:        {side[0]:.2f} s ({side[1]:.2f} s CPU)"
        )
        print(
            f"content checks (read_video_content):          {ours[0]:.2f} s ({ours[1]:.2f} s CPU)"
        )
        print(f"ratio: {ours[0] / base[0]:.2f}× wall, {ours[1] / base[1]:.2f}× CPU (target ≤ 2×)")
        print(
            f"against the side-by-side floor: {ours[0] / side[0]:.2f}× wall, {ours[1] / side[1]:.2f}× CPU"
        )


if __name__ == "__main__":
    main()
