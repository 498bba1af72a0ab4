"""Benchmark `casecheck batch`: N realistic submissions, cold, warm (cached), and after 5 fixes.

Each submission has a real info form and report (python-docx), a real 16:9 deck with photos
(python-pptx + Pillow JPEGs) and a real H.264/AAC MP4 (PyAV; short, one encode copied with a
distinct trailing ``free`` box per folder), laid out as ROOT/<市州>/<类别>/<案例>/.

    .venv/bin/python bench/bench_batch.py --n 100 [--jobs 2] [--photos 3] [--video-seconds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.factories.batch_factory import make_case, template_video  # noqa: E402
from tests.factories.submission_factory import make_report  # noqa: E402

REGIONS = ["长沙市", "株洲市", "湘潭市", "衡阳市", "岳阳市", "常德市"]
CATEGORIES = ["教AI", "用AI", "创AI", "护AI"]


def build(root: Path, n: int, photos: int, seconds: float, width: int, height: int) -> list[Path]:
    video = template_video(
        root.parent / "template.mp4", seconds=seconds, width=width, height=height
    )
    folders = []
    for i in range(n):
        rel = Path(REGIONS[i % len(REGIONS)]) / CATEGORIES[i % 4] / f"案例{i:04d}"
        folders.append(make_case(root / rel, f"基准测试案例第{i}号", video, photos=photos, seed=i))
    return folders


def run(root: Path, cache: Path, jobs: int) -> tuple[float, dict[str, int]]:
    env = {**os.environ, "CASECHECK_CACHE_DIR": str(cache)}
    cmd = [
        sys.executable,
        "-m",
        "casecheck",
        "batch",
        str(root),
        "--pack",
        "hunan2026-ai-case",
        "--jobs",
        str(jobs),
        "--format",
        "json",
    ]
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, check=False)
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(
            f"batch failed ({proc.returncode}): {proc.stderr.decode(errors='replace')}"
        )
    return seconds, json.loads(proc.stdout)["counts"]


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--photos", type=int, default=3, help="photos per deck (1280×800 JPEG)")
    ap.add_argument("--video-seconds", type=float, default=2.0)
    ap.add_argument("--video-size", default="1920x1080")
    args = ap.parse_args()
    width, height = (int(x) for x in args.video_size.split("x"))
    with tempfile.TemporaryDirectory(prefix="casecheck-bench-") as tmp:
        root, cache = Path(tmp) / "推荐案例", Path(tmp) / "cache"
        t0 = time.perf_counter()
        folders = build(root, args.n, args.photos, args.video_seconds, width, height)
        size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
        print(
            f"built {args.n} submissions ({size / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f} s; jobs={args.jobs}"
        )
        cold, counts = run(root, cache, args.jobs)
        warm, _ = run(root, cache, args.jobs)
        for folder in folders[:5]:  # five schools fix their report
            make_report(
                folder / "案例总结报告.docx", ("一、案例概述", f"修改后的正文 {folder.name}")
            )
        fixed, _ = run(root, cache, args.jobs)
        print(f"findings: {counts}")
        for label, secs in (("cold", cold), ("warm (cached)", warm), ("5 folders changed", fixed)):
            print(f"{label:>18}: {secs:6.2f} s  {args.n / secs:7.1f} submissions/s")
        print(f"speed-up warm vs cold: {cold / warm:.1f}×")


if __name__ == "__main__":
    main()
