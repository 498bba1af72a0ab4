"""The video's formats as MediaInfo reads them: which codecs its streams use, and whether
the container really is MP4 (media.codec, media.container)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from casecheck.checkers.media_explain import EXPLAIN as EXPLAIN  # what explain says
from casecheck.checkers.registry import Params, RuleContext, checker
from casecheck.i18n import Text
from casecheck.readers.media.video import VideoFacts
from casecheck.result import Finding
from casecheck.units import codec_name


class CodecParams(Params):
    stream: Literal["video", "audio"]
    allowed: list[str]
    require_stream: bool = False


@checker("media.codec", facts="video", params=CodecParams)
def codec(facts: VideoFacts, ctx: RuleContext) -> Iterator[Finding]:
    """The stream's codec (MediaInfo Format) is one of ``allowed``.

    Pass: audio AAC. Fail: audio MPEG Audio (MP3); no audio track when require_stream.
    """
    p: CodecParams = ctx.params
    stream = facts.video if p.stream == "video" else facts.audio
    label = (
        Text("视频编码", "Video codec") if p.stream == "video" else Text("音频编码", "Audio codec")
    )
    expected = " / ".join(codec_name(a) for a in p.allowed)
    if stream is None:
        msg = (
            Text("视频没有音频轨道（没有声音）", "The video has no audio track")
            if p.stream == "audio"
            else Text("没有画面轨道", "No video track")
        )
        hint = Text(
            "请录入解说音频并以 AAC 编码导出", "Record the narration and export the audio as AAC."
        )
        if p.require_stream:
            yield ctx.violation(msg, actual=None, expected=expected, hint=hint)
        else:
            yield ctx.skipped(msg, expected=expected)
        return
    name = stream.codec or "?"
    full = f"{name} {stream.profile}" if stream.profile and p.stream == "audio" else name
    shown = codec_name(full) if codec_name(full) != full else codec_name(name)
    if name.upper() in {a.upper() for a in p.allowed}:
        yield ctx.ok(
            Text(f"{label.zh}为 {shown}，符合要求", f"{label.en} is {shown}"),
            actual=name,
            expected=expected,
        )
    else:
        yield ctx.violation(
            Text(
                f"{label.zh}为 {shown}，要求 {expected}",
                f"{label.en} is {shown}; required {expected}",
            ),
            actual=name,
            expected=expected,
            hint=Text(
                f"导出时将{label.zh}选择为 {expected}",
                f"Choose {expected} as {label.en.lower()} when exporting.",
            ),
        )


class ContainerParams(Params):
    brands: list[str]


@checker("media.container", facts="video", params=ContainerParams)
def container(facts: VideoFacts, ctx: RuleContext) -> Iterator[Finding]:
    """The real container is ISO base media MP4 with a known brand, whatever the file name says.

    Pass: MPEG-4 Base Media, brand isom. Fail: QuickTime (brand qt) renamed .mp4; Matroska.
    """
    p: ContainerParams = ctx.params
    allowed = {b.strip().lower() for b in p.brands}
    brand = (facts.major_brand or "").strip()
    actual = f"{facts.container or '?'} / {facts.container_profile or '?'} / {brand or '-'}"
    hint = Text(
        "请用剪辑软件重新导出为 MP4（H.264 + AAC），不要只改文件扩展名",
        "Re-export as MP4 (H.264 + AAC) in your editor; renaming the extension is not enough.",
    )
    is_mp4 = facts.container == "MPEG-4" and facts.container_profile != "QuickTime"
    if is_mp4 and (brand.lower() in allowed or not brand):
        yield ctx.ok(
            Text(f"容器为 MP4（{brand or 'isom'}）", f"Container is MP4 ({brand or 'isom'})"),
            actual=actual,
            expected="MP4",
        )
        return
    what = (
        "QuickTime（.mov）" if facts.container_profile == "QuickTime" else (facts.container or "?")
    )
    if is_mp4:
        what = f"MP4（品牌 {brand}）"
    yield ctx.violation(
        Text(f"视频实际格式为 {what}，要求 MP4", f"The video is really {what}; MP4 is required"),
        actual=actual,
        expected="MP4",
        hint=hint,
    )


__all__ = ["codec", "container"]
