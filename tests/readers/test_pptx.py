"""read_pptx over real decks built with python-pptx (plus raw OOXML where it cannot)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from pptx.util import Emu

from casecheck.readers.errors import ReadError
from casecheck.readers.media import images
from casecheck.readers.pptx import deck as pptx
from casecheck.readers.pptx import read_pptx
from tests.factories.pptx_factory import (
    add_action,
    add_chart,
    add_click_link,
    add_group_picture,
    add_hover_link,
    add_jump,
    add_notes,
    add_part_picture,
    add_picture,
    add_picture_fill,
    add_run_link,
    add_smartart,
    add_table,
    add_text,
    blank_slide,
    jpeg_bytes,
    new_deck,
    photo,
    photo_with_qr,
    png_bytes,
    qr_image,
    save,
    set_background_picture,
)


def qr(text: str) -> bytes:
    return png_bytes(qr_image(text))


def codes(slide: pptx.SlideFacts) -> dict[str, str]:
    return {c.text: p.source for p in slide.pictures for c in p.qr}


def test_qr_everywhere_an_image_can_hide(tmp_path: Path) -> None:
    prs = new_deck()
    s1 = blank_slide(prs)
    add_picture(s1, qr("picture"))
    s2 = blank_slide(prs)
    add_group_picture(s2, qr("group"))
    add_picture_fill(s2, qr("fill"))
    s3 = blank_slide(prs)
    set_background_picture(s3, jpeg_bytes(photo_with_qr("background", size=(1600, 900), qr_px=200)))
    deck = read_pptx(save(prs, tmp_path / "课件.pptx"))
    assert [s.number for s in deck.slides] == [1, 2, 3]
    assert codes(deck.slides[0]) == {"picture": "slide"}
    assert codes(deck.slides[1]) == {"group": "group", "fill": "fill"}
    assert codes(deck.slides[2]) == {"background": "background"}
    bg = deck.slides[2].pictures[0]
    assert bg.position is not None and (bg.position.cx, bg.position.cy) == (12192000, 6858000)


def test_group_child_position_is_on_the_slide(tmp_path: Path) -> None:
    prs = new_deck()
    add_group_picture(blank_slide(prs), qr("group"))
    (pic,) = read_pptx(save(prs, tmp_path / "d.pptx")).slides[0].pictures
    assert pic.position is not None
    assert (pic.position.x, pic.position.y) == (Emu(914400 * 7), Emu(914400 * 3))


def test_layout_and_master_images_are_attributed_to_slides(tmp_path: Path) -> None:
    prs = new_deck()
    add_part_picture(prs.slide_layouts[6], qr("layout"), x=0, y=0, cx=914400, cy=914400)
    add_part_picture(prs.slide_masters[0], qr("master"), x=11277600, y=0, cx=914400, cy=914400)
    blank_slide(prs)  # layout 6: layout + master
    blank_slide(prs, layout=5)  # another layout: master only
    hidden = blank_slide(prs)
    hidden._element.set("showMasterSp", "0")  # 「隐藏背景图形」
    deck = read_pptx(save(prs, tmp_path / "d.pptx"))
    assert codes(deck.slides[0]) == {"layout": "layout", "master": "master"}
    assert codes(deck.slides[1]) == {"master": "master"}
    assert codes(deck.slides[2]) == {}
    assert deck.distinct_images == 2


def test_each_distinct_image_is_scanned_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = images.scan_image

    def counting(data: bytes, content_type: str = "") -> images.ImageScan:
        calls.append(len(data))
        return real(data, content_type)

    monkeypatch.setattr(pptx, "scan_image", counting)
    prs = new_deck()
    logo = png_bytes(photo(200, 80, seed=3))
    add_part_picture(prs.slide_masters[0], logo, x=0, y=0, cx=914400, cy=365760)
    for _ in range(10):
        slide = blank_slide(prs)
        add_picture(slide, logo, left=11, top=6.5, width=1)
    deck = read_pptx(save(prs, tmp_path / "d.pptx"))
    assert len(calls) == 1
    assert sum(len(s.pictures) for s in deck.slides) == 20


def test_links_and_actions(tmp_path: Path) -> None:
    prs = new_deck()
    s1 = blank_slide(prs)
    add_run_link(s1, "资源平台", "https://example.com/res")
    add_click_link(s1, "mailto:teacher@school.cn")
    add_hover_link(s1, "https://hover.example.cn")
    add_action(s1, "ppaction://hlinkshowjump?jump=lastslide")
    add_action(s1, "ppaction://program", rid="")
    blank_slide(prs)
    third = blank_slide(prs)
    add_jump(s1, third)
    links = read_pptx(save(prs, tmp_path / "d.pptx")).slides[0].links
    got = {(lk.on, lk.event, lk.target, lk.external) for lk in links}
    assert got == {
        ("run", "click", "https://example.com/res", True),
        ("shape", "click", "mailto:teacher@school.cn", True),
        ("shape", "hover", "https://hover.example.cn", True),
        ("shape", "click", "jump=lastslide", False),
        ("shape", "click", "ppaction://program", True),
        ("shape", "click", "slide 3", False),
    }
    run = next(lk for lk in links if lk.on == "run")
    assert run.text == "资源平台"
    assert next(lk for lk in links if lk.target == "slide 3").slide_target == 3


def test_texts_with_their_places(tmp_path: Path) -> None:
    prs = new_deck()
    title_slide = prs.slides.add_slide(prs.slide_layouts[1])
    title_slide.shapes.title.text = "案例标题"
    title_slide.placeholders[1].text = "正文内容"
    add_table(title_slide, [["项目", "说明"], ["网址", "www.example.cn"]])
    add_notes(title_slide, "备注里的电话 13812345678")
    s2 = blank_slide(prs)
    add_chart(s2, ["smartedu.cn", "其他"], title="访问来源")
    add_smartart(s2, ["第一步", "QQ：123456789"])
    add_group_picture(s2, qr("x"))
    deck = read_pptx(save(prs, tmp_path / "d.pptx"))
    first = {(t.where, t.row, t.col, t.visible): t.text for t in deck.slides[0].texts}
    assert first[("title", None, None, True)] == "案例标题"
    assert first[("body", None, None, True)] == "正文内容"
    assert first[("table", 2, 2, True)] == "www.example.cn"
    assert first[("notes", None, None, False)] == "备注里的电话 13812345678"
    second = {(t.where, t.text) for t in deck.slides[1].texts}
    assert {
        ("chart", "smartedu.cn"),
        ("chart", "访问来源"),
        ("smartart", "QQ：123456789"),
    } <= second
    assert ("group", "组合中的说明") in second


def test_layout_placeholder_prompts_are_not_slide_text(tmp_path: Path) -> None:
    prs = new_deck()
    blank_slide(prs, layout=1)  # layout with 「单击此处编辑母版标题样式」-style prompts
    texts = read_pptx(save(prs, tmp_path / "d.pptx")).slides[0].texts
    assert texts == []


def test_slide_size_and_hidden_flag(tmp_path: Path) -> None:
    prs = new_deck(size=(Emu(9144000), Emu(6858000)))
    blank_slide(prs)._element.set("show", "0")
    deck = read_pptx(save(prs, tmp_path / "d.pptx"))
    assert (deck.slide_width, deck.slide_height) == (9144000, 6858000)
    assert deck.slides[0].hidden


def test_facts_dump_to_json(tmp_path: Path) -> None:
    prs = new_deck()
    add_picture(blank_slide(prs), qr("json"))
    dumped = read_pptx(save(prs, tmp_path / "d.pptx")).model_dump(mode="json")
    assert dumped["slides"][0]["pictures"][0]["qr"][0]["text"] == "json"


# ── bad input ───────────────────────────────────────────────────────────────────
def test_corrupt_truncated_encrypted_and_legacy(tmp_path: Path) -> None:
    prs = new_deck()
    add_text(blank_slide(prs), "正常")
    good = save(prs, tmp_path / "good.pptx").read_bytes()
    truncated = tmp_path / "truncated.pptx"
    truncated.write_bytes(good[: len(good) // 2])
    garbage = tmp_path / "garbage.pptx"
    garbage.write_bytes(b"this is not a presentation at all" * 100)
    empty = tmp_path / "empty.pptx"
    empty.write_bytes(b"")
    # An OLE2 compound file as PowerPoint 97-2003 and encrypted OOXML write them: the
    # header magic plus the stream names sniffing keys on (no writer exists in the stack).
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    legacy = tmp_path / "课件.ppt"
    legacy.write_bytes(ole + "PowerPoint Document".encode("utf-16-le") + b"\x00" * 512)
    encrypted = tmp_path / "encrypted.pptx"
    encrypted.write_bytes(ole + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512)
    expected = {
        truncated: "truncated",
        garbage: "unsupported",
        empty: "empty",
        legacy: "unsupported",
        encrypted: "encrypted",
    }
    for path, reason in expected.items():
        with pytest.raises(ReadError) as err:
            read_pptx(path)
        assert err.value.reason == reason, path.name
        assert err.value.message.zh and err.value.message.en
    with pytest.raises(ReadError) as err:
        read_pptx(legacy)
    assert "另存为" in err.value.message.zh and ".pptx" in err.value.message.zh


def test_damaged_slide_part_is_a_read_error(tmp_path: Path) -> None:
    prs = new_deck()
    add_text(blank_slide(prs), "正常")
    good = save(prs, tmp_path / "good.pptx")
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "ppt/slides/slide1.xml":
                data = data[: len(data) // 2]  # cut XML in the middle
            dst.writestr(item, data)
    with pytest.raises(ReadError) as err:
        read_pptx(broken)
    assert err.value.reason == "corrupt"


def test_linked_external_picture_is_a_link(tmp_path: Path) -> None:
    prs = new_deck()
    slide = blank_slide(prs)
    pic = add_picture(slide, qr("embedded"))
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    rid = slide.part.relate_to("https://cdn.example.com/qr.png", RT.IMAGE, is_external=True)
    blip = pic._element.blipFill.blip
    blip.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}link", rid)
    links = read_pptx(save(prs, tmp_path / "d.pptx")).slides[0].links
    assert [(lk.on, lk.target) for lk in links] == [
        ("linked picture", "https://cdn.example.com/qr.png")
    ]


def test_inspect_renders_texts_images_and_links(tmp_path: Path) -> None:
    from rich.console import Console

    from casecheck.render.inspect_courseware import render_facts

    prs = new_deck()
    slide = blank_slide(prs)
    add_picture(slide, qr("https://qr.example.cn"))
    add_run_link(slide, "平台", "https://example.com")
    add_notes(slide, "备注文字")
    facts = read_pptx(save(prs, tmp_path / "d.pptx"))
    for lang, heading, external in (("zh", "第 1 张幻灯片", "外部"), ("en", "Slide 1", "external")):
        console = Console(record=True, width=200)
        render_facts(facts, console, lang)  # type: ignore[arg-type]
        out = console.export_text()
        assert heading in out and "https://qr.example.cn" in out
        assert "https://example.com" in out and "备注文字" in out and external in out


def test_smartart_image_and_emf_picture(tmp_path: Path) -> None:
    from tests.factories.pptx_factory import add_raw_picture, emf_bytes

    prs = new_deck()
    slide = blank_slide(prs)
    add_smartart(slide, ["扫码", "报名"], image=qr("smartart-qr"))
    add_raw_picture(slide, emf_bytes(), "image/x-emf", "emf")
    pictures = read_pptx(save(prs, tmp_path / "d.pptx")).slides[0].pictures
    by_source = {p.source: p for p in pictures}
    assert [c.text for c in by_source["smartart"].qr] == ["smartart-qr"]
    emf = by_source["slide"]
    assert (emf.content_type, emf.scan, emf.scan_detail) == ("image/x-emf", "vector", "EMF")
