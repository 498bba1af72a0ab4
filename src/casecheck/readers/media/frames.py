"""Sampled video frames: reduce each decoded frame at once, look for frontal faces, keep thumbnails.

Frames arrive from content.py (keyframes, then the exact last frame). Each is scaled to at
most ``SAMPLE_WIDTH`` pixels wide as soon as it is decoded; a frontal-face search (OpenCV's
bundled Haar cascade, frontal faces only) runs on its greyscale in a worker thread while the
next keyframes decode; a JPEG thumbnail is kept only for the first and last frame and for
frames with a face. Nothing is blurred or altered: a face is outlined on its thumbnail so a
reviewer sees what was found.

A face counts only when it shows in ``FACE_RUN`` (2) consecutive sampled frames (the
``video.faces`` rule's ``min_frames`` is at least that), so the search is planned for runs:
of two changed frames in a row only the first is searched at once; the second is searched
only when a frame beside it shows a face. Every run of two or more frames with a face is
still found whole, and a scene that keeps changing (a camera panning) costs half the
searches.
"""

from __future__ import annotations

import io
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from casecheck.readers.media import FACE_RUN
from casecheck.readers.pictures import Picture

SAMPLE_WIDTH = 512  # detection size: at 1080p a face ≥ 90 px tall (8 % of the height) is found
THUMB_WIDTH = 320
COMPARE_SIZE = (64, 36)  # greyscale kept for comparing with slide renders
MAX_FACE_PICTURES = 300
FACE_MIN_PX = 24
UNCHANGED_DIFF = 1.0  # mean grey difference (0–255) under which two frames count as the same
SEARCHES_AHEAD = 8  # sampled frames waiting for the face search at most (then decoding waits)
# OpenCV's frontal-face cascade and how it searches. alt2, pyramid step 1.25, 2 neighbours,
# against OpenCV's usual default cascade at 1.2 / 5 (bench/bench_faces.py): 55 vs 46 of 120
# webcam insets found (2 of the default's, both at 27 % of the frame height, missed), none of
# 311 faceless pictures flagged by either (sample pictures at two sizes and on a slide, the
# 225 keyframes of bench/videos.py's 9 Mbps classroom video), 33 vs 63 ms per 512-px search
# on that video.
CASCADE = "haarcascade_frontalface_alt2.xml"
SCALE_STEP = 1.25
NEIGHBOURS = 2
Box = tuple[int, int, int, int]  # x, y, width, height on the search picture


class FaceHit(BaseModel):
    """A frontal face found in one sampled frame (box as fractions of the frame)."""

    time_s: float
    x: float
    y: float
    w: float
    h: float


class FrameShot(BaseModel):
    """One frame kept whole: a thumbnail for people and a tiny greyscale for comparison."""

    time_s: float
    picture: Picture
    grey: bytes = Field(default=b"", exclude=True, repr=False)  # COMPARE_SIZE, uint8 rows
    mean_luma: float  # 0–255; a black frame is near 0


def jpeg(rgb: np.ndarray, quality: int = 75) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, format="JPEG", quality=quality)
    return buf.getvalue()


def thumbnail(rgb: np.ndarray) -> np.ndarray:
    import cv2

    h, w = rgb.shape[:2]
    if w <= THUMB_WIDTH:
        return rgb
    return cv2.resize(
        rgb, (THUMB_WIDTH, max(1, round(h * THUMB_WIDTH / w))), interpolation=cv2.INTER_AREA
    )


def compare_grey(picture: np.ndarray) -> bytes:
    """The picture (RGB or greyscale) reduced to COMPARE_SIZE greyscale (what opening and
    closing compare, and what tells an unchanged frame)."""
    import cv2

    grey = cv2.cvtColor(picture, cv2.COLOR_RGB2GRAY) if picture.ndim == 3 else picture
    return bytes(cv2.resize(grey, COMPARE_SIZE, interpolation=cv2.INTER_AREA).tobytes())


def shot(rgb: np.ndarray, time_s: float, label: str) -> FrameShot:
    return FrameShot(
        time_s=time_s,
        picture=Picture(label=label, time_s=round(time_s, 2), jpeg=jpeg(thumbnail(rgb))),
        grey=compare_grey(rgb),
        mean_luma=float(rgb.mean()),
    )


def reduced(
    frame: Any, pixels: str = "rgb24", most: int = SAMPLE_WIDTH, reformatter: Any = None
) -> np.ndarray:
    """A decoded av.VideoFrame at most ``most`` pixels wide (scaled by swscale with area
    averaging), RGB or ``gray``. Pass a ``VideoReformatter`` kept for frames of one size:
    ``frame.reformat`` makes a new swscale context per frame, which costs 2–4 ms at 1080p."""
    width, height = frame.width, frame.height
    if width > most:
        height = max(2, round(height * most / width))
        width = most
    if reformatter is None:
        from av.video.reformatter import VideoReformatter

        reformatter = VideoReformatter()
    array: np.ndarray = reformatter.reformat(
        frame, width=width, height=height, format=pixels, interpolation="AREA"
    ).to_ndarray()
    return array


class FaceFinder:
    """OpenCV's frontal-face Haar cascade ``CASCADE`` (opencv-python-headless 4.x ships it)."""

    def __init__(self) -> None:
        import cv2

        self._cv2 = cv2
        cascades: str = cv2.data.haarcascades  # type: ignore[attr-defined]
        self._cascade = cv2.CascadeClassifier(cascades + CASCADE)
        if self._cascade.empty():  # pragma: no cover - a broken OpenCV install
            raise RuntimeError("OpenCV's frontal-face cascade could not be loaded")

    def find(self, grey: np.ndarray) -> list[Box]:
        boxes = self._cascade.detectMultiScale(
            grey,  # no histogram equalisation: a white slide around a face inset spoils it
            scaleFactor=SCALE_STEP,
            minNeighbors=NEIGHBOURS,
            minSize=(FACE_MIN_PX, FACE_MIN_PX),
        )
        return [tuple(int(v) for v in box) for box in boxes]  # type: ignore[misc]


class _Inline:
    """An executor that runs each call at once, in the caller."""

    def submit(self, fn: Callable[[np.ndarray], list[Box]], grey: np.ndarray) -> Future[list[Box]]:
        done: Future[list[Box]] = Future()
        try:
            done.set_result(fn(grey))
        except Exception as exc:
            done.set_exception(exc)
        return done

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        """Nothing runs aside."""


@dataclass
class _Sample:
    """A sampled frame waiting for its face search (or for the search it shares)."""

    time_s: float
    width: int  # of the search picture
    height: int
    search: Future[list[Box]] | None  # None: put off until a neighbour's answer is known
    frame: Any  # the decoded av.VideoFrame of a frame searched (or put off), for its thumbnail
    grey: np.ndarray | None = None  # the search picture of a frame put off


class FrameSampler:
    """Collects what the frame rules need from the sampled frames.

    With ``search_aside`` the face searches run in a worker thread, one at a time and in
    order, while the caller decodes the next keyframes (OpenCV works without Python's lock);
    at most ``SEARCHES_AHEAD`` wait, so a long video never piles up frames. Without it each
    search runs at once in the caller (a batch worker with no spare core). ``finish()``
    waits for the searches and fills ``face_hits`` and ``face_pictures``; use the sampler
    in a ``with``. ``searches`` counts the searches made (a frame that shares one or is
    never searched costs none)."""

    def __init__(self, search_aside: bool = True) -> None:
        import cv2

        self.faces = FaceFinder()
        self.sample_times: list[float] = []
        self.face_hits: list[FaceHit] = []
        self.face_pictures: list[Picture] = []
        self.first: FrameShot | None = None
        self.size: tuple[int, int] | None = None
        self.searches = 0
        self._previous: tuple[np.ndarray, Future[list[Box]]] | None = None
        self._waiting: deque[_Sample] = deque()
        self._put_off_last = False  # the last sample added was put off
        self._last_had_face = False  # the last sample collected showed a face
        self._searcher: ThreadPoolExecutor | _Inline = (
            ThreadPoolExecutor(1, thread_name_prefix="casecheck-faces")
            if search_aside
            else _Inline()
        )
        # One search at a time on one thread: OpenCV's pool on top only spins while the
        # decoder's threads fill the cores (0.8 s of CPU over a 10-minute video beside the
        # picture pass, ≈ 1 % of a batch worker's, for no gain in time). Restored by close().
        self._cv2, self._cv_threads = cv2, cv2.getNumThreads()
        cv2.setNumThreads(1)
        from av.video.reformatter import VideoReformatter

        self._to_grey, self._to_thumb = VideoReformatter(), VideoReformatter()

    def __enter__(self) -> FrameSampler:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, frame: Any) -> None:
        # the search picture: swscale straight from the decoder's luma (no RGB conversion);
        # a frame searched or put off is kept (at most SEARCHES_AHEAD wait) so that RGB at
        # thumbnail size is made only for a frame that shows a face
        grey = reduced(frame, "gray", reformatter=self._to_grey)
        time_s = float(frame.time or 0.0)
        self.size = (frame.width, frame.height)
        self.sample_times.append(time_s)
        if self.first is None:
            self.first = shot(reduced(frame), time_s, "first frame")
        search, own = self._faces(grey)
        h, w = grey.shape[:2]
        kept = grey if search is None else None
        self._waiting.append(_Sample(time_s, w, h, search, frame if own else None, kept))
        self._put_off_last = search is None
        while len(self._waiting) > SEARCHES_AHEAD:
            self._collect(self._waiting.popleft())

    def finish(self) -> None:
        """Wait for the searches still running and record their faces."""
        while self._waiting:
            self._collect(self._waiting.popleft())

    def close(self) -> None:
        self._searcher.shutdown(wait=True, cancel_futures=True)
        self._cv2.setNumThreads(self._cv_threads)

    def _faces(self, grey: np.ndarray) -> tuple[Future[list[Box]] | None, bool]:
        """(the search for faces in ``grey`` — None when it is put off —, whether the frame
        has a search of its own): a frame that looks like the last one searched (a slide
        held for a while) shares its answer; a changed frame right after a searched one is
        put off (searched later only if a frame beside it shows a face)."""
        small = np.frombuffer(compare_grey(grey), dtype=np.uint8).astype(np.int16)
        previous = self._previous
        if previous is not None and float(np.abs(small - previous[0]).mean()) < UNCHANGED_DIFF:
            return previous[1], False
        if FACE_RUN > 1 and previous is not None and not self._put_off_last:
            return None, True
        search = self._searcher.submit(self.faces.find, grey)
        self.searches += 1
        self._previous = (small, search)
        return search, True

    def _answer(self, sample: _Sample) -> list[Box]:
        """The faces in ``sample``; a frame put off is searched now if a frame beside it
        (the one collected before, or the next waiting) shows a face — never two put off
        in a row, so a run of ``FACE_RUN`` frames with a face always has a searched one."""
        if sample.search is not None:
            return sample.search.result()
        after = self._waiting[0].search if self._waiting else None
        if self._last_had_face or (after is not None and after.result()):
            assert sample.grey is not None
            self.searches += 1
            return self._searcher.submit(self.faces.find, sample.grey).result()
        return []

    def _collect(self, sample: _Sample) -> None:
        boxes = self._answer(sample)
        self._last_had_face = bool(boxes)
        if not boxes:
            return
        w, h = sample.width, sample.height
        for x, y, bw, bh in boxes:
            self.face_hits.append(
                FaceHit(time_s=sample.time_s, x=x / w, y=y / h, w=bw / w, h=bh / h)
            )
        # A stretch of faces starts where the answer changed, i.e. at a searched frame: the
        # frames that kept the previous answer need no picture of their own.
        if sample.frame is not None and len(self.face_pictures) < MAX_FACE_PICTURES:
            thumb = reduced(sample.frame, most=THUMB_WIDTH, reformatter=self._to_thumb)
            self.face_pictures.append(_outlined(thumb, boxes, w, sample.time_s))


def _outlined(thumb: np.ndarray, boxes: list[Box], width: int, time_s: float) -> Picture:
    """The thumbnail with the faces found on the ``width``-wide search picture outlined."""
    import cv2

    marked = np.ascontiguousarray(thumb)
    k = marked.shape[1] / width
    for x, y, bw, bh in boxes:
        top_left = (round(x * k), round(y * k))
        bottom_right = (round((x + bw) * k), round((y + bh) * k))
        cv2.rectangle(marked, top_left, bottom_right, (255, 64, 0), 2)
    return Picture(label="face", time_s=round(time_s, 2), jpeg=jpeg(marked))


def similarity(a: bytes, b: bytes) -> float:
    """Mean structural similarity (SSIM) of two COMPARE_SIZE greyscale pictures (7×7 windows):
    how alike a video frame and a slide render are."""
    import cv2
    import numpy as np

    w, h = COMPARE_SIZE
    x = np.frombuffer(a, dtype=np.uint8).reshape(h, w).astype(np.float64)
    y = np.frombuffer(b, dtype=np.uint8).reshape(h, w).astype(np.float64)
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mx, my = cv2.blur(x, (7, 7)), cv2.blur(y, (7, 7))
    vx = cv2.blur(x * x, (7, 7)) - mx * mx
    vy = cv2.blur(y * y, (7, 7)) - my * my
    cov = cv2.blur(x * y, (7, 7)) - mx * my
    score = ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))
    return float(score.mean())
