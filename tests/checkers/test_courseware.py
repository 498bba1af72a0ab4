"""courseware.* checkers over real decks read with read_pptx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pptx.util import Emu

from casecheck.readers.pptx import read_pptx
from casecheck.readers.pptx.models import DeckFacts
from casecheck.result import Finding, Status
from tests.conftest import run_rule
from tests.factories.pptx_factory import (
    add_action,
    add_chart,
    add_click_link,
    add_group_picture,
    add_hover_link,
    add_jump,
    add_notes,
    add_part_picture,
    add_part_text,
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
)

BAIT_SLIDES = [
    "2026年全国师生数字素养提升实践活动（第30届教师活动）",
    "实施周期：2025-2026学年，2025年9月1日—2026年1月15日，每周三14:30-16:00",
    "共1280人次参与，覆盖32所学校、1500名学生；优秀率由62.5%提升至85.3%",
    "平均分92.5分（满分100分），p<0.05，效应量0.82；评分4.5/5",
    "视频7-10分钟，分辨率1920×1080（1920x1080），25帧/秒，码率8Mbps，AAC 128Kbps",
    "工具版本v2.3.1，Python 3.11，模型参数13800000000个，见第3.2节、条款5.1.2",
    "课件.pptx、报告.docx 与 Node.js 小程序，ASP.NET 平台；ISBN 978-7-04-050123-4",
    "学号20230101234，经费15000000000元，投入13900000000万元",
    "图1.2 人机协同流程，比例3:2，倍速1.5倍，No.1 中学",
    "微信WeChat与QQ音乐使用情况调查；联系方式见信息表",
]


def deck(tmp_path: Path, build: Any, size: tuple[int, int] | None = None) -> DeckFacts:
    prs = new_deck(size) if size else new_deck()
    build(prs)
    return read_pptx(save(prs, tmp_path / "课件.pptx"))


def statuses(findings: list[Finding]) -> list[Status]:
    return [f.status for f in findings]


def failing(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.status is Status.FAIL]


# ── QR codes ───────────────────────────────────────────────────────────────────
def test_qr_codes_everywhere_fail_with_slide_and_content(tmp_path: Path) -> None:
    def build(prs: Any) -> None:
        add_part_picture(
            prs.slide_masters[0], png_bytes(qr_image("master-qr")), x=0, y=0, cx=914400, cy=914400
        )
        add_part_picture(
            prs.slide_layouts[5],
            png_bytes(qr_image("layout-qr")),
            x=0,
            y=5943600,
            cx=914400,
            cy=914400,
        )
        add_picture(blank_slide(prs), png_bytes(qr_image("picture-qr")))
        add_group_picture(blank_slide(prs), png_bytes(qr_image("group-qr")))
        add_picture_fill(blank_slide(prs), png_bytes(qr_image("fill-qr")))
        photo_qr = photo_with_qr("photo-qr", size=(4000, 3000), qr_px=120, angle=30)
        add_picture(blank_slide(prs, layout=5), jpeg_bytes(photo_qr))

    findings = run_rule("courseware.qr_code", deck(tmp_path, build))
    got = {f.actual: f.location for f in failing(findings)}
    assert got == {
        "master-qr": "第 1–4 张幻灯片",
        "layout-qr": "第 4 张幻灯片",
        "picture-qr": "第 1 张幻灯片",
        "group-qr": "第 2 张幻灯片",
        "fill-qr": "第 3 张幻灯片",
        "photo-qr": "第 4 张幻灯片",
    }
    group = next(f for f in findings if f.actual == "group-qr")
    assert "组合中的图片" in group.message and "位置" in group.message and group.hint
    picture = next(f for f in findings if f.actual == "picture-qr")
    # PowerPoint's own shape names (「Picture 3」) and part paths are not a teacher's words
    assert picture.message.startswith("第 1 张幻灯片的图片，位置")
    assert "含有二维码，内容为「picture-qr」" in picture.message


def test_codes_are_named_in_plain_chinese_and_by_their_format_in_english(tmp_path: Path) -> None:
    """Was 「含有二维码（QR Code）」: zxing's English name inside the Chinese sentence."""
    import zxingcpp
    from PIL import Image
    from typer.testing import CliRunner

    from casecheck.cli import app

    matrix = zxingcpp.create_barcode("dm-code", zxingcpp.BarcodeFormat.DataMatrix)
    data_matrix = Image.fromarray(matrix.to_image(scale=8, add_quiet_zones=True))

    def build(prs: Any) -> None:
        add_picture(blank_slide(prs), png_bytes(qr_image("qr-code")))
        add_picture(blank_slide(prs), png_bytes(qr_image("12345", 120, micro=True)))
        add_picture(blank_slide(prs), png_bytes(data_matrix))

    facts = deck(tmp_path, build)
    zh = {f.actual: f.message for f in failing(run_rule("courseware.qr_code", facts))}
    en = {f.actual: f.message for f in failing(run_rule("courseware.qr_code", facts, lang="en"))}
    assert set(zh) == set(en) == {"qr-code", "12345", "dm-code"}
    for text, name in (
        ("qr-code", "QR Code"),
        ("12345", "Micro QR Code"),
        ("dm-code", "Data Matrix"),
    ):
        assert f"含有二维码，内容为「{text}」" in zh[text] and name not in zh[text]
        assert f"contains a {name}: “{text}”" in en[text]
    shown = {
        lang: CliRunner().invoke(
            app, ["inspect", str(tmp_path / "课件.pptx"), "--lang", lang], env={"COLUMNS": "200"}
        )
        for lang in ("zh", "en")
    }
    assert "二维码：dm-code" in shown["zh"].stdout and "Data Matrix" not in shown["zh"].stdout
    assert "Data Matrix: dm-code" in shown["en"].stdout


def test_photos_without_codes_pass(tmp_path: Path) -> None:
    def build(prs: Any) -> None:
        for seed in range(3):
            add_picture(blank_slide(prs), jpeg_bytes(photo(1600, 1000, seed=seed)), width=8)

    findings = run_rule("courseware.qr_code", deck(tmp_path, build))
    assert statuses(findings) == [Status.PASS]
    assert findings[0].message == "检查了 3 张不同的图片，未发现二维码"


def test_vector_image_is_manual(tmp_path: Path) -> None:
    from tests.factories.pptx_factory import add_raw_picture, emf_bytes

    def build(prs: Any) -> None:
        slide = blank_slide(prs)
        add_raw_picture(slide, emf_bytes(), "image/x-emf", "emf")
        add_picture(slide, png_bytes(photo(300, 200)))

    findings = run_rule("courseware.qr_code", deck(tmp_path, build))
    assert statuses(findings) == [Status.MANUAL, Status.PASS]
    assert "无法自动识别该矢量图片（EMF）中是否含二维码" in findings[0].message
    assert findings[0].location == "第 1 张幻灯片"


# ── links ──────────────────────────────────────────────────────────────────────
def test_external_links_fail_internal_jumps_pass(tmp_path: Path) -> None:
    def build(prs: Any) -> None:
        s1 = blank_slide(prs)
        add_run_link(s1, "国家平台", "https://www.smartedu.cn/")
        add_click_link(s1, "https://example.com/click")
        add_hover_link(s1, "https://example.com/hover")
        s2 = blank_slide(prs)
        add_click_link(s2, "mailto:teacher@school.cn")
        add_action(s2, "ppaction://hlinkshowjump?jump=nextslide")
        add_action(s2, "ppaction://hlinkshowjump?jump=lastslide")
        add_jump(s2, blank_slide(prs))

    findings = run_rule("courseware.hyperlink", deck(tmp_path, build))
    got = sorted((f.location, f.actual) for f in failing(findings))
    assert got == [
        ("第 1 张幻灯片", "https://example.com/click"),
        ("第 1 张幻灯片", "https://example.com/hover"),
        ("第 1 张幻灯片", "https://www.smartedu.cn/"),
        ("第 2 张幻灯片", "mailto:teacher@school.cn"),
    ]
    messages = " ".join(f.message for f in findings)
    assert "文字「国家平台」的单击超链接" in messages and "鼠标悬停" in messages


def test_only_internal_jumps_pass(tmp_path: Path) -> None:
    def build(prs: Any) -> None:
        first = blank_slide(prs)
        blank_slide(prs)
        add_jump(first, blank_slide(prs))
        add_action(first, "ppaction://hlinkshowjump?jump=firstslide")

    findings = run_rule("courseware.hyperlink", deck(tmp_path, build))
    assert statuses(findings) == [Status.PASS]
    assert "2" in findings[0].message


def test_file_and_program_actions_fail(tmp_path: Path) -> None:
    def build(prs: Any) -> None:
        slide = blank_slide(prs)
        add_action(slide, "ppaction://program")
        add_action(slide, "ppaction://hlinkfile")

    assert len(failing(run_rule("courseware.hyperlink", deck(tmp_path, build)))) == 2


# ── URLs and contact details in text ───────────────────────────────────────────
def test_urls_in_text_notes_table_chart(tmp_path: Path) -> None:
    def build(prs: Any) -> None:
        s1 = blank_slide(prs)
        add_text(s1, "平台网址：https://huodong.ncet.edu.cn")
        add_text(s1, "登录ps.hnedu.cn:7081/login进行报名", top=3)
        add_notes(s1, "讲到这里提示 www.smartedu.cn")
        s2 = blank_slide(prs)
        add_table(s2, [["平台", "地址"], ["资源库", "zy.example.cn/res"]])
        s3 = blank_slide(prs)
        add_chart(s3, ["smartedu.cn", "其他"])

    findings = run_rule("courseware.url", deck(tmp_path, build))
    got = {(f.location, f.actual) for f in failing(findings)}
    assert got == {
        ("第 1 张幻灯片正文", "https://huodong.ncet.edu.cn"),
        ("第 1 张幻灯片正文", "ps.hnedu.cn:7081/login"),
        ("第 1 张幻灯片备注", "www.smartedu.cn"),
        ("第 2 张幻灯片表格第 2 行第 2 列", "zy.example.cn/res"),
        ("第 3 张幻灯片图表", "smartedu.cn"),
    }


def test_notes_can_be_left_out_by_params(tmp_path: Path) -> None:
    def build(prs: Any) -> None:
        add_notes(blank_slide(prs), "www.smartedu.cn")

    assert statuses(
        run_rule("courseware.url", deck(tmp_path, build), {"include_notes": False})
    ) == [Status.PASS]


def test_contacts_in_various_places(tmp_path: Path) -> None:
    def build(prs: Any) -> None:
        s1 = blank_slide(prs)
        add_text(s1, "联系电话：0731-84415312")
        add_notes(s1, "有问题请打 138 1234 5678")
        s2 = blank_slide(prs)
        add_table(s2, [["邮箱", "teacher.li@school.edu.cn"]])
        add_smartart(s2, ["答疑", "QQ：123456789"])
        s3 = blank_slide(prs)
        add_group_picture(s3, png_bytes(photo(200, 200)))  # the group also holds a text box
        add_text(s3, "微信号：li_teacher2024", top=4)

    findings = run_rule("courseware.contact", deck(tmp_path, build), lang="en")
    got = {(f.location, f.actual) for f in failing(findings)}
    assert got == {
        ("slide 1, body text", "0731-84415312"),
        ("slide 1, speaker notes", "138 1234 5678"),
        ("slide 2, table row 1, column 2", "teacher.li@school.edu.cn"),
        ("slide 2, SmartArt 「SmartArt」", "QQ：123456789"),  # quoted as written
        ("slide 3, body text", "微信号：li_teacher2024"),
    }


def test_master_text_is_one_finding_for_all_its_slides(tmp_path: Path) -> None:
    def build(prs: Any) -> None:
        add_part_text(prs.slide_masters[0], "热线 400-810-1234")
        add_part_text(prs.slide_layouts[6], "单位网址 www.school.cn")
        for _ in range(4):
            blank_slide(prs)
        blank_slide(prs, layout=5)

    facts = deck(tmp_path, build)
    findings = failing(run_rule("courseware.contact", facts))
    assert [(f.location, f.actual) for f in findings] == [
        ("第 1–5 张幻灯片母版中正文「Footer」", "400-810-1234")
    ]
    findings = failing(run_rule("courseware.url", facts))
    assert [(f.location, f.actual) for f in findings] == [
        ("第 1–4 张幻灯片版式中正文「Footer」", "www.school.cn")
    ]


def test_bait_deck_is_clean(tmp_path: Path) -> None:
    def build(prs: Any) -> None:
        for i, text in enumerate(BAIT_SLIDES):
            slide = blank_slide(prs)
            add_text(slide, text)
            add_notes(slide, text)
            if i == 0:
                add_table(slide, [["年份", "人次"], ["2025", "共1280人次"], ["2026", "85.5%"]])
            if i == 1:
                add_chart(slide, ["2024年", "2025年", "2026年"])
            if i == 2:
                add_smartart(slide, ["第30届", "7-10分钟", "1920×1080"])
            if i == 3:
                add_jump(slide, prs.slides[0])

    facts = deck(tmp_path, build)
    for rule in (
        "courseware.url",
        "courseware.contact",
        "courseware.hyperlink",
        "courseware.qr_code",
    ):
        findings = run_rule(rule, facts)
        assert statuses(findings) == [Status.PASS], (rule, [f.message for f in findings])


# ── logo candidates ────────────────────────────────────────────────────────────
def test_repeated_corner_image_and_master_image_are_logo_candidates(tmp_path: Path) -> None:
    badge = png_bytes(photo(160, 160, seed=5))
    template_logo = png_bytes(photo(300, 100, seed=6))

    def build(prs: Any) -> None:
        add_part_picture(
            prs.slide_masters[0], template_logo, x=10500000, y=6100000, cx=1500000, cy=500000
        )
        for i in range(5):
            slide = blank_slide(prs)
            add_picture(slide, badge, left=12.3, top=0.1, width=0.8)  # top-right corner
            add_picture(slide, jpeg_bytes(photo(800, 600, seed=10 + i)), left=2, top=1.5, width=6)

    findings = run_rule("courseware.logo", deck(tmp_path, build), severity="warning")
    assert statuses(findings) == [Status.MANUAL, Status.MANUAL]
    assert {f.location for f in findings} == {"第 1–5 张幻灯片"}
    messages = " ".join(f.message for f in findings)
    assert "右上角" in messages and "母版" in messages


def test_two_slides_are_not_many(tmp_path: Path) -> None:
    badge = png_bytes(photo(160, 160, seed=5))

    def build(prs: Any) -> None:
        for _ in range(2):
            add_picture(blank_slide(prs), badge, left=0.1, top=0.1, width=0.8)
        add_picture(blank_slide(prs), jpeg_bytes(photo(800, 600)), left=2, top=1.5, width=6)

    assert statuses(run_rule("courseware.logo", deck(tmp_path, build), severity="warning")) == [
        Status.PASS
    ]


# ── aspect ratio ───────────────────────────────────────────────────────────────
@pytest.mark.parametrize(
    ("size", "status"),
    [((Emu(12192000), Emu(6858000)), Status.PASS), ((Emu(9144000), Emu(6858000)), Status.WARN)],
)
def test_aspect_ratio(tmp_path: Path, size: tuple[int, int], status: Status) -> None:
    facts = deck(tmp_path, blank_slide, size=size)
    findings = run_rule("courseware.aspect_ratio", facts, severity="warning")
    assert statuses(findings) == [status]
    if status is Status.WARN:
        assert findings[0].actual == pytest.approx(1.3333, abs=1e-4)
        assert "25.40×19.05 cm" in findings[0].message


# ── packs and the engine ───────────────────────────────────────────────────────
def test_pack_params_validate_and_match_the_defaults() -> None:
    from casecheck.checkers.registry import get_checker
    from casecheck.packs.loader import load_library

    library = load_library()
    for pack_id in ("ncet2026-evidence", "ncet2026-studio", "hunan2026-ai-case"):
        rules = library.get(pack_id).rules
        for rule_id in (
            "courseware.qr_code",
            "courseware.hyperlink",
            "courseware.url",
            "courseware.contact",
            "courseware.logo",
            "courseware.aspect_ratio",
        ):
            spec = rules[rule_id]
            chk = get_checker(spec.checker)
            assert chk is not None, rule_id
            assert chk.params(**spec.params) == chk.params(), (pack_id, rule_id)


def _submission(tmp_path: Path, courseware: bytes | None, name: str = "案例课件.pptx") -> Path:
    from docx import Document

    folder = tmp_path / "我的案例"
    folder.mkdir(parents=True)
    if courseware is not None:
        (folder / name).write_bytes(courseware)
    report = Document()
    report.add_paragraph("案例总结报告")
    report.add_paragraph("一、案例概述")
    report.save(str(folder / "案例总结报告.docx"))
    return folder


def _check(folder: Path) -> dict[str, list[Finding]]:
    from casecheck.engine import Options, check_submission
    from casecheck.packs.ruleset import load_ruleset

    result = check_submission(folder, load_ruleset(), Options())
    by_rule: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_rule.setdefault(f.rule, []).append(f)
    return by_rule


def test_end_to_end_through_the_engine(tmp_path: Path) -> None:
    prs = new_deck()
    slide = blank_slide(prs)
    add_picture(slide, png_bytes(qr_image("https://u.wechat.com/abc")))
    add_text(slide, "欢迎访问 www.example.cn", top=4)
    data = save(prs, tmp_path / "src.pptx").read_bytes()
    by_rule = _check(_submission(tmp_path, data))
    assert statuses(by_rule["materials.courseware"]) == [Status.PASS]
    assert [f.actual for f in by_rule["courseware.qr_code"]] == ["https://u.wechat.com/abc"]
    assert [f.actual for f in by_rule["courseware.url"]] == ["www.example.cn"]
    assert (
        by_rule["courseware.url"][0].requirement
        and "网址" in by_rule["courseware.url"][0].requirement
    )
    assert statuses(by_rule["courseware.hyperlink"]) == [Status.PASS]
    assert statuses(by_rule["courseware.aspect_ratio"]) == [Status.PASS]


def test_corrupt_courseware_is_error_and_the_rest_is_checked(tmp_path: Path) -> None:
    prs = new_deck()
    add_text(blank_slide(prs), "正常")
    data = save(prs, tmp_path / "src.pptx").read_bytes()
    by_rule = _check(_submission(tmp_path, data[: len(data) // 2]))
    # Reported once, by the deck's first rule; the others say where (one problem, one error).
    (first,) = by_rule["courseware.qr_code"]
    assert first.status is Status.ERROR and "损坏" in first.message
    for rule in ("courseware.url", "courseware.contact"):
        (finding,) = by_rule[rule]
        assert finding.status is Status.SKIPPED and "courseware.qr_code" in finding.message
    assert any(f.status is not Status.ERROR for f in by_rule["report.sections"])


def test_legacy_and_encrypted_courseware(tmp_path: Path) -> None:
    # OLE2 compound-file header plus the stream names that PowerPoint 97-2003 and
    # password-protected OOXML files carry (no writer for either exists in the stack).
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    legacy = _check(
        _submission(tmp_path / "a", ole + "PowerPoint Document".encode("utf-16-le"), "案例课件.ppt")
    )
    (material,) = legacy["materials.courseware"]
    assert material.status is Status.FAIL and material.hint and ".pptx" in material.hint
    assert {f.status for f in legacy["courseware.qr_code"]} <= {Status.SKIPPED, Status.ERROR}
    encrypted = _check(_submission(tmp_path / "b", ole + "EncryptedPackage".encode("utf-16-le")))
    statuses_seen = {
        f.status for f in encrypted["materials.courseware"] + encrypted["courseware.qr_code"]
    }
    assert Status.ERROR in statuses_seen or Status.FAIL in statuses_seen
    assert any(
        "密码" in f.message
        for f in encrypted["materials.courseware"] + encrypted["courseware.qr_code"]
    )
