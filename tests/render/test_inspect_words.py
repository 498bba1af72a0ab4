"""``inspect`` of a deck, a report and a form in Chinese shows words, not the reader's keys
(「body」, 「/ppt/slides/slide1.xml」, 「hyperlink click run」, 「external」, 「para-style:…」,
「heading 1」, 「[symbol]」); the English output says the same in English."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from casecheck.cli import app
from tests.factories.examples_run import EXAMPLE_02

WIDE = {"COLUMNS": "240"}


def inspect(name: str, lang: str) -> str:
    result = CliRunner().invoke(app, ["inspect", str(EXAMPLE_02 / name), "--lang", lang], env=WIDE)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(
    ("name", "words", "raw"),
    [
        (
            "课件.pptx",
            ["正文", "文字「点击进入平台」的单击超链接", "外部", "二维码："],
            ["body", "/ppt/", "slideLayout", "hyperlink", "external", "Picture 2", "image1.png"],
        ),
        (
            "总结报告.docx",
            ["段落样式 标题 1", "直接设置", "│ 标题 1", "第 14 段「附件"],
            ["para-style", "direct", "heading 1", "Normal", "after-sections"],
        ),
        (
            "信息表.docx",
            ["表1 第3行", "☑省级 · 符号", "宋体 10.5 磅（1 处）"],
            ["[symbol]", "10.5pt", "表1/"],
        ),
    ],
)
def test_inspect_in_chinese_has_no_reader_keys(name: str, words: list[str], raw: list[str]) -> None:
    out = inspect(name, "zh")
    for word in words:
        assert word in out, (word, out)
    for key in raw:
        assert key not in out, (key, out)


def test_inspect_in_english_stays_english() -> None:
    deck = inspect("课件.pptx", "en")
    assert "body text" in deck and "click hyperlink on text" in deck and "external" in deck
    report = inspect("总结报告.docx", "en")
    assert "paragraph style heading 1" in report and "direct formatting" in report
    assert "段落样式" not in report
    form = inspect("信息表.docx", "en")
    assert "symbol (☑ ■ √)" in form and "10.5pt (1)" in form and "磅" not in form
