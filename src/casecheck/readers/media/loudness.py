"""Streaming audio measurements: BS.1770-4 loudness, sample peak, clipped runs, levels.

The meter is fed 48 kHz float blocks of shape (channels, samples) as they are decoded, so
a 10-minute track never sits in memory. It keeps one number per 100 ms per channel:

* loudness (ITU-R BS.1770-4): K-weighting (the standard's two biquads at 48 kHz, run by
  FFmpeg's ``biquad`` filter in C — scipy.signal would cost 2 s of CPU just to import),
  mean square per 100 ms; 400 ms gating blocks overlap by 75 % (four 100 ms steps), absolute gate −70 LUFS,
  relative gate −10 LU; short-term loudness over 3 s windows (EBU R128);
* unweighted level per 100 ms (dBFS, a full-scale square wave = 0 dBFS) for silence and
  the noise floor;
* sample peak and clipped runs: ≥ ``CLIP_RUN`` consecutive samples at ≥ ``CLIP_LEVEL``
  of full scale on any channel.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import numpy as np

RATE = 48_000
STEP = RATE // 10  # 100 ms
CLIP_LEVEL = 0.999
CLIP_RUN = 3
ABSOLUTE_GATE = -70.0
RELATIVE_GATE = -10.0
Channels = Sequence[np.ndarray] | np.ndarray  # one 1-D array per channel, or (channels, n)
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


def biquad_options() -> list[str]:
    """The two K-weighting stages as FFmpeg ``biquad`` filter options."""
    return [
        f"b0={b0!r}:b1={b1!r}:b2={b2!r}:a0={a0!r}:a1={a1!r}:a2={a2!r}"
        for b0, b1, b2, a0, a1, a2 in K_WEIGHTING.tolist()
    ]


class KWeighting:
    """Streaming K-weighting of (channels, n) blocks: the two biquads run by FFmpeg's
    ``biquad`` filter (through PyAV's filter graph), whose state carries across blocks."""

    def __init__(self, channels: int) -> None:
        import av

        self._av = av
        self._layout = "mono" if channels == 1 else "stereo"
        graph = av.filter.Graph()
        nodes = [
            graph.add_abuffer(
                format="fltp", sample_rate=RATE, layout=self._layout, time_base=Fraction(1, RATE)
            )
        ]
        for options in biquad_options():
            nodes.append(graph.add("biquad", options))
        nodes.append(graph.add("abuffersink"))
        graph.link_nodes(*nodes).configure()
        self._graph = graph
        self._pts = 0

    def __call__(self, block: np.ndarray) -> np.ndarray:
        av = self._av
        frame = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(block, dtype=np.float32), format="fltp", layout=self._layout
        )
        frame.sample_rate, frame.pts, frame.time_base = RATE, self._pts, Fraction(1, RATE)
        self._pts += block.shape[1]
        self._graph.push(frame)
        out = []
        while True:
            try:
                out.append(self._graph.pull().to_ndarray())
            except (av.BlockingIOError, av.EOFError):
                break
        return np.concatenate(out, axis=1) if out else np.zeros((block.shape[0], 0))


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
    """Feed (channels, n) float32 blocks at 48 kHz; read the measurements at the end.

    ``feed`` K-weights the block itself; a caller that has the K-weighted signal already
    (audio_feed.py, whose filter graph does it) makes the meter with ``k_weighting=False``
    and calls ``feed_weighted``."""

    def __init__(self, channels: int, k_weighting: bool = True) -> None:
        self.channels = channels
        self._k_weighting = KWeighting(channels) if k_weighting else None
        self._pending = np.zeros((2 * channels, 0), dtype=np.float32)
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
        block = block.astype(np.float32, copy=False)  # what the decoder gives
        assert self._k_weighting is not None, "a meter made with k_weighting=False"
        self.feed_weighted(block, self._k_weighting(block))

    def feed_weighted(self, block: Channels, weighted: Channels) -> None:
        """Feed a block and its K-weighted copy: one float32 array per channel, all of one
        length (a (channels, n) array is such a sequence; audio_feed.py hands over views of
        the decoded planes, so nothing is copied)."""
        raw = [np.asarray(channel, dtype=np.float32) for channel in block]
        k = [np.asarray(channel, dtype=np.float32) for channel in weighted]
        n = raw[0].size if raw else 0
        if n == 0:
            return
        peak = max(max(float(channel.max()), -float(channel.min())) for channel in raw)
        self._clipping(raw, peak)
        self.peak = max(self.peak, peak)
        self._accumulate(raw, k, n)
        self.samples += n

    def _accumulate(self, block: list[np.ndarray], weighted: list[np.ndarray], n: int) -> None:
        if n % STEP == 0 and not self._pending.size:  # whole 100 ms steps: no copies
            self._step_powers(block, weighted)
            return
        both = np.concatenate([self._pending, np.vstack(block + weighted)], axis=-1)
        whole = both.shape[1] // STEP * STEP
        c = self.channels
        if whole:
            self._step_powers(list(both[:c, :whole]), list(both[c:, :whole]))
        self._pending = both[:, whole:].copy()

    def _step_powers(self, block: list[np.ndarray], weighted: list[np.ndarray]) -> None:
        """Mean square of each 100 ms step of whole steps (float32 products: 1e-7 relative)."""
        steps = block[0].size // STEP

        def energy(channels: list[np.ndarray]) -> np.ndarray:
            rows = (channel.reshape(steps, STEP) for channel in channels)
            return sum(np.einsum("ws,ws->w", row, row) for row in rows)

        self._level.extend((energy(block) / (STEP * self.channels)).tolist())
        self._k_power.extend((energy(weighted) / STEP).tolist())

    def _clipping(self, block: list[np.ndarray], peak: float) -> None:
        if peak < CLIP_LEVEL:  # nothing near full scale in this block
            self._close_run(self.samples)
            return
        mask = np.logical_or.reduce([np.abs(channel) >= CLIP_LEVEL for channel in block])
        if self._open_run is not None and not mask[0]:
            self._close_run(self.samples)
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
