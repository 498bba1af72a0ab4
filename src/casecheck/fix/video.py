"""Video fixer (``--video``, opt-in): re-encode to the pack's format with PyAV.

H.264 at the pack's resolution (scaled to fit and padded, never stretched; the sample
aspect ratio is honoured), constant frame rate by FFmpeg's ``fps`` filter (frames dropped
or duplicated by timestamp), CBR with HRD signalling (``nal-hrd=cbr``: x264 pads with
filler so a still screen recording does not undershoot the minimum as MediaInfo measures
it), AAC-LC 48 kHz stereo at the pack's audio rate. The duration is never changed — too
long or too short is left for the teacher. The encode goes to a temporary name beside the
copy and replaces it only when complete; an interrupt removes the temporary file.
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from casecheck.fix.model import Fixer, FixItem, Notes, Progress, ProgressFn
from casecheck.i18n import Lang, Text
from casecheck.packs.ruleset import Rule
from casecheck.result import Finding, Status

BAD = (Status.FAIL, Status.WARN)
FORMAT_CHECKERS = {
    "media.resolution",
    "media.frame_rate",
    "media.bit_rate",
    "media.codec",
    "media.container",
}
HEADROOM = 1.1  # encode 10 % above the minimum: MediaInfo's figure lands above it, not on it
HEADROOM_AUDIO = 1.03  # muxed beside the video, MediaInfo's audio figure reads ~1 % lower
AUDIO_TRIES = 4
MAX_AUDIO_BPS = 320_000


@dataclass
class VideoSpec:
    """What the pack asks of the video (defaults: the national guide)."""

    width: int = 1920
    height: int = 1080
    fps: float = 25
    min_video_bps: int = 8_000_000
    audio_bps: int = 128_000
    audio_rate: int = 48_000
    preset: str = "veryfast"  # x264 speed/quality trade-off

    @property
    def video_bps(self) -> int:
        return math.ceil(self.min_video_bps * HEADROOM / 1000) * 1000


def spec_from_rules(rules: dict[str, Rule]) -> VideoSpec:
    """What to encode to: the pack's own resolution, frame rate and bit-rate parameters."""
    from casecheck.checkers.media import BitRateParams, FrameRateParams, ResolutionParams

    spec = VideoSpec()
    for rule in rules.values():
        params = rule.params
        if isinstance(params, ResolutionParams):
            spec.width, spec.height = params.width, params.height
        elif isinstance(params, FrameRateParams):
            spec.fps = params.fps
        elif isinstance(params, BitRateParams) and params.stream == "video":
            spec.min_video_bps = params.min_bps
        elif isinstance(params, BitRateParams) and params.stream == "audio":
            spec.audio_bps = params.min_bps
    return spec


def _filter(spec: VideoSpec) -> str:
    w, h = spec.width, spec.height
    return (
        "scale=w='trunc(iw*sar/2)*2':h=ih,setsar=1,"
        f"scale={w}:{h}:force_original_aspect_ratio=decrease:force_divisible_by=2,"
        f"pad={w}:{h}:(ow-iw)/2:(oh-ih)/2:black,setsar=1,fps={spec.fps:g},format=yuv420p"
    )


def transcode(src: Path, dst: Path, spec: VideoSpec, progress: ProgressFn | None = None) -> int:
    """Re-encode ``src`` into ``dst`` (written whole; removed again on any error or interrupt).

    Returns the number of video frames written.
    """
    import av

    tmp = dst.with_name(f".{dst.stem}.casecheck-tmp{dst.suffix}")
    try:
        frames = _encode(av, src, tmp, spec, progress, dst.name)
        os.replace(tmp, dst)
        return frames
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _encode(
    av: Any, src: Path, tmp: Path, spec: VideoSpec, progress: ProgressFn | None, name: str
) -> int:
    audio_tmp = tmp.with_suffix(".m4a")
    try:
        has_audio = _audio_pass(av, src, audio_tmp, spec)
        return _video_pass(av, src, tmp, audio_tmp if has_audio else None, spec, progress, name)
    finally:
        audio_tmp.unlink(missing_ok=True)


def _encode_audio(av: Any, src: Path, dst: Path, spec: VideoSpec, bit_rate: int) -> bool:
    with open(src, "rb") as fh, av.open(fh) as inp:
        if not inp.streams.audio:
            return False
        with av.open(str(dst), "w", format="mp4") as out:
            aout = out.add_stream("aac", rate=spec.audio_rate)
            aout.bit_rate = bit_rate
            aout.layout = "stereo"
            resampler = av.AudioResampler(format="fltp", layout="stereo", rate=spec.audio_rate)
            for frame in inp.decode(inp.streams.audio[0]):
                for rs in resampler.resample(frame):
                    out.mux(aout.encode(rs))
            for rs in resampler.resample(None):
                out.mux(aout.encode(rs))
            out.mux(aout.encode(None))
    return True


def measured_audio_bps(path: Path) -> int | None:
    """The audio bit rate as MediaInfo reports it (what the check will see)."""
    from pymediainfo import MediaInfo

    tracks = MediaInfo.parse(str(path)).audio_tracks
    return int(tracks[0].bit_rate) if tracks and tracks[0].bit_rate else None


def _audio_pass(av: Any, src: Path, dst: Path, spec: VideoSpec) -> bool:
    """Encode the audio alone; FFmpeg's AAC encoder undershoots quiet or simple sound, so the
    rate is raised by the measured shortfall until MediaInfo's figure reaches the target."""
    rate = spec.audio_bps
    for _ in range(AUDIO_TRIES):
        if not _encode_audio(av, src, dst, spec, rate):
            return False
        got = measured_audio_bps(dst)
        goal = spec.audio_bps * HEADROOM_AUDIO
        if got is None or got >= goal:
            return True
        rate = min(MAX_AUDIO_BPS, math.ceil(rate * goal / got))
    return True


def _video_pass(
    av: Any,
    src: Path,
    tmp: Path,
    audio: Path | None,
    spec: VideoSpec,
    progress: ProgressFn | None,
    name: str,
) -> int:
    with open(src, "rb") as fh, av.open(fh) as inp, av.open(str(tmp), "w", format="mp4") as out:
        vin = inp.streams.video[0]
        rate = Fraction(spec.fps).limit_denominator(1001)
        vout = out.add_stream("libx264", rate=rate)
        vout.width, vout.height, vout.pix_fmt = spec.width, spec.height, "yuv420p"
        vout.bit_rate = spec.video_bps
        bps = str(spec.video_bps)
        vout.options = {
            "preset": spec.preset,
            "minrate": bps,
            "maxrate": bps,
            "bufsize": str(spec.video_bps * 2),
            "x264-params": "nal-hrd=cbr:force-cfr=1",
            "g": str(round(spec.fps * 2)),
        }
        vout.codec_context.time_base = 1 / rate
        audio_in = av.open(str(audio)) if audio is not None else None
        try:
            apackets = audio_in.demux(audio_in.streams.audio[0]) if audio_in else iter(())
            aout = out.add_stream_from_template(audio_in.streams.audio[0]) if audio_in else None
            pending = next(apackets, None)
            graph = _graph(av, vin, spec)
            duration = float(inp.duration) / 1_000_000 if inp.duration else None
            total = round(duration * float(rate)) if duration else None
            started, done = time.monotonic(), 0
            for frame in inp.decode(vin):
                graph.push(frame)
                done += _drain(av, graph, vout, out)
                _report(progress, name, done, total, started)
                # Interleave: audio packets up to the video time written so far.
                while pending is not None and _seconds(pending) <= done / float(rate):
                    pending = _mux_audio(out, aout, pending, apackets)
            graph.push(None)
            done += _drain(av, graph, vout, out)
            out.mux(vout.encode(None))
            while pending is not None:
                pending = _mux_audio(out, aout, pending, apackets)
            _report(progress, name, done, done, started)
            return done
        finally:
            if audio_in is not None:
                audio_in.close()


def _seconds(packet: Any) -> float:
    return float((packet.dts or 0) * packet.time_base) if packet.time_base else 0.0


def _mux_audio(out: Any, aout: Any, packet: Any, packets: Any) -> Any:
    if packet.dts is not None and packet.size:
        packet.stream = aout
        out.mux(packet)
    return next(packets, None)


def _graph(av: Any, vin: Any, spec: VideoSpec) -> Any:
    graph = av.filter.Graph()
    ctx = vin.codec_context
    sar = ctx.sample_aspect_ratio or Fraction(1, 1)
    src = graph.add(
        "buffer",
        width=str(ctx.width),
        height=str(ctx.height),
        pix_fmt=str(ctx.format.name),
        time_base=str(vin.time_base),
        pixel_aspect=f"{sar.numerator}/{sar.denominator}",
    )
    last = src
    for name, args in _filter_steps(spec):
        node = graph.add(name, args)
        last.link_to(node)
        last = node
    sink = graph.add("buffersink")
    last.link_to(sink)
    graph.configure()
    return graph


def _filter_steps(spec: VideoSpec) -> list[tuple[str, str]]:
    steps = _filter(spec).split(",")
    return [(s.split("=", 1)[0], s.split("=", 1)[1] if "=" in s else "") for s in steps]


def _drain(av: Any, graph: Any, vout: Any, out: Any) -> int:
    n = 0
    while True:
        try:
            frame = graph.pull()
        except (av.error.BlockingIOError, av.error.EOFError, BlockingIOError, EOFError):
            return n
        out.mux(vout.encode(frame))
        n += 1


def _report(
    progress: ProgressFn | None, name: str, done: int, total: int | None, started: float
) -> None:
    if progress is None:
        return
    elapsed = max(time.monotonic() - started, 1e-6)
    fps = done / elapsed
    eta = (total - done) / fps if total and fps > 0 and total >= done else None
    progress(Progress(file=name, done=done, total=total, fps=fps, eta_s=eta))


def video_fixer(progress: ProgressFn | None) -> Fixer:
    """The fixer for ``fix_submission(video=True)``, reporting progress to ``progress``."""

    def fix_video(
        path: Path,
        facts: Any,
        findings: list[Finding],
        rules: dict[str, Rule],
        lang: Lang,
    ) -> tuple[bool, list[FixItem]]:
        notes = Notes(lang)
        checker_of = {rid: rule.checker_name for rid, rule in rules.items()}
        bad = [f for f in findings if f.status in BAD]
        for f in bad:
            checker = checker_of.get(f.rule, "")
            if checker == "media.number" and "duration" in f.rule:
                notes.left(
                    Text(
                        f"{f.message}（时长不会自动修改，请自行剪辑）",
                        f"{f.message} (the duration is never changed: edit the video)",
                    ),
                    rule=f.rule,
                )
            elif (
                checker not in FORMAT_CHECKERS
                and not (checker == "media.number" and "aspect" in f.rule)
                and not checker.startswith("media.")
            ):
                notes.left(
                    Text(f.message, f.message),
                    rule=f.rule,
                    location=Text(f.location, f.location) if f.location else None,
                )
        fixable = [
            f
            for f in bad
            if checker_of.get(f.rule, "").startswith("media.") and "duration" not in f.rule
        ]
        if not fixable:
            return False, notes.items
        spec = spec_from_rules(rules)
        frames = transcode(path, path, spec, progress)
        notes.changed(
            Text(
                f"已重新编码：H.264 {spec.width}×{spec.height}（等比缩放并补黑边）、{spec.fps:g} 帧/秒恒定帧率、"
                f"视频码率 {spec.video_bps / 1e6:g} Mbps（CBR）、AAC-LC {spec.audio_bps // 1000} kbps "
                f"{spec.audio_rate // 1000} kHz；共 {frames} 帧，时长不变",
                f"Re-encoded: H.264 {spec.width}×{spec.height} (scaled to fit, padded), constant {spec.fps:g} fps, "
                f"video {spec.video_bps / 1e6:g} Mbps CBR, AAC-LC {spec.audio_bps // 1000} kbps "
                f"{spec.audio_rate // 1000} kHz; {frames} frames, same duration",
            ),
            rule=", ".join(sorted({f.rule for f in fixable})),
        )
        return True, notes.items

    return fix_video
