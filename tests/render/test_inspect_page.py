"""``casecheck inspect FILE --html OUT`` through the CLI: a video's content facts with its
pictures inline; other materials as the printed text; never written beside the file."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from casecheck.cli import app
from tests.factories.content_factory import (
    at_loudness,
    fit,
    make_content_video,
    pattern,
    speech_like,
)

W, H = 640, 360
runner = CliRunner()


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = pytest.importorskip("skimage.data")
    head = fit(np.asarray(data.astronaut())[20:320, 100:400], 160, 160)
    background = pattern(W, H)

    def picture(t: float) -> np.ndarray:
        img = background(t).copy()
        if t >= 2:  # a webcam inset from 00:02 on
            img[H - 170 : H - 10, W - 170 : W - 10] = head
        return img

    audio = np.concatenate([at_loudness(speech_like(3), -18), np.zeros(3 * 48_000)])
    folder = tmp_path_factory.mktemp("submission") / "案例1"
    folder.mkdir()
    return make_content_video(
        folder / "案例视频.mp4", audio=audio, picture=picture, width=W, height=H, fps=5
    )


def listing(folder: Path) -> list[tuple[str, int]]:
    return sorted((p.name, p.stat().st_size) for p in folder.iterdir())


def test_video_page_has_the_content_facts_and_the_pictures(video: Path, tmp_path: Path) -> None:
    before = listing(video.parent)
    out = tmp_path / "inspect.html"
    result = runner.invoke(app, ["inspect", str(video), "--html", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    jpegs = re.findall(r'src="data:image/jpeg;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(jpegs) == 3  # first frame, last frame, the face stretch
    for data in jpegs:
        assert Image.open(io.BytesIO(base64.b64decode(data))).format == "JPEG"
    assert "first frame · 00:00" in page and "last frame · 00:06" in page  # 00:05.8
    assert '<span class="tc">00:02.0–00:05.0</span>' in page  # the face stretch (1 s keyframes)
    assert "face 00:02.0–00:05.0" in page  # its thumbnail
    assert "-18.0 LUFS" in page
    assert re.search(r'<span class="tc">00:0[23]\.\d–00:06\.0</span>', page)  # silent 2nd half
    assert "AAC LC" in page and "640×360" in page  # the metadata rows too
    assert "<script" not in page and "http:" not in page and "https:" not in page
    assert listing(video.parent) == before  # nothing written beside the video


def test_page_inside_the_files_folder_is_refused(video: Path) -> None:
    before = listing(video.parent)
    out = video.parent / "inspect.html"
    result = runner.invoke(app, ["inspect", str(video), "--html", str(out)])
    assert result.exit_code == 2
    assert "不在案例文件夹中写入" in result.output
    assert listing(video.parent) == before


def test_other_materials_get_the_printed_facts(tmp_path: Path) -> None:
    from tests.checkers.test_media_frames import make_deck

    (tmp_path / "case").mkdir()
    deck = make_deck(tmp_path / "case" / "课件.pptx")
    out = tmp_path / "out" / "deck.html"
    out.parent.mkdir()
    result = runner.invoke(app, ["inspect", str(deck), "--html", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    printed = runner.invoke(app, ["inspect", str(deck), "--lang", "en"]).output
    assert "<pre>" in page and "过程与方法" in page and "过程与方法" in printed
