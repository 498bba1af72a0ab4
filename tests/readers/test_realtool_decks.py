"""Issue 24 on files real tools wrote (tests/realtool/, made by make_decks.py and
make_strict.py with LibreOffice; committed, so these tests need no LibreOffice): a deck of QR
codes with one damaged, a deck of clicked OLE objects, Strict Open XML, dangling relationships."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from casecheck.cli import app
from casecheck.readers.docx import read_docx
from casecheck.readers.form import read_form
from casecheck.readers.media import images
from casecheck.readers.media.images import scan_image
from casecheck.readers.package import checked_package
from casecheck.readers.pptx import read_pptx
from casecheck.result import Status
from tests.conftest import run_rule

REAL = Path(__file__).resolve().parents[1] / "realtool"
QR_DECK = REAL / "deck-qr-codes.pptx"
DAMAGED = "ppt/media/image8.png"
CODES = {
    2: [
        "WIFI:T:WPA;S:School-Guest;P:12345678;;",
        "tel:+8613912345678",
        "https://open.weixin.qq.com/connect/qrconnect?appid=wx0000demo",
        "https://github.com/example/course-demo",
    ],
    3: [
        "mailto:teacher@school.example.cn",
        "MECARD:N:张明;TEL:13912345678;EMAIL:zhangming@example.cn;;",
        "https://www.smartedu.cn",
    ],
    4: [
        "MICRO-42",
        "https://meetup.example.cn/2026/slides",
        "https://forms.example.cn/signup",
        "https://live.example.cn/room/88",
    ],
    5: ["https://docs.example.cn/handout"],
}
runner = CliRunner()


def check(tmp_path: Path, files: dict[str, Path], select: str) -> tuple[int, list[dict[str, Any]]]:
    folder = tmp_path / "案例"
    folder.mkdir(parents=True)
    for name, source in files.items():
        shutil.copy(source, folder / name)
    result = runner.invoke(app, ["check", str(folder), "--format", "json", "--select", select])
    assert result.exit_code in (0, 1), result.output
    findings: list[dict[str, Any]] = json.loads(result.stdout)["submissions"][0]["findings"]
    return result.exit_code, findings


# ── a deck full of QR codes, one damaged (item 3) ───────────────────────────────
def test_the_damaged_code_is_located_not_decoded_and_no_longer_raises() -> None:
    """zxing locates it but reads no size: its corners all come back at 0,0. The retry used
    to crop that empty box and raise ValueError, and the deck was called 「已损坏」."""
    import zxingcpp
    from PIL import Image

    data = zipfile.ZipFile(QR_DECK).read(DAMAGED)
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(data)), return_errors=True)
    assert found and not any(r.valid for r in found)
    assert any(r.position.top_left.x == r.position.bottom_right.x == 0 for r in found)
    scan = scan_image(data, "image/png")
    assert (scan.status, scan.codes) == ("ok", []) and None in scan.located


def test_the_qr_deck_reports_every_code_and_the_damaged_one_for_a_person(tmp_path: Path) -> None:
    _, found = check(tmp_path, {"案例课件.pptx": QR_DECK}, "courseware")
    assert not [f for f in found if f["status"] == "error"]
    qr = [f for f in found if f["rule"] == "courseware.qr_code"]
    decoded = {(f["place"]["slide"], f["actual"]) for f in qr if f["status"] == "fail"}
    assert decoded == {(n, text) for n, texts in CODES.items() for text in texts}
    (manual,) = [f for f in qr if f["status"] == "manual"]
    # the picture's part is in the place data, not in the teacher's sentence
    assert manual["place"] == {"slide": 3, "picture": "/" + DAMAGED}
    assert "似乎含有二维码，但无法识别其内容" in manual["message"]
    # the rest of the deck is still checked: its texts, links and slide size
    assert {f["rule"] for f in found} >= {"courseware.url", "courseware.hyperlink"}


def test_a_scanner_failure_is_one_pictures_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the scanner raises on one picture (a zxing or Pillow bug on odd data) is a
    manual finding for that picture; the other twelve are still judged."""
    real = images.scan_grey

    def failing(grey: Any, full: Any = None) -> Any:
        if grey.size == (198, 198):  # the two 198 px codes (tel: and the web address)
            raise RuntimeError("zxing: unexpected")
        return real(grey, full)

    monkeypatch.setattr(images, "scan_grey", failing)
    deck = read_pptx(QR_DECK)
    failed = [p for s in deck.slides for p in s.pictures if p.scan == "scan_failed"]
    assert len(failed) == 2 and all(p.qr == [] for p in failed)
    findings = run_rule("courseware.qr_code", deck)
    manual = [f for f in findings if f.status is Status.MANUAL]
    assert sum("识别该图片中的二维码时出错" in f.message for f in manual) == 2
    assert len([f for f in findings if f.status is Status.FAIL]) == 10


def test_a_picture_missing_from_the_zip_is_that_pictures_problem(tmp_path: Path) -> None:
    """A slide names ppt/media/image4.png but a copy tool dropped it: the deck is read, the
    picture is 「图片数据缺失或已损坏」 for a person, every other code still fails."""
    broken = tmp_path / "缺图.pptx"
    with zipfile.ZipFile(QR_DECK) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            if item.filename != "ppt/media/image4.png":
                dst.writestr(item, src.read(item.filename))
    deck = read_pptx(broken)
    assert [m.target for m in deck.missing_parts] == ["/ppt/media/image4.png"]
    (lost,) = [p for s in deck.slides for p in s.pictures if p.part == "/ppt/media/image4.png"]
    assert lost.scan == "unreadable"
    findings = run_rule("courseware.qr_code", deck)
    assert len([f for f in findings if f.status is Status.FAIL]) == 11
    assert any("图片数据缺失或已损坏" in f.message for f in findings if f.status is Status.MANUAL)


# ── a deck of clicked OLE objects (item 4) ──────────────────────────────────────
def test_clicked_ole_objects_are_not_hyperlinks(tmp_path: Path) -> None:
    deck = read_pptx(REAL / "deck-ole-actions.pptx")
    does = sorted(lk.does or "" for s in deck.slides for lk in s.links)
    assert does == ["end_show", "next_slide", "ole_verb", "ole_verb", "ole_verb", "slide"]
    assert not any(lk.external for s in deck.slides for lk in s.links)
    _, found = check(tmp_path, {"案例课件.pptx": REAL / "deck-ole-actions.pptx"}, "courseware")
    (link,) = [f for f in found if f["rule"] == "courseware.hyperlink"]
    assert link["status"] == "pass"
    assert "打开嵌入的对象（如公式） 3 处" in link["message"]
    assert "verb=0" not in json.dumps(found, ensure_ascii=False)


# ── Strict Open XML and dangling relationships (item 8) ────────────────────────
STRICT = {
    "案例信息表.docx": REAL / "form-evidence-strict.docx",
    "案例课件.pptx": REAL / "deck-strict.pptx",
    "案例总结报告.docx": REAL / "report-strict.docx",
}


def test_strict_open_xml_is_read_as_word_reads_it(tmp_path: Path) -> None:
    for path in STRICT.values():
        assert b"purl.oclc.org/ooxml" in zipfile.ZipFile(path).read("_rels/.rels")
        assert checked_package(path).strict
    code, found = check(tmp_path, STRICT, "form,report,courseware,consistency")
    assert code == 0
    assert [(f["rule"], f["status"]) for f in found if f["status"] != "pass"] == [
        ("form.declaration", "manual")
    ]
    assert {f["rule"].split(".")[0] for f in found} >= {"form", "report", "courseware"}
    assert read_pptx(STRICT["案例课件.pptx"]).strict_ooxml
    assert read_form(STRICT["案例信息表.docx"]).strict_ooxml
    report = read_docx(STRICT["案例总结报告.docx"])
    assert report.word_count.body > 500


def test_strict_shows_in_inspect(tmp_path: Path) -> None:
    for path in (STRICT["案例课件.pptx"], STRICT["案例信息表.docx"]):
        shown = runner.invoke(app, ["inspect", str(path)], env={"COLUMNS": "200"}).stdout
        assert "Strict Open XML" in shown and "已损坏" not in shown


def test_a_missing_web_settings_part_is_ignored_as_word_does(tmp_path: Path) -> None:
    path = REAL / "report-dangling.docx"
    assert "word/webSettings.xml" not in zipfile.ZipFile(path).namelist()
    (gap,) = checked_package(path).missing
    assert (gap.source, gap.type, gap.target) == (
        "/word/document.xml",
        "webSettings",
        "/word/webSettings.xml",
    )
    code, found = check(tmp_path, {"案例总结报告.docx": path}, "report")
    assert code == 0 and {f["status"] for f in found} == {"pass"}


def test_dangling_parts_are_noted_in_inspect(tmp_path: Path) -> None:
    deck = runner.invoke(app, ["inspect", str(REAL / "deck-dangling.pptx")], env={"COLUMNS": "200"})
    assert "/ppt/viewProps.xml 不在文件中，已忽略" in deck.stdout
    form = tmp_path / "案例信息表.docx"
    with zipfile.ZipFile(REAL / "form-evidence.docx") as src, zipfile.ZipFile(form, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdWeb" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/webSettings" Target="webSettings.xml"/>'
                    b"</Relationships>",
                )
            dst.writestr(item, data)
    assert read_form(form).find("案例名称") is not None
    shown = runner.invoke(app, ["inspect", str(form), "--lang", "en"], env={"COLUMNS": "200"})
    assert "names /word/webSettings.xml, which is not in the file" in shown.stdout
