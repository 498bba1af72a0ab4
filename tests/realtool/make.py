"""Write the real-tool fixtures: LibreOffice converts the flat ODF sources kept here.

    python tests/realtool/make.py            # needs soffice (LibreOffice) on PATH

Sources (edit these, then re-run): ``report.fodt`` (a clean 总结报告 whose template line
「附件：支撑材料…」 is followed by its appendix on the same page), ``deck.fodp`` (a clean 16:9
deck), ``form-evidence.fodt`` / ``form-studio.fodt`` (附5.1 / 附5.2 with ☑ ticks, two
authors and a label that wraps over three lines of its cell). Outputs, committed beside this
script so tests never need LibreOffice: each source as .docx / .pptx, the forms also as PDF,
and one-defect variants made by editing the source before conversion:

- ``form-evidence-two-ticks``: 学校案例 and 教师案例 both ticked
- ``form-evidence-four-authors``: two more author rows (4 > 3)
- ``form-evidence-summary-351``: the 案例简介 padded to exactly 351 字
- ``report-3000`` / ``report-3001``: the body padded to exactly 3000 / 3001 字 before 附件
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))

from casecheck.readers.docx import read_docx  # noqa: E402
from casecheck.readers.docx.wordcount import count_zi  # noqa: E402

PAD = "循证教研数据改进课堂提问质量"
SUMMARY_RE = re.compile(r"(本案例聚焦课堂提问质量[^<]*)")
AUTHOR_LABEL = 'table:number-rows-spanned="3"><text:p text:style-name="Table_20_Contents">作者信息'
LAST_AUTHOR_ROW = re.compile(
    r"(<table:table-row>(?:(?!</table:table-row>).)*13812345678.*?</table:table-row>)", re.S
)


def soffice(sources: list[Path], fmt: str, outdir: Path, *options: str) -> None:
    """Convert with a throw-away LibreOffice profile (concurrent runs do not collide)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                shutil.which("soffice") or "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                *options,
                "--convert-to",
                fmt,
                "--outdir",
                str(outdir),
                *map(str, sources),
            ],
            check=True,
            timeout=300,
            capture_output=True,
        )


def pad(n: int) -> str:
    return (PAD * (n // len(PAD) + 1))[:n]


def two_ticks(src: str) -> str:
    return src.replace("☐教师案例", "☑教师案例", 1)


def four_authors(src: str) -> str:
    out = src.replace(AUTHOR_LABEL, AUTHOR_LABEL.replace('"3"', '"5"'), 1)
    extra = [
        ("王芳", "长沙市第二中学", "一级教师", "13712345678"),
        ("赵强", "长沙市第三中学", "二级教师", "13612345678"),
    ]
    rows = "".join(
        "<table:table-row><table:covered-table-cell/>"
        + "".join(
            f'<table:table-cell table:style-name="Form.cell" office:value-type="string">'
            f'<text:p text:style-name="Table_20_Contents">{x}</text:p></table:table-cell>'
            for x in person
        )
        + "</table:table-row>"
        for person in extra
    )
    return LAST_AUTHOR_ROW.sub(lambda m: m.group(1) + rows, out, count=1)


def summary_351(src: str) -> str:
    summary = SUMMARY_RE.search(src)
    assert summary is not None
    text = summary.group(1)
    return src.replace(text, text + pad(351 - count_zi(text)), 1)


def main() -> None:
    forms = [HERE / "form-evidence.fodt", HERE / "form-studio.fodt"]
    soffice([HERE / "report.fodt", *forms], "docx", HERE)
    soffice(forms, "pdf", HERE)
    soffice([HERE / "deck.fodp"], "pptx", HERE)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        evidence = (HERE / "form-evidence.fodt").read_text(encoding="utf-8")
        variants = {
            "form-evidence-two-ticks": two_ticks(evidence),
            "form-evidence-four-authors": four_authors(evidence),
            "form-evidence-summary-351": summary_351(evidence),
        }
        for name, text in variants.items():
            assert text != evidence, name
            (work / f"{name}.fodt").write_text(text, encoding="utf-8")
        report = (HERE / "report.fodt").read_text(encoding="utf-8")
        body = read_docx(HERE / "report.docx").word_count.body
        for target in (3000, 3001):
            (work / f"report-{target}.fodt").write_text(
                report.replace("<!--pad-->", pad(target - body), 1), encoding="utf-8"
            )
        made = sorted(work.glob("*.fodt"))
        soffice(made, "docx", HERE)
        soffice([p for p in made if p.name.startswith("form-")], "pdf", HERE)
    for out in sorted(HERE.glob("*.*")):
        if out.suffix in (".docx", ".pdf", ".pptx"):
            assert out.stat().st_size <= 300 * 1024, out
            print(f"{out.name:40} {out.stat().st_size:>8} bytes")


if __name__ == "__main__":
    main()
