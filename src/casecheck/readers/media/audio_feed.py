"""Decoded audio frames → the AudioMeter, through one FFmpeg filter graph.

Each decoded frame is pushed as it is into a graph that converts it only when it is not
already 48 kHz float planar (``aformat``: mono stays mono, anything else is downmixed to
stereo — BS.1770 sums channel powers, so a mono downmix would read 3 dB low), cuts the
stream into 1 s frames (``asetnsamples``, the last one not padded) and splits it: one copy
as it is (levels, peak, clipping), one through the two K-weighting biquads (loudness). The
meter is fed both halves once a second, so Python touches the audio 600 times for 10 minutes
instead of once per 1024-sample codec frame.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from casecheck.readers.media.loudness import RATE, AudioMeter, biquad_options

BLOCK_SAMPLES = RATE  # hand the meter 1 s at a time


class AudioFeed:
    def __init__(self, stream: Any) -> None:
        import av

        self._av = av
        self.channels = 1 if stream.codec_context.channels == 1 else 2
        layout = "mono" if self.channels == 1 else "stereo"
        graph = av.filter.Graph()
        source = graph.add_abuffer(template=stream)
        convert = graph.add(
            "aformat", f"sample_fmts=fltp:sample_rates={RATE}:channel_layouts={layout}"
        )
        chunk = graph.add("asetnsamples", f"n={BLOCK_SAMPLES}:p=0")
        split = graph.add("asplit", "2")
        graph.link_nodes(source, convert, chunk, split)
        self._raw = graph.add("abuffersink")
        split.link_to(self._raw, 0, 0)
        previous = split
        output = 1
        for options in biquad_options():
            node = graph.add("biquad", options)
            previous.link_to(node, output, 0)
            previous, output = node, 0
        self._weighted = graph.add("abuffersink")
        previous.link_to(self._weighted, 0, 0)
        graph.configure()
        self._graph = graph
        self._pushed = 0
        self.meter = AudioMeter(self.channels, k_weighting=False)

    def add(self, frame: Any) -> None:
        frame.pts = None  # the meter counts samples; gaps or odd timestamps must not stall it
        self._graph.push(frame)
        self._pushed += frame.samples
        if self._pushed >= BLOCK_SAMPLES:
            self._pushed = 0
            self._drain()

    def _drain(self) -> None:
        av = self._av
        while True:
            try:
                raw: Any = self._raw.pull()
            except (av.BlockingIOError, av.EOFError):
                return
            weighted: Any = self._weighted.pull()  # asplit hands both copies over at once
            self.meter.feed_weighted(_planes(raw), _planes(weighted))

    def finish(self) -> AudioMeter:
        self._graph.push(None)
        self._drain()
        self.meter.finish()
        return self.meter


def _planes(frame: Any) -> list[np.ndarray]:
    """The channels of a float planar frame as views of its buffers (no copy)."""
    return [np.frombuffer(plane, dtype=np.float32, count=frame.samples) for plane in frame.planes]
