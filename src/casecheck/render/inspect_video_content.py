"""``casecheck inspect video.mp4 --as video_content``: what the sound and picture rules measured."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from casecheck.i18n import Lang, Text
from casecheck.readers.media.content import ContentFacts, Span
from casecheck.units import mmss

MAX_SPANS = 8


def _spans(spans: list[Span]) -> str:
    shown = ", ".join(f"{mmss(s.start_s)}–{mmss(s.end_s)}" for s in spans[:MAX_SPANS])
    more = len(spans) - MAX_SPANS
    return (shown or "—") + (f" (+{more})" if more > 0 else "")


def _db(value: float | None, unit: str, none: str = "—") -> str:
    return none if value is None else f"{value:.1f} {unit}"


def fact_rows(facts: ContentFacts) -> list[tuple[Text, str]]:
    rows: list[tuple[Text, str]] = []
    a = facts.audio
    if a is None:
        rows.append((Text("音轨", "Audio track"), "—"))
    else:
        rows += [
            (Text("解码时长", "Decoded audio"), f"{mmss(a.duration_s)}, {a.channels} ch, 48 kHz"),
            (Text("整体响度 (BS.1770-4)", "Integrated loudness"), _db(a.integrated_lufs, "LUFS")),
            (
                Text("短时响度最大值 (3 s)", "Max short-term (3 s)"),
                _db(a.short_term_max_lufs, "LUFS"),
            ),
            (Text("采样峰值", "Sample peak"), _db(a.sample_peak_dbfs, "dBFS", "digital silence")),
            (
                Text("削波", "Clipping"),
                f"{a.clipped_fraction * 100:.3f} % ({a.clipped_samples} samples) {_spans(a.clipped)}",
            ),
            (
                Text("静音（< −50 dBFS）", "Silence (< −50 dBFS)"),
                f"{a.silent_fraction * 100:.0f} %; ≥ 1 s: {_spans(a.silences)}",
            ),
            (Text("底噪", "Noise floor"), _db(a.noise_floor_dbfs, "dBFS", "digital silence")),
        ]
    f = facts.frames
    if f is None:
        rows.append((Text("画面轨道", "Video track"), "—"))
    else:
        faces = sorted({hit.time_s for hit in f.faces})
        rows += [
            (Text("抽查关键帧", "Sampled keyframes"), f"{f.sampled} ({f.width}×{f.height})"),
            (
                Text("首帧 / 尾帧", "First / last frame"),
                " / ".join(
                    f"{mmss(s.time_s)} luma {s.mean_luma:.0f}" if s else "—"
                    for s in (f.first, f.last)
                ),
            ),
            (
                Text("正面人脸", "Frontal faces"),
                ", ".join(mmss(t) for t in faces[:20])
                + (f" (+{len(faces) - 20})" if len(faces) > 20 else "")
                or "—",
            ),
        ]
    if facts.decode_errors:
        rows.append((Text("解码错误", "Decode errors"), str(facts.decode_errors)))
    return rows


def render_facts(facts: ContentFacts, console: Console, lang: Lang) -> None:
    table = Table(show_header=False, box=None)
    for label, value in fact_rows(facts):
        table.add_row(label.pick(lang), value)
    console.print(table)
