"""``fix``'s terminal output at 80 columns, laid out like ``check``'s: no counter split from
its number, URLs whole, no brackets inside brackets, and a short re-check (the problems not
already listed, the counts, the command for the full report) instead of the whole report."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from casecheck.fix import fix_submission
from casecheck.fix.model import FixReport
from casecheck.packs.ruleset import load_ruleset
from casecheck.render.fix import not_listed, render_fix_text
from tests.factories.examples_run import EXAMPLE_01, EXAMPLE_02, run_cli

URLS = (
    "https://example.org/join",
    "https://example.org/platform",
    "www.example-studio.cn/home",
    "仿宋_GB2312",
)


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, FixReport]:
    out = tmp_path_factory.mktemp("fixed")
    return {folder.name[:2]: fix_submission(folder, out) for folder in (EXAMPLE_01, EXAMPLE_02)}


def terminal(report: FixReport, width: int = 80, lang: str = "zh") -> list[str]:
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=True, color_system=None)
    render_fix_text(report, console, lang, titles=load_ruleset().titles())  # type: ignore[arg-type]
    return buf.getvalue().splitlines()


def outside_quotes(line: str) -> str:
    """The line without 「…」 quotes of file text (a quote cut with 「…」 may hold a lone （)."""
    return re.sub(r"「[^」]*」", "「」", line)


def nested_brackets(line: str) -> bool:
    depth = 0
    for ch in outside_quotes(line):
        if ch == "（":
            depth += 1
            if depth > 1:
                return True
        elif ch == "）":
            depth = max(depth - 1, 0)
    return False


@pytest.mark.parametrize("case", ["01", "02"])
def test_fix_at_80_columns_is_laid_out_like_check(fixed: dict[str, FixReport], case: str) -> None:
    report = fixed[case]
    lines = terminal(report)
    text = "\n".join(lines)
    assert all(cell_len(line) <= 80 for line in lines), [x for x in lines if cell_len(x) > 80]
    before = ""
    for line in lines:
        body = line.strip()
        assert not re.search(r"第 ?\d+$", body), f"「第 N」 split from its counter: {line!r}"
        counter = re.match(r"^(张|段|页|行|列|字|秒|磅|项)", body)
        assert not (counter and re.search(r"\d ?$", before)), f"counter split: {line!r}"
        before = body
        assert body != "→" and not body.startswith(("，", "。", "）", "」", "、")), line
        assert not nested_brackets(line), f"brackets inside brackets: {line!r}"
    for url in URLS:
        assert url in text or url not in " ".join(
            i.message for f in report.files for i in f.items
        ), f"{url} was broken"
    # a short re-check, not the whole report again: the verdict once, the full report's command
    assert text.count("结论：") == 1 and "结论：未通过" in text
    assert f"  casecheck check '{report.output}'" in lines
    assert "修改前：" in text and "规则包" in text
    assert len(lines) <= 80, len(lines)  # the whole report repeated made ≈ 150
    assert "通过 4 项" not in text  # no per-group tally of the full report


def test_the_recheck_lists_only_problems_no_file_item_names(fixed: dict[str, FixReport]) -> None:
    report = fixed["02"]
    lines = terminal(report)
    text = "\n".join(lines)
    others = not_listed(report)
    assert {f.material for f in others} == {"info_form", "video"}  # no fixer for these
    assert text.count("请删除该二维码图片") == 0  # the QR code is said once, by the fixer's note
    assert text.count("https://example.org/join") == 1
    assert "信息表单选项" in text and "form.choice" not in text  # titles, not rule ids
    assert "视频分辨率" in text and "分辨率为 1280×720" in text
    problems = sum(report.after.counts[s] for s in ("fail", "warn", "manual", "error"))
    listed = len(others) + len(
        {(f.material, i.rule) for f in report.files for i in f.left if i.rule}
    )
    assert listed == problems  # nothing lost: every remaining problem is shown once
    start = next(i for i, line in enumerate(lines) if "第 2 张幻灯片的图片" in line)
    assert lines[start + 1].startswith(" " * 4) and not lines[start + 1].startswith(" " * 5)


def test_piped_fix_is_one_line_per_item_in_both_languages(tmp_path: Path) -> None:
    code, out, _ = run_cli("fix", str(EXAMPLE_02), "-o", str(tmp_path / "zh"))
    assert code == 1
    qr = [line for line in out.splitlines() if "第 2 张幻灯片的图片" in line]
    assert len(qr) == 1 and qr[0].endswith("二维码未自动删除：是否替换图片由您决定")
    assert "结论：未通过" in out and "■ 复查副本" in out
    code, out, _ = run_cli("fix", str(EXAMPLE_02), "-o", str(tmp_path / "en"), "--lang", "en")
    assert code == 1 and "Verdict: NOT READY" in out
    assert "  ✓ slide 3: Removed the click link" in out  # English punctuation in English
    assert "Form single choices" in out and "The copies' full report:\n  casecheck check" in out
