"""Build trees of real submissions for the batch tests and the benchmark.

Every submission has a real info form (python-docx, with its 案例名称), a real deck
(python-pptx, optionally with photos), a real report and a real MP4. One MP4 is encoded per
tree with PyAV and each submission gets a copy with its own trailing ``free`` box (an
ISO-BMFF padding box players and MediaInfo skip), so videos differ by content like real ones.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path
from typing import Any

import docx
import pptx
from pptx.util import Inches

from tests.factories.pptx_factory import photo
from tests.factories.submission_factory import make_report
from tests.factories.video_factory import make_video

HUNAN_TITLE = "湖南省教师人工智能应用案例信息表"


def template_video(path: Path, seconds: float = 0.4, **kw: object) -> bytes:
    make_video(path, seconds=seconds, **kw)  # type: ignore[arg-type]
    return path.read_bytes()


def free_box(tag: str) -> bytes:
    payload = tag.encode("utf-8")
    return struct.pack(">I4s", 8 + len(payload), b"free") + payload


def make_form(path: Path, name: str, category: str = "", title: str = HUNAN_TITLE) -> Path:
    document = docx.Document()
    document.add_paragraph(title)
    rows = [
        ("案例名称", name),
        ("案例类别", category),
        ("作者信息", "张明 长沙市第一中学"),
        ("作者声明", ""),
    ]
    table = document.add_table(rows=len(rows), cols=2)
    for i, (label, value) in enumerate(rows):
        table.cell(i, 0).text = label
        table.cell(i, 1).text = value
    document.save(str(path))
    return path


def make_deck(path: Path, title: str, photos: int = 0, seed: int = 0) -> Path:
    deck = pptx.Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = title
    for i in range(photos):
        s = deck.slides.add_slide(deck.slide_layouts[6])
        buf = io.BytesIO()
        photo(1280, 800, seed=seed * 100 + i).save(buf, "JPEG", quality=85)
        buf.seek(0)
        s.shapes.add_picture(buf, Inches(1), Inches(1), width=Inches(8))
    deck.save(str(path))
    return path


def make_case(
    folder: Path,
    name: str,
    video: bytes,
    *,
    category: str = "",
    photos: int = 0,
    seed: int = 0,
    report_paragraphs: tuple[str, ...] | None = None,
) -> Path:
    """A four-material submission whose form, deck, report and video are its own."""
    folder.mkdir(parents=True, exist_ok=True)
    make_form(folder / "案例信息表.docx", name, category)
    make_deck(folder / "案例课件.pptx", name, photos, seed)
    make_report(
        folder / "案例总结报告.docx",
        report_paragraphs or ("一、案例概述", f"{name}：本案例介绍了课堂中的人工智能应用。"),
    )
    (folder / "案例视频.mp4").write_bytes(video + free_box(f"{folder.name}-{seed}"))
    return folder


def run_batch_at(
    root: Path,
    *,
    work: Any = None,
    pack: str | None = None,
    jobs: int = 1,
    select: list[str] | None = None,
    lang: str = "zh",
    content: bool = True,
    use_cache: bool = True,
    verify_cache: bool = False,
    timeout: float = 300.0,
    progress_console: Any = None,
) -> Any:
    """``casecheck batch ROOT`` without the command line: the same Settings, rules and
    discovered folders the command builds, then ``run_batch``."""
    from casecheck.batch.discover import discover
    from casecheck.batch.run import BatchJob, run_batch
    from casecheck.batch.work import check_task
    from casecheck.cli.settings import Settings
    from casecheck.packs.ruleset import load_ruleset

    ruleset = load_ruleset(never_under=[root])
    keywords = {
        k
        for p in ruleset.packs(include_abstract=True)
        for m in p.materials.values()
        for k in m.keywords
    }
    s = Settings(
        lang="en" if lang == "en" else "zh",
        pack=pack,
        jobs=jobs,
        select=list(select or []),
        content=content,
        ruleset=ruleset,
    )
    job = BatchJob(
        root=root,
        found=discover(root, keywords),
        use_cache=use_cache,
        verify_cache=verify_cache,
        timeout=timeout,
    )
    return run_batch(s, job, work=work or check_task, progress_console=progress_console)
