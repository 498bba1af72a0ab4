"""Sound checkers over the decoded audio (readers/media/content.py).

``media.loudness`` (BS.1770-4 integrated loudness in a range), ``media.clipping``
(clipped sample runs), ``media.silence`` (narration present, no long silent stretch) and
``media.noise`` (noise floor in the pauses). Thresholds are the rule's pack parameters.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from casecheck.checkers.media_sound_explain import EXPLAIN as EXPLAIN  # what explain says
from casecheck.checkers.registry import Params, RuleContext, checker
from casecheck.i18n import Text
from casecheck.result import Finding
from casecheck.units import mmss

if TYPE_CHECKING:  # the reader (numpy, PyAV) loads only when a video is decoded
    from casecheck.readers.media.content import AudioContent, ContentFacts, Span

NO_AUDIO = Text(
    "视频没有音轨，无法检查声音", "The video has no audio track; the sound was not checked"
)
MAX_LISTED = 10  # timecodes named in one finding


def span_text(span: Span) -> str:
    return f"{mmss(span.start_s)}–{mmss(span.end_s)}"


def span_place(span: Span) -> dict[str, float]:
    return {"time_s": span.start_s, "end_s": span.end_s}


def spans_listed(spans: list[Span]) -> Text:
    shown = "、".join(span_text(s) for s in spans[:MAX_LISTED])
    shown_en = ", ".join(span_text(s) for s in spans[:MAX_LISTED])
    more = len(spans) - MAX_LISTED
    if more > 0:
        return Text(f"{shown} 等 {len(spans)} 处", f"{shown_en} and {more} more")
    return Text(shown, shown_en)


class LoudnessParams(Params):
    min_lufs: float = -30.0
    max_lufs: float = -10.0
    target_lufs: float = -16.0


@checker("media.loudness", facts="video_content", params=LoudnessParams)
def loudness(facts: ContentFacts, ctx: RuleContext) -> Iterator[Finding]:
    """Integrated loudness (ITU-R BS.1770-4) lies within min…max LUFS.

    Pass: −18 LUFS. Warn: −40 LUFS (too quiet), −6 LUFS (too loud).
    """
    p: LoudnessParams = ctx.params
    audio = facts.audio
    expected = f"{p.min_lufs:g}…{p.max_lufs:g} LUFS"
    if audio is None:
        yield ctx.skipped(NO_AUDIO, expected=expected)
        return
    value = audio.integrated_lufs
    if value is None:
        yield ctx.violation(
            Text(
                "音频几乎无声（低于 −70 LUFS 门限），无法测得响度",
                "The audio is practically silent (below the −70 LUFS gate)",
            ),
            expected=expected,
            hint=Text("请检查录音设备与解说音轨", "Check the microphone and the narration track."),
        )
        return
    shown = f"{value:.1f} LUFS"
    if p.min_lufs <= value <= p.max_lufs:
        yield ctx.ok(
            Text(f"整体响度 {shown}，适中", f"Integrated loudness {shown}"),
            actual=shown,
            expected=expected,
        )
        return
    quiet = value < p.min_lufs
    yield ctx.violation(
        Text(
            f"整体响度 {shown}，{'过小，听不清' if quiet else '过大，可能刺耳或失真'}（要求 {expected}）",
            f"Integrated loudness {shown} is too {'quiet' if quiet else 'loud'} (required {expected})",
        ),
        actual=shown,
        expected=expected,
        hint=Text(
            f"录音音量{'过小' if quiet else '过大'}，请在剪辑软件中将音量标准化到约 {p.target_lufs:g} LUFS",
            f"Normalise the audio to about {p.target_lufs:g} LUFS in the editing software.",
        ),
    )


class ClippingParams(Params):
    max_fraction: float = 0.0001  # 0.01 % of the samples in clipped runs


@checker("media.clipping", facts="video_content", params=ClippingParams)
def clipping(facts: ContentFacts, ctx: RuleContext) -> Iterator[Finding]:
    """Runs of ≥ 3 samples at ≥ 0.999 full scale stay under max_fraction of all samples.

    Pass: a clean −18 LUFS narration. Warn: a recording driven into hard clipping.
    """
    p: ClippingParams = ctx.params
    audio = facts.audio
    expected = f"≤ {p.max_fraction * 100:g} %"
    if audio is None:
        yield ctx.skipped(NO_AUDIO, expected=expected)
        return
    share = f"{audio.clipped_fraction * 100:.3f} %"
    if audio.clipped_fraction <= p.max_fraction or not audio.clipped:
        yield ctx.ok(
            Text(f"无削波失真（削波样本 {share}）", f"No clipping ({share} of samples clipped)"),
            actual=share,
            expected=expected,
        )
        return
    listed = spans_listed(audio.clipped)
    yield ctx.violation(
        Text(
            f"音频削波失真（{share} 的样本被削顶），位于 {listed.zh}",
            f"Clipped audio ({share} of samples) at {listed.en}",
        ),
        actual=share,
        expected=expected,
        location=Text(span_text(audio.clipped[0]), span_text(audio.clipped[0])),
        place=span_place(audio.clipped[0]),
        hint=Text(
            "录音电平过高：请降低麦克风增益重新录制，或在剪辑软件中降低这些片段的音量（已削顶的声音无法完全恢复）",
            "The recording level was too high: re-record with lower microphone gain, or lower these passages (clipped sound cannot be fully restored).",
        ),
    )


class SilenceParams(Params):
    max_silent_fraction: float = 0.95
    max_gap_s: float = 15.0
    silent_below_dbfs: float = -50.0  # a 100 ms step quieter than this is silent


def _silent(audio: AudioContent, below_dbfs: float) -> tuple[float, list[Span]]:
    """The silent share and stretches at the rule's level (the reader's own figures, made
    at −50 dBFS, when the levels are not at hand)."""
    if not audio.levels_db:
        return audio.silent_fraction, audio.silences
    from casecheck.readers.media.content import silent_stretches

    return silent_stretches(audio.levels_db, below_dbfs)


@checker("media.silence", facts="video_content", params=SilenceParams)
def silence(facts: ContentFacts, ctx: RuleContext) -> Iterator[Finding]:
    """Narration present (silent < max_silent_fraction) and no silent stretch over max_gap_s.

    Pass: narration with short pauses. Fail: digital silence throughout. Warn: a 25 s gap.
    """
    p: SilenceParams = ctx.params
    audio = facts.audio
    if audio is None:
        yield ctx.violation(
            Text("视频没有音轨：没有解说", "The video has no audio track: there is no narration"),
            expected=Text("PPT+录屏+解说", "slides + screen recording + narration").pick(ctx.lang),
            hint=Text(
                "请录制解说并与画面一起导出", "Record the narration and export it with the picture."
            ),
        )
        return
    silent_fraction, silences = _silent(audio, p.silent_below_dbfs)
    share = f"{silent_fraction * 100:.0f} %"
    level = f"{p.silent_below_dbfs:g} dBFS".replace("-", "−")
    if silent_fraction > p.max_silent_fraction:
        yield ctx.violation(  # the pack gives this rule severity error: no narration fails
            Text(
                f"几乎全程无声（{share} 的时间低于 {level}）：没有听到解说",
                f"Silent almost throughout ({share} below {level}): no narration heard",
            ),
            actual=share,
            expected=f"≤ {p.max_silent_fraction * 100:g} %",
            hint=Text(
                "视频须采用“PPT+录屏+解说”：请检查麦克风是否静音、导出时是否包含音轨",
                "The video must be narrated: check the microphone was not muted and the export includes the audio.",
            ),
        )
        return
    long_gaps = [s for s in silences if s.end_s - s.start_s > p.max_gap_s]
    if not long_gaps:
        yield ctx.ok(
            Text(
                f"有解说；无超过 {p.max_gap_s:g} 秒的静音",
                f"Narration present; no silence over {p.max_gap_s:g} s",
            ),
            actual=share,
            expected=f"≤ {p.max_gap_s:g} s",
        )
        return
    for gap in long_gaps[:MAX_LISTED]:  # a long gap warns whatever the rule's severity
        length = gap.end_s - gap.start_s
        yield ctx.near_miss(
            Text(
                f"{span_text(gap)} 连续静音 {length:.0f} 秒",
                f"{length:.0f} s of silence at {span_text(gap)}",
            ),
            actual=f"{length:.1f} s",
            expected=f"≤ {p.max_gap_s:g} s",
            location=Text(span_text(gap), span_text(gap)),
            place=span_place(gap),
            hint=Text(
                "请在这段补充解说，或剪掉无声的部分", "Add narration here or cut the silent part."
            ),
        )


class NoiseParams(Params):
    max_dbfs: float = -45.0


@checker("media.noise", facts="video_content", params=NoiseParams)
def noise(facts: ContentFacts, ctx: RuleContext) -> Iterator[Finding]:
    """The noise floor (the level the quietest 5 % of 100 ms steps stay under) is ≤ max_dbfs.

    Pass: pauses at −70 dBFS or digital silence. Warn: a constant hiss at −35 dBFS.
    """
    p: NoiseParams = ctx.params
    audio = facts.audio
    expected = f"≤ {p.max_dbfs:g} dBFS"
    if audio is None:
        yield ctx.skipped(NO_AUDIO, expected=expected)
        return
    floor = audio.noise_floor_dbfs
    if not audio.pauses:
        yield ctx.ok(
            Text(
                "声音连续、没有停顿，无法估计底噪",
                "The sound never pauses: no noise floor to measure",
            ),
            actual="no pauses",
            expected=expected,
        )
        return
    if floor is None or floor <= p.max_dbfs:
        shown = "数字静音" if floor is None else f"{floor:.1f} dBFS"
        shown_en = "digital silence" if floor is None else f"{floor:.1f} dBFS"
        yield ctx.ok(
            Text(f"停顿处的底噪 {shown}，安静", f"Noise floor in the pauses: {shown_en}"),
            actual=shown_en,
            expected=expected,
        )
        return
    shown = f"{floor:.1f} dBFS"
    yield ctx.violation(
        Text(
            f"停顿处的底噪达 {shown}，有明显杂音（要求 {expected}）",
            f"Noise floor in the pauses is {shown} (required {expected})",
        ),
        actual=shown,
        expected=expected,
        hint=Text(
            "收音须清晰、无杂音：请在安静处、关闭风扇空调后重新录制，或在剪辑软件中使用“降噪”",
            "Record in a quiet room (fans and air conditioning off) or apply noise reduction in the editor.",
        ),
    )
