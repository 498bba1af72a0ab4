"""The 100-submission tree of fig_warm.py and fig_changed.py, and its batch runs.

Submissions as bench_batch.py builds them (real form, report, deck with 3 photos and a 2 s
1080p H.264/AAC video, each with its own bytes), laid out ROOT/<市州>/<类别>/<案例>/. The cache
lives in its own folder beside ROOT (``CASECHECK_CACHE_DIR``), never inside ROOT.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from common import BENCH_DIR, CASECHECK, ENV, _ready, run_quiet

REGIONS = ["长沙市", "株洲市", "湘潭市", "衡阳市", "岳阳市", "常德市"]
CATEGORIES = ["教AI", "用AI", "创AI", "护AI"]
N = 100


def tree() -> tuple[Path, list[Path]]:
    from tests.factories.batch_factory import make_case, template_video

    root = BENCH_DIR / "hundred" / "推荐案例"
    folders = [
        root / REGIONS[i % len(REGIONS)] / CATEGORIES[i % 4] / f"案例{i:04d}" for i in range(N)
    ]

    def build() -> None:
        root.mkdir(parents=True, exist_ok=True)
        video = template_video(root.parent / "template.mp4", seconds=2.0, width=1920, height=1080)
        for i, folder in enumerate(folders):
            make_case(folder, f"基准测试案例第{i}号", video, photos=3, seed=i)

    _ready(root.parent / ".tree.ok", build)
    return root, folders


def cache_dir() -> Path:
    return BENCH_DIR / "hundred" / "cache"


def clear_cache() -> None:
    shutil.rmtree(cache_dir(), ignore_errors=True)


def batch(root: Path, extra: list[str]) -> float:
    """One ``casecheck batch ROOT --jobs 2 --format json`` (plus ``extra``), cache kept."""
    env = {**ENV, "CASECHECK_CACHE_DIR": str(cache_dir())}
    cmd = [*CASECHECK, "batch", str(root), "--jobs", "2", "--format", "json", *extra]
    return run_quiet(cmd, env=env)


def cold(root: Path, extra: list[str]) -> float:
    clear_cache()
    return batch(root, extra)


def content_flag(ap: argparse.ArgumentParser) -> None:
    ap.add_argument(
        "--no-content",
        action="store_const",
        const=["--no-content"],
        default=[],
        help="time batch --no-content (MediaInfo only, no audio/frame decoding)",
    )


def change_five(folders: list[Path], round_no: int) -> None:
    """Five schools send a corrected report (new bytes, new mtime)."""
    from tests.factories.submission_factory import make_report

    for folder in folders[:5]:
        make_report(
            folder / "案例总结报告.docx",
            ("一、案例概述", f"第{round_no}次修改后的正文 {folder.name}"),
        )
