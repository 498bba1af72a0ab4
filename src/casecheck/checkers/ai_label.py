"""AI-generated content labels: ``courseware.ai_label``, ``report.ai_label``, ``video.ai_label``.

An image counts as AI-generated when its provenance signals (readers/provenance.py) say so
under the pack's params; it then needs a visible 「AI生成」 near it. No metadata is never
read as "not AI": the summary says how many images carried none.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import Field

from casecheck import places
from casecheck.checkers.registry import Params, RuleContext, checker
from casecheck.explanation import Explanation
from casecheck.i18n import Text
from casecheck.places import Where
from casecheck.readers.media.provenance import ProvenanceSignal
from casecheck.result import Finding

DEFAULT_GENERATOR_TOKENS = [
    "midjourney", "dall-e", "dall·e", "dalle", "firefly", "stable diffusion", "stablediffusion",
    "sdxl", "comfyui", "automatic1111", "invokeai", "novelai", "dreamstudio", "imagen",
    "gpt-image", "chatgpt", "openai", "gemini", "nano banana", "ideogram", "leonardo.ai",
    "flux", "luma ai", "dream machine", "runway", "sora", "pika", "kling", "dreamina",
    "jimeng", "seedream", "seedance", "doubao", "hailuo", "wanx", "liblib",
    "豆包", "即梦", "可灵", "通义万相", "文心一格", "混元", "海螺",
]  # fmt: skip


class AiLabelParams(Params):
    """What counts as AI-generated and as a visible label (all from the pack)."""

    labels: list[str] = Field(default_factory=lambda: ["AI生成", "AI 生成", "人工智能生成"])
    ai_digital_source_types: list[str] = Field(
        default_factory=lambda: [
            "trainedAlgorithmicMedia",
            "compositeWithTrainedAlgorithmicMedia",
            "compositeSynthetic",
        ]
    )
    aigc_labels: list[str] = Field(default_factory=lambda: ["1", "2", "3"])
    generator_tokens: list[str] = Field(default_factory=lambda: list(DEFAULT_GENERATOR_TOKENS))
    adjacent_paragraphs: int = Field(default=1, ge=0, le=5)  # report: caption window


# ---------------------------------------------------------------- judging signals


def normalise(text: str) -> str:
    """NFKC + casefold: full-width ＡＩ生成 and ai生成 match 「AI生成」."""
    return unicodedata.normalize("NFKC", text).casefold()


def _as_signal(item: Any) -> ProvenanceSignal | None:
    if isinstance(item, ProvenanceSignal):
        return item
    try:
        return ProvenanceSignal.model_validate(item)
    except ValueError:
        return None


def _token_match(value: str, tokens: Iterable[str]) -> str | None:
    text = normalise(value)
    for token in tokens:
        t = normalise(token)
        # ASCII tokens must stand alone ("flux" not in "reflux"); CJK ones need not.
        if re.search(rf"(?<![a-z]){re.escape(t)}(?![a-z])", text):
            return token
    return None


def _aigc_label(value: str) -> str | None:
    """The ``Label`` of an AIGC implicit label, or None when it cannot be parsed."""
    try:
        data = json.loads(value)
    except ValueError:
        match = re.search(r"""["']?Label["']?\s*[:=]\s*["']?(\d)""", value)
        return match.group(1) if match else None
    if isinstance(data, dict):
        inner = data.get("AIGC", data)
        if isinstance(inner, dict) and "Label" in inner:
            return str(inner["Label"])
    return None


def is_ai(signal: ProvenanceSignal, params: AiLabelParams) -> bool:
    """Whether one signal marks its file AI-generated under ``params``."""
    match signal.kind:
        case "aigc":
            label = _aigc_label(signal.value)
            return label is None or label in params.aigc_labels
        case "iptc_digital_source_type":
            return normalise(signal.value) in {normalise(t) for t in params.ai_digital_source_types}
        case "generator_parameters":
            return True
        case _:  # c2pa claim generator, EXIF Software, XMP CreatorTool …
            return _token_match(signal.value, params.generator_tokens) is not None


def ai_signals(signals: Iterable[Any], params: AiLabelParams) -> list[ProvenanceSignal]:
    """The signals that mark a file AI-generated under ``params`` (empty: not marked)."""
    parsed = (_as_signal(item) for item in signals)
    return [s for s in parsed if s is not None and is_ai(s, params)]


AI_MARKS = Text("AI 生成标记", "AI-generation marks")
OTHER_MARKS = Text("其他来源标记（如编码、编辑软件）", "Other tags (e.g. the encoder or editor)")


def split_marks(signals: Iterable[Any]) -> tuple[list[ProvenanceSignal], list[ProvenanceSignal]]:
    """(marks that say AI made it, ordinary tags such as the encoder's or editor's name) by the
    default pack's reading — how ``inspect`` lists a file's provenance in two places."""
    parsed = [s for s in (_as_signal(item) for item in signals) if s is not None]
    ai = ai_signals(parsed, AiLabelParams())
    return ai, [s for s in parsed if s not in ai]


def describe(signal: ProvenanceSignal) -> Text:
    """One signal as a short phrase: 「IPTC trainedAlgorithmicMedia 元数据」."""
    value = signal.value if len(signal.value) <= 60 else signal.value[:57] + "…"
    match signal.kind:
        case "aigc":
            return Text(
                f"AIGC 隐式标识（{signal.evidence}）",
                f"an AIGC implicit label ({signal.evidence})",
            )
        case "iptc_digital_source_type":
            return Text(f"IPTC {value} 元数据", f"IPTC {value} metadata")
        case "c2pa":
            return Text(
                f"C2PA 生成式 AI 清单（{value}）", f"a generative-AI C2PA manifest ({value})"
            )
        case "generator_parameters":
            return Text(
                f"AI 生成参数（{signal.evidence}）", f"AI generator parameters ({signal.evidence})"
            )
        case _:
            return Text(
                f"生成工具标记「{value}」（{signal.evidence}）",
                f"generator tag “{value}” ({signal.evidence})",
            )


def describe_all(signals: list[ProvenanceSignal]) -> Text:
    parts = [describe(s) for s in signals[:3]]
    return Text("、".join(p.zh for p in parts), "; ".join(p.en for p in parts))


def find_labels(text: str, params: AiLabelParams) -> list[str]:
    """The label spellings present in ``text`` (after NFKC)."""
    norm = normalise(text)
    return [label for label in params.labels if normalise(label) in norm]


# ---------------------------------------------------------------- shared verdicts


@dataclass
class ImageItem:
    """An image as the label rule sees it: where it is and what its metadata says."""

    key: str  # content hash: one image placed twice is counted once in the summary
    name: str
    location: Where
    signals: list[Any]
    labelled: bool  # a visible label is where the rule requires it


@dataclass
class LabelItem:
    location: Where
    text: str
    visible: bool = True


@dataclass
class Verdicts:
    images: list[ImageItem] = field(default_factory=list)
    labels: list[LabelItem] = field(default_factory=list)


LABEL_HINT = Text(
    "请在该图片旁（同一页或图片题注中）加上可见的文字「AI生成」",
    "Put the visible words 「AI生成」 next to the image (same slide, or its caption).",
)


def judge_images(v: Verdicts, ctx: RuleContext, where: Text) -> Iterator[Finding]:
    """Fail unlabelled AI images, list labels, and summarise (shared by deck and report)."""
    params: AiLabelParams = ctx.params
    distinct: dict[str, list[ImageItem]] = {}
    for image in v.images:
        distinct.setdefault(image.key, []).append(image)
    unknown = sum(1 for items in distinct.values() if not items[0].signals)
    ai_keys = {k for k, items in distinct.items() if ai_signals(items[0].signals, params)}
    labelled = sum(1 for k in ai_keys if all(i.labelled for i in distinct[k]))
    for image in v.images:
        signals = ai_signals(image.signals, params)
        if not signals or image.labelled:
            continue
        evidence = describe_all(signals)
        yield ctx.violation(
            Text(
                f"{image.location.zh}的图片 {image.name} 含 {evidence.zh}，但{where.zh}没有可见的「AI生成」标注",
                f"Image {image.name} ({image.location.en}) carries {evidence.en}, "
                f"but {where.en} has no visible 「AI生成」 label",
            ),
            location=image.location,
            actual=[f"{s.kind}: {s.value[:200]} [{s.evidence}]" for s in signals],
            expected="「" + "」/「".join(params.labels) + "」",
            hint=LABEL_HINT,
        )
    for label in v.labels:
        note = (
            Text("", "")
            if label.visible
            else Text("（备注中，不算可见标注）", " (in notes: not visible)")
        )
        yield ctx.ok(
            Text(
                f"{label.location.zh}有标注「{label.text}」{note.zh}",
                f"{label.location.en} has the label 「{label.text}」{note.en}",
            ),
            location=label.location,
            actual=label.text,
        )
    total, ai_total = len(distinct), len(ai_keys)
    yield ctx.ok(
        Text(
            f"共 {total} 张图片，{ai_total} 张的元数据标明 AI 生成（{labelled} 张已标注）；"
            f"{unknown} 张没有任何来源元数据，无法据此判断是否 AI 生成，请作者自查",
            f"{total} images, {ai_total} marked AI-generated by their metadata ({labelled} labelled); "
            f"{unknown} carry no provenance data, so whether they are AI-generated cannot be told",
        ),
        actual={
            "images": total,
            "ai_marked": ai_total,
            "labelled": labelled,
            "no_provenance": unknown,
            "labels": sum(1 for label in v.labels if label.visible),
        },
    )


# ---------------------------------------------------------------- video


@checker("video.ai_label", facts="video", params=AiLabelParams)
def video_ai_label(facts: Any, ctx: RuleContext) -> Iterator[Finding]:
    """An AI-tagged MP4 asks a person to confirm a visible label on the opening frames.

    Manual: the MP4 has the tag ``AIGC`` = ``{"AIGC":{"Label":"1",…}}``.
    Pass: no AI signal in the container tags (which does not prove it is not AI).
    """
    signals = ai_signals(getattr(facts, "provenance", []) or [], ctx.params)
    if signals:
        evidence = describe_all(signals)
        yield ctx.manual(
            Text(
                f"视频元数据含 {evidence.zh}：请确认视频起始画面有可见的「AI生成」标注",
                f"The video's metadata carries {evidence.en}: make sure the opening frames "
                "show a visible 「AI生成」 label",
            ),
            actual=[f"{s.kind}: {s.value[:200]} [{s.evidence}]" for s in signals],
            expected=Text("片头可见「AI生成」", "visible 「AI生成」 on the opening frames").pick(
                ctx.lang
            ),
            hint=Text(
                "在片头至少 2 秒的画面上叠加文字「AI生成」（剪辑软件的字幕/文字工具）",
                "Overlay the words 「AI生成」 on the first seconds of the video in your editor.",
            ),
        )
    else:
        yield ctx.ok(
            Text(
                "视频元数据中没有 AI 生成标识（无元数据不代表不是 AI 生成，片中 AI 内容仍须标注）",
                "No AI-generation tag in the video's metadata (no tag does not prove it is not "
                "AI-generated; AI content in it must still be labelled)",
            )
        )


# ---------------------------------------------------------------- courseware


def _media_name(part: str) -> str:
    return part.rsplit("/", 1)[-1]


def deck_verdicts(facts: Any, params: AiLabelParams) -> Verdicts:
    """Images per slide (masters/layouts merged over the slides showing them) and labels."""
    v = Verdicts()
    merged: dict[tuple[str, ...], tuple[Any, list[int], bool]] = {}
    for slide in facts.slides:
        visible = [t for t in slide.texts if t.visible and t.origin != "notes"]
        slide_labelled = any(find_labels(t.text, params) for t in visible)
        for t in slide.texts:
            for label in find_labels(t.text, params):
                shown = t.visible and t.origin != "notes"
                v.labels.append(LabelItem(places.slides([slide.number]), label, shown))
        for pic in slide.pictures:
            inherited = pic.origin in ("layout", "master")
            key = (pic.sha256, pic.container) if inherited else (pic.sha256, str(slide.number))
            _, numbers, ok = merged.get(key, (pic, [], True))
            if slide.number not in numbers:
                numbers.append(slide.number)
            merged[key] = (pic, numbers, ok and slide_labelled)
    for pic, numbers, ok in merged.values():
        where = places.slides(numbers)
        if pic.origin in ("layout", "master"):
            kind = Text("母版" if pic.origin == "master" else "版式", pic.origin)
            where = where.plus(Text(f"（{kind.zh}图片）", f"({kind.en} picture)"), " ")
        v.images.append(ImageItem(pic.sha256, _media_name(pic.part), where, pic.provenance, ok))
    return v


@checker("courseware.ai_label", facts="courseware", params=AiLabelParams)
def courseware_ai_label(facts: Any, ctx: RuleContext) -> Iterator[Finding]:
    """An image whose metadata marks it AI-generated needs 「AI生成」 visible on its slide.

    Pass: slide 4 shows a Midjourney PNG and a text box 「图片由AI生成」.
    Fail: slide 7's image7.png carries IPTC trainedAlgorithmicMedia and no slide text
    says 「AI生成」 (a label in the speaker notes or alt text does not count).
    """
    yield from judge_images(deck_verdicts(facts, ctx.params), ctx, Text("该页", "the slide"))


# ---------------------------------------------------------------- report


def _paragraph_where(para: Any) -> Where:
    if para.text.strip():
        where: Where = para.where()
        return where
    return places.paragraph(para.index)


def report_verdicts(facts: Any, params: AiLabelParams) -> Verdicts:
    """Images with their paragraph; a label counts in that paragraph or ±N around it."""
    v = Verdicts()
    paras = facts.paragraphs
    by_index = {p.index: i for i, p in enumerate(paras)}
    for p in paras:
        for label in find_labels(p.text, params):
            v.labels.append(LabelItem(p.where(), label))
    for n, box in enumerate(getattr(facts, "text_boxes", []) or [], start=1):
        for label in find_labels(box, params):
            v.labels.append(
                LabelItem(Where(f"第 {n} 个文本框", f"text box {n}", {"text_box": n}), label)
            )
    for img in facts.images:
        at = by_index.get(img.paragraph) if img.paragraph is not None else None
        if at is None:
            where, ok = Where("正文中", "in the body", {"image": img.part_name}), False
        else:
            window = paras[
                max(0, at - params.adjacent_paragraphs) : at + params.adjacent_paragraphs + 1
            ]
            ok = any(find_labels(p.text, params) for p in window)
            where = _paragraph_where(paras[at])
        v.images.append(
            ImageItem(img.sha256, _media_name(img.part_name), where, img.provenance, ok)
        )
    return v


@checker("report.ai_label", facts="report", params=AiLabelParams)
def report_ai_label(facts: Any, ctx: RuleContext) -> Iterator[Finding]:
    """An AI-marked image needs 「AI生成」 in its paragraph, its caption or the one before.

    Pass: an image with a PNG ``parameters`` chunk, followed by the caption
    「图 2 课堂分析示意图（AI生成）」.
    Fail: an image with a TC260 AIGC XMP label and no label within one paragraph.
    """
    where = Text("图片所在段落及其前后段落（题注）", "its paragraph, caption or neighbours")
    yield from judge_images(report_verdicts(facts, ctx.params), ctx, where)


_AI_PASS = Text(
    "元数据标明为 AI 生成的图片旁有可见的「AI生成」（{labels}）",
    "every image whose metadata marks it AI-generated has a visible 「AI生成」 ({labels}) next to it",
)
_AI_FAIL = Text(
    "图片带 IPTC trainedAlgorithmicMedia 或 AIGC 隐式标识，但同页/相邻段落没有「AI生成」",
    "an image with IPTC trainedAlgorithmicMedia or an AIGC label and no 「AI生成」 beside it",
)
# What `casecheck explain` says about these checkers.
EXPLAIN = {
    "courseware.ai_label": Explanation(_AI_PASS, _AI_FAIL, LABEL_HINT),
    "report.ai_label": Explanation(_AI_PASS, _AI_FAIL, LABEL_HINT),
    "video.ai_label": Explanation(
        Text(
            "视频元数据没有 AI 生成标识；有则由人确认片头有「AI生成」",
            "no AI tag in the video; if there is one, a person checks the opening",
        ),
        Text("MP4 带 AIGC 标签而片头没有可见标注", "an AIGC-tagged MP4 without a visible label"),
        Text("在片头画面叠加文字「AI生成」", "Overlay 「AI生成」 on the opening frames."),
    ),
}
