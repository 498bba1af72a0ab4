"""Picture checkers over the sampled frames: faces, and opening/closing against the deck.

``media.faces`` lists stretches of sampled frames with a frontal face (a person judges:
presenter on camera, students' faces). ``media.opening`` / ``media.closing`` compare the
first / last frame with a render of the deck's first / last slide (SSIM on a small
greyscale); they read two materials' facts, so they declare both.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from casecheck.checkers.media_frames_explain import EXPLAIN as EXPLAIN  # what explain says
from casecheck.checkers.media_sound import MAX_LISTED, span_place, span_text
from casecheck.checkers.registry import MaterialFacts, Params, RuleContext, checker
from casecheck.i18n import Text
from casecheck.readers.errors import ReadError
from casecheck.readers.media import FACE_RUN
from casecheck.result import Finding, Picture

if TYPE_CHECKING:  # the reader (numpy, PyAV) loads only when a video is decoded
    from casecheck.readers.media.content import ContentFacts, FramesContent
    from casecheck.readers.media.frames import FrameShot

NO_PICTURE = Text(
    "视频没有画面轨道，无法检查画面", "The video has no picture track; frames were not checked"
)


class FacesParams(Params):
    min_face_height: float = 0.06  # of the frame height: smaller boxes are texture, not faces
    # consecutive sampled frames with a face before a stretch is listed (the search is
    # planned for runs of FACE_RUN frames: a face in fewer is not looked for everywhere)
    min_frames: int = Field(default=2, ge=FACE_RUN)


def picture_at(pictures: list[Picture], time_s: float, label: str) -> list[Picture]:
    for picture in pictures:
        if picture.time_s is not None and abs(picture.time_s - time_s) < 0.01:
            return [picture.model_copy(update={"label": label})]
    return []


@checker("media.faces", facts="video_content", params=FacesParams)
def faces(facts: ContentFacts, ctx: RuleContext) -> Iterator[Finding]:
    """Manual when sampled frames show a frontal face (one finding per stretch, with a thumbnail).

    Pass: slides and screen recordings only. Manual: a face photo full-screen for 10 s.
    """
    p: FacesParams = ctx.params
    frames = facts.frames
    if frames is None:
        yield ctx.skipped(NO_PICTURE)
        return
    from casecheck.readers.media.content import face_stretches

    stretches = face_stretches(frames, p.min_face_height, p.min_frames)
    if not stretches:
        yield ctx.ok(
            Text(
                f"抽查的 {frames.sampled} 个关键帧中未发现正面人脸",
                f"No frontal face in the {frames.sampled} sampled keyframes",
            ),
            actual=frames.sampled,
        )
        return
    hint = Text(
        "请人工查看：主讲人不得出镜，画面中不得出现学生正面；如有，请剪掉或打码后重新导出",
        "Please look: the presenter must not appear and students' faces must not be shown; cut or mask them and export again.",
    )
    for span, count in stretches[:MAX_LISTED]:
        where = span_text(span)
        yield ctx.manual(
            Text(
                f"{where} 的 {count} 个抽查帧中发现正面人脸，请人工确认",
                f"A frontal face in {count} sampled frames at {where}; please check",
            ),
            actual=where,
            location=Text(where, where),
            place=span_place(span),
            hint=hint,
            pictures=picture_at(frames.face_pictures, span.start_s, f"face {where}"),
        )
    if len(stretches) > MAX_LISTED:
        yield ctx.manual(
            Text(
                f"另有 {len(stretches) - MAX_LISTED} 段出现人脸（未逐一列出）",
                f"{len(stretches) - MAX_LISTED} more stretches with faces (not listed)",
            ),
            hint=hint,
        )


class EndFrameParams(Params):
    which: Literal["first", "last"]
    match_min: float = 0.6  # SSIM at or above: the frame shows the slide
    differ_max: float = 0.25  # SSIM below: clearly another picture
    black_luma: float = 12.0  # mean 0–255 below which a frame is black


@checker("media.end_frame", facts=("video_content", "slide_renders"), params=EndFrameParams)
def end_frame(facts: MaterialFacts, ctx: RuleContext) -> Iterator[Finding]:
    """The first/last frame shows the deck's first/last slide (SSIM against a LibreOffice render).

    Pass: the video opens on the slide. Warn: a black or unrelated opening. Manual: no renderer.
    """
    p: EndFrameParams = ctx.params
    first = p.which == "first"
    names = Text("片头", "opening") if first else Text("片尾", "closing")
    slide_name = (
        Text("PPT 首页", "the deck's first slide")
        if first
        else Text("PPT 尾页", "the deck's last slide")
    )
    content = facts.get("video_content")
    broken = facts.errors.get("video_content")
    if isinstance(broken, ReadError):
        yield ctx.error(broken.message)
        return
    if content is None:
        yield ctx.skipped(
            Text(
                "缺少视频，未检查（见 materials.video）",
                "No video; not checked (see materials.video)",
            )
        )
        return
    frames: FramesContent | None = content.frames
    frame: FrameShot | None = None if frames is None else (frames.first if first else frames.last)
    if frame is None:
        yield ctx.skipped(NO_PICTURE)
        return
    where = Text(
        f"{names.zh}画面（{frame.time_s:.2f} 秒）", f"{names.en} frame ({frame.time_s:.2f} s)"
    )
    frame_picture = frame.picture.model_copy(update={"label": f"{p.which} frame"})
    kw: dict[str, Any] = {
        "location": where,
        "place": {"time_s": frame.time_s},
        "expected": slide_name.pick(ctx.lang),
    }
    hint = Text(
        f"视频{names.zh}画面须使用{slide_name.zh}：请在剪辑时把{slide_name.zh}放在{'开头' if first else '结尾'}",
        f"The {names.en} must show {slide_name.en}: put it at the {'start' if first else 'end'} of the edit.",
    )
    renders = facts.get("slide_renders")
    slide = None if renders is None else (renders.first if first else renders.last)
    if frame.mean_luma < p.black_luma and (slide is None or slide.mean_luma >= p.black_luma):
        pictures = [frame_picture] + ([slide.picture] if slide else [])
        yield ctx.violation(
            Text(
                f"{names.zh}是黑屏，未显示{slide_name.zh}",
                f"The {names.en} frame is black, not {slide_name.en}",
            ),
            actual="black",
            hint=hint,
            pictures=pictures,
            **kw,
        )
        return
    if slide is None:
        # no usable deck: missing, or of the wrong kind (materials.courseware says which)
        why = (
            "没有可用的 .pptx 课件（见「课件齐全」一项）"
            if renders is None
            else "无法渲染课件（未安装 LibreOffice 或渲染失败）"
        )
        why_en = (
            "no usable .pptx deck (see “Courseware present”)"
            if renders is None
            else "the deck could not be rendered (no LibreOffice, or it failed)"
        )
        yield ctx.manual(
            Text(
                f"{why}，请人工确认{names.zh}画面是否为{slide_name.zh}",
                f"{why_en}: please check the {names.en} frame shows {slide_name.en}",
            ),
            pictures=[frame_picture],
            hint=hint,
            **kw,
        )
        return
    from casecheck.readers.media.frames import similarity

    score = similarity(frame.grey, slide.grey)
    pictures = [frame_picture, slide.picture]
    actual = round(score, 2)  # the structural similarity (SSIM), 1 = the same picture
    alike = Text(f"相似度 {score:.0%}", f"{score:.0%} alike")
    if score >= p.match_min:
        yield ctx.ok(
            Text(
                f"{names.zh}画面与{slide_name.zh}一致（{alike.zh}）",
                f"The {names.en} frame matches {slide_name.en} ({alike.en})",
            ),
            actual=actual,
            pictures=pictures,
            **kw,
        )
    elif score < p.differ_max:
        yield ctx.violation(
            Text(
                f"{names.zh}画面与{slide_name.zh}明显不同（{alike.zh}）",
                f"The {names.en} frame clearly differs from {slide_name.en} ({alike.en})",
            ),
            actual=actual,
            hint=hint,
            pictures=pictures,
            **kw,
        )
    else:
        yield ctx.manual(
            Text(
                f"{names.zh}画面与{slide_name.zh}只有部分相似（{alike.zh}），请人工比较两张图",
                f"The {names.en} frame is only partly like {slide_name.en} ({alike.en}); please compare the two pictures",
            ),
            actual=actual,
            hint=hint,
            pictures=pictures,
            **kw,
        )
