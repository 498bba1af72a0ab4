"""`casecheck fix --video` on real clips: 30 fps / 4 Mbps / AAC 96 kbps in, the pack's format
out as MediaInfo measures it, same duration, padded not stretched, and an interrupt leaves
no partial file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import av
import numpy as np
import pytest

from casecheck.fix import Progress, fix_submission
from casecheck.fix.video import measured_audio_bps
from casecheck.readers.media.video import read_video
from casecheck.result import Status
from tests.factories.fix_factory import snapshot
from tests.factories.video_factory import make_video

pytestmark = pytest.mark.slow  # video re-encodes

FORMAT_RULES = (
    "video.resolution",
    "video.aspect_ratio",
    "video.frame_rate",
    "video.bit_rate",
    "video.codec",
    "video.audio_codec",
    "video.audio_bit_rate",
)


def _clip(folder: Path, seconds: float = 1.0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return make_video(
        folder / "案例视频.mp4",
        seconds=seconds,
        width=320,
        height=240,  # 4:3: must be padded to 16:9, not stretched
        fps=30,
        video_bit_rate=4_000_000,
        audio_bit_rate=96_000,
    )


def test_reencoded_clip_passes_the_format_rules(tmp_path: Path) -> None:
    folder = tmp_path / "视频案例"
    src = _clip(folder)
    before = snapshot(folder)
    events: list[Progress] = []
    report = fix_submission(folder, tmp_path / "out", video=True, progress=events.append)
    assert snapshot(folder) == before
    for rule in ("video.frame_rate", "video.bit_rate", "video.audio_bit_rate", "video.resolution"):
        assert Status.FAIL in {f.status for f in report.before.findings if f.rule == rule}, rule
    for rule in FORMAT_RULES:
        assert {f.status for f in report.after.findings if f.rule == rule} == {Status.PASS}, rule
    out = Path(report.output) / "案例视频.mp4"
    facts, original = read_video(out), read_video(src)
    assert facts.video is not None and facts.audio is not None
    assert (facts.video.width, facts.video.height, facts.video.frame_rate) == (1920, 1080, 25)
    assert facts.video.bit_rate is not None and facts.video.bit_rate >= 8_000_000
    assert (facts.audio.profile, facts.audio.sampling_rate) == ("LC", 48000)
    assert (measured_audio_bps(out) or 0) >= 128_000
    assert abs((facts.duration_s or 0) - (original.duration_s or 0)) <= 0.05
    # Pillarboxed: black bars left and right, the picture in the middle 1440 columns.
    with av.open(str(out)) as container:
        frame = next(container.decode(video=0)).to_ndarray(format="rgb24")
    assert frame[:, :200].max() < 40 and frame[:, 1720:].max() < 40
    assert np.asarray(frame[:, 300:1620]).mean() > 40
    assert events and events[-1].done == events[-1].total == 25
    assert any(e.eta_s is not None for e in events[:-1]) and events[-1].fps > 0
    [record] = [f for f in report.files if f.material == "video"]
    assert record.written and "时长不变" in record.changed[0].message
    assert any("时长" in i.message for i in record.left)  # 1 s is too short: for the teacher


def test_without_video_flag_the_clip_is_copied_and_left(tmp_path: Path) -> None:
    folder = tmp_path / "案例"
    src = _clip(folder, seconds=0.4)
    report = fix_submission(folder, tmp_path / "out")
    out = Path(report.output) / "案例视频.mp4"
    assert out.read_bytes() == src.read_bytes()
    [record] = [f for f in report.files if f.material == "video"]
    assert not record.written and "--video" in record.left[0].message


def test_interrupt_leaves_no_partial_file(tmp_path: Path) -> None:
    folder = tmp_path / "中断案例"
    _clip(folder, seconds=10)  # long enough that the interrupt lands inside the encode
    before = snapshot(folder)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "casecheck", "fix", str(folder), "-o", str(out), "--video"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if list(out.rglob(".*casecheck-tmp.mp4")):
            break
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.fail(f"fix ended before it could be interrupted: {proc.stderr.read().decode()}")  # type: ignore[union-attr]
    time.sleep(0.1)
    os.kill(proc.pid, signal.SIGINT)
    proc.wait(timeout=60)
    assert proc.returncode != 0
    assert [p.name for p in out.iterdir()] == []  # no destination, no partial folder, no temp file
    assert snapshot(folder) == before
