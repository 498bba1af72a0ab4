"""Streaming audio measurements: BS.1770-4 loudness, sample peak, clipped runs, levels.

The meter is fed 48 kHz float blocks of shape (channels, samples) as they are decoded, so
a 10-minute track never sits in memory. It keeps one number per 100 ms per channel:

* loudness (ITU-R BS.1770-4): K-weighting (the standard's two biquads at 48 kHz, applied
  as their impulse response — exact to 1e-9 after 4096 samples — by FFT overlap-save with
  numpy, the tail carried from block to block; scipy.signal costs 2 s of CPU to import),
  mean square per 100 ms; 400 ms gating blocks overlap by 75 % (four 100 ms steps), absolute gate −70 LUFS,
  relative gate −10 LU; short-term loudness over 3 s windows (EBU R128);
* unweighted level per 100 ms (dBFS, a full-scale square wave = 0 dBFS) for silence and
  the noise floor;
* sample peak and clipped runs: ≥ ``CLIP_RUN`` consecutive samples at ≥ ``CLIP_LEVEL``
  of full scale on any channel.
"""

from __future__ import annotations

import math

import numpy as np

RATE = 48_000
STEP = RATE // 10  # 100 ms
CLIP_LEVEL = 0.999
CLIP_RUN = 3
ABSOLUTE_GATE = -70.0
RELATIVE_GATE = -10.0
# ITU-R BS.1770-4 Table 1 and 2 (48 kHz): the pre-filter (shelf) and the RLB high-pass.
K_WEIGHTING = np.array(
    [
        [
            1.53512485958697,
            -2.69169618940638,
            1.19839281085285,
            1.0,
            -1.69065929318241,
            0.73248077421585,
        ],
        [1.0, -2.0, 1.0, 1.0, -1.99004745483398, 0.99007225036621],
    ]
)


TAPS = 4096  # the impulse response has decayed to ~1e-9 by then (pole radius 0.995)


def biquad_impulse_response(sections: np.ndarray, n: int) -> np.ndarray:
    """The first ``n`` samples of the cascade's impulse response (direct form I)."""
    signal = [1.0] + [0.0] * (n - 1)
    for b0, b1, b2, _a0, a1, a2 in sections.tolist():
        out, x1, x2, y1, y2 = [], 0.0, 0.0, 0.0, 0.0
        for x in signal:
            y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
            out.append(y)
            x1, x2, y1, y2 = x, x1, y, y1
        signal = out
    return np.asarray(signal)


class KWeighting:
    """Streaming K-weighting of (channels, n) blocks: FFT overlap-save with the FIR above."""

    _response = biquad_impulse_response(K_WEIGHTING, TAPS)

    def __init__(self, channels: int) -> None:
        self._tail = np.zeros((channels, TAPS - 1))
        self._spectra: dict[int, np.ndarray] = {}

    def __call__(self, block: np.ndarray) -> np.ndarray:
        x = np.concatenate([self._tail, block], axis=1)
        self._tail = x[:, -(TAPS - 1) :]
        size = 1 << (x.shape[1] - 1).bit_length()
        if size not in self._spectra:
            self._spectra[size] = np.fft.rfft(self._response, size)
        y = np.fft.irfft(np.fft.rfft(x, size, axis=1) * self._spectra[size], size, axis=1)
        return y[:, TAPS - 1 : x.shape[1]]


def to_db(power: float | np.ndarray, offset: float = 0.0) -> float | np.ndarray:
    """10·log10(power) + offset, −inf for zero power (no warnings)."""
    with np.errstate(divide="ignore"):
        return 10 * np.log10(power) + offset


def gated_loudness(block_power: np.ndarray) -> float | None:
    """BS.1770-4 integrated loudness of 400 ms block powers (channel-weighted sums)."""
    if block_power.size == 0:
        return None
    loudness = to_db(block_power, -0.691)
    above = block_power[loudness > ABSOLUTE_GATE]
    if above.size == 0:
        return None
    relative = float(to_db(above.mean(), -0.691)) + RELATIVE_GATE
    gated = above[to_db(above, -0.691) > relative]
    return float(to_db(gated.mean(), -0.691)) if gated.size else None


class AudioMeter:
    """Feed (channels, n) float32 blocks at 48 kHz; read the measurements at the end."""

    def __init__(self, channels: int) -> None:
        self.channels = channels
        self._k_weighting = KWeighting(channels)
        self._pending = np.zeros((channels, 0), dtype=np.float64)
        self._k_power: list[float] = []  # per 100 ms: Σ over channels of K-weighted mean square
        self._level: list[float] = []  # per 100 ms: mean over channels of mean square
        self.samples = 0
        self.peak = 0.0
        self.clipped_samples = 0
        self.clip_runs: list[tuple[int, int]] = []  # (first sample, end sample), merged
        self._open_run: int | None = None  # start of a clipped run reaching the block's end

    def feed(self, block: np.ndarray) -> None:
        if block.size == 0:
            return
        block = block.astype(np.float64, copy=False)
        self._clipping(block)
        self.peak = max(self.peak, float(np.abs(block).max()))
        weighted = self._k_weighting(block)
        self._accumulate(block, weighted)
        self.samples += block.shape[1]

    def _accumulate(self, block: np.ndarray, weighted: np.ndarray) -> None:
        both = np.concatenate([block, weighted])  # (2·channels, n)
        both = np.concatenate([self._pending, both], axis=-1) if self._pending.size else both
        whole = both.shape[1] // STEP
        if whole:
            steps = both[:, : whole * STEP].reshape(both.shape[0], whole, STEP)
            mean_square = (steps * steps).mean(axis=-1)  # (2·channels, whole)
            c = self.channels
            self._level.extend(mean_square[:c].mean(axis=0).tolist())
            self._k_power.extend(mean_square[c:].sum(axis=0).tolist())
        self._pending = both[:, whole * STEP :].copy()

    def _clipping(self, block: np.ndarray) -> None:
        mask = (np.abs(block) >= CLIP_LEVEL).any(axis=0)
        if self._open_run is not None and not mask[0]:
            self._close_run(self.samples)
        if not mask.any():
            return
        edges = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
        starts = np.flatnonzero(edges == 1).tolist()
        ends = np.flatnonzero(edges == -1).tolist()
        for start, end in zip(starts, ends, strict=True):
            continues = start == 0 and self._open_run is not None
            begin = (
                self._open_run if continues and self._open_run is not None else self.samples + start
            )
            if end == mask.size:
                self._open_run = begin  # may continue in the next block
            else:
                self._open_run = None
                self._record_run(begin, self.samples + end)

    def _close_run(self, end: int) -> None:
        if self._open_run is not None:
            self._record_run(self._open_run, end)
            self._open_run = None

    def _record_run(self, start: int, end: int) -> None:
        if end - start < CLIP_RUN:
            return
        self.clipped_samples += end - start
        if self.clip_runs and start - self.clip_runs[-1][1] <= RATE // 2:
            self.clip_runs[-1] = (self.clip_runs[-1][0], end)  # merge runs under 0.5 s apart
        else:
            self.clip_runs.append((start, end))

    def finish(self) -> None:
        self._close_run(self.samples)

    # ── results ──────────────────────────────────────────────────────────
    def block_powers(self, steps: int) -> np.ndarray:
        """Channel-weighted K power of windows of ``steps`` × 100 ms, hop 100 ms."""
        power = np.asarray(self._k_power)
        if power.size < steps:
            return np.zeros(0)
        window = np.lib.stride_tricks.sliding_window_view(power, steps)
        return window.mean(axis=-1)

    def integrated(self) -> float | None:
        return gated_loudness(self.block_powers(4))

    def short_term(self) -> np.ndarray:
        """Short-term loudness (3 s windows) every 100 ms, LUFS."""
        return np.asarray(to_db(self.block_powers(30), -0.691))

    def levels_db(self) -> np.ndarray:
        """Unweighted level of every 100 ms step, dBFS."""
        return np.asarray(to_db(np.asarray(self._level)))

    @property
    def peak_db(self) -> float:
        return 20 * math.log10(self.peak) if self.peak > 0 else -math.inf
