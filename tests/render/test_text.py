"""The terminal report at fixed widths, piped output, and file names with rich markup in them."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from casecheck.render.text import render_text
from casecheck.render.wrap import line_spans
from casecheck.result import Finding, Report, Severity, Status
from tests.factories.examples_run import EXAMPLE_01, EXAMPLE_02, example_json, run_cli

BORDER = "│╭╰─╮╯"


def terminal(report: Report, width: int, lang: str = "zh") -> list[str]:
    """The report as a terminal of ``width`` columns shows it (borders stripped)."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=True, color_system=None)
    render_text(report, console, lang)  # type: ignore[arg-type]
    lines = buf.getvalue().splitlines()
    assert all(cell_len(line) <= width for line in lines), [
        line for line in lines if cell_len(line) > width
    ]
    return [re.sub(r"^│ |│$", "", line).rstrip() for line in lines]


def examples_report(lang: str = "zh") -> Report:
    subs = [
        sub
        for folder in (EXAMPLE_01, EXAMPLE_02)
        for sub in example_json(folder, lang)["submissions"]
    ]
    return Report.model_validate({**example_json(EXAMPLE_02, lang), "submissions": subs})


@pytest.mark.parametrize("width", [80, 100, 160])
def test_no_orphan_arrow_or_split_counter_at_any_width(width: int) -> None:
    lines = terminal(examples_report(), width)
    text = "\n".join(lines)
    assert "→ 请删除该二维码图片" in text
    for line in lines:
        body = line.strip()
        assert body != "→", "an arrow alone on a line"
        assert not re.search(r"第 ?\d+$", body), f"「第 N」 split from its counter: {line!r}"
        assert not re.match(r"^(张|段|页|行|列|字|秒|磅|项)", body), f"counter split: {line!r}"
        assert not body.startswith(("，", "。", "）", "」", "、")), f"kinsoku: {line!r}"
    for url in ("https://example.org/join", "https://example.org/platform", "仿宋_GB2312"):
        assert any(url in line for line in lines), f"{url} was broken"


def test_wrapped_lines_hang_under_the_text() -> None:
    lines = terminal(examples_report(), 80)
    start = next(i for i, line in enumerate(lines) if "courseware.qr_code" in line)
    at = next(i for i in range(start, len(lines)) if "→ 请删除该二维码图片" in lines[i])
    message, more, hint, hint_more = lines[start + 1], lines[start + 2], lines[at], lines[at + 1]
    assert message.startswith(" " * 6 + "第 2 张幻灯片的图片")
    assert more.startswith(" " * 6) and not more.startswith(" " * 7)
    assert hint.startswith(" " * 6 + "→ 请删除该二维码图片")
    assert hint_more.startswith(" " * 8) and hint_more[8] != " "  # under the text, not the →


def test_line_breaking_keeps_units_together() -> None:
    text = "大小 5.1×5.1 cm，含有二维码（Data Matrix），共 400 字，见第 3 张幻灯片 https://a.example/x/y"
    for width in range(24, 60):
        lines = [text[a:b] for a, b in line_spans(text, width)]
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        joined = "\n".join(lines)
        for unit in ("5.1×5.1 cm", "（Data Matrix）", "400 字", "第 3 张", "https://a.example/x/y"):
            assert unit in joined, (width, lines)


def test_piped_output_has_no_borders_and_one_finding_per_line() -> None:
    code, out, _ = run_cli("check", str(EXAMPLE_02))  # CliRunner's stdout is not a terminal
    assert code == 1
    assert not any(ch in out for ch in BORDER)
    failing = [line for line in out.splitlines() if "不合格" in line and "结论" not in line]
    assert len(failing) == 16  # grep 不合格: every failing finding, whole
    body = next(line for line in failing if "正文格式" in line)
    assert "第 4、7、10、13 段（正文 4 段中的 4 段）：中文字体为 宋体" in body
    assert "→ 选中这些段落" in body and len(body) > 120  # not cut at 80 columns


def test_output_file_is_plain_too(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    code, _, _ = run_cli("check", str(EXAMPLE_02), "-o", str(target))
    text = target.read_text(encoding="utf-8")
    assert code == 1 and not any(ch in text for ch in BORDER) and "结论：未通过" in text


def test_square_brackets_in_names_and_messages_are_shown(tmp_path: Path) -> None:
    """Was: 「[v2]张老师案例」 and 「课件[final].pptx」 vanished as rich markup."""
    folder = tmp_path / "[v2]张老师案例"
    shutil.copytree(EXAMPLE_02, folder)
    (folder / "课件.pptx").rename(folder / "课件[final].pptx")
    code, out, _ = run_cli("check", str(folder), "--select", "courseware.qr_code")
    assert code == 1 and "[v2]张老师案例" in out and "课件[final].pptx" in out
    report = Report.model_validate(example_json())
    sub = report.submissions[0]
    sub.path, sub.materials["courseware"] = str(folder), "课件[final].pptx"
    sub.findings.append(
        Finding(
            rule="x.markup",
            status=Status.FAIL,
            severity=Severity.ERROR,
            message="要求写着 [/b] 和 [bold]粗体[/bold]",
            hint="[red]不是颜色[/red]",
        )
    )
    shown = "\n".join(terminal(report, 100))
    for literal in ("[v2]张老师案例", "课件[final].pptx", "[/b]", "[bold]粗体[/bold]", "[red]"):
        assert literal in shown


def test_english_report_and_plural() -> None:
    lines = terminal(examples_report("en"), 100, "en")
    text = "\n".join(lines)
    assert "1 problem" in text and "1 problems" not in text
    assert "Verdict: NOT READY" in text and "2 submissions" in text


def test_message_wording_from_the_issue() -> None:
    """Was: 「126 kbps，符合要求（≥ 128 kbps）」, 「16 磅（三号） 黑体 加粗」, 「5.1 cm含有二维码」."""
    findings = {f["rule"]: f for f in example_json(EXAMPLE_01)["submissions"][0]["findings"]}
    assert "允许 2% 误差即 ≥ 125.4 kbps" in findings["video.audio_bit_rate"]["message"]
    assert "16 磅（三号）黑体，加粗" in findings["report.heading1_style"]["message"]
    qr = next(
        f for f in example_json()["submissions"][0]["findings"] if f["rule"] == "courseware.qr_code"
    )
    assert "5.1×5.1 cm，含有二维码" in qr["message"]


@pytest.mark.parametrize("renamed", [False, True])
def test_verbose_names_a_wrong_format_file_in_words(tmp_path: Path, renamed: bool) -> None:
    """Was 「实测 ole2/doc」 and 「实际是Word 97-2003 文档」: a legacy .doc (named .doc, or renamed
    .docx) is described in words, a space between Chinese and the Latin word; the JSON keeps
    the machine value."""
    import json

    from tests.factories.submission_factory import make_ole2, make_submission

    folder = make_submission(tmp_path / "案例")
    (folder / "案例总结报告.docx").unlink()
    name = "案例总结报告.docx" if renamed else "案例总结报告.doc"
    make_ole2(folder / name, "WordDocument")
    args = ("check", str(folder), "--no-content", "--select", "materials")
    code, out, _ = run_cli(*args, "-v")
    assert code == 1
    line = next(x for x in out.splitlines() if "materials.report" in x)
    assert f"{name} 实际是 Word 97-2003 文档（.doc），案例总结报告须为要求的格式" in line
    assert "实测 Word 97-2003 文档（.doc）" in line and "ole2" not in out
    code, out, _ = run_cli(*args, "-v", "--lang", "en")
    line = next(x for x in out.splitlines() if "materials.report" in x)
    assert "measured a Word 97-2003 document (.doc)" in line and "ole2" not in out
    code, out, _ = run_cli(*args, "--format", "json")
    found = json.loads(out)["submissions"][0]["findings"]
    assert next(f for f in found if f["rule"] == "materials.report")["actual"] == "ole2/doc"


def test_verbose_values_are_words_not_the_json() -> None:
    """-v's 「实测 …；要求 …」 use the words of the other views: 「要求 7–10 分钟」, not 「420–600 s」;
    「实测 H.264」, not MediaInfo's 「AVC」."""
    code, out, _ = run_cli("check", str(EXAMPLE_02), "--no-content", "-v")
    assert code == 1
    duration = next(x for x in out.splitlines() if "规则 video.duration" in x)
    assert "要求 7–10 分钟" in duration and " s" not in duration.split("规则")[1]
    codec = next(x for x in out.splitlines() if "规则 video.codec" in x)
    assert "实测 H.264" in codec and "AVC" not in codec
