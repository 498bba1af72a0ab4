"""`casecheck fix` on real decks: links leaving the deck go, text and slide jumps stay, and
QR codes, URL text and contacts are listed for the teacher, never deleted."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation

from casecheck.fix import fix_submission
from casecheck.readers.pptx import read_pptx
from casecheck.result import Status
from tests.factories import pptx_factory as pf
from tests.factories.fix_factory import snapshot


def _deck(path: Path) -> Path:
    prs = pf.new_deck()
    s1 = pf.blank_slide(prs)
    pf.add_run_link(s1, "活动官网", "https://example.com/apply")
    pf.add_click_link(s1, "mailto:teacher@school.cn")
    s2 = pf.blank_slide(prs)
    pf.add_hover_link(s2, "file:///C:/资料/讲义.docx")
    pf.add_text(s2, "报名网址 www.example.cn 联系电话：0731-84415312", top=2)
    s3 = pf.blank_slide(prs)
    pf.add_jump(s3, s1)
    pf.add_action(s3, "ppaction://hlinkshowjump?jump=lastslide")
    pf.add_picture(s3, pf.png_bytes(pf.qr_image("https://example.com/qr")), left=6)
    return pf.save(prs, path)


def test_links_removed_content_listed_source_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "王老师案例"
    folder.mkdir()
    _deck(folder / "案例课件.pptx")
    before = snapshot(folder)
    report = fix_submission(folder, tmp_path / "out")
    assert snapshot(folder) == before
    assert Status.FAIL in {
        f.status for f in report.before.findings if f.rule == "courseware.hyperlink"
    }
    assert {f.status for f in report.after.findings if f.rule == "courseware.hyperlink"} == {
        Status.PASS
    }
    copy = Path(report.output) / "案例课件.pptx"
    facts = read_pptx(copy)
    links = [lk for s in facts.slides for lk in s.links]
    assert not [lk for lk in links if lk.external]
    assert sorted(lk.slide_target or 0 for lk in links) == [0, 1]  # the jump + the show jump
    texts = " ".join(t.text for s in facts.slides for t in s.texts)
    assert (
        "活动官网" in texts
        and "点击这里" in texts
        and "鼠标移过" in texts
        and "www.example.cn" in texts
    )
    assert facts.slides[2].pictures[0].qr  # the QR code is still there
    prs = Presentation(str(copy))
    rels = [r for s in prs.slides for r in s.part.rels.values() if r.is_external]
    assert rels == []  # orphaned external relationships are gone
    [record] = [f for f in report.files if f.material == "courseware"]
    changed = [i for i in record.changed if "删除了" in i.message]
    assert {i.location for i in changed} >= {"第 1 张幻灯片", "第 2 张幻灯片"}
    assert any("鼠标悬停" in i.message and "讲义.docx" in i.message for i in changed)
    left = " ".join(f"{i.location} {i.message}" for i in record.left)
    assert "二维码" in left and "第 3 张" in left
    assert "www.example.cn" in left and "0731-84415312" in left
    for rule in ("courseware.qr_code", "courseware.url", "courseware.contact"):
        assert Status.FAIL in {f.status for f in report.after.findings if f.rule == rule}
