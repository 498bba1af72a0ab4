"""``casecheck inspect video.mp4``: the MediaInfo facts the video rules use."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from casecheck.i18n import Lang, Text
from casecheck.readers.media.video import VideoFacts
from casecheck.units import bitrate, mmss, ratio


def fact_rows(facts: VideoFacts) -> list[tuple[Text, str]]:
    def opt(value: object, show: str | None = None) -> str:
        return "—" if value is None else (show if show is not None else str(value))

    brands = "/".join(facts.compatible_brands)
    brand = (facts.major_brand or "") + (f" ({brands})" if brands else "")
    rows = [
        (  # 「MPEG-4 / Base Media / isom (isom/iso2/avc1/mp41)」, 「Matroska」: no None
            Text("容器", "Container"),
            " / ".join(x for x in (facts.container, facts.container_profile, brand.strip()) if x)
            or "—",
        ),
        (
            Text("时长", "Duration"),
            opt(facts.duration_s, f"{mmss(facts.duration_s or 0)} ({facts.duration_s} s)"),
        ),
        (
            Text("总码率", "Overall bit rate"),
            opt(facts.overall_bit_rate, bitrate(facts.overall_bit_rate or 0)),
        ),
        (Text("文件大小", "File size"), f"{facts.file_size / 1_048_576:.1f} MiB"),
    ]
    v = facts.video
    if v:
        rows += [
            (Text("视频编码", "Video codec"), f"{v.codec} {v.profile or ''}"),
            (
                Text("分辨率", "Resolution"),
                f"{v.width}×{v.height}" + (f", rotation {v.rotation:g}°" if v.rotation else ""),
            ),
            (
                Text("像素宽高比 / 画面比例", "SAR / DAR"),
                f"{opt(v.pixel_aspect_ratio)} / {opt(v.display_aspect_ratio, ratio(v.display_aspect_ratio or 0))}",
            ),
            (
                Text("帧率", "Frame rate"),
                f"{opt(v.frame_rate)} fps {v.frame_rate_mode or ''}"
                + (
                    f" (min {v.frame_rate_min}, max {v.frame_rate_max})"
                    if v.frame_rate_mode == "VFR"
                    else ""
                ),
            ),
            (
                Text("视频码率", "Video bit rate"),
                opt(v.bit_rate, bitrate(v.bit_rate or 0)) + f" {v.bit_rate_mode or ''}",
            ),
            (Text("扫描方式", "Scan type"), opt(v.scan_type)),
        ]
    else:
        rows.append((Text("视频轨道", "Video track"), "—"))
    a = facts.audio
    if a:
        rows += [
            (Text("音频编码", "Audio codec"), f"{a.codec} {a.profile or ''}"),
            (
                Text("音频码率", "Audio bit rate"),
                opt(a.bit_rate, bitrate(a.bit_rate or 0)) + f" {a.bit_rate_mode or ''}",
            ),
            (
                Text("采样率 / 声道", "Sampling / channels"),
                f"{opt(a.sampling_rate)} Hz / {opt(a.channels)}",
            ),
        ]
    else:
        rows.append((Text("音频轨道", "Audio track"), "—"))
    if facts.provenance:
        from casecheck.checkers.ai_label import AI_MARKS, OTHER_MARKS, split_marks

        # marks that say AI made it apart from ordinary tags such as the encoder's name
        ai, other = split_marks(facts.provenance)
        for title, signals in ((AI_MARKS, ai), (OTHER_MARKS, other)):
            if signals:
                shown = "; ".join(f"{p.value}（{p.evidence}）" for p in signals)
                rows.append((title, shown))
    return rows


def render_facts(facts: VideoFacts, console: Console, lang: Lang) -> None:
    table = Table(
        show_header=False, title=Text("视频信息（MediaInfo）", "Video facts (MediaInfo)").pick(lang)
    )
    table.add_column(style="bold")
    table.add_column()
    for label, value in fact_rows(facts):
        table.add_row(label.pick(lang), value)
    console.print(table)
