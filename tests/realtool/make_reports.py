"""Write the report fixtures of issue 24: how Chinese Word/WPS templates set up a report.

    python tests/realtool/make_reports.py     # needs soffice (LibreOffice) on PATH

Sources (edit these, then re-run):

- ``report-gongwen.fodt``: the 公文 set-up — the title styled Heading 1 (标题 1), the
  「一、」 headings in Heading 2 numbered by the outline numbering (LibreOffice writes a
  numbering definition linked to the style, ``taiwaneseCountingThousand`` 「%2、」), 「（一）」
  typed in Heading 3, two 「1.」 points in Heading 4 (judged as body), body Body Text
  仿宋_GB2312 16 pt 固定值 28 磅, an AI-generated picture (a PNG whose ``parameters`` text
  chunk is Stable Diffusion's, inserted at ``<!--ai-picture-->``) with the caption
  「图1 …（AI生成）」 in 五号 (a caption, not body text), the evidence pack's seven sections,
  then the template's 「附件：支撑材料…」 line and an appendix. Clean on every report rule.
- ``report-attachment-first.fodt``: a GB/T 9704 attachment — 「附件2」 as its first line, a
  title in the Title style, 3,606 字 in all with run-in 「一是……」 points and no sections.
- ``wps_report.py``: the WPS-markup report (written as WPS writes it, no program needed).

Outputs, committed beside this script so tests never need LibreOffice: ``report-gongwen.docx``,
one variant per report rule with exactly one defect (``report-gongwen-<defect>.docx``, see
``VARIANTS``), ``report-attachment-first.docx`` and ``report-wps.docx``.
"""

from __future__ import annotations

import base64
import io
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make import pad, soffice  # noqa: E402  (make puts src/ on the path)
from wps_report import write_wps_report  # noqa: E402

from casecheck.readers.docx import read_docx  # noqa: E402

SD_PARAMETERS = (
    "bar chart of question types, flat infographic\nSteps: 20, Sampler: Euler a, CFG scale: 7, "
    "Seed: 1234, Size: 512x288, Model: sd_xl_base_1.0"
)


def ai_picture() -> bytes:
    """A small bar chart PNG carrying Stable Diffusion's ``parameters`` text chunk."""
    from PIL import Image, ImageDraw, PngImagePlugin

    img = Image.new("RGB", (320, 180), (250, 250, 250))
    draw = ImageDraw.Draw(img)
    for i, h in enumerate((60, 95, 130)):
        draw.rectangle((50 + i * 90, 160 - h, 110 + i * 90, 160), fill=(60 + 60 * i, 110, 180))
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", SD_PARAMETERS)
    out = io.BytesIO()
    img.save(out, "PNG", pnginfo=info)
    return out.getvalue()


def with_picture(src: str) -> str:
    data = base64.b64encode(ai_picture()).decode("ascii")
    frame = (
        '<draw:frame draw:name="图1" text:anchor-type="as-char" svg:width="9cm" '
        'svg:height="5.06cm" draw:z-index="0"><draw:image><office:binary-data>'
        f"{data}</office:binary-data></draw:image></draw:frame>"
    )
    return src.replace("<!--ai-picture-->", frame, 1)


def in_style(src: str, name: str, old: str, new: str) -> str:
    """Replace ``old`` by ``new`` inside the paragraph style ``name`` only."""
    block = re.search(rf'<style:style style:name="{name}".*?</style:style>', src, re.S)
    assert block is not None and old in block.group(0), (name, old)
    return src.replace(block.group(0), block.group(0).replace(old, new), 1)


def drop_section(src: str) -> str:
    heading = '<text:h text:style-name="Heading_20_2" text:outline-level="2">推广建议</text:h>'
    assert heading in src
    return src.replace(heading, "", 1)


BOLD = ' fo:font-weight="bold" style:font-weight-asian="bold"'
# defect → (rule it must fail, edit of the clean source)
VARIANTS: dict[str, tuple[str, Callable[[str], str]]] = {
    "missing-section": ("report.sections", drop_section),
    "h1-songti": (
        "report.heading1_style",
        lambda s: in_style(s, "Heading_20_2", 'font-name-asian="黑体"', 'font-name-asian="宋体"'),
    ),
    "h2-not-bold": ("report.heading2_style", lambda s: in_style(s, "Heading_20_3", BOLD, "")),
    "body-songti": (
        "report.body_style",
        lambda s: in_style(s, "Body_20_Text", '"仿宋_GB2312"', '"宋体"'),
    ),
    "body-one-and-a-half": (
        "report.line_spacing",
        lambda s: in_style(s, "Body_20_Text", 'fo:line-height="28pt"', 'fo:line-height="150%"'),
    ),
    "ai-unlabelled": ("report.ai_label", lambda s: s.replace("（AI生成）", "", 1)),
}
OVER_LIMIT = ("3001", "report.word_count")  # padded to 3001 字 before 附件


def main() -> None:
    gongwen = with_picture((HERE / "report-gongwen.fodt").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "report-gongwen.fodt").write_text(gongwen, encoding="utf-8")
        soffice([work / "report-gongwen.fodt", HERE / "report-attachment-first.fodt"], "docx", HERE)
        body = read_docx(HERE / "report-gongwen.docx").word_count.body
        made = {f"report-gongwen-{OVER_LIMIT[0]}": gongwen.replace("<!--pad-->", pad(3001 - body))}
        made |= {f"report-gongwen-{name}": edit(gongwen) for name, (_, edit) in VARIANTS.items()}
        for name, text in made.items():
            assert text != gongwen, name
            (work / f"{name}.fodt").write_text(text, encoding="utf-8")
        soffice(sorted(work.glob("report-gongwen-*.fodt")), "docx", HERE)
    write_wps_report(HERE / "report-wps.docx")
    for out in sorted(HERE.glob("report-*.docx")):
        assert out.stat().st_size <= 300 * 1024, out
        print(f"{out.name:40} {out.stat().st_size:>8} bytes")


if __name__ == "__main__":
    main()
