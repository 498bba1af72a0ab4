"""``casecheck inspect video.mp4 --as video_content``: what the sound and picture rules
measured, in words (durations 「0.4 秒」, 「亮度 107」, 「数字静音」); time codes say where."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from casecheck.i18n import Lang, Text
from casecheck.readers.media.content import ContentFacts, Span
from casecheck.units import duration_words, mmss

MAX_SPANS = 8
NONE = Text("—", "—")
SILENCE = Text("数字静音", "digital silence")


def _times(times: list[str], limit: int) -> Text:
    """「00:01.0–00:02.5、00:09.0–00:12.0（另有 3 处）」; 「无」 for none."""
    more = len(times) - limit
    if not times:
        return Text("无", "—")
    return Text(
        "、".join(times[:limit]) + (f"（另有 {more} 处）" if more > 0 else ""),
        ", ".join(times[:limit]) + (f" (+{more})" if more > 0 else ""),
    )


def _spans(spans: list[Span]) -> Text:
    return _times([f"{mmss(s.start_s)}–{mmss(s.end_s)}" for s in spans], MAX_SPANS)


def _db(value: float | None, unit: str, none: Text = NONE) -> Text:
    return none if value is None else Text(f"{value:.1f} {unit}", f"{value:.1f} {unit}")


def fact_rows(facts: ContentFacts) -> list[tuple[Text, Text]]:
    rows: list[tuple[Text, Text]] = []
    a = facts.audio
    if a is None:
        rows.append((Text("音轨", "Audio track"), NONE))
    else:
        zh, en = duration_words(a.duration_s)
        clipped, silences = _spans(a.clipped), _spans(a.silences)
        rows += [
            (
                Text("解码时长", "Decoded audio"),
                Text(f"{zh}，{a.channels} 声道，48 kHz", f"{en}, {a.channels} ch, 48 kHz"),
            ),
            (Text("整体响度 (BS.1770-4)", "Integrated loudness"), _db(a.integrated_lufs, "LUFS")),
            (
                Text("短时响度最大值（3 秒）", "Max short-term (3 s)"),
                _db(a.short_term_max_lufs, "LUFS"),
            ),
            (Text("采样峰值", "Sample peak"), _db(a.sample_peak_dbfs, "dBFS", SILENCE)),
            (
                Text("削波", "Clipping"),
                Text(
                    f"{a.clipped_fraction * 100:.3f} %（{a.clipped_samples} 个采样点）；"
                    f"削波处：{clipped.zh}",
                    f"{a.clipped_fraction * 100:.3f} % ({a.clipped_samples} samples) {clipped.en}",
                ),
            ),
            (
                Text("静音（< −50 dBFS）", "Silence (< −50 dBFS)"),
                Text(
                    f"{a.silent_fraction * 100:.0f} %；1 秒以上的静音段：{silences.zh}",
                    f"{a.silent_fraction * 100:.0f} %; ≥ 1 s: {silences.en}",
                ),
            ),
            (Text("底噪", "Noise floor"), _db(a.noise_floor_dbfs, "dBFS", SILENCE)),
        ]
    f = facts.frames
    if f is None:
        rows.append((Text("画面轨道", "Video track"), NONE))
    else:
        shots = [
            Text(
                f"{mmss(s.time_s)} 亮度 {s.mean_luma:.0f}",
                f"{mmss(s.time_s)} luma {s.mean_luma:.0f}",
            )
            if s
            else NONE
            for s in (f.first, f.last)
        ]
        faces = _times([mmss(t) for t in sorted({hit.time_s for hit in f.faces})], 20)
        rows += [
            (
                Text("抽查关键帧", "Sampled keyframes"),
                Text(
                    f"{f.sampled} 帧（{f.width}×{f.height}）", f"{f.sampled} ({f.width}×{f.height})"
                ),
            ),
            (
                Text("首帧 / 尾帧", "First / last frame"),
                Text(" / ".join(s.zh for s in shots), " / ".join(s.en for s in shots)),
            ),
            (Text("正面人脸", "Frontal faces"), faces),
        ]
    if facts.decode_errors:
        errors = str(facts.decode_errors)
        rows.append((Text("解码错误", "Decode errors"), Text(f"{errors} 处", errors)))
    return rows


def render_facts(facts: ContentFacts, console: Console, lang: Lang) -> None:
    table = Table(show_header=False, box=None)
    for label, value in fact_rows(facts):
        table.add_row(label.pick(lang), value.pick(lang))
    console.print(table)
