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
    assert "其他来源标记" in out and "Lavf" in out
    assert "AI 生成标记" not in out and "MP4 ilst" not in out  # no raw key in Chinese
    code, out, _ = run_cli("inspect", str(EXAMPLE_02 / "视频.mp4"), "--lang", "en")
    assert code == 0 and "MP4 ilst ©too" in out  # where in the file, for who reads English


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
    assert "MP4（品牌 isom；兼容 isom、" in out and "brand" not in out


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


RAW_MEDIAINFO = ("Progressive", "AVC", "CFR", "CBR", "luma", "(0.4 s)", " s)", "samples", "digital")


def test_inspect_words_a_video_as_a_teacher_reads_it(tmp_path: Path) -> None:
    """Was 「Progressive」, 「AVC High@L1.3」, 「00:01.0 (1.0 s)」, 「luma」: MediaInfo's raw
    values in the Chinese table. Now scan, codec, duration and brightness are words; the
    English table keeps English words."""
    video = make_video(tmp_path / "案例视频.mp4", seconds=0.4)
    code, out, _ = run_cli("inspect", str(video), env={"COLUMNS": "200"})
    assert code == 0
    assert re.search(r"扫描方式\s*│\s*逐行扫描\s*│", out)
    assert re.search(r"视频编码\s*│\s*H\.264（\S+.*配置，级别 [\d.]+）", out), out
    assert re.search(r"时长\s*│\s*0\.4 秒\s*│", out)
    assert "25 fps（恒定帧率）" in out and "声道" in out
    for raw in RAW_MEDIAINFO:
        assert raw not in out, (raw, out)
    code, out, _ = run_cli("inspect", str(video), "--as", "video_content", env={"COLUMNS": "200"})
    assert code == 0
    assert re.search(r"首帧 / 尾帧\s+00:00\.0 亮度 \d+ / 00:00\.\d 亮度 \d+", out), out
    assert "0.4 秒，" in out and "个采样点" in out
    for raw in RAW_MEDIAINFO:
        assert raw not in out, (raw, out)
    code, out, _ = run_cli("inspect", str(video), "--lang", "en", env={"COLUMNS": "200"})
    assert "progressive" in out and "H.264 (" in out and "25 fps (constant frame rate)" in out
    assert re.search(r"Duration\s*│\s*0\.4 s\s*│", out)
    code, out, _ = run_cli(
        "inspect", str(video), "--as", "video_content", "--lang", "en", env={"COLUMNS": "200"}
    )
    assert " luma " in out and "0.4 s, " in out and "亮度" not in out


@pytest.mark.parametrize(
    ("codec", "profile", "zh", "en"),
    [
        ("AVC", "High@L1.3", "H.264（High 配置，级别 1.3）", "H.264 (High profile, level 1.3)"),
        (
            "HEVC",
            "Main@L4@Main",
            "H.265（Main 配置，级别 4，Main 层级）",
            "H.265 (Main profile, level 4, Main tier)",
        ),
        ("MPEG Audio", "Layer 3", "MP3", "MP3"),
        ("AAC", "LC", "AAC LC", "AAC LC"),
        ("AVC", None, "H.264", "H.264"),
    ],
)
def test_codec_words(codec: str, profile: str | None, zh: str, en: str) -> None:
    from casecheck.units import codec_words

    assert codec_words(codec, profile) == (zh, en)
