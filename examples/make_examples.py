"""Regenerate the sample submissions in examples/ from code (python-docx, python-pptx, PyAV).

Run from the repository root after `pip install ".[test]"`:
    .venv/bin/python examples/make_examples.py

- 01-循证教研-基本合格: a nearly compliant 人机协同循证教研 case. A compliant video is 7–10
  minutes at ≥ 8 Mbps (~450 MB), too large to ship, so its 1.5-second 1080p video fails
  `video.duration` — and nothing else should fail.
- 02-名师工作室-常见问题: a 名师线上工作室 case with the mistakes teachers typically make.

Each video opens on its deck's first slide and closes on its last (the first and last
``SLIDE_FRAMES`` frames, rendered by LibreOffice through casecheck's own renderer, so
`video.opening` / `video.closing` pass where LibreOffice is installed); the frames between
are a moving test pattern, which keeps the bit rate the metadata rules judge. LibreOffice
(``soffice``) is needed to run this script.
"""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.factories import docx_factory as dx  # noqa: E402
from tests.factories import form_factory as ff  # noqa: E402
from tests.factories import pptx_factory as px  # noqa: E402
from tests.factories.content_factory import fit  # noqa: E402
from tests.factories.video_factory import make_video  # noqa: E402

from casecheck.readers.pptx.render import render_end_slides  # noqa: E402

SLIDE_FRAMES = 5  # frames showing the first / last slide at each end of the videos
HERE = ROOT / "examples"
GOOD = HERE / "01-循证教研-基本合格"
BAD = HERE / "02-名师工作室-常见问题"


def clean_deck(path: Path, title: str) -> None:
    prs = px.new_deck()
    for heading in (title, "案例概述", "过程与方法", "成效与经验", "谢谢观看"):
        px.add_text(px.blank_slide(prs), heading)
    px.save(prs, path)


def deck_video(path: Path, deck: Path, *, seconds: float, fps: int, **kw: Any) -> None:
    """``make_video`` whose first and last SLIDE_FRAMES frames show the deck's first and
    last slide (the test pattern in between)."""
    width, height = kw.get("width", 320), kw.get("height", 180)
    renders = render_end_slides(deck)  # what video.opening / video.closing compare with
    if renders.first is None or renders.last is None:
        raise SystemExit(f"LibreOffice is needed to make the examples: {renders.problem}")
    first, last = (
        fit(np.asarray(Image.open(io.BytesIO(shot.picture.jpeg)).convert("RGB")), width, height)
        for shot in (renders.first, renders.last)
    )
    frames = round(seconds * fps)

    def picture(i: int) -> np.ndarray | None:
        if i < SLIDE_FRAMES:
            return first
        return last if i >= frames - SLIDE_FRAMES else None

    make_video(path, seconds=seconds, fps=fps, picture=picture, **kw)


def good_submission() -> None:
    GOOD.mkdir(parents=True)
    ff.build_docx(ff.evidence_form(), GOOD / "案例信息表.docx")
    clean_deck(GOOD / "案例课件.pptx", "AI课堂分析赋能精准听评课")
    deck_video(
        GOOD / "案例视频.mp4",
        GOOD / "案例课件.pptx",
        seconds=1.5,
        width=1920,
        height=1080,
        fps=25,
        video_bit_rate=12_000_000,
        audio_bit_rate=128_000,
    )
    dx.save(dx.build_report(dx.ReportSpec(body_chars=300)), GOOD / "案例总结报告.docx")


def bad_submission() -> None:
    BAD.mkdir(parents=True)
    form = ff.studio_form()
    ff.replace_row(form, "工作室类型", ff.Choice("工作室类型", ff.STUDIO_TYPES, ["名师", "名校长"]))
    ff.replace_row(form, "案例概述", ff.Text("案例概述", dx.chinese_text(400)))
    ff.build_docx(form, BAD / "信息表.docx")

    prs = px.new_deck()
    px.add_text(px.blank_slide(prs), "名师线上工作室研修案例")
    slide = px.blank_slide(prs)
    px.add_text(slide, "扫码加入工作室：")
    px.add_picture(
        slide, px.png_bytes(px.qr_image("https://example.org/join", 240)), left=6, top=2, width=2
    )
    slide = px.blank_slide(prs)
    px.add_text(slide, "联系电话：13912345678，网址 www.example-studio.cn/home")
    px.add_run_link(slide, "点击进入平台", "https://example.org/platform")
    px.save(prs, BAD / "课件.pptx")

    deck_video(
        BAD / "视频.mp4",
        BAD / "课件.pptx",
        seconds=1.5,
        width=1280,
        height=720,
        fps=30,
        audio="mp3",
    )

    spec = dx.ReportSpec(
        title="名师线上工作室研修总结报告",
        sections=["研修概况", "过程与举措", "经验与创新", "成果与成效"],  # one missing, two swapped
        heading_font="微软雅黑",
        body_font="宋体",
        body_chars=900,
    )
    dx.save(dx.build_report(spec), BAD / "总结报告.docx")
    (BAD / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1" + b"\x00" * 64)


def main() -> None:
    for folder in (GOOD, BAD):
        if folder.exists():
            shutil.rmtree(folder)
    good_submission()
    bad_submission()
    total = sum(p.stat().st_size for p in HERE.rglob("*") if p.is_file())
    print(f"examples written: {total / 1_048_576:.2f} MiB in all")


if __name__ == "__main__":
    main()
