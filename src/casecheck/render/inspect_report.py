"""``casecheck inspect 报告.docx``: each paragraph's role, rendered label and effective
formatting, and the 字数 breakdown — what the report rules saw, and why."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from casecheck.checkers.ai_label import AI_MARKS, OTHER_MARKS, split_marks
from casecheck.i18n import Lang, Text
from casecheck.readers.docx import DocxFacts, ParagraphFacts
from casecheck.readers.docx.roles import style_label
from casecheck.readers.package import package_notes

ROLES = {
    "title": Text("标题块", "title"),
    "h1": Text("一级标题", "h1"),
    "h2": Text("二级标题", "h2"),
    "body": Text("正文", "body"),
    "caption": Text("题注", "caption"),
    "table": Text("表格", "table"),
    "attachment": Text("附件", "attachment"),
}


def _distinct(values: list[str]) -> str:
    seen: list[str] = []
    for v in values:
        if v not in seen:
            seen.append(v)
    return " / ".join(seen) if seen else "—"


# Where a run's East Asian font came from (styles.StyleResolver's source keys), in words.
SOURCE_KIND = {
    "char-style": Text("字符样式", "character style"),
    "para-style": Text("段落样式", "paragraph style"),
    "table-style": Text("表格样式", "table style"),
}
SOURCE_WORD = {
    "direct": Text("直接设置", "direct formatting"),
    "docDefaults": Text("文档默认", "document defaults"),
}
STOP_REASON = {
    "after-sections": Text("最后一个一级标题之后的附件行", "the 附件 line after the last section"),
    "page-break": Text("另起一页的附件标题", "a 附件 title on a new page"),
}


def font_source(source: str) -> Text:
    """「段落样式 标题 1 → 主题正文字体」 for 「para-style:heading 1 → theme minorEastAsia …」."""
    where, _, theme = source.partition(" → theme ")
    kind, _, name = where.partition(":")
    said = SOURCE_WORD.get(where) or (
        Text(f"{SOURCE_KIND[kind].zh} {style_label(name).zh}", f"{SOURCE_KIND[kind].en} {name}")
        if kind in SOURCE_KIND
        else Text(where, where)
    )
    if theme:
        which = Text("标题", "headings") if theme.startswith("major") else Text("正文", "body")
        said = Text(
            f"{said.zh} → 主题{which.zh}字体", f"{said.en} → theme font for {which.en} ({theme})"
        )
    return said


def stop_reason(reason: str | None) -> Text:
    return STOP_REASON.get(reason or "", Text(reason or "", reason or ""))


def _program(facts: DocxFacts) -> str:
    """「WPS Office 11.1.0.10132（KSOProductBuildVer 2052-11.1.0.10132）」."""
    app = facts.app
    raw = [
        x for x in (app.application, app.kso_build and f"KSOProductBuildVer {app.kso_build}") if x
    ]
    return app.describe() + (f"（{'；'.join(raw)}）" if raw else "")


def _row(p: ParagraphFacts, lang: Lang) -> list[str]:
    runs = [r for r in p.runs if r.text.strip()]
    cjk = [r for r in runs if r.east_asia_chars] or runs
    fonts = _distinct([r.east_asia_font or Text("未确定", "unresolved").pick(lang) for r in cjk])
    source = _distinct([font_source(r.east_asia_source).pick(lang) for r in cjk])
    sizes = _distinct(["—" if r.size_pt is None else f"{r.size_pt:g}" for r in runs])
    yes, no, unsure = Text("是", "yes").pick(lang), Text("否", "no").pick(lang), "?"
    bold = _distinct([unsure if r.bold is None else (yes if r.bold else no) for r in runs])
    where = (
        Text(
            f"表{p.table} 第{p.cell[0]}行第{p.cell[1]}列", f"T{p.table}R{p.cell[0]}C{p.cell[1]}"
        ).pick(lang)
        if p.table and p.cell
        else ""
    )
    # The role and why (「一级标题：文字以“一、”开头；样式 标题 2」); table cells say where.
    role = ROLES[p.role].pick(lang)
    if p.role_reason is not None and p.role != "table":
        role = p.role_reason.en if lang == "en" else p.role_reason.zh
    return [
        str(p.index),
        role + (f" {where}" if where else ""),
        p.label,
        p.first_words(24),
        style_label(p.style_name).pick(lang) if p.style_name else "",
        fonts,
        source,
        sizes,
        bold,
        p.line_spacing.describe(lang),
        str(p.zi),
    ]


def _collapsed(
    paragraphs: list[ParagraphFacts], lang: Lang
) -> list[tuple[ParagraphFacts, ParagraphFacts, list[str], int]]:
    """Consecutive paragraphs whose role and formatting are the same, as one row each.

    A 180-page report has thousands of alike body paragraphs; a row per paragraph made
    ``inspect`` many times slower than ``check`` (table layout) and unreadable.
    """
    out: list[tuple[ParagraphFacts, ParagraphFacts, list[str], int]] = []
    key_prev: tuple[str, ...] | None = None
    for p in paragraphs:
        row = _row(p, lang)
        key = (p.role, row[1], *row[4:10])  # role and why, style, fonts, sizes, bold, spacing
        if out and key == key_prev and p.role in ("body", "table", "attachment") and not p.label:
            first, _, shown, zi = out[-1]
            out[-1] = (first, p, shown, zi + p.zi)
        else:
            out.append((p, p, row, p.zi))
        key_prev = key
    return out


def render_facts(facts: DocxFacts, console: Console, lang: Lang) -> None:
    """Print the program that saved the file, the paragraph table (each paragraph's role and
    why), the 字数 breakdown, text boxes and images."""
    t = Text
    console.print(t("保存程序：", "Saved by: ").pick(lang) + escape(_program(facts)))
    for note in package_notes(facts.strict_ooxml, facts.missing_parts):
        console.print("[yellow]" + escape(note.pick(lang)) + "[/yellow]")
    table = Table(title=t("段落与实际格式", "Paragraphs and effective formatting").pick(lang))
    for head in (
        t("段", "#"),
        t("角色", "role"),
        t("编号", "label"),
        t("文字", "text"),
        t("样式", "style"),
        t("中文字体", "East Asian font"),
        t("字体来源", "font from"),
        t("字号(磅)", "size pt"),
        t("加粗", "bold"),
        t("行距", "line spacing"),
        t("字数", "zi"),
    ):
        table.add_column(head.pick(lang), overflow="fold")
    for first, last, row, zi in _collapsed(facts.paragraphs, lang):
        if last is not first:
            row[0] = f"{first.index}–{last.index}"
            row[3] += t(
                f"（等 {last.index - first.index + 1} 段）", f" (+{last.index - first.index} more)"
            ).pick(lang)
            row[-1] = str(zi)
        table.add_row(*map(escape, row))  # document text is not rich markup: 「[/附件]」
    console.print(table)

    wc = facts.word_count
    counts = Table(
        show_header=False,
        title=t("字数统计（Word 口径）", "Word count (as Word counts)").pick(lang),
    )
    counts.add_column(style="bold")
    counts.add_column()
    stop = (
        t(f"第 {wc.stop_paragraph} 段", f"{wc.stop_paragraph}").pick(lang)
        + f"「{wc.stop_text}」"
        + t(f"（{reason.zh}）", f" ({reason.en})").pick(lang)
        if wc.stop_paragraph and (reason := stop_reason(wc.stop_reason))
        else t("未找到附件部分，统计至文末", "no 附件 section; counted to the end").pick(lang)
    )
    rows = [
        (t("附件前合计（含标题）", "before 附件 (headings included)"), str(wc.body)),
        (t("其中正文段落", "of which body paragraphs"), str(wc.body_text)),
        (t("自动编号（未计入）", "automatic numbering (not counted)"), str(wc.labels)),
        (t("含自动编号", "with numbering labels"), str(wc.with_labels)),
        (t("附件起点", "attachments start at"), stop),
        (t("附件（不计入）", "attachments (not counted)"), str(wc.attachments)),
        (t("文本框（另计）", "text boxes (separate)"), str(wc.text_boxes)),
        (t("脚注尾注（不计入）", "foot/endnotes (not counted)"), str(wc.notes)),
        (t("附件说明行", "附件说明 line"), str(wc.attachment_note_paragraph or "—")),
        (
            t("文首附件标签（不是附件起点）", "附件 label at the top (no boundary)"),
            str(wc.label_paragraph or "—"),
        ),
        (t("主题字体语言", "theme font language"), facts.theme_font_lang or "—"),
    ]
    for label, value in rows:
        counts.add_row(label.pick(lang), escape(value))
    console.print(counts)

    if facts.images:
        images = Table(title=t("图片", "Images").pick(lang))
        for head in (
            t("段", "#"),
            t("图片文件", "image file"),
            t("尺寸", "size"),
            AI_MARKS,
            OTHER_MARKS,
        ):
            images.add_column(head.pick(lang), overflow="fold")
        for img in facts.images:
            size = f"{img.width_px}×{img.height_px}" if img.width_px else "—"
            ai, other = split_marks(img.provenance)  # an editor's name is no AI mark
            marks = ["; ".join(s.value for s in found) or "—" for found in (ai, other)]
            name = img.part_name.rsplit("/", 1)[-1]  # 「image1.png」, not the package path
            images.add_row(str(img.paragraph or "—"), name, size, *map(escape, marks))
        console.print(images)
    for i, box in enumerate(facts.text_boxes, 1):
        console.print(t(f"文本框 {i}：", f"Text box {i}: ").pick(lang) + escape(box[:80]))
