"""The sound rules through the CLI on real MP4s: loudness, clipping, silence, noise, --no-content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from tests.factories.content_factory import (
    at_loudness,
    check_by_rule,
    hiss,
    make_content_video,
    pattern,
    speech_like,
)

SOUND_RULES = "video.loudness,video.clipping,video.silence,video.noise"
RATE = 48_000
runner = CliRunner()


def folder_with(root: Path, name: str, audio: np.ndarray | None, **kw: Any) -> Path:
    folder = root / name
    folder.mkdir()
    make_content_video(
        folder / "案例视频.mp4", audio=audio, picture=pattern(160, 90), width=160, height=90, **kw
    )
    return folder


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("sound")
    speech = speech_like(8)
    normal = at_loudness(speech, -18)
    gap = np.concatenate([normal[: 5 * RATE], np.zeros(25 * RATE), normal[: 5 * RATE]])
    return {
        "normal": folder_with(root, "normal", normal),
        "quiet": folder_with(root, "quiet", at_loudness(speech, -40)),
        "clipped": folder_with(root, "clipped", np.clip(normal * 10, -1, 1)),
        "silent": folder_with(root, "silent", np.zeros(8 * RATE)),
        "gap": folder_with(root, "gap", gap),
        "noisy": folder_with(root, "noisy", normal + hiss(8, -38)),
        "mono": folder_with(root, "mono", normal, stereo=False),
    }


def check(
    folder: Path, *args: str, select: str = SOUND_RULES
) -> tuple[int, dict[str, list[dict[str, Any]]]]:
    return check_by_rule(folder, select, *args)


def statuses(by_rule: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    return {rule: "/".join(f["status"] for f in found) for rule, found in by_rule.items()}


def test_clean_narration_passes_every_sound_rule(cases: dict[str, Path]) -> None:
    code, found = check(cases["normal"])
    assert statuses(found) == {
        "video.loudness": "pass",
        "video.clipping": "pass",
        "video.silence": "pass",
        "video.noise": "pass",
    }
    assert code == 0
    assert found["video.loudness"][0]["actual"] == "-18.0 LUFS"  # AAC keeps the loudness


def test_mono_track_measures_like_bs1770_mono(cases: dict[str, Path]) -> None:
    _, found = check(cases["mono"], select="video.loudness")
    # the same samples on one channel: 3 dB below the stereo pair
    measured = float(found["video.loudness"][0]["actual"].split()[0])
    assert measured == pytest.approx(-18 - 3.01, abs=0.2)


def test_a_44_1_khz_track_is_resampled_to_48_khz_before_measuring(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "cd-rate", at_loudness(speech_like(8), -18), audio_rate=44_100)
    _, found = check(folder, select="video.loudness,video.silence")
    assert found["video.loudness"][0]["actual"] == "-18.0 LUFS"
    assert found["video.silence"][0]["status"] == "pass"


def test_quiet_narration_warns_with_value_and_fix(cases: dict[str, Path]) -> None:
    code, found = check(cases["quiet"], "--lang", "en")
    loud = found["video.loudness"][0]
    assert loud["status"] == "warn" and loud["actual"] == "-40.0 LUFS"
    assert "too quiet" in loud["message"] and "-16 LUFS" in loud["hint"]
    assert code == 0  # a warning does not fail the submission
    _, zh = check(cases["quiet"], select="video.loudness")
    assert "请在剪辑软件中将音量标准化到约 -16 LUFS" in zh["video.loudness"][0]["hint"]


def test_hard_clipping_warns_with_timecodes(cases: dict[str, Path]) -> None:
    _, found = check(cases["clipped"])
    clip = found["video.clipping"][0]
    assert clip["status"] == "warn"
    assert float(clip["actual"].rstrip(" %")) > 0.01
    assert clip["place"]["time_s"] < 1.0 and clip["place"]["end_s"] > clip["place"]["time_s"]
    assert clip["location"] in clip["message"]


def test_digital_silence_fails(cases: dict[str, Path]) -> None:
    code, found = check(cases["silent"])
    assert found["video.silence"][0]["status"] == "fail"
    assert "100 %" in found["video.silence"][0]["actual"]
    assert found["video.loudness"][0]["status"] == "warn"  # nothing to measure
    assert found["video.noise"][0]["status"] == "pass"  # zeros are not noise
    assert code == 1


def test_long_gap_warns_with_start_and_end(cases: dict[str, Path]) -> None:
    _, found = check(cases["gap"])
    (gap,) = found["video.silence"]
    assert gap["status"] == "warn"
    assert gap["place"]["time_s"] == pytest.approx(5.0, abs=0.5)
    assert gap["place"]["end_s"] == pytest.approx(30.0, abs=0.5)
    assert gap["location"] == "00:05.0–00:30.0" or gap["location"].startswith("00:0")


def test_the_silence_level_is_the_packs(tmp_path: Path) -> None:
    """25 s of room hiss at −45 dBFS between speech: not silent at the guide's −50 dBFS, a
    silent stretch for a pack that counts anything under −40 dBFS as silence."""
    speech = at_loudness(speech_like(5), -18)
    folder = folder_with(tmp_path, "hum", np.concatenate([speech, hiss(25, -45), speech]))
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "strict.yaml").write_text(
        "id: strict\nextends: ncet2026-evidence\ntitle: {zh: 严, en: strict}\nsource: x\n"
        "rules:\n  video.silence:\n    params: {silent_below_dbfs: -40}\n",
        encoding="utf-8",
    )
    _, found = check(folder, "--pack", "ncet2026-evidence", select="video.silence")
    assert statuses(found) == {"video.silence": "pass"}
    _, found = check(folder, "--packs-dir", str(packs), "--pack", "strict", select="video.silence")
    (gap,) = found["video.silence"]
    assert gap["status"] == "warn"
    assert gap["place"]["time_s"] == pytest.approx(5.0, abs=0.5)
    assert gap["place"]["end_s"] == pytest.approx(30.0, abs=0.5)


def test_hiss_in_the_pauses_warns(cases: dict[str, Path]) -> None:
    _, found = check(cases["noisy"])
    noise = found["video.noise"][0]
    assert noise["status"] == "warn"
    assert -42 < float(noise["actual"].split()[0]) < -36  # the −38 dBFS hiss, measured
    _, clean = check(cases["normal"], select="video.noise")
    assert float(clean["video.noise"][0]["actual"].split()[0]) < -60


def test_no_content_skips_the_content_rules_only(cases: dict[str, Path]) -> None:
    _, found = check(cases["quiet"], "--no-content", select="video")
    for rule in (
        "video.loudness",
        "video.clipping",
        "video.silence",
        "video.noise",
        "video.faces",
        "video.opening",
    ):
        assert found[rule][0]["status"] == "skipped", rule
        assert "--no-content" in found[rule][0]["message"]
    assert found["video.resolution"][0]["status"] == "fail"  # metadata rules still judged


def test_damaged_stream_is_an_error_for_content_rules_only(
    cases: dict[str, Path], tmp_path: Path
) -> None:
    folder = tmp_path / "damaged"
    folder.mkdir()
    data = bytearray((cases["normal"] / "案例视频.mp4").read_bytes())
    start = data.find(b"mdat") + 64
    rng = np.random.default_rng(3)
    data[start : start + len(data) // 2] = rng.integers(
        0, 256, len(data) // 2, dtype=np.uint8
    ).tobytes()
    (folder / "案例视频.mp4").write_bytes(bytes(data))
    code, found = check(folder, select="video")
    assert found["video.loudness"][0]["status"] == "error"
    assert "解码" in found["video.loudness"][0]["message"]
    assert found["video.resolution"][0]["status"] == "fail"  # MediaInfo still read the metadata
    assert code == 1


def test_a_continuous_tone_has_no_pauses_to_measure_noise_in(tmp_path: Path) -> None:
    from tests.factories.video_factory import make_video

    folder = tmp_path / "tone"
    folder.mkdir()
    make_video(folder / "案例视频.mp4", seconds=3)  # a steady 440 Hz tone, no pause
    _, found = check(folder, select="video.noise")
    assert found["video.noise"][0]["status"] == "pass"
    assert found["video.noise"][0]["actual"] == "no pauses"
