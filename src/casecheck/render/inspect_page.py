"""``casecheck inspect FILE --html OUT``: the facts read from one file as a self-contained page.

For a video: its metadata (what the MediaInfo rules judge) and its content — loudness, peak,
clipping and silent stretches, noise floor, the sampled keyframe times, the stretches with a
frontal face each with its outlined thumbnail, and the first and last frame — pictures inline
as base64 JPEGs. Any other material: the text ``inspect`` prints, in a ``pre`` block. The
look (CSS, picture figures) is the feedback page's (render/feedback.py).
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from casecheck import __version__
from casecheck.i18n import Lang, Text
from casecheck.readers.media.content import ContentFacts, Span
from casecheck.render.feedback import CSS, picture_html
from casecheck.render.feedback import _counted as counted
from casecheck.units import mmss

PAGE_CSS = CSS + (
    "pre{background:#f6f8fa;border:1px solid #ddd;padding:.6em;overflow-x:auto}"
    "table.case th{width:11em}"
)


def _table(rows: list[tuple[Text, Text]], lang: Lang) -> str:
    body = "".join(
        f"<tr><th>{escape(label.pick(lang))}</th><td>{escape(value.pick(lang))}</td></tr>"
        for label, value in rows
    )
    return f'<table class="case">{body}</table>'


def _spans(spans: list[Span]) -> str:
    items = "".join(
        f'<li><span class="tc">{mmss(s.start_s)}–{mmss(s.end_s)}</span></li>' for s in spans
    )
    return f"<ul>{items}</ul>" if items else "<p>—</p>"


def page(title: str, subtitle: str, body: list[str], lang: Lang, when: str | None = None) -> str:
    when = when or datetime.now().strftime("%Y-%m-%d %H:%M")
    return "\n".join(
        [
            f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title><style>{PAGE_CSS}</style></head><body>",
            f"<h1>{escape(title)}</h1>",
            f'<p class="muted">{escape(subtitle)} · casecheck {escape(__version__)} · {escape(when)}</p>',
            *body,
            "</body></html>\n",
        ]
    )


def text_page(name: str, material: Text, text: str, lang: Lang) -> str:
    """Any material: the text inspect output, as it is printed."""
    subtitle = Text(f"读出的事实（{material.zh}）", f"Facts read ({material.en})").pick(lang)
    return page(name, subtitle, [f"<pre>{escape(text)}</pre>"], lang)


def video_page(
    name: str,
    metadata: list[tuple[Text, Text]] | None,
    content: ContentFacts,
    lang: Lang,
    faces: Any = None,
) -> str:
    """The metadata rows (None: MediaInfo could not read them) and the decoded content; the
    face stretches found with ``faces`` (the pack's ``video.faces`` parameters)."""
    from casecheck.checkers.media_frames import FacesParams, picture_at
    from casecheck.readers.media.content import face_stretches
    from casecheck.render.inspect_video_content import fact_rows as content_rows

    t = lambda zh, en: Text(zh, en).pick(lang)  # noqa: E731
    body = []
    if metadata is not None:
        body += [
            f"<h2>{t('元数据（MediaInfo）', 'Metadata (MediaInfo)')}</h2>",
            _table(metadata, lang),
        ]
    body += [
        f"<h2>{t('声音与画面', 'Sound and picture')}</h2>",
        _table(content_rows(content), lang),
    ]
    audio = content.audio
    if audio is not None:
        body += [
            f"<h2>{t('静音段（1 秒以上，低于 −50 dBFS）', 'Silent stretches (≥ 1 s, below −50 dBFS)')}</h2>",
            _spans(audio.silences),
            f"<h2>{t('削波', 'Clipping')}</h2>",
            _spans(audio.clipped),
        ]
    frames = content.frames
    if frames is not None:
        shots = [s for s in (frames.first, frames.last) if s is not None]
        body += [
            f"<h2>{t('首帧与尾帧', 'First and last frame')}</h2>",
            "<div>" + "".join(picture_html(s.picture, lang) for s in shots) + "</div>",
        ]
        params = faces or FacesParams()
        stretches = face_stretches(frames, params.min_face_height, params.min_frames)
        body.append(
            f"<h2>{counted(t('正面人脸', 'Frontal faces'), len(stretches), lang)}</h2>"
            f'<p class="muted">{t(f"连续至少 {params.min_frames} 个抽查帧、人脸高度至少为画面的 {params.min_face_height:.0%}", f"at least {params.min_frames} consecutive sampled frames, face at least {params.min_face_height:.0%} of the frame height")}</p>'
        )
        if not stretches:
            body.append(
                f"<p>{t('抽查的关键帧中未发现正面人脸', 'No frontal face in the sampled keyframes')}</p>"
            )
        for span, count in stretches:
            where = f"{mmss(span.start_s)}–{mmss(span.end_s)}"
            pictures = picture_at(frames.face_pictures, span.start_s, f"face {where}")
            body.append(
                f'<article class="problem"><h3><span class="tc">{where}</span> '
                f'<span class="muted">{t(f"{count} 个抽查帧", f"{count} sampled frames")}</span></h3>'
                + "".join(picture_html(p, lang) for p in pictures)
                + "</article>"
            )
        times = ", ".join(mmss(s) for s in frames.sample_times)
        body += [
            f"<h2>{counted(t('抽查的关键帧时间', 'Sampled keyframe times'), frames.sampled, lang)}</h2>",
            f'<p class="muted">{escape(times)}</p>',
        ]
    subtitle = Text("视频：读出的事实", "Video: facts read").pick(lang)
    return page(name, subtitle, body, lang)
