"""No reader or renderer runs for a rule that cannot use it: video.opening / video.closing
render the deck with LibreOffice only once they have a frame to compare it with. A stand-in
``soffice`` (CASECHECK_SOFFICE) writes a line to a log each time it is started."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from tests.factories.batch_factory import make_deck
from tests.factories.examples_run import run_cli
from tests.factories.video_factory import make_video


@pytest.fixture
def soffice_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    log = tmp_path / "soffice.log"
    fake = tmp_path / "soffice"
    fake.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\n', encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("CASECHECK_SOFFICE", str(fake))
    return log


def submission(tmp_path: Path, title: str) -> Path:
    """A folder with a one-slide deck (and nothing else yet)."""
    folder = tmp_path / "案例"
    folder.mkdir()
    make_deck(folder / "案例课件.pptx", title)
    return folder


def opening_and_closing(folder: Path) -> dict[str, str]:
    _, out, _ = run_cli(
        "check", str(folder), "--select", "video.opening,video.closing", "--format", "json"
    )
    [result] = json.loads(out)["submissions"]
    return {f["rule"]: f["status"] for f in result["findings"]}


def test_a_deck_without_a_video_is_not_rendered(tmp_path: Path, soffice_log: Path) -> None:
    folder = submission(tmp_path, "只有课件的案例")
    assert opening_and_closing(folder) == {"video.opening": "skipped", "video.closing": "skipped"}
    assert not soffice_log.exists()


def test_an_undecodable_video_leaves_the_deck_unrendered(tmp_path: Path, soffice_log: Path) -> None:
    folder = submission(tmp_path, "视频损坏的案例")
    make_video(folder / "案例视频.mp4", seconds=1)
    data = (folder / "案例视频.mp4").read_bytes()
    (folder / "案例视频.mp4").write_bytes(data[: len(data) // 3])  # truncated
    statuses = opening_and_closing(folder)
    assert set(statuses.values()) <= {"error", "skipped"} and "error" in statuses.values()
    assert not soffice_log.exists()


def test_a_video_with_frames_gets_the_deck_rendered_once(tmp_path: Path, soffice_log: Path) -> None:
    folder = submission(tmp_path, "有视频的案例")
    make_video(folder / "案例视频.mp4", seconds=1)
    statuses = opening_and_closing(folder)
    assert statuses == {"video.opening": "manual", "video.closing": "manual"}  # no PDF made
    assert len(soffice_log.read_text(encoding="utf-8").splitlines()) == 1


def audio_only_mp4(path: Path) -> Path:
    """The sound of a real MP4, remuxed alone: an MP4 with no picture track."""
    import av

    source = make_video(path.with_name("source.mp4"), seconds=1)
    with av.open(str(source)) as src, av.open(str(path), "w", format="mp4") as out:
        audio = src.streams.audio[0]
        copy = out.add_stream_from_template(audio)
        for packet in src.demux(audio):
            if packet.dts is not None:
                packet.stream = copy
                out.mux(packet)
    source.unlink()
    return path


def test_a_video_without_a_picture_track_leaves_the_deck_unrendered(
    tmp_path: Path, soffice_log: Path
) -> None:
    folder = submission(tmp_path, "只有声音的视频")
    audio_only_mp4(folder / "案例视频.mp4")
    assert opening_and_closing(folder) == {"video.opening": "skipped", "video.closing": "skipped"}
    assert not soffice_log.exists()
