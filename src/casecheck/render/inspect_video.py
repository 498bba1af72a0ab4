"""``casecheck inspect video.mp4``: the MediaInfo facts the video rules use, in words
(「H.264（High 配置，级别 4.1）」, 「逐行扫描」, 「7 分 30 秒」), not MediaInfo's raw values."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from casecheck.i18n import Lang, Text
from casecheck.readers.media.video import VideoFacts
from casecheck.units import bitrate, codec_words, duration_words, mode_words, ratio, scan_words

NONE = Text("—", "—")


def _same(value: str) -> Text:
    return Text(value, value)


def container_words(facts: VideoFacts) -> Text:
    """「MP4（品牌 isom；兼容 isom、iso2、avc1、mp41）」; QuickTime, Matroska … by name."""
    brand, compatible = facts.major_brand or "", facts.compatible_brands
    if facts.container == "MPEG-4" and facts.container_profile != "QuickTime":
        zh = [f"品牌 {brand}"] if brand else []
        en = [f"brand {brand}"] if brand else []
        if compatible:
            zh.append(f"兼容 {'、'.join(compatible)}")
            en.append(f"compatible {', '.join(compatible)}")
        return Text(
            "MP4" + (f"（{'；'.join(zh)}）" if zh else ""),
            "MP4" + (f" ({'; '.join(en)})" if en else ""),
        )
    if facts.container_profile == "QuickTime":
        return Text("QuickTime（.mov）", "QuickTime (.mov)")
    return _same(facts.container) if facts.container else NONE


def _rate(bps: int | None, mode: str | None) -> Text:
    if bps is None:
        return NONE
    if not mode:
        return _same(bitrate(bps))
    zh, en = mode_words(mode)
    return Text(f"{bitrate(bps)}（{zh}）", f"{bitrate(bps)} ({en})")


def fact_rows(facts: VideoFacts) -> list[tuple[Text, Text]]:
    rows = [
        (Text("容器", "Container"), container_words(facts)),
        (
            Text("时长", "Duration"),
            NONE if facts.duration_s is None else Text(*duration_words(facts.duration_s)),
        ),
        (Text("总码率", "Overall bit rate"), _rate(facts.overall_bit_rate, None)),
        (Text("文件大小", "File size"), _same(f"{facts.file_size / 1_048_576:.1f} MiB")),
    ]
    v = facts.video
    if v:
        size = f"{v.width}×{v.height}"
        fps = "?" if v.frame_rate is None else f"{v.frame_rate:g} fps"
        mode = mode_words(v.frame_rate_mode) if v.frame_rate_mode else None
        frame_rate = (
            _same(fps) if mode is None else Text(f"{fps}（{mode[0]}）", f"{fps} ({mode[1]})")
        )
        if v.frame_rate_mode == "VFR":
            low, high = v.frame_rate_min, v.frame_rate_max
            frame_rate = Text(
                f"{fps}（{mode[0] if mode else ''}：最低 {low}，最高 {high}）",
                f"{fps} ({mode[1] if mode else ''}: min {low}, max {high})",
            )
        dar = "—" if v.display_aspect_ratio is None else ratio(v.display_aspect_ratio)
        rows += [
            (Text("视频编码", "Video codec"), Text(*codec_words(v.codec or "?", v.profile))),
            (
                Text("分辨率", "Resolution"),
                Text(f"{size}，旋转 {v.rotation:g}°", f"{size}, rotated {v.rotation:g}°")
                if v.rotation
                else _same(size),
            ),
            (
                Text("像素宽高比 / 画面比例", "SAR / DAR"),
                _same(
                    f"{'—' if v.pixel_aspect_ratio is None else f'{v.pixel_aspect_ratio:g}'} / {dar}"
                ),
            ),
            (Text("帧率", "Frame rate"), frame_rate),
            (Text("视频码率", "Video bit rate"), _rate(v.bit_rate, v.bit_rate_mode)),
            (
                Text("扫描方式", "Scan type"),
                Text(*scan_words(v.scan_type)) if v.scan_type else NONE,
            ),
        ]
    else:
        rows.append((Text("视频轨道", "Video track"), NONE))
    a = facts.audio
    if a:
        rate = "—" if a.sampling_rate is None else f"{a.sampling_rate} Hz"
        channels = "—" if a.channels is None else str(a.channels)
        rows += [
            (Text("音频编码", "Audio codec"), Text(*codec_words(a.codec or "?", a.profile))),
            (Text("音频码率", "Audio bit rate"), _rate(a.bit_rate, a.bit_rate_mode)),
            (
                Text("采样率 / 声道", "Sampling / channels"),
                Text(f"{rate} / {channels} 声道", f"{rate} / {channels} channels"),
            ),
        ]
    else:
        rows.append((Text("音频轨道", "Audio track"), NONE))
    if facts.provenance:
        from casecheck.checkers.ai_label import AI_MARKS, OTHER_MARKS, describe, split_marks

        # marks that say AI made it apart from ordinary tags such as the encoder's name; the
        # AI marks in check's words, the tags by value (where in the file: English only)
        ai, other = split_marks(facts.provenance)
        if ai:
            said = [describe(s) for s in ai]
            rows.append(
                (AI_MARKS, Text("；".join(s.zh for s in said), "; ".join(s.en for s in said)))
            )
        if other:
            rows.append(
                (
                    OTHER_MARKS,
                    Text(
                        "；".join(s.value for s in other),
                        "; ".join(f"{s.value} ({s.evidence})" for s in other),
                    ),
                )
            )
    return rows


def render_facts(facts: VideoFacts, console: Console, lang: Lang) -> None:
    table = Table(
        show_header=False, title=Text("视频信息（MediaInfo）", "Video facts (MediaInfo)").pick(lang)
    )
    table.add_column(style="bold")
    table.add_column()
    for label, value in fact_rows(facts):
        table.add_row(label.pick(lang), value.pick(lang))
    console.print(table)
