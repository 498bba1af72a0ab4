"""The streaming meter against BS.1770's reference tones (EBU Tech 3341 cases 1–5) and pyloudnorm."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from casecheck.readers.media.loudness import RATE, AudioMeter
from tests.factories.content_factory import make_content_video, pattern, speech_like


def tone(dbfs: float, seconds: float, channels: int = 2, freq: float = 997.0) -> np.ndarray:
    t = np.arange(round(seconds * RATE)) / RATE
    return np.tile(10 ** (dbfs / 20) * np.sin(2 * np.pi * freq * t), (channels, 1))


def measure(signal: np.ndarray, chunk: int = 48_000) -> AudioMeter:
    meter = AudioMeter(signal.shape[0])
    for start in range(0, signal.shape[1], chunk):
        meter.feed(signal[:, start : start + chunk])
    meter.finish()
    return meter


def sequence(*parts: tuple[float, float]) -> np.ndarray:
    return np.concatenate([tone(db, s) for db, s in parts], axis=1)


@pytest.mark.parametrize(
    ("signal", "expected"),
    [
        (sequence((-23, 20)), -23.0),  # Tech 3341 case 1
        (sequence((-33, 20)), -33.0),  # case 2
        (sequence((-36, 10), (-23, 60), (-36, 10)), -23.0),  # case 3: relative gate
        (sequence((-72, 10), (-36, 10), (-23, 60), (-36, 10), (-72, 10)), -23.0),  # case 4
        (sequence((-26, 20), (-20, 20.1), (-26, 20)), -23.0),  # case 5
        (tone(-20, 10), -20.0),  # 997 Hz at −20 dBFS on both channels
        (tone(-20, 10, channels=1), -23.01),  # the same on one channel: −3.01 dB
    ],
    ids=["3341-1", "3341-2", "3341-3", "3341-4", "3341-5", "stereo-20", "mono-20"],
)
def test_reference_tones(signal: np.ndarray, expected: float) -> None:
    assert measure(signal).integrated() == pytest.approx(expected, abs=0.1)


@pytest.mark.parametrize(
    ("parts", "stereo", "expected"),
    [
        (((-26, 20), (-20, 20.1), (-26, 20)), True, -23.0),  # Tech 3341 case 5
        (((-36, 10), (-23, 30), (-36, 10)), True, -23.0),  # case 3's relative gate, shorter
        (((-20, 10),), False, -23.01),  # one channel
    ],
    ids=["3341-5", "relative-gate", "mono"],
)
@pytest.mark.slow
def test_reference_tones_through_an_mp4(
    parts: tuple[tuple[float, float], ...], stereo: bool, expected: float, tmp_path: Path
) -> None:
    """The path a teacher's video takes: AAC in an MP4 (PyAV's encoder), decoded and
    K-weighted by audio_feed.py's FFmpeg graph — not the numpy-fed meter above."""
    from casecheck.readers.media.content import read_video_content

    mono = np.concatenate([tone(db, seconds, channels=1)[0] for db, seconds in parts])
    video = make_content_video(
        tmp_path / "tones.mp4",
        audio=mono,
        picture=pattern(64, 36),
        width=64,
        height=36,
        stereo=stereo,
    )
    audio = read_video_content(video).audio
    assert audio is not None and audio.channels == (2 if stereo else 1)
    assert audio.integrated_lufs == pytest.approx(expected, abs=0.1)


def test_block_size_does_not_change_the_result() -> None:
    signal = np.stack([speech_like(12), speech_like(12, seed=5)])
    whole = measure(signal, chunk=signal.shape[1])
    ragged = measure(signal, chunk=1021)  # AAC-like frames that do not divide 100 ms
    assert ragged.integrated() == pytest.approx(whole.integrated(), abs=1e-3)  # float32 sums
    assert np.allclose(ragged.levels_db(), whole.levels_db(), atol=1e-3)


def test_agrees_with_pyloudnorm_on_speech() -> None:
    pyloudnorm = pytest.importorskip("pyloudnorm")
    mono = speech_like(20) * 0.3
    stereo = np.stack([mono, mono * 0.5])
    reference = pyloudnorm.Meter(RATE).integrated_loudness(stereo.T)
    assert measure(stereo, chunk=4_000).integrated() == pytest.approx(reference, abs=0.1)


def test_short_term_peak_and_silence() -> None:
    meter = measure(np.concatenate([tone(-20, 4), np.zeros((2, RATE * 2))], axis=1))
    assert meter.short_term().max() == pytest.approx(-20.0, abs=0.1)
    assert meter.peak_db == pytest.approx(-20.0, abs=0.01)
    levels = meter.levels_db()
    assert levels.size == 60 and np.isneginf(levels[-20:]).all()
    assert measure(np.zeros((1, RATE))).integrated() is None


def test_clipped_runs_across_block_boundaries() -> None:
    signal = np.zeros((2, RATE))
    signal[0, 100:103] = 1.0  # a run of 3 spanning two blocks of 101 samples
    signal[1, 5_000:5_002] = -1.0  # 2 samples: not a clipped run
    signal[0, 30_000:30_500] = 0.9995
    meter = measure(signal, chunk=101)
    assert meter.clipped_samples == 503
    assert meter.clip_runs == [(100, 103), (30_000, 30_500)]
