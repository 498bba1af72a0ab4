"""``casecheck inspect 案例信息表.docx|.pdf``: the fields, ticks and fonts as the form reader saw them."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from casecheck.i18n import Lang, Text
from casecheck.readers.form import FormFacts
from casecheck.readers.package import package_notes
from casecheck.render.words import plain

KIND = {
    "docx": Text("Word 文档（.docx）", "Word document (.docx)"),
    "pdf": Text("PDF（文字层）", "PDF (text layer)"),
    "pdf_scanned": Text(
        "PDF 扫描件（无文字层，需人工核对）", "scanned PDF (no text layer; check by hand)"
    ),
    "pdf_blank": Text("PDF，只有空白页（没有文字和图片）", "PDF with blank pages only"),
    "pdf_unreadable": Text(
        "PDF，文字无法正确读取（乱码；请改交 .docx）",
        "PDF whose text reads as gibberish (hand in the .docx)",
    ),
}


def render_facts(facts: FormFacts, console: Console, lang: Lang) -> None:
    head = Table(show_header=False, title=Text("案例信息表", "Info form").pick(lang))
    head.add_column(style="bold")
    head.add_column()
    head.add_row(Text("类型", "Kind").pick(lang), KIND[facts.source_kind].pick(lang))
    head.add_row(Text("标题", "Title").pick(lang), escape(facts.title or "—"))
    if facts.pages is not None:
        head.add_row(Text("页数", "Pages").pick(lang), str(facts.pages))
    if facts.blank_pages:
        pages = "、".join(map(str, facts.blank_pages))
        head.add_row(
            Text("空白页", "Blank pages").pick(lang),
            Text(f"第 {pages} 页", ", ".join(map(str, facts.blank_pages))).pick(lang),
        )
    console.print(head)
    for note in package_notes(facts.strict_ooxml, facts.missing_parts):
        console.print("[yellow]" + escape(note.pick(lang)) + "[/yellow]")
    if facts.source_kind in ("pdf_scanned", "pdf_blank", "pdf_unreadable"):
        return

    fields = Table(title=Text("栏目（标签 → 填写内容）", "Fields (label → value)").pick(lang))
    fields.add_column(Text("位置", "Where").pick(lang), no_wrap=True)
    fields.add_column(Text("标签", "Label").pick(lang), style="bold")
    fields.add_column(Text("内容", "Value").pick(lang))
    fields.add_column(Text("勾选", "Ticks").pick(lang))
    for field in facts.fields:
        where = (
            Text(f"表{field.table} 第{field.row}行", f"t{field.table} row {field.row}")
            if field.table
            else Text(
                f"第 {field.page or 1} 页第 {field.row} 行", f"p{field.page or 1} line {field.row}"
            )
        ).pick(lang)
        ticks = " ".join(
            f"{'☑' if b.checked else '☐'}{b.option}"
            + (f" · {plain(b.style, lang)}" if b.checked else "")
            for b in field.boxes
        )
        value = "\n".join(" | ".join(cells) for cells in field.rows)
        fields.add_row(where, escape(field.label), escape(value[:400]), escape(ticks))
    console.print(fields)

    if facts.other_boxes:
        extra = (
            Text("、", ", ")
            .pick(lang)
            .join(
                f"{'☑' if b.checked else '☐'}{b.option} · {plain(b.style, lang)}"
                for b in facts.other_boxes
            )
        )
        console.print(
            Text("表格外的勾选框：", "Boxes outside the table: ").pick(lang) + escape(extra)
        )

    if facts.runs:
        fonts = Table(
            title=Text("填写内容的实际字体（按栏目）", "Effective fonts of filled-in text").pick(
                lang
            )
        )
        fonts.add_column(Text("栏目", "Field").pick(lang), style="bold")
        fonts.add_column(Text("字体 字号（处数）", "Font size (runs)").pick(lang))
        by_field: dict[str, Counter[str]] = {}
        for run in facts.runs:
            size = Text(f"{run.size_pt or '?'} 磅", f"{run.size_pt or '?'}pt").pick(lang)
            shown = f"{run.font or Text('未设置', 'unset').pick(lang)} {size}"
            by_field.setdefault(run.field, Counter())[shown] += 1
        for label, counts in by_field.items():
            said = [
                Text(f"{k}（{n} 处）", f"{k} ({n})").pick(lang) for k, n in counts.most_common()
            ]
            fonts.add_row(escape(label), escape(Text("；", ", ").pick(lang).join(said)))
        console.print(fonts)
