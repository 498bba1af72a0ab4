"""Make docs/content-feedback.png (the feedback page of a submission whose video shows a face)
and docs/inspect-video.png (``casecheck inspect`` of that video with ``--html``).

    .venv/bin/python docs/make_content_screenshot.py

Builds a demo submission in a temporary folder (a deck; a video that opens on a black frame,
shows a photo of a face for ten seconds and ends on a render of the deck's last slide), runs
``casecheck check FOLDER --html page.html --select <the content rules>`` and screenshots the
page with headless Chromium; then ``casecheck inspect VIDEO --html`` and screenshots that page. Needs LibreOffice (``soffice``), Chromium and scikit-image
(the test extra). The committed screenshots were made on main at 12:22 UTC, 2026-12-01.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.checkers.test_media_frames import make_deck  # noqa: E402
from tests.factories.content_factory import at_loudness, fit, make_content_video, speech_like  # noqa: E402

from casecheck.readers.pptx.render import render_end_slides  # noqa: E402

W, H = 640, 360
CONTENT_RULES = "video.loudness,video.clipping,video.silence,video.noise,video.faces,video.opening,video.closing"


def main() -> None:
    from skimage import data

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "演示案例"
        folder.mkdir()
        deck = make_deck(folder / "案例课件.pptx")
        renders = render_end_slides(deck)
        assert renders.last is not None, renders.problem
        last = fit(np.asarray(Image.open(io.BytesIO(renders.last.picture.jpeg))), W, H)
        face = fit(np.asarray(data.astronaut())[:288], W, H)
        slide2 = np.full((H, W, 3), 235, dtype=np.uint8)
        slide2[:60] = (20, 60, 140)

        def picture(t: float) -> np.ndarray:
            if t < 3:
                return np.zeros((H, W, 3), dtype=np.uint8)
            if 5 <= t < 15:
                return face
            if t >= 17:
                return last
            return slide2

        make_content_video(
            folder / "案例视频.mp4",
            audio=at_loudness(speech_like(20), -18),
            picture=picture,
            width=W,
            height=H,
        )
        page = Path(tmp) / "page.html"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "casecheck.cli",
                "check",
                str(folder),
                "--html",
                str(page),
                "--select",
                CONTENT_RULES,
            ],
            check=False,
        )
        inspected = Path(tmp) / "inspect.html"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "casecheck.cli",
                "inspect",
                str(folder / "案例视频.mp4"),
                "--html",
                str(inspected),
            ],
            check=True,
        )
        screenshot(page, ROOT / "docs" / "content-feedback.png", 1700)
        screenshot(inspected, ROOT / "docs" / "inspect-video.png", 2150)


def screenshot(page: Path, out: Path, height: int) -> None:
    chromium = shutil.which("chromium") or "chromium"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--hide-scrollbars",
            f"--window-size=1000,{height}",
            f"--screenshot={out}",
            page.as_uri(),
        ],
        check=True,
    )
    print(out)


if __name__ == "__main__":
    main()
