"""Courseware (.pptx) checkers: QR codes, links, URLs, contact details, logos, slide size.

All judge the ``DeckFacts`` of readers/pptx.py. What the layouts and masters show is
attributed to every slide that shows it, so one logo on the master is one finding naming
all its slides, not forty findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import Field

from casecheck.checkers.courseware_actions import internal_summary
from casecheck.checkers.courseware_explain import EXPLAIN as EXPLAIN  # what explain says
from casecheck.checkers.courseware_explain import LINK_HINT, QR_HINT
from casecheck.checkers.courseware_places import (
    EMU_PER_CM,
    KIND,
    ORIGIN,
    code_word,
    grouped,
    image_place,
    image_position,
    slides_label,
    text_place,
    unscannable_reason,
)
from casecheck.checkers.registry import Params, RuleContext, checker
from casecheck.i18n import Text
from casecheck.readers.patterns import (
    ContactPatterns,
    PatternHit,
    UrlPatterns,
    find_contacts,
    find_urls,
)
from casecheck.readers.pptx.actions import action_words
from casecheck.readers.pptx.models import DeckFacts, ImageFacts, LinkFacts, TextFacts
from casecheck.result import Finding


# ── courseware.qr_code ─────────────────────────────────────────────────────────
class QrParams(Params):
    manual_unscannable: bool = Field(True, description="list vector/unreadable images for a person")
    manual_located: bool = Field(
        True, description="list pictures with a code found but not decodable for a person"
    )


@checker("courseware.qr_code", facts="courseware", params=QrParams)
def qr_code(facts: DeckFacts, ctx: RuleContext) -> Iterator[Finding]:
    """No image anywhere in the deck holds a decodable QR or other 2D code.

    Pass: photos and charts only. Fail: a 120 px WeChat QR pasted into a photo on slide 7.
    Vector images (EMF/WMF/SVG without a raster copy) cannot be scanned, and a code that is
    found but cannot be decoded (damaged, half covered) cannot be read: ``manual``, one
    finding per picture; every other picture is still judged.
    """
    hits = grouped(
        ((image.sha256, code.text), slide.number, (image, code))
        for slide in facts.slides
        for image in slide.pictures
        for code in image.qr
    )
    for _, numbers, (image, code) in hits:
        where = slides_label(numbers)
        place, pos, code_name = image_place(image), image_position(image), code_word(code.format)
        yield ctx.violation(
            Text(
                f"{where.zh}的{place.zh}{pos.zh}，含有{code_name.zh}，内容为「{code.text}」",
                f"{place.en} on {where.en}{pos.en} contains a {code_name.en}: “{code.text}”",
            ),
            location=where,
            actual=code.text,
            expected=Text("无二维码", "no QR code").pick(ctx.lang),
            hint=QR_HINT,
        )
    unscannable = grouped(
        (image.sha256, slide.number, image)
        for slide in facts.slides
        for image in slide.pictures
        if image.scan != "ok"
    )
    if ctx.params.manual_unscannable:
        for _, numbers, image in unscannable:
            where, place = slides_label(numbers), image_place(image)
            reason = unscannable_reason(image.scan, image.scan_detail)
            yield ctx.manual(
                Text(
                    f"{where.zh}的{place.zh}：{reason.zh}，请人工查看",
                    f"{place.en} on {where.en}: {reason.en}; please look at it.",
                ),
                location=where,
                actual=image.scan,
                expected=Text("无二维码", "no QR code").pick(ctx.lang),
            )
    if ctx.params.manual_located:
        yield from _located_codes(facts, ctx)
    if not hits:
        n = facts.distinct_images
        yield ctx.ok(
            Text(
                f"检查了 {n} 张不同的图片，未发现二维码",
                f"Scanned {n} distinct images; no QR code found",
            ),
            actual=0,
            expected=Text("无二维码", "no QR code").pick(ctx.lang),
        )


def _located_codes(facts: DeckFacts, ctx: RuleContext) -> Iterator[Finding]:
    """One ``manual`` finding per picture in which a code was found but not decoded."""
    located = grouped(
        (image.sha256, slide.number, image)
        for slide in facts.slides
        for image in slide.pictures
        if image.scan == "ok" and image.qr_located and not image.qr
    )
    for _, numbers, image in located:
        where, place, pos = slides_label(numbers), image_place(image), image_position(image)
        yield ctx.manual(
            Text(
                f"{where.zh}的{place.zh}{pos.zh}，似乎含有二维码，但无法识别其内容"
                "（可能已损坏、被遮挡或太模糊），请人工查看",
                f"{place.en} on {where.en}{pos.en} seems to hold a QR code that cannot be "
                "decoded (damaged, covered or blurred); please look at it.",
            ),
            location=where,
            place={**where.place, "picture": image.part},  # which picture, for a program
            actual=Text("无法识别的二维码", "undecodable code").pick(ctx.lang),
            expected=Text("无二维码", "no QR code").pick(ctx.lang),
            hint=QR_HINT,
        )


# ── courseware.hyperlink ───────────────────────────────────────────────────────
class HyperlinkParams(Params):
    flag_relationships: bool = Field(
        True, description="also fail linked pictures, media and OLE files"
    )


def link_text(link: LinkFacts) -> Text:
    """「文字「点击进入平台」的单击超链接」: a link or action as the teacher set it up."""
    event = Text("鼠标悬停", "mouse-over") if link.event == "hover" else Text("单击", "click")
    if link.kind == "relationship":
        return Text(f"外部链接的文件（{link.on}）", f"externally linked file ({link.on})")
    what = {"run": Text("文字", "text"), "picture": Text("图片", "picture")}.get(
        link.on, Text("形状", "shape")
    )
    label = f"「{link.text}」" if link.text else ""
    if link.kind == "action":  # what it does: 「单击动作（运行程序）」
        does = action_words(link.does or "other", link.action, link.slide_target)
        kind = Text(f"动作（{does.zh}）", f"action ({does.en})")
    else:
        kind = Text("超链接", "hyperlink")
    return Text(
        f"{what.zh}{label}的{event.zh}{kind.zh}",
        f"{event.en} {kind.en} on {what.en} {label}".strip(),
    )


@checker("courseware.hyperlink", facts="courseware", params=HyperlinkParams)
def hyperlink(facts: DeckFacts, ctx: RuleContext) -> Iterator[Finding]:
    """No hyperlink or action leads outside the deck (a web address, mailto:, a file, a
    program, another presentation). Jumps between slides, custom shows, media play/pause,
    macros and an embedded object's verb (a clicked equation: ``ppaction://ole?verb=0``)
    stay inside and pass.

    Pass: a button that jumps to slide 3, or a MathType equation that opens on click. Fail:
    text linked to https://example.com, or a shape whose mouse-over opens mailto:teacher@school.cn.
    """
    links = grouped(
        ((lk.part, lk.kind, lk.on, lk.event, lk.target, lk.text), slide.number, lk)
        for slide in facts.slides
        for lk in slide.links
        if lk.external and (lk.kind != "relationship" or ctx.params.flag_relationships)
    )
    for _, numbers, link in links:
        where, origin, what = slides_label(numbers), ORIGIN[link.origin], link_text(link)
        target = link.target or link.action or ""
        yield ctx.violation(
            Text(
                f"{where.zh}{origin.zh}有{what.zh}，指向外部「{target}」",
                f"{where.en}: {origin.en}{what.en} leads outside the deck to “{target}”",
            ),
            location=where,
            actual=target,
            expected=Text("无外部链接", "no external link").pick(ctx.lang),
            hint=LINK_HINT,
        )
    if not links:
        inside = internal_summary(lk for s in facts.slides for lk in s.links if not lk.external)
        yield ctx.ok(
            Text(
                f"无外部超链接或动作（{inside.zh}，允许）",
                f"No external hyperlink or action ({inside.en}, allowed)",
            ),
            actual=0,
            expected=Text("无外部链接", "no external link").pick(ctx.lang),
        )


# ── courseware.url / courseware.contact ────────────────────────────────────────
def _text_hits(
    facts: DeckFacts, ctx: RuleContext, find: Any, patterns: Any, hint: Text
) -> Iterator[Finding]:
    def found() -> Iterator[tuple[Any, int, tuple[TextFacts, PatternHit]]]:
        for slide in facts.slides:
            for text in slide.texts:
                if text.where == "notes" and not ctx.params.include_notes:
                    continue
                for hit in find(text.text, patterns):
                    yield (
                        (text.part, text.where, text.row, text.col, hit.start, hit.text),
                        slide.number,
                        (text, hit),
                    )

    groups = grouped(found())
    for _, numbers, (text, hit) in groups:
        where, place, kind = slides_label(numbers), text_place(text), KIND[hit.kind]
        yield ctx.violation(
            Text(
                f"{where.zh}{place.zh}中有{kind.zh}「{hit.text}」：{hit.context}",
                f"{where.en}, {place.en}: {kind.en} “{hit.text}” in “{hit.context}”",
            ),
            location=where.plus(
                place, area=text.where, shape=text.shape, row=text.row, col=text.col
            ),
            actual=hit.text,
            expected=Text("无", "none").pick(ctx.lang),
            hint=hint,
        )
    if not groups:
        n = sum(len(s.texts) for s in facts.slides)
        yield ctx.ok(
            Text(f"检查了 {n} 段文字，未发现", f"Checked {n} texts; none found"),
            actual=0,
            expected=Text("无", "none").pick(ctx.lang),
        )


class UrlParams(UrlPatterns):
    include_notes: bool = True


class ContactParams(ContactPatterns):
    include_notes: bool = True


@checker("courseware.url", facts="courseware", params=UrlParams)
def url(facts: DeckFacts, ctx: RuleContext) -> Iterator[Finding]:
    """No web address in any text: slides, tables, groups, charts, SmartArt, notes.

    Pass: 「2025-2026学年共1280人次参与」. Fail: 「登录 ps.hnedu.cn:7081/login 报名」.
    """
    yield from _text_hits(
        facts,
        ctx,
        find_urls,
        ctx.params,
        Text(
            "请删除该网址（网址属于引导式外链，课件中不得出现；可改为文字说明平台名称）",
            "Remove the web address (a guiding external link); name the platform in words instead.",
        ),
    )


@checker("courseware.contact", facts="courseware", params=ContactParams)
def contact(facts: DeckFacts, ctx: RuleContext) -> Iterator[Finding]:
    """No phone number, e-mail, QQ, WeChat or DingTalk id in any text, speaker notes included.

    Pass: 「第30届，视频7-10分钟，分辨率1920×1080」. Fail: 「联系电话：0731-84415312」.
    """
    yield from _text_hits(
        facts,
        ctx,
        find_contacts,
        ctx.params,
        Text(
            "请删除该联系方式（电话、邮箱、QQ、微信等属于引导式外链，课件中不得出现）",
            "Remove the contact detail (phone, e-mail, QQ, WeChat are guiding external links).",
        ),
    )


# ── courseware.logo ────────────────────────────────────────────────────────────
class LogoParams(Params):
    min_slides: int = Field(3, ge=2, description="an image on at least this many slides …")
    corner_fraction: float = Field(
        0.25, gt=0, le=0.5, description="… with its centre this close to two edges"
    )
    max_area_fraction: float = Field(
        0.06, gt=0, le=1, description="larger images are photos, not logos"
    )


def _corner(image: ImageFacts, facts: DeckFacts, p: LogoParams) -> str | None:
    box = image.position
    if (
        box is None
        or box.cx * box.cy > p.max_area_fraction * facts.slide_width * facts.slide_height
    ):
        return None
    cx, cy = (box.x + box.cx / 2) / facts.slide_width, (box.y + box.cy / 2) / facts.slide_height
    horizontal = (
        "left" if cx <= p.corner_fraction else "right" if cx >= 1 - p.corner_fraction else None
    )
    vertical = (
        "top" if cy <= p.corner_fraction else "bottom" if cy >= 1 - p.corner_fraction else None
    )
    return f"{vertical}-{horizontal}" if horizontal and vertical else None


CORNERS = {
    "top-left": Text("左上角", "top-left"),
    "top-right": Text("右上角", "top-right"),
    "bottom-left": Text("左下角", "bottom-left"),
    "bottom-right": Text("右下角", "bottom-right"),
}


@checker("courseware.logo", facts="courseware", params=LogoParams)
def logo(facts: DeckFacts, ctx: RuleContext) -> Iterator[Finding]:
    """Logo candidates for a person to confirm (``manual``, never ``fail``).

    A candidate is a small picture on a layout or master, or the same small picture in the
    same corner of ≥ min_slides slides. Pass: photos that each appear once. Manual: a
    school badge in the top-right corner of slides 2–30.
    """
    p: LogoParams = ctx.params
    candidates = grouped(
        ((image.sha256, _corner(image, facts, p) or image.origin), slide.number, image)
        for slide in facts.slides
        for image in slide.pictures
        if image.kind != "background"
        and (
            _corner(image, facts, p)
            or (
                image.origin in ("layout", "master")
                and image.position is not None
                and image.position.cx * image.position.cy
                <= p.max_area_fraction * facts.slide_width * facts.slide_height
            )
        )
    )
    found = False
    for (_, spot), numbers, image in candidates:
        in_template = image.origin in ("layout", "master")
        if len(set(numbers)) < p.min_slides and not in_template:
            continue
        found = True
        where, place = slides_label(numbers), image_place(image)
        corner = CORNERS.get(spot, Text("", ""))
        why = Text(
            "位于母版/版式中"
            if in_template
            else f"重复出现在 {len(set(numbers))} 张幻灯片的{corner.zh}",
            "placed on the master/layout"
            if in_template
            else f"repeated in the {corner.en} corner of {len(set(numbers))} slides",
        )
        yield ctx.manual(
            Text(
                f"疑似 Logo：{place.zh}{why.zh}（{where.zh}），请确认是否为平台工具的 Logo 图标，如是请删除",
                f"Possible logo: {place.en} {why.en} ({where.en}); confirm whether it is a platform or tool logo and remove it if so.",
            ),
            location=where,
            actual=image.part,
            expected=Text("无平台工具 Logo", "no platform/tool logo").pick(ctx.lang),
        )
    if not found:
        yield ctx.ok(
            Text(
                "未发现疑似 Logo 的重复图片",
                "No repeated corner or master image (logo candidate) found",
            )
        )


# ── courseware.aspect_ratio ────────────────────────────────────────────────────
class AspectParams(Params):
    width: int = 16
    height: int = 9
    tolerance: float = 0.01


@checker("courseware.aspect_ratio", facts="courseware", params=AspectParams)
def aspect_ratio(facts: DeckFacts, ctx: RuleContext) -> Iterator[Finding]:
    """The slide size is 16:9 (± tolerance). Pass: 33.867×19.05 cm. Warn: 25.4×19.05 cm (4:3)."""
    p: AspectParams = ctx.params
    ratio = facts.slide_width / facts.slide_height
    size = f"{facts.slide_width / EMU_PER_CM:.2f}×{facts.slide_height / EMU_PER_CM:.2f} cm"
    expected = f"{p.width}:{p.height}"
    if abs(ratio - p.width / p.height) <= p.tolerance:
        yield ctx.ok(
            Text(f"幻灯片大小 {size}，比例 {expected}", f"Slide size {size}, {expected}"),
            actual=round(ratio, 4),
            expected=expected,
        )
    else:
        yield ctx.violation(
            Text(
                f"幻灯片大小为 {size}（比例 {ratio:.2f}），要求 {expected}",
                f"Slide size is {size} (ratio {ratio:.2f}); {expected} is required",
            ),
            actual=round(ratio, 4),
            expected=expected,
            hint=Text(
                f"请在「设计 → 幻灯片大小」中选择宽屏（{expected}），并检查版面",
                f"Choose Design → Slide Size → Widescreen ({expected}) and check the layout.",
            ),
        )
