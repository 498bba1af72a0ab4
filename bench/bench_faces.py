"""How many faces do OpenCV's bundled frontal-face cascades find, how fast, with what false alarms?

    .venv/bin/python bench/bench_faces.py

A head-and-shoulders photo (scikit-image's astronaut) pasted as a webcam inset on a white
slide with a title bar — 10 sizes × 4 places × 3 frame sizes (1080p, 720p, 360p) — reduced
the way readers/media/frames.py reduces frames (swscale, area averaging, 512 px wide), then
searched by FaceFinder (what the reader runs) and by OpenCV's default cascade at its usual
parameters; and 100 different faces (scikit-image's Labeled Faces in the Wild subset) pasted
at five sizes, with LFW's 100 non-face patches. For false alarms: 20 frames of the moving
test pattern, scikit-image's other sample pictures (at 1080p, at 720p and as a photo on a
slide) and, once bench/videos.py has built it, every keyframe of the 9 Mbps classroom video.
Prints, per search: inset frames with a face found, extra boxes, frames without a face where
one was reported, CPU ms per search over the insets and over the classroom video's keyframes
(one OpenCV thread).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import av
import cv2
import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.factories.content_factory import pattern

from casecheck.readers.media.frames import FACE_MIN_PX, FaceFinder, reduced

# against FaceFinder's search: OpenCV's usual default (cascade, scaleFactor, minNeighbors)
DEFAULT = ("haarcascade_frontalface_default.xml", 1.2, 5)
SIZES = [(1920, 1080), (1280, 720), (640, 360)]
INSETS = [0.13, 0.15, 0.16, 0.18, 0.22, 0.27, 0.36, 0.45, 0.55, 0.73]  # of the frame height
# faceless pictures, each at 1080p, at 720p and as a photo on a slide
FACELESS = [
    "camera",
    "horse",
    "hubble_deep_field",
    "immunohistochemistry",
    "moon",
    "retina",
    "brick",
    "grass",
    "gravel",
    "cell",
    "colorwheel",
    "logo",
    "microaneurysms",
    "checkerboard",
    "cat",
    "coffee",
    "chelsea",
    "rocket",
    "text",
    "page",
    "coins",
    "clock",
]  # fmt: skip (the samples scikit-image ships; others need a download)


def grey(rgb: np.ndarray) -> np.ndarray:
    frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb), format="rgb24")
    return reduced(frame.reformat(format="yuv420p"), "gray")


def inset_frames() -> list[np.ndarray]:
    from skimage import data

    head = np.asarray(data.astronaut())[20:320, 100:400]
    out = []
    for w, h in SIZES:
        for share in INSETS:
            size = int(h * share)
            inset = np.asarray(Image.fromarray(head).resize((size, size)))
            for place in range(4):
                img = np.full((h, w, 3), 245, np.uint8)
                img[: h // 8] = (20, 60, 140)
                x = min([10, w - size - 10, w // 3, 7][place], w - size)
                y = min([10, h - size - 10, h // 3, h - size - 3][place], h - size)
                img[y : y + size, x : x + size] = inset
                out.append(grey(img))
    return out


def faceless_frames() -> list[np.ndarray]:
    from skimage import data

    moving = pattern(640, 360)
    out = [grey(moving(i * 0.7)) for i in range(20)]
    for name in FACELESS:
        img = _rgb8(np.asarray(getattr(data, name)()))
        out += [grey(np.asarray(Image.fromarray(img).resize(size))) for size in SIZES[:2]]
        slide = np.full((1080, 1920, 3), 245, np.uint8)
        slide[600:1000, 1300:1900] = np.asarray(Image.fromarray(img).resize((600, 400)))
        out.append(grey(slide))
    return out


def _rgb8(img: np.ndarray) -> np.ndarray:
    """A scikit-image sample (grey, RGBA, float, 16-bit or boolean) as 8-bit RGB."""
    img = img.astype(np.float64)
    img = (255 * (img - img.min()) / max(float(img.max() - img.min()), 1e-9)).astype(np.uint8)
    return np.stack([img] * 3, axis=-1) if img.ndim == 2 else img[..., :3]


def video_keyframes() -> list[np.ndarray]:
    """Every keyframe of bench/videos.py's 7:30 classroom video, if it has been built."""
    from common import BENCH_DIR
    from videos import FOLDER

    path = BENCH_DIR / FOLDER / "video-7m30.mp4"
    if not path.exists():
        print(f"({path} not built: run bench/videos.py to add its keyframes)")
        return []
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.codec_context.skip_frame = "NONKEY"
        return [reduced(frame, "gray") for frame in container.decode(stream)]


LFW_SIZES = (30, 45, 70, 110, 180)  # face height in pixels of the 512 × 288 search picture


def lfw_pictures(first: int) -> list[np.ndarray]:
    """scikit-image's Labeled Faces in the Wild subset — 100 faces (``first=0``) or 100
    other patches (``first=100``), 25 × 25 — each pasted at every LFW_SIZES height on a
    slide-like 512 × 288 search picture, in one of three places."""
    from skimage import data

    patches = data.lfw_subset()[first : first + 100]
    out = []
    for size in LFW_SIZES:
        for i, patch in enumerate(patches):
            picture = np.full((288, 512), 235, np.uint8)
            picture[:36] = 60  # a title bar
            face = cv2.resize((patch * 255).astype(np.uint8), (size, size), cv2.INTER_CUBIC)
            x, y = [(20, 60), (512 - size - 20, 288 - size - 10), (200, 80)][i % 3]
            picture[y : y + size, x : x + size] = face
            out.append(picture)
    return out


def opencv_default() -> Callable[[np.ndarray], list[Any]]:
    name, step, neighbours = DEFAULT
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + name)  # type: ignore[attr-defined]
    return lambda g: list(
        cascade.detectMultiScale(
            g, scaleFactor=step, minNeighbors=neighbours, minSize=(FACE_MIN_PX, FACE_MIN_PX)
        )
    )


def main() -> None:
    cv2.setNumThreads(1)  # as in the reader's search thread
    with_face, without, keyframes = inset_frames(), faceless_frames(), video_keyframes()
    faces, others = lfw_pictures(0), lfw_pictures(100)
    searches = [
        ("casecheck's search (readers/media/frames.py FaceFinder)", FaceFinder().find),
        (
            f"OpenCV's default: {DEFAULT[0]} (step {DEFAULT[1]}, {DEFAULT[2]} neighbours)",
            opencv_default(),
        ),
    ]
    for label, find in searches:
        started = time.process_time()
        counts = [len(find(g)) for g in with_face]
        per_search = (time.process_time() - started) / len(with_face) * 1000
        alarms = sum(len(find(g)) > 0 for g in without)
        started = time.process_time()
        alarms += sum(len(find(g)) > 0 for g in keyframes)
        per_keyframe = (time.process_time() - started) / max(1, len(keyframes)) * 1000
        found = sum(c > 0 for c in counts)
        extra = sum(max(0, c - 1) for c in counts)
        print(
            f"{label}: found {found}/{len(with_face)}, extra boxes {extra}, false alarms "
            f"{alarms}/{len(without) + len(keyframes)}; CPU per search {per_search:.1f} ms "
            f"(insets), {per_keyframe:.1f} ms (classroom keyframes)"
        )
        by_size = [sum(len(find(g)) > 0 for g in faces[i * 100 : (i + 1) * 100]) for i in range(5)]
        flagged = sum(len(find(g)) > 0 for g in others)
        print(
            f"    100 LFW faces found at {'/'.join(map(str, LFW_SIZES))} px: "
            f"{'/'.join(map(str, by_size))}; LFW's 100 other patches flagged: {flagged}/500"
        )


if __name__ == "__main__":
    main()
