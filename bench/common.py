"""Shared by the figure scripts: the realistic submissions they run on, and the timing.

The data lives under ``$CASECHECK_BENCH_DIR`` (default ``/tmp/casecheck-bench``), never in
the repository; it is built once from the test factories and reused by later runs (delete the
folder to rebuild). Times are whole-process wall-clock times, medians of interleaved runs.
"""

from __future__ import annotations

import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
BENCH_DIR = Path(os.environ.get("CASECHECK_BENCH_DIR", "/tmp/casecheck-bench"))
PYTHON = sys.executable
CASECHECK = [PYTHON, "-m", "casecheck"]
FLOOR = [PYTHON, str(REPO / "bench" / "floor.py")]
# Timed processes may write bytecode: an installed casecheck has its modules compiled (pip
# compiles at install), and an editable checkout with PYTHONDONTWRITEBYTECODE set would
# otherwise recompile ~100 modules (≈ 0.25 s) in every timed run.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

DECK_SLIDES = 10


def _ready(marker: Path, build: Callable[[], None], stamp: str = "ok") -> None:
    """Run ``build`` unless ``marker`` says it was built from ``stamp``."""
    if not marker.exists() or marker.read_text().strip() != stamp:
        build()
        marker.write_text(stamp + "\n")


def realistic_video(length: str = "7m30") -> Path:
    """A 1080p25 H.264/AAC MP4 of a real 9 Mbps encode (bench/videos.py): 7m30 ≈ 500 MB,
    10m05 ≈ 680 MB."""
    from videos import FOLDER
    from videos import realistic_video as build

    return build(BENCH_DIR / FOLDER, length)


def realistic_submission(folder: Path, video: Path, seed: int = 0) -> Path:
    """Info form, 10-slide deck (9 photos), report and a distinct copy of the 7:30 video."""
    from tests.factories.batch_factory import free_box, make_deck
    from tests.factories.docx_factory import build_report, save
    from tests.factories.form_factory import build_docx, evidence_form

    def build() -> None:
        folder.mkdir(parents=True, exist_ok=True)
        build_docx(evidence_form(), folder / "案例信息表.docx")
        make_deck(folder / "案例课件.pptx", f"基准案例{seed}", photos=DECK_SLIDES - 1, seed=seed)
        save(build_report(), folder / "案例总结报告.docx")
        target = folder / "案例视频.mp4"
        shutil.copyfile(video, target)
        with target.open("ab") as fh:  # a trailing padding box: same video, other bytes
            fh.write(free_box(f"bench-{seed}"))

    _ready(folder.parent / f".{folder.name}.ok", build, stamp=str(video))
    return folder


def one_submission(length: str = "7m30") -> Path:
    """Info form, 10-slide deck, report and the ``length`` video in one folder."""
    return realistic_submission(BENCH_DIR / f"one-{length}" / "案例A", realistic_video(length))


def ten_submissions() -> Path:
    """ROOT/<市州>/<案例> with 10 realistic submissions, each with its own copy of the 7:30
    video (≈ 5 GB on disk)."""
    root = BENCH_DIR / "ten-7m30" / "推荐案例"
    video = realistic_video()
    for i in range(10):
        realistic_submission(root / ["长沙市", "株洲市"][i % 2] / f"案例{i:02d}", video, seed=i)
    return root


def big_deck() -> Path:
    """A 20-slide deck with one 24 MP JPEG photo per slide (≈ 214 MB) in its own folder."""
    import pptx
    from pptx.util import Inches
    from tests.factories.pptx_factory import photo

    folder = BENCH_DIR / "bigdeck" / "案例D"

    def build() -> None:
        folder.mkdir(parents=True, exist_ok=True)
        deck = pptx.Presentation()
        deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
        for i in range(20):
            slide = deck.slides.add_slide(deck.slide_layouts[6])
            buf = io.BytesIO()
            photo(6000, 4000, seed=1000 + i).save(buf, "JPEG", quality=96)
            buf.seek(0)
            slide.shapes.add_picture(buf, 0, 0, width=deck.slide_width)
        deck.save(str(folder / "案例课件.pptx"))

    _ready(folder.parent / f".{folder.name}.ok", build)
    return folder


def children_cpu() -> float:
    """CPU seconds of every child process waited for so far (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_quiet(
    cmd: Sequence[str], env: dict[str, str] | None = None, cpu: list[float] | None = None
) -> float:
    """Wall-clock seconds of one process; exit codes 0 and 1 (findings) are fine. ``cpu``
    gets the CPU seconds it and its children used (on a shared machine the fairer figure)."""
    started, busy = time.perf_counter(), children_cpu()
    proc = subprocess.run(list(cmd), capture_output=True, env=env or ENV, check=False)
    seconds = time.perf_counter() - started
    if cpu is not None:
        cpu.append(children_cpu() - busy)
    if proc.returncode not in (0, 1):
        raise SystemExit(
            f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')}"
        )
    return seconds


def interleaved(
    commands: dict[str, Callable[[], float]], runs: int, warmup: int = 1
) -> dict[str, list[float]]:
    """Seconds of each command, run in turn ``runs`` times after ``warmup`` rounds (so a
    change of load on a shared machine falls on both sides of a ratio)."""
    for _ in range(warmup):
        for fn in commands.values():
            fn()
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, fn in commands.items():
            samples[name].append(fn())
    return samples


def load() -> str:
    """The 1, 5 and 15 minute load averages (how busy the machine was)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())


def peak_rss_mib(target: str, *args: str) -> tuple[float, float]:
    """(own, children's) peak resident memory in MiB of ``python -m target args`` (or of the
    script ``target``): the kernel folds a child's peak (LibreOffice rendering slides) into
    its parent's, so bench/rss.py reads both from inside the process."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rss.json"
        cmd = [PYTHON, str(REPO / "bench" / "rss.py"), str(out), target, *args]
        proc = subprocess.run(cmd, capture_output=True, env=ENV, check=False)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode})")
        mib = json.loads(out.read_text(encoding="utf-8"))
    return mib["self_mib"], mib["children_mib"]


def report(
    figure: str,
    values: list[float],
    floors: list[float],
    goal: float,
    unit: str = "s",
    cpu: tuple[list[float], list[float]] | None = None,
) -> bool:
    """One figure: value / floor = ratio (medians; the minima beside them), its goal, the load
    and, when given, the CPU seconds of both sides. The goal is judged on the ratio of the
    medians of wall-clock time."""
    value, floor = statistics.median(values), statistics.median(floors)
    ratio, best = value / floor, min(values) / min(floors)
    met = ratio <= goal
    digits = 3 if goal < 1 else 2
    print(
        f"{figure}: {value:.3f} {unit} / floor {floor:.3f} {unit} = {ratio:.{digits}f}×"
        f"  (goal ≤ {goal:g}×: {'met' if met else 'NOT met'})\n"
        f"    min {min(values):.3f} / {min(floors):.3f} = {best:.{digits}f}×;"
        f" runs {_shown(values)} / {_shown(floors)}; load {load()}",
        flush=True,
    )
    if cpu is not None and cpu[0] and cpu[1]:
        mine, theirs = statistics.median(cpu[0]), statistics.median(cpu[1])
        print(f"    CPU (median): {mine:.2f} s / {theirs:.2f} s = {mine / theirs:.2f}×", flush=True)
    return met


def _shown(values: list[float]) -> str:
    return "[" + ", ".join(f"{v:.2f}" for v in values) + "]"
