"""How much time does AI-provenance scanning add per image (and per video)?

    .venv/bin/python bench/bench_provenance.py [--repeat 20]

Builds realistic images in memory (photo-like JPEGs and PNGs at slide and camera sizes,
with and without each kind of metadata), times ``scan_image_bytes`` over each and prints
mean / median / p90 / max per image; then times ``scan_video_file`` on a short MP4 with an
``AIGC`` tag. The target is < 5 ms per image on average.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.factories.provenance_factory import (
    AIGC_JSON,
    app11_segments,
    exif_with,
    firefly_store,
    mp4,
    xmp_packet,
)

from casecheck.readers.media.provenance import scan_image_bytes, scan_video_file


def photo(width: int, height: int, seed: int) -> Image.Image:
    """Smooth gradients plus noise: compresses like a photo, not like flat colour."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:height, 0:width]
    base = np.stack([(xx * 255 // width), (yy * 255 // height), ((xx + yy) % 256)], axis=-1)
    noise = rng.integers(0, 40, (height, width, 3))
    return Image.fromarray(((base + noise) % 256).astype(np.uint8))


def encode(im: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **kw)
    return buf.getvalue()


def splice_jpeg(data: bytes, segments: list[tuple[int, bytes]]) -> bytes:
    raw = b"".join(bytes([0xFF, m]) + (len(p) + 2).to_bytes(2, "big") + p for m, p in segments)
    return data[:2] + raw + data[2:]


def corpus() -> dict[str, bytes]:
    images: dict[str, bytes] = {}
    for w, h in ((1600, 1000), (4000, 3000)):
        im = photo(w, h, seed=w)
        jpg = encode(im, "JPEG", quality=85, exif=exif_with(software="Midjourney v6"))
        images[f"jpeg {w}x{h} EXIF Software"] = jpg
        images[f"jpeg {w}x{h} XMP IPTC + C2PA"] = splice_jpeg(
            jpg,
            [
                (
                    0xE1,
                    b"http://ns.adobe.com/xap/1.0/\x00" + xmp_packet(dst="trainedAlgorithmicMedia"),
                )
            ]
            + [(0xEB, seg) for seg in app11_segments(firefly_store(), parts=2)],
        )
        images[f"jpeg {w}x{h} no metadata"] = encode(im, "JPEG", quality=85)
        from PIL import PngImagePlugin

        info = PngImagePlugin.PngInfo()
        info.add_text("AIGC", AIGC_JSON)
        info.add_text("parameters", "a classroom\nSteps: 30, Sampler: Euler a, Seed: 1")
        info.add_itxt("XML:com.adobe.xmp", xmp_packet(aigc=AIGC_JSON).decode(), zip=True)
        images[f"png {w}x{h} AIGC + parameters + XMP"] = encode(im, "PNG", pnginfo=info)
        images[f"png {w}x{h} no metadata"] = encode(im, "PNG")
    return images


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    images = corpus()
    all_times: list[float] = []
    print(f"{'image':42} {'size':>9} {'signals':>7} {'mean':>7} {'median':>7} {'p90':>7} ms")
    for name, data in images.items():
        n = len(scan_image_bytes(data))
        times = timed(partial(scan_image_bytes, data), args.repeat)
        all_times += times
        p90 = statistics.quantiles(times, n=10)[-1]
        print(
            f"{name:42} {len(data) / 1e6:8.2f}M {n:7} {statistics.mean(times):7.3f} "
            f"{statistics.median(times):7.3f} {p90:7.3f}"
        )
    print(
        f"\nall {len(images)} images × {args.repeat}: mean {statistics.mean(all_times):.3f} ms, "
        f"max {max(all_times):.3f} ms per image (target < 5 ms mean)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        video = mp4(Path(tmp) / "v.mp4", metadata={"AIGC": AIGC_JSON}, frames=250)
        times = timed(lambda: scan_video_file(video), args.repeat)
        print(
            f"video {video.stat().st_size / 1e6:.2f} MB, 250 frames: "
            f"scan_video_file median {statistics.median(times):.3f} ms"
        )


if __name__ == "__main__":
    main()
