"""What a click does, named truly (issue 24 item 4): every ppaction verb PowerPoint and WPS
write, on a real deck; only what leaves the deck fails courseware.hyperlink. The LibreOffice
deck with clicked OLE objects is in test_realtool_decks.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from typer.testing import CliRunner

from casecheck.cli import app
from casecheck.readers.pptx import read_pptx
from casecheck.readers.pptx.actions import WORDS, action_kind, action_words
from casecheck.result import Status
from tests.conftest import run_rule
from tests.factories.pptx_factory import add_action, add_click_link, blank_slide, new_deck, save

INSIDE = [
    ("ppaction://ole?verb=0", "ole_verb", "打开嵌入的对象（如公式）"),
    ("ppaction://ole?verb=1", "ole_verb", "打开嵌入的对象（如公式）"),
    ("ppaction://media", "media", "播放或暂停音视频"),
    ("ppaction://macro?name=Module1.Next", "macro", "运行宏「Module1.Next」"),
    ("ppaction://customshow?id=0&amp;return=true", "custom_show", "播放自定义放映"),
    ("ppaction://hlinkshowjump?jump=firstslide", "first_slide", "跳转到第一张幻灯片"),
    ("ppaction://hlinkshowjump?jump=lastslide", "last_slide", "跳转到最后一张幻灯片"),
    ("ppaction://hlinkshowjump?jump=nextslide", "next_slide", "跳转到下一张幻灯片"),
    ("ppaction://hlinkshowjump?jump=previousslide", "previous_slide", "跳转到上一张幻灯片"),
    ("ppaction://hlinkshowjump?jump=lastslideviewed", "last_viewed", "跳转到最近观看的幻灯片"),
    ("ppaction://hlinkshowjump?jump=endshow", "end_show", "结束放映"),
    ("ppaction://noaction", "no_action", "无动作"),
]
OUTSIDE = [
    ("ppaction://program", "program", "运行程序"),
    ("ppaction://hlinkfile", "file", "打开文件"),
    ("ppaction://hlinkpres?slideindex=1&amp;slidetitle=", "presentation", "打开其他演示文稿"),
]


def deck_with(tmp_path: Path, build: Any) -> Any:
    prs = new_deck()
    build(prs)
    return read_pptx(save(prs, tmp_path / "课件.pptx"))


@pytest.mark.parametrize(("action", "kind", "words"), INSIDE)
def test_actions_inside_the_deck_pass(tmp_path: Path, action: str, kind: str, words: str) -> None:
    deck = deck_with(tmp_path, lambda prs: add_action(blank_slide(prs), action))
    (link,) = deck.slides[0].links
    assert (link.does, link.external) == (kind, False)
    assert action_words(kind, link.action).zh == words  # inspect's words (a macro's name too)
    (finding,) = run_rule("courseware.hyperlink", deck)
    assert finding.status is Status.PASS
    assert f"{WORDS[kind].zh} 1 处" in finding.message


@pytest.mark.parametrize(("action", "kind", "words"), OUTSIDE)
def test_actions_leaving_the_deck_fail_and_say_what_they_do(
    tmp_path: Path, action: str, kind: str, words: str
) -> None:
    deck = deck_with(tmp_path, lambda prs: add_action(blank_slide(prs), action))
    (link,) = deck.slides[0].links
    assert (link.does, link.external) == (kind, True)
    (finding,) = run_rule("courseware.hyperlink", deck)
    assert finding.status is Status.FAIL
    assert f"单击动作（{words}）" in finding.message


def test_a_program_action_with_its_target(tmp_path: Path) -> None:
    def build(prs: Any) -> None:
        slide = blank_slide(prs)
        rid = slide.part.relate_to("file:///C:/Windows/calc.exe", RT.HYPERLINK, is_external=True)
        add_action(slide, "ppaction://program", rid=rid)

    (finding,) = run_rule("courseware.hyperlink", deck_with(tmp_path, build))
    assert finding.status is Status.FAIL
    assert "单击动作（运行程序）" in finding.message and "calc.exe" in finding.message


@pytest.mark.parametrize(
    ("target", "kind"),
    [
        ("https://example.com/", "url"),
        ("www.example.cn", "url"),
        ("weixin://dl/business/?t=abc", "url"),
        ("mailto:teacher@school.cn", "mailto"),
        ("file:///D:/课件/素材.docx", "file"),
        ("素材/讲义.docx", "file"),
        ("C:\\课件\\素材.xlsx", "file"),
    ],
)
def test_hyperlinks_outside_are_named_by_target(tmp_path: Path, target: str, kind: str) -> None:
    assert action_kind(None, target, True) == kind
    deck = deck_with(tmp_path, lambda prs: add_click_link(blank_slide(prs), target))
    (link,) = deck.slides[0].links
    assert (link.does, link.external) == (kind, True)


def test_the_pass_message_counts_what_each_does(tmp_path: Path) -> None:
    """A play button is not 「幻灯片间跳转」: each internal action is counted as what it is."""

    def build(prs: Any) -> None:
        slide = blank_slide(prs)
        for _ in range(13):
            add_action(slide, "ppaction://ole?verb=0")
        add_action(slide, "ppaction://media")
        add_action(slide, "ppaction://hlinkshowjump?jump=nextslide")

    (finding,) = run_rule("courseware.hyperlink", deck_with(tmp_path, build))
    assert finding.status is Status.PASS
    assert finding.message == (
        "无外部超链接或动作（课件内部的跳转和动作 15 处：打开嵌入的对象（如公式） 13 处、"
        "播放或暂停音视频 1 处、跳转到下一张幻灯片 1 处，允许）"
    )


def test_inspect_names_each_action(tmp_path: Path) -> None:
    prs = new_deck()
    slide = blank_slide(prs)
    add_action(slide, "ppaction://ole?verb=0")
    add_action(slide, "ppaction://program")
    path = save(prs, tmp_path / "课件.pptx")
    wide = {"COLUMNS": "200"}
    shown = CliRunner().invoke(app, ["inspect", str(path)], env=wide).stdout
    assert "打开嵌入的对象" in shown and "运行程序" in shown
    english = CliRunner().invoke(app, ["inspect", str(path), "--lang", "en"], env=wide).stdout
    assert "open the embedded object" in english and "run a program" in english
