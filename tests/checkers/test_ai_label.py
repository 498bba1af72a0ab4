"""AI-label rules over real decks, reports and videos carrying provenance metadata."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from casecheck.checkers.ai_label import AiLabelParams, ai_signals, find_labels
from casecheck.readers.docx import read_docx
from casecheck.readers.media.provenance import ProvenanceSignal, scan_image_bytes
from casecheck.readers.media.video import read_video
from casecheck.readers.pptx import read_pptx
from casecheck.result import Finding, Status
from tests.conftest import run_rule
from tests.factories import pptx_factory
from tests.factories.provenance_factory import (
    AIGC_JSON,
    app11_segments,
    camera_store,
    exif_with,
    firefly_store,
    jpeg,
    mp4,
    png,
    xmp_packet,
)

SD_PARAMS = "teacher at a whiteboard\nSteps: 30, Sampler: DPM++ 2M, Seed: 7"

# One image per signal the issue names; each must be judged AI-generated.
AI_IMAGES = {
    "xmp_iptc_jpeg": lambda: jpeg(xmp=xmp_packet(dst="trainedAlgorithmicMedia")),
    "xmp_composite_png": lambda: png(
        itxt={"XML:com.adobe.xmp": xmp_packet(dst="compositeWithTrainedAlgorithmicMedia").decode()}
    ),
    "xmp_tc260_png": lambda: png(itxt={"XML:com.adobe.xmp": xmp_packet(aigc=AIGC_JSON).decode()}),
    "png_text_aigc": lambda: png(text={"AIGC": AIGC_JSON}),
    "exif_description_aigc": lambda: jpeg(exif=exif_with(description=AIGC_JSON)),
    "png_sd_parameters": lambda: png(text={"parameters": SD_PARAMS}),
    "png_comfyui": lambda: png(text={"prompt": '{"3": {"class_type": "KSampler"}}'}),
    "exif_software": lambda: jpeg(exif=exif_with(software="Midjourney v6")),
    "c2pa_jpeg": lambda: jpeg(app11=app11_segments(firefly_store(), parts=2)),
    "c2pa_png": lambda: png(chunks=[(b"caBX", firefly_store())]),
}
NOT_AI_IMAGES = {
    "plain_algorithmic_media": lambda: jpeg(xmp=xmp_packet(dst="algorithmicMedia")),
    "camera_c2pa": lambda: jpeg(app11=app11_segments(camera_store())),
    "photoshop": lambda: jpeg(exif=exif_with(software="Adobe Photoshop 25.0 (Windows)")),
    "no_metadata": lambda: jpeg(),
}


@pytest.mark.parametrize("name", sorted(AI_IMAGES))
def test_each_ai_signal_is_judged_ai(name: str) -> None:
    signals = scan_image_bytes(AI_IMAGES[name]())
    assert ai_signals(signals, AiLabelParams()), signals


@pytest.mark.parametrize("name", sorted(NOT_AI_IMAGES))
def test_non_ai_metadata_is_not_judged_ai(name: str) -> None:
    assert ai_signals(scan_image_bytes(NOT_AI_IMAGES[name]()), AiLabelParams()) == []


def test_generator_tokens_stand_alone_and_come_from_params() -> None:
    reflux = ProvenanceSignal(kind="software", value="Reflux Editor 2", evidence="EXIF Software")
    flux = ProvenanceSignal(kind="software", value="FLUX.1 [dev]", evidence="EXIF Software")
    assert ai_signals([reflux], AiLabelParams()) == []
    assert ai_signals([flux], AiLabelParams()) == [flux]
    mine = ProvenanceSignal(kind="software", value="校本绘图助手 1.0", evidence="EXIF Software")
    assert ai_signals([mine], AiLabelParams(generator_tokens=["绘图助手"])) == [mine]


def test_aigc_label_value_is_respected() -> None:
    def aigc(label: str) -> ProvenanceSignal:
        return ProvenanceSignal(
            kind="aigc",
            value=AIGC_JSON.replace('"Label": "1"', f'"Label": "{label}"'),
            evidence="x",
        )

    assert ai_signals([aigc("3")], AiLabelParams())
    assert ai_signals([aigc("3")], AiLabelParams(aigc_labels=["1"])) == []


def test_label_spellings_after_nfkc() -> None:
    params = AiLabelParams()
    assert find_labels("图 1（ＡＩ生成）", params) == ["AI生成"]
    assert find_labels("本图由人工智能生成", params) == ["人工智能生成"]
    assert find_labels("AI\u3000生成", params) == ["AI 生成"]
    assert find_labels("AI 辅助分析", params) == []


# ---------------------------------------------------------------- report (.docx)


def make_report(tmp_path: Path, blocks: list[str | bytes]) -> Path:
    """A real .docx: str → a paragraph, bytes → a picture in its own paragraph."""
    doc = Document()
    doc.add_paragraph("一、案例概述")
    for block in blocks:
        if isinstance(block, bytes):
            doc.add_picture(io.BytesIO(block))
        else:
            doc.add_paragraph(block)
    path = tmp_path / "报告.docx"
    doc.save(str(path))
    return path


def statuses(findings: list[Finding]) -> list[str]:
    return [f.status.value for f in findings]


@pytest.mark.parametrize("name", sorted(AI_IMAGES))
def test_report_ai_image_without_caption_label_fails(tmp_path: Path, name: str) -> None:
    path = make_report(tmp_path, ["课堂实录如下。", AI_IMAGES[name](), "图 1 课堂实录", "后文。"])
    findings = run_rule("report.ai_label", read_docx(path))
    [fail] = [f for f in findings if f.status is Status.FAIL]
    assert fail.location is not None and fail.location.startswith("第 3 段")
    assert "image1." in fail.message and "没有可见的「AI生成」标注" in fail.message


def test_report_fail_message_names_evidence(tmp_path: Path) -> None:
    path = make_report(tmp_path, ["说明", AI_IMAGES["xmp_iptc_jpeg"](), "图 1"])
    [fail] = [f for f in run_rule("report.ai_label", read_docx(path)) if f.status is Status.FAIL]
    assert "第 3 段的图片 image1.jpg 含 IPTC trainedAlgorithmicMedia 元数据" in fail.message
    en = run_rule("report.ai_label", read_docx(path), lang="en")
    assert any("IPTC trainedAlgorithmicMedia metadata" in f.message for f in en)


@pytest.mark.parametrize(
    "blocks",
    [
        ["正文", "__IMG__", "图 2 课堂分析示意图（AI生成）"],  # caption after
        ["下图为 AI 生成的示意图（人工智能生成）：", "__IMG__", "图 2"],  # paragraph before
    ],
)
def test_report_ai_image_with_adjacent_label_passes(tmp_path: Path, blocks: list[str]) -> None:
    image = AI_IMAGES["png_sd_parameters"]()
    path = make_report(tmp_path, [image if b == "__IMG__" else b for b in blocks])
    findings = run_rule("report.ai_label", read_docx(path))
    assert Status.FAIL not in [f.status for f in findings]
    [label] = [f for f in findings if f.actual in ("AI生成", "人工智能生成")]
    assert label.status is Status.PASS and label.location


def test_report_label_too_far_away_fails(tmp_path: Path) -> None:
    image = AI_IMAGES["c2pa_png"]()
    path = make_report(tmp_path, ["图片均为AI生成", "说明一", image, "图 1", "说明二"])
    assert Status.FAIL in [f.status for f in run_rule("report.ai_label", read_docx(path))]
    wide = run_rule("report.ai_label", read_docx(path), {"adjacent_paragraphs": 2})
    assert Status.FAIL not in [f.status for f in wide]


def test_report_summary_counts_images_without_provenance(tmp_path: Path) -> None:
    blocks: list[str | bytes] = [jpeg(seed=1), "图 1", png(seed=2), "图 2"]
    blocks += [NOT_AI_IMAGES["camera_c2pa"](), "图 3"]
    findings = run_rule("report.ai_label", read_docx(make_report(tmp_path, blocks)))
    assert statuses(findings) == ["pass"]
    assert findings[0].actual == {
        "images": 3,
        "ai_marked": 0,
        "labelled": 0,
        "no_provenance": 2,
        "labels": 0,
    }
    assert "2 张没有任何来源元数据" in findings[0].message


# ---------------------------------------------------------------- video


def test_video_aigc_tag_asks_for_manual_check(tmp_path: Path) -> None:
    facts = read_video(mp4(tmp_path / "v.mp4", metadata={"AIGC": AIGC_JSON}))
    [finding] = run_rule("video.ai_label", facts, severity="warning")
    assert finding.status is Status.MANUAL
    assert "MP4 mdta key AIGC" in finding.message and "起始画面" in finding.message


def test_video_without_tags_passes(tmp_path: Path) -> None:
    [finding] = run_rule("video.ai_label", read_video(mp4(tmp_path / "v.mp4")))
    assert finding.status is Status.PASS
    assert "不代表不是 AI 生成" in finding.message


# ---------------------------------------------------------------- courseware (.pptx)


def make_deck(tmp_path: Path, build: Callable[[Any], None]) -> Path:
    prs = pptx_factory.new_deck()
    build(prs)
    return pptx_factory.save(prs, tmp_path / "课件.pptx")


@pytest.mark.parametrize("name", sorted(AI_IMAGES))
def test_courseware_ai_image_without_label_fails(tmp_path: Path, name: str) -> None:
    def build(prs: Any) -> None:
        first = pptx_factory.blank_slide(prs)
        pptx_factory.add_text(first, "图片均为AI生成")  # a label on another slide does not count
        second = pptx_factory.blank_slide(prs)
        pptx_factory.add_text(second, "课堂观察")
        pptx_factory.add_picture(second, AI_IMAGES[name]())
        pptx_factory.add_notes(second, "此图为AI生成")  # notes are not visible

    findings = run_rule("courseware.ai_label", read_pptx(make_deck(tmp_path, build)))
    [fail] = [f for f in findings if f.status is Status.FAIL]
    assert fail.location == "第 2 张幻灯片"
    assert fail.message.startswith("第 2 张幻灯片的图片 image1.")
    labels = [(f.location, f.message) for f in findings if f.actual == "AI生成"]
    assert labels == [
        ("第 1 张幻灯片", "第 1 张幻灯片有标注「AI生成」"),
        ("第 2 张幻灯片", "第 2 张幻灯片有标注「AI生成」（备注中，不算可见标注）"),
    ]


def test_courseware_labelled_group_and_fill_pass(tmp_path: Path) -> None:
    def build(prs: Any) -> None:
        slide = pptx_factory.blank_slide(prs)
        pptx_factory.add_group_picture(slide, AI_IMAGES["xmp_iptc_jpeg"]())
        pptx_factory.add_picture_fill(slide, AI_IMAGES["png_text_aigc"]())
        pptx_factory.add_text(slide, "以上图片由 ＡＩ 生成", top=5)
        pptx_factory.add_picture(pptx_factory.blank_slide(prs), NOT_AI_IMAGES["camera_c2pa"]())

    findings = run_rule("courseware.ai_label", read_pptx(make_deck(tmp_path, build)))
    assert Status.FAIL not in [f.status for f in findings]
    summary = findings[-1]
    assert summary.actual == {
        "images": 3,
        "ai_marked": 2,
        "labelled": 2,
        "no_provenance": 0,
        "labels": 1,
    }


def test_courseware_ai_picture_in_group_fill_or_master_unlabelled(tmp_path: Path) -> None:
    def build(prs: Any) -> None:
        master = prs.slide_masters[0]
        pptx_factory.add_part_picture(
            master, AI_IMAGES["exif_software"](), x=0, y=0, cx=914400, cy=914400
        )
        pptx_factory.add_group_picture(pptx_factory.blank_slide(prs), AI_IMAGES["c2pa_png"]())
        pptx_factory.add_picture_fill(pptx_factory.blank_slide(prs), AI_IMAGES["png_comfyui"]())

    findings = run_rule("courseware.ai_label", read_pptx(make_deck(tmp_path, build)))
    fails = sorted((f.location or "", f.message) for f in findings if f.status is Status.FAIL)
    assert [loc for loc, _ in fails] == [
        "第 1 张幻灯片",
        "第 1–2 张幻灯片（母版图片）",
        "第 2 张幻灯片",
    ]
    assert any("生成工具标记「Midjourney v6」" in m for _, m in fails)


# ---------------------------------------------------------------- end to end (engine + pack)


def test_engine_runs_the_three_ai_label_rules_from_the_pack(tmp_path: Path) -> None:
    from casecheck.engine import Options, check_submission
    from casecheck.packs.ruleset import load_ruleset

    folder = tmp_path / "案例"
    folder.mkdir()

    def build(prs: Any) -> None:
        pptx_factory.add_picture(pptx_factory.blank_slide(prs), AI_IMAGES["xmp_tc260_png"]())

    make_deck(tmp_path, build).rename(folder / "案例课件.pptx")
    blocks: list[str | bytes] = [AI_IMAGES["exif_software"](), "图 1 教研流程图（AI生成）"]
    make_report(tmp_path, blocks).rename(folder / "案例总结报告.docx")
    mp4(folder / "案例视频.mp4", metadata={"AIGC": AIGC_JSON})

    options = Options(select=["courseware.ai_label", "report.ai_label", "video.ai_label"])
    result = check_submission(folder, load_ruleset(), options, "hunan2026-ai-case")
    by_rule: dict[str, list[str]] = {}
    for f in result.findings:
        by_rule.setdefault(f.rule, []).append(f.status.value)
    assert by_rule == {
        "video.ai_label": ["manual"],
        "courseware.ai_label": ["fail", "pass"],
        "report.ai_label": ["pass", "pass"],  # the label, then the summary
    }
    [fail] = [f for f in result.findings if f.status is Status.FAIL]
    assert fail.file == "案例课件.pptx" and "AIGC 隐式标识" in fail.message
    assert fail.requirement and "AI 生成" in fail.requirement
