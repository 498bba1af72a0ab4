"""``casecheck inspect 课件.pptx``: per slide, its texts, images (size, hash, QR) and links."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from casecheck.checkers.ai_label import AI_MARKS, OTHER_MARKS, split_marks
from casecheck.checkers.courseware import link_text
from casecheck.checkers.courseware_places import (
    ORIGIN,
    code_word,
    image_place,
    image_position,
    text_place,
    unscannable_reason,
)
from casecheck.i18n import Lang, Text
from casecheck.readers.package import package_notes
from casecheck.readers.pptx.models import DeckFacts, ImageFacts, LinkFacts, SlideFacts, TextFacts

EMU_PER_CM = 360000
MAX_TEXT = 120


def _text_row(t: TextFacts, lang: Lang) -> tuple[str, str]:
    text = t.text.replace("\n", " ⏎ ")
    return escape(text_place(t).pick(lang)), escape(
        text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "…"
    )


def _image_row(im: ImageFacts, lang: Lang) -> tuple[str, str, str, str, str]:
    """Where and what an image is in check's words (「组合中的图片「学校标志」」), not the
    package's part name or PowerPoint's 「Picture 2」."""
    size = f"{im.width}×{im.height} px" + Text("，", ", ").pick(lang) if im.width else ""
    pos = image_position(im).pick(lang).lstrip("，, ") or "—"
    if im.qr:
        colon = Text("：", ": ").pick(lang)
        codes = "; ".join(f"{code_word(c.format).pick(lang)}{colon}{c.text}" for c in im.qr)
        qr = "[red]" + escape(codes) + "[/red]"
    elif im.qr_located and im.scan == "ok":
        qr = "[yellow]" + Text("似乎有二维码，但无法识别", "a code, undecodable").pick(lang)
        qr += "[/yellow]"
    elif im.scan == "ok":
        qr = Text("无", "none").pick(lang)
    else:
        qr = f"[yellow]{escape(unscannable_reason(im.scan, im.scan_detail).pick(lang))}[/yellow]"
    ai, other = split_marks(im.provenance)  # an editor's name is no AI mark
    for title, found in ((AI_MARKS, ai), (OTHER_MARKS, other)):
        if found:
            qr += f" · {title.pick(lang)}: " + escape("; ".join(s.value for s in found))
    return (
        escape(image_place(im).pick(lang)),
        f"{size}{im.size_bytes / 1024:.0f} KiB",
        pos,
        im.sha256[:12],
        qr,
    )


SCOPE = {True: Text("外部", "external"), False: Text("内部", "internal")}


def _link_row(lk: LinkFacts, lang: Lang) -> tuple[str, str, str]:
    origin = ORIGIN[lk.origin].pick(lang) if lk.origin != "slide" else ""
    scope = SCOPE[lk.external].pick(lang)
    return (
        escape(origin + link_text(lk).pick(lang)),
        escape(str(lk.target or lk.action or "")),
        f"[red]{scope}[/red]" if lk.external else f"[green]{scope}[/green]",
    )


def _slide(slide: SlideFacts, console: Console, lang: Lang) -> None:
    head = Text(f"第 {slide.number} 张幻灯片", f"Slide {slide.number}").pick(lang)
    hidden = Text("（已隐藏）", " (hidden)").pick(lang) if slide.hidden else ""
    console.rule(f"[bold]{head}[/bold]{hidden}")
    if slide.texts:
        table = Table(title=Text("文字", "Texts").pick(lang), show_lines=False, expand=True)
        table.add_column(Text("位置", "Where").pick(lang), no_wrap=True)
        table.add_column(Text("内容", "Text").pick(lang))
        for t in slide.texts:
            table.add_row(*_text_row(t, lang))
        console.print(table)
    if slide.pictures:
        table = Table(title=Text("图片", "Images").pick(lang), expand=True)
        for col in (
            Text("图片", "Image"),
            Text("尺寸", "Size"),
            Text("位置", "Position"),
            Text("指纹（SHA-256）", "SHA-256"),
            Text("二维码", "QR / 2D code"),
        ):
            table.add_column(col.pick(lang))
        for im in slide.pictures:
            table.add_row(*_image_row(im, lang))
        console.print(table)
    if slide.links:
        table = Table(title=Text("链接与动作", "Links and actions").pick(lang), expand=True)
        for col in (Text("类型", "Kind"), Text("目标", "Target"), Text("内外", "Scope")):
            table.add_column(col.pick(lang))
        for lk in slide.links:
            table.add_row(*_link_row(lk, lang))
        console.print(table)


def render_facts(facts: DeckFacts, console: Console, lang: Lang) -> None:
    """Print the deck's facts slide by slide (the material the courseware rules judge)."""
    w, h = facts.slide_width / EMU_PER_CM, facts.slide_height / EMU_PER_CM
    n_pics = sum(len(s.pictures) for s in facts.slides)
    console.print(
        Text(
            f"[bold]课件[/bold] {escape(facts.path)}：{len(facts.slides)} 张幻灯片，大小 {w:.2f}×{h:.2f} cm（{facts.slide_width / facts.slide_height:.3f}），图片 {n_pics} 处（不同图片 {facts.distinct_images} 张）",
            f"[bold]Courseware[/bold] {escape(facts.path)}: {len(facts.slides)} slides, {w:.2f}×{h:.2f} cm ({facts.slide_width / facts.slide_height:.3f}), {n_pics} image placements ({facts.distinct_images} distinct)",
        ).pick(lang)
    )
    for note in package_notes(facts.strict_ooxml, facts.missing_parts):
        console.print("[yellow]" + escape(note.pick(lang)) + "[/yellow]")
    for slide in facts.slides:
        _slide(slide, console, lang)
