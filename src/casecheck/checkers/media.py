"""Video checkers: generic verbs over the MediaInfo facts of readers/media/video.py.

Each is parameterised by its pack rule, so a guide that asks for 5–8 minutes at 30 fps is a
YAML change: ``media.number`` (a numeric field within a range or near a target),
``media.resolution``, ``media.frame_rate``, ``media.bit_rate``, ``media.codec`` and
``media.container``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import model_validator

from casecheck.checkers.media_explain import EXPLAIN as EXPLAIN  # what explain says
from casecheck.checkers.registry import Params, RuleContext, checker
from casecheck.i18n import Text
from casecheck.readers.media.video import VideoFacts
from casecheck.result import Finding
from casecheck.units import (
    bitrate,
    duration_range_words,
    duration_words,
    fmt,
    mode_words,
)

# Filled from the rule's own parameters, never a fixed export preset.
EXPORT_HINT = Text(
    "请在剪辑软件中重新导出视频，使{name}为 {expected}",
    "Export the video again with its {name} at {expected}.",
)


def export_hint(name: Text, expected: str) -> Text:
    return Text(
        EXPORT_HINT.zh.format(name=name.zh, expected=expected),
        EXPORT_HINT.en.format(name=name.en.lower(), expected=expected),
    )


FIELD_NAMES: dict[str, Text] = {
    "duration_s": Text("视频时长", "Duration"),
    "display_aspect_ratio": Text("画面比例", "Display aspect ratio"),
    "overall_bit_rate": Text("总码率", "Overall bit rate"),
}


class NumberParams(Params):
    field: Literal["duration_s", "display_aspect_ratio", "overall_bit_rate"]
    min: float | None = None
    max: float | None = None
    target: float | None = None
    tolerance: float = 0.0
    unit: Literal["duration", "ratio", "bps", "plain"] = "plain"

    @model_validator(mode="after")
    def _some_bound(self) -> NumberParams:
        if self.min is None and self.max is None and self.target is None:
            raise ValueError("give min, max or target")
        return self


def _expected(p: NumberParams) -> str:
    if p.target is not None:
        return f"{fmt(p.target, p.unit)} ± {p.tolerance:g}"
    if p.min is not None and p.max is not None:
        return f"{fmt(p.min, p.unit)}–{fmt(p.max, p.unit)}"
    return f"≥ {fmt(p.min, p.unit)}" if p.min is not None else f"≤ {fmt(p.max or 0, p.unit)}"


def duration_violation(value: float, p: NumberParams, ctx: RuleContext) -> Finding:
    """「视频时长 1.5 秒，过短，要求 7–10 分钟」 (``expected`` in seconds: 「420–600 s」)."""
    side = (
        Text("过短", "too short")
        if p.min is not None and value < p.min
        else Text("过长", "too long")
    )
    zh, en = duration_words(value)
    if p.min is not None and p.max is not None:
        want_zh, want_en = duration_range_words(p.min, p.max)
        expected = f"{p.min:g}–{p.max:g} s"
    else:
        bound = p.min if p.min is not None else p.max or 0.0
        sign = "≥" if p.min is not None else "≤"
        want_zh, want_en = (f"{sign} {w}" for w in duration_words(bound))
        expected = f"{sign} {bound:g} s"
    return ctx.violation(
        Text(
            f"视频时长 {zh}，{side.zh}，要求 {want_zh}",
            f"Duration {en} is {side.en}; required {want_en}",
        ),
        actual=round(value, 3),
        expected=expected,
        hint=Text(f"请将视频剪辑到 {want_zh}", f"Edit the video to {want_en}."),
    )


@checker("media.number", facts="video", params=NumberParams)
def number(facts: VideoFacts, ctx: RuleContext) -> Iterator[Finding]:
    """A numeric field lies in [min, max] or within target ± tolerance.

    Pass: duration 08:30.0 with min 420, max 600. Fail: duration 06:12.5 (372.5 s).
    """
    p: NumberParams = ctx.params
    name = FIELD_NAMES[p.field]
    value = getattr(facts, p.field)
    expected = _expected(p)
    if value is None:
        yield ctx.violation(
            Text(f"无法读出{name.zh}", f"{name.en} could not be read"),
            expected=expected,
            hint=export_hint(name, expected),
        )
        return
    ok = (p.min is None or value >= p.min) and (p.max is None or value <= p.max)
    if p.target is not None:
        ok = ok and abs(value - p.target) <= p.tolerance
    shown = fmt(value, p.unit)
    actual: float | str = round(value, 3)
    if ok:
        words = Text(*duration_words(value)) if p.unit == "duration" else Text(shown, shown)
        wanted = Text(expected, expected)
        if p.unit == "duration" and p.min is not None and p.max is not None:
            wanted = Text(*duration_range_words(p.min, p.max))
            expected = f"{p.min:g}–{p.max:g} s"
        yield ctx.ok(
            Text(
                f"{name.zh}为 {words.zh}，符合要求（{wanted.zh}）",
                f"{name.en} is {words.en} ({wanted.en})",
            ),
            actual=actual,
            expected=expected,
        )
        return
    hint = export_hint(name, expected)
    if p.field == "duration_s":
        yield duration_violation(value, p, ctx)
        return
    yield ctx.violation(
        Text(f"{name.zh}为 {shown}，要求 {expected}", f"{name.en} is {shown}; required {expected}"),
        actual=actual,
        expected=expected,
        hint=hint,
    )


class ResolutionParams(Params):
    width: int = 1920
    height: int = 1080


@checker("media.resolution", facts="video", params=ResolutionParams)
def resolution(facts: VideoFacts, ctx: RuleContext) -> Iterator[Finding]:
    """The coded picture is width×height and landscape (pixel shape is the aspect rule's).

    Pass: 1920×1080 (also with 4:3 pixels). Fail: 1280×720; 1080×1920 (portrait);
    1440×1080 with SAR 4:3.
    """
    p: ResolutionParams = ctx.params
    v = facts.video
    expected = f"{p.width}×{p.height}"
    if v is None or v.width is None or v.height is None:
        yield ctx.violation(
            Text("视频中没有画面轨道", "The file has no video track"), expected=expected
        )
        return
    actual = f"{v.width}×{v.height}"
    rotated = round(v.rotation) % 180 == 90
    shown_w, shown_h = (v.height, v.width) if rotated else (v.width, v.height)
    hint = Text(f"请以 {expected} 横屏导出视频", f"Export the video landscape at {expected}.")
    if (v.width, v.height) == (p.width, p.height) and not rotated:
        # SPEC judges the coded picture; non-square pixels are video.aspect_ratio's business.
        yield ctx.ok(
            Text(f"分辨率 {actual}，符合要求", f"Resolution {actual} as required"),
            actual=actual,
            expected=expected,
        )
        return
    notes_zh, notes_en = [], []
    if rotated:
        notes_zh.append(f"带 {v.rotation:g}° 旋转标记，播放时显示为 {shown_w}×{shown_h}（竖屏）")
        notes_en.append(f"rotated {v.rotation:g}°, shown as {shown_w}×{shown_h} (portrait)")
    elif v.height > v.width:
        notes_zh.append("竖屏")
        notes_en.append("portrait")
    if v.pixel_aspect_ratio and abs(v.pixel_aspect_ratio - 1) > 0.01:
        dw = round(v.width * v.pixel_aspect_ratio)
        notes_zh.append(
            f"像素宽高比 {v.pixel_aspect_ratio:.3f}，拉伸后显示为 {dw}×{v.height}，并非真正的 {expected}"
        )
        notes_en.append(
            f"pixel aspect ratio {v.pixel_aspect_ratio:.3f}, stretched to {dw}×{v.height} on display, not a true {expected}"
        )
    extra_zh = f"（{'；'.join(notes_zh)}）" if notes_zh else ""
    extra_en = f" ({'; '.join(notes_en)})" if notes_en else ""
    yield ctx.violation(
        Text(
            f"分辨率为 {actual}{extra_zh}，要求 {expected}",
            f"Resolution is {actual}{extra_en}; required {expected}",
        ),
        actual=actual,
        expected=expected,
        hint=hint,
    )


class FrameRateParams(Params):
    fps: float = 25
    tolerance: float = 0.01
    require_constant: bool = True


@checker("media.frame_rate", facts="video", params=FrameRateParams)
def frame_rate(facts: VideoFacts, ctx: RuleContext) -> Iterator[Finding]:
    """Frame rate is fps ± tolerance and, if required, constant (CFR).

    Pass: 25.000 fps CFR. Fail: 30 fps; VFR 12.5–25 fps.
    """
    p: FrameRateParams = ctx.params
    v = facts.video
    expected = f"{p.fps:g} fps" + (
        "（恒定帧率）"
        if p.require_constant and ctx.lang == "zh"
        else " (constant)"
        if p.require_constant
        else ""
    )
    hint = Text(
        f"请在剪辑软件导出时将帧率设为 {p.fps:g}，并选择恒定帧率（CFR）",
        f"Set the frame rate to {p.fps:g} fps, constant (CFR), when exporting.",
    )
    if v is None or v.frame_rate is None:
        yield ctx.violation(
            Text("无法读出帧率", "The frame rate could not be read"), expected=expected, hint=hint
        )
        return
    mode = (v.frame_rate_mode or "CFR").upper()
    if p.require_constant and mode == "VFR":
        low = f"{v.frame_rate_min:g}" if v.frame_rate_min else "?"
        high = f"{v.frame_rate_max:g}" if v.frame_rate_max else "?"
        yield ctx.violation(
            Text(
                f"可变帧率（VFR）：平均 {v.frame_rate:g} fps，最低 {low}、最高 {high} fps；要求恒定 {p.fps:g} fps",
                f"Variable frame rate: average {v.frame_rate:g} fps, min {low}, max {high} fps; required constant {p.fps:g} fps",
            ),
            actual={
                "mode": "VFR",
                "average": v.frame_rate,
                "min": v.frame_rate_min,
                "max": v.frame_rate_max,
            },
            expected=expected,
            hint=hint,
        )
        return
    if abs(v.frame_rate - p.fps) <= p.tolerance:
        yield ctx.ok(
            Text(
                f"帧率 {v.frame_rate:g} fps（{mode_words(mode)[0]}），符合要求",
                f"Frame rate {v.frame_rate:g} fps ({mode_words(mode)[1]})",
            ),
            actual=v.frame_rate,
            expected=expected,
        )
    else:
        yield ctx.violation(
            Text(
                f"视频帧率为 {v.frame_rate:g} fps，要求 {p.fps:g} fps",
                f"Frame rate is {v.frame_rate:g} fps; required {p.fps:g} fps",
            ),
            actual=v.frame_rate,
            expected=expected,
            hint=hint,
        )


class BitRateParams(Params):
    stream: Literal["video", "audio"]
    min_bps: int
    tolerance: float = 0.0  # relative: 0.02 lets 125.5 kbps pass a 128 kbps minimum
    fallback_to_overall: bool = False


@checker("media.bit_rate", facts="video", params=BitRateParams)
def bit_rate(facts: VideoFacts, ctx: RuleContext) -> Iterator[Finding]:
    """The stream's bit rate is at least min_bps (less the relative tolerance).

    Pass: video 8.4 Mbps against 8 Mbps. Fail: video 3.1 Mbps; audio 96 kbps against 128 kbps.
    """
    p: BitRateParams = ctx.params
    stream = facts.video if p.stream == "video" else facts.audio
    label = (
        Text("视频码率", "Video bit rate")
        if p.stream == "video"
        else Text("音频码率", "Audio bit rate")
    )
    expected = f"≥ {bitrate(p.min_bps)}"
    if p.tolerance:  # say the tolerance, so 126 kbps passing ≥ 128 kbps is not a surprise
        floor = bitrate(p.min_bps * (1 - p.tolerance))
        expected += Text(
            f"，允许 {p.tolerance:.0%} 误差即 ≥ {floor}",
            f", {p.tolerance:.0%} tolerance: ≥ {floor}",
        ).pick(ctx.lang)
    hint = Text(
        f"导出时将{label.zh}设为不低于 {bitrate(p.min_bps)}",
        f"Export with {label.en.lower()} of at least {bitrate(p.min_bps)}.",
    )
    if stream is None:
        if p.stream == "audio":
            yield ctx.skipped(
                Text(
                    "没有音频轨道（见 video.audio_codec）", "No audio track (see video.audio_codec)"
                ),
                expected=expected,
            )
        else:
            yield ctx.violation(Text("视频中没有画面轨道", "No video track"), expected=expected)
        return
    value, source = stream.bit_rate, "stream"
    if value is None and p.fallback_to_overall and facts.overall_bit_rate:
        value, source = facts.overall_bit_rate, "overall"
    if value is None:
        yield ctx.violation(
            Text(f"无法读出{label.zh}", f"{label.en} could not be read"),
            expected=expected,
            hint=hint,
        )
        return
    both = {"stream": stream.bit_rate, "overall": facts.overall_bit_rate, "used": source}
    via = (
        Text("（轨道未记录码率，按文件总码率计）", " (stream has none; overall bit rate used)")
        if source == "overall"
        else Text("", "")
    )
    if value >= p.min_bps * (1 - p.tolerance):
        yield ctx.ok(
            Text(
                f"{label.zh} {bitrate(value)}{via.zh}，符合要求（{expected}）",
                f"{label.en} {bitrate(value)}{via.en} ({expected})",
            ),
            actual=both,
            expected=expected,
        )
    else:
        yield ctx.violation(
            Text(
                f"{label.zh}为 {bitrate(value)}{via.zh}，要求不低于 {bitrate(p.min_bps)}",
                f"{label.en} is {bitrate(value)}{via.en}; required at least {bitrate(p.min_bps)}",
            ),
            actual=both,
            expected=expected,
            hint=hint,
        )


__all__ = ["bit_rate", "frame_rate", "number", "resolution"]
