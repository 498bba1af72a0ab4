"""``inspect`` tells AI-generation marks apart from ordinary tags (the encoder's, an image
editor's) on a video, a report and a deck, and shows no Python ``None``."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from casecheck.cli import app
from tests.factories import provenance_factory as pf
from tests.factories.examples_run import EXAMPLE_02
from tests.factories.pptx_factory import add_picture, blank_slide, new_deck, save
from tests.factories.video_factory import make_video


def run_cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_the_encoder_tag_is_not_an_ai_mark() -> None:
    code, out, _ = run_cli("inspect", str(EXAMPLE_02 / "视频.mp4"))
    assert code == 0
    assert "其他来源标记" in out and "MP4 ilst ©too" in out
    assert "AI 生成标记" not in out


def test_a_pyav_mp4_keeps_its_encoder_apart_from_an_ai_mark(tmp_path: Path) -> None:
    """Real MP4s written by PyAV (Lavf… as the encoder tag), one with an AIGC label beside it."""
    plain = pf.mp4(tmp_path / "plain.mp4", metadata={"encoder": "HandBrake 1.7.3"})
    code, out, _ = run_cli("inspect", str(plain), env={"COLUMNS": "200"})
    assert code == 0 and "Lavf" in out and "其他来源标记" in out
    assert "AI 生成标记" not in out
    made = pf.mp4(tmp_path / "ai.mp4", metadata={"AIGC": pf.AIGC_JSON})  # GB 45438's label
    code, out, _ = run_cli("inspect", str(made), "--lang", "en", env={"COLUMNS": "300"})
    ai = next(line for line in out.splitlines() if "AI-generation marks" in line)
    other = next(line for line in out.splitlines() if "Other tags" in line)
    assert "AIGC" in ai and "Lavf" not in ai and "Lavf" in other


def test_container_without_profile_or_brand_shows_no_none(tmp_path: Path) -> None:
    """Was 「Matroska / None / brand None ()」."""
    mkv = make_video(tmp_path / "a.mkv", container="matroska", seconds=0.2, audio=None)
    code, out, _ = run_cli("inspect", str(mkv), env={"COLUMNS": "200"})
    assert code == 0 and "None" not in out
    assert re.search(r"容器\s*│\s*Matroska\s*│", out)
    code, out, _ = run_cli("inspect", str(EXAMPLE_02 / "视频.mp4"), env={"COLUMNS": "200"})
    assert "MPEG-4 / Base Media / isom (" in out and "brand" not in out


@pytest.mark.parametrize("kind", ["docx", "pptx"])
def test_an_editor_name_in_a_picture_is_no_ai_mark(tmp_path: Path, kind: str) -> None:
    """PNGs in a report and a deck: 「GIMP 2.10」 (EXIF Software) is an ordinary tag,
    「Midjourney」 an AI-generation mark — inspect lists them apart in both."""
    gimp = pf.png(exif=pf.exif_with(software="GIMP 2.10"), seed=1)
    midjourney = pf.png(text={"Software": "Midjourney v6"}, seed=2)
    if kind == "docx":
        doc = docx.Document()
        for data in (gimp, midjourney):
            doc.add_paragraph().add_run().add_picture(io.BytesIO(data))
        path = tmp_path / "报告.docx"
        doc.save(str(path))
    else:
        prs = new_deck()
        for data in (gimp, midjourney):
            add_picture(blank_slide(prs), data)
        path = save(prs, tmp_path / "课件.pptx")
    code, out, _ = run_cli("inspect", str(path), env={"COLUMNS": "240"})
    assert code == 0
    rows = [line for line in out.splitlines() if "GIMP" in line or "Midjourney" in line]
    assert len(rows) == 2, out
    gimp_row = next(r for r in rows if "GIMP" in r)
    mj_row = next(r for r in rows if "Midjourney" in r)
    if kind == "docx":  # columns: …, AI 生成标记, 其他来源标记
        cells = [c.strip() for c in gimp_row.split("│")]
        assert cells[-3] == "—" and "GIMP 2.10" in cells[-2]
        cells = [c.strip() for c in mj_row.split("│")]
        assert "Midjourney" in cells[-3]
    else:
        assert "其他来源标记（如编码、编辑软件）: GIMP 2.10" in gimp_row
        assert "AI 生成标记: Midjourney v6" in mj_row and "AI 生成标记" not in gimp_row
