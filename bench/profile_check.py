"""Where the default `check` spends its time, beside the floor's parts: a profile by reader.

    .venv/bin/python bench/profile_check.py [--video 7m30|10m05] [--no-overlap]

Runs, in this process and in turn: the floor's parts (MediaInfo + inflate + zxing; the
audio and keyframes decoded once; LibreOffice's render), then one `check_submission` of
fig_check.py's submission with every reader timed (wall and CPU seconds of the process, all
threads) and the checkers' share, then the content reader alone and its parts (the face
search over the sampled keyframes). Figures are seconds; run on an idle machine.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import load, one_submission


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    wall, busy = time.perf_counter(), cpu()
    value = fn()
    return time.perf_counter() - wall, cpu() - busy, value


def line(name: str, wall: float, busy: float) -> None:
    print(f"  {name:<44} {wall:7.2f} s wall {busy:7.2f} s CPU", flush=True)


def floor_parts(folder: Path) -> None:
    import floor

    video = next(folder.glob("*.mp4"))
    deck = next(folder.glob("*.pptx"))
    print("floor (bench/floor.py --content), its parts one after the other:")
    wall, busy, _ = timed(lambda: floor.floor(folder, content=False))
    line("MediaInfo + inflate + zxing", wall, busy)
    wall, busy, _ = timed(lambda: floor.decode_content(video))
    line("audio + keyframes decoded once (PyAV)", wall, busy)

    def render() -> None:
        import shutil

        r = floor.Render(deck, shutil.which("soffice") or "soffice")
        r.finish()

    wall, busy, _ = timed(render)
    line("LibreOffice: first and last slide", wall, busy)


def check_profile(folder: Path, overlap: bool) -> None:
    from casecheck import engine
    from casecheck.packs.ruleset import load_ruleset

    spent: dict[str, list[float]] = {}
    original = engine.FactsCache.get

    def get(self: Any, material: str, path: str) -> Any:
        if (material, path) in self._facts:
            return original(self, material, path)
        wall, busy, value = timed(lambda: original(self, material, path))
        spent[material] = [wall, busy]
        return value

    engine.FactsCache.get = get  # type: ignore[method-assign]
    try:
        ruleset = load_ruleset()
        options = engine.Options(overlap=overlap)
        wall, busy, _ = timed(lambda: engine.check_submission(folder, ruleset, options))
    finally:
        engine.FactsCache.get = original  # type: ignore[method-assign]
    print(f"check_submission (overlap={overlap}), in process (no start-up):")
    for material, (w, b) in spent.items():
        line(f"reader {material}", w, b)
    line("checkers and the rest", wall - sum(w for w, _ in spent.values()), 0.0)
    line("total", wall, busy)


def content_parts(folder: Path) -> None:
    import av
    import numpy as np

    from casecheck.readers.media.frames import FaceFinder, reduced

    video = next(folder.glob("*.mp4"))
    greys: list[np.ndarray] = []

    def keyframes() -> None:
        with av.open(str(video)) as container:
            stream = container.streams.video[0]
            stream.codec_context.skip_frame = "NONKEY"
            stream.discard = av.stream.Discard.nonkey
            for packet in container.demux(stream):
                for frame in packet.decode():
                    greys.append(reduced(frame, "gray"))

    print("the content reader's picture work, apart:")
    wall, busy, _ = timed(keyframes)
    line(f"keyframes decoded and reduced ({len(greys)})", wall, busy)
    finder = FaceFinder()
    wall, busy, _ = timed(lambda: [finder.find(g) for g in greys])
    line("face search over every keyframe (one thread)", wall, busy)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--video", choices=["7m30", "10m05"], default="7m30")
    ap.add_argument("--no-overlap", action="store_true")
    args = ap.parse_args()
    folder = one_submission(args.video)
    print(f"load {load()}")
    floor_parts(folder)
    check_profile(folder, overlap=not args.no_overlap)
    content_parts(folder)
    print(f"load {load()}")


if __name__ == "__main__":
    main()
