"""Classifying a submission folder's files by name keywords and sniffed content."""

from __future__ import annotations

import os
from pathlib import Path

from casecheck.materials import classify
from casecheck.packs import load_library
from casecheck.readers.sniff import sniff
from casecheck.result import Status
from tests.conftest import run_rule
from tests.factories.submission_factory import (
    make_deck,
    make_form,
    make_keynote,
    make_ole2,
    make_report,
    make_submission,
)
from tests.factories.video_factory import make_video

MATERIALS = load_library().get("ncet2026-evidence").materials


def present(folder: Path, material: str) -> list:
    return run_rule(
        "materials.present",
        classify(folder, MATERIALS),
        material=material,
        rule_id=f"materials.{material}",
    )


def test_complete_folder(tmp_path: Path) -> None:
    folder = make_submission(tmp_path / "case")
    c = classify(folder, MATERIALS)
    assert {m: e.name for m, e in c.assigned.items()} == {
        "info_form": "案例信息表.docx",
        "courseware": "案例课件.pptx",
        "video": "案例视频.mp4",
        "report": "案例总结报告.docx",
    }
    assert c.extras == []
    for material in MATERIALS:
        (f,) = present(folder, material)
        assert f.status is Status.PASS


def test_content_decides_when_names_carry_no_keyword(tmp_path: Path) -> None:
    make_form(tmp_path / "a.docx")
    make_report(tmp_path / "b.docx")
    make_deck(tmp_path / "c.pptx")
    make_video(tmp_path / "d.mp4", seconds=0.2)
    c = classify(tmp_path, MATERIALS)
    assert {m: e.name for m, e in c.assigned.items()} == {
        "info_form": "a.docx",
        "report": "b.docx",
        "courseware": "c.pptx",
        "video": "d.mp4",
    }


def test_legacy_and_look_alike_formats_fail_with_a_hint(tmp_path: Path) -> None:
    make_ole2(tmp_path / "案例总结报告.docx", "WordDocument")  # a .doc renamed .docx
    make_ole2(tmp_path / "案例课件.ppt", "PowerPoint Document")
    make_video(tmp_path / "案例视频.mp4", container="mov", seconds=0.2)
    make_keynote(tmp_path / "信息表.key")
    assert sniff(tmp_path / "案例总结报告.docx").detail == "doc"
    (report,) = present(tmp_path, "report")
    assert (
        report.status is Status.FAIL and ".doc" in report.message and ".docx" in (report.hint or "")
    )
    (deck,) = present(tmp_path, "courseware")
    assert deck.status is Status.FAIL and ".pptx" in (deck.hint or "")
    (video,) = present(tmp_path, "video")
    assert video.status is Status.FAIL and "QuickTime" in video.message
    # The renamed .mov is still read, so the video rules can say what else to fix.
    assert classify(tmp_path, MATERIALS).assigned["video"].kind == "quicktime"
    (form,) = present(tmp_path, "info_form")
    assert form.status is Status.FAIL and "Keynote" in form.message


def test_missing_and_ambiguous(tmp_path: Path) -> None:
    make_video(tmp_path / "视频1.mp4", seconds=0.2)
    make_video(tmp_path / "视频2.mp4", seconds=0.2)
    (video,) = present(tmp_path, "video")
    assert video.status is Status.FAIL and video.actual == ["视频1.mp4", "视频2.mp4"]
    (report,) = present(tmp_path, "report")
    assert report.status is Status.FAIL and "缺少" in report.message


def test_extra_system_and_lock_files(tmp_path: Path) -> None:
    make_submission(tmp_path)
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / "~$案例总结报告.docx").write_bytes(b"lock")
    (tmp_path / "备注.txt").write_text("说明", encoding="utf-8")
    findings = run_rule("materials.extra", classify(tmp_path, MATERIALS), severity="warning")
    by_file = {f.file: f for f in findings}
    assert set(by_file) == {".DS_Store", "~$案例总结报告.docx", "备注.txt"}
    assert all(f.status is Status.WARN for f in findings)
    assert "临时文件" in by_file["~$案例总结报告.docx"].message
    assert "不属于" in by_file["备注.txt"].message


def test_symlink_outside_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.mp4"
    make_video(outside, seconds=0.2)
    folder = tmp_path / "case"
    folder.mkdir()
    os.symlink(outside, folder / "案例视频.mp4")
    c = classify(folder, MATERIALS)
    assert "video" not in c.assigned
    assert c.extras[0].outside_link


def test_undecodable_file_name_is_printable(tmp_path: Path) -> None:
    name = os.fsdecode(b"\xb0\xb8\xc0\xfd.txt")  # GBK bytes for 案例, not UTF-8
    (tmp_path / name).write_text("x")
    c = classify(tmp_path, MATERIALS)
    assert c.extras[0].name == "\ufffd\ufffd\ufffd\ufffd.txt"
    c.extras[0].name.encode("utf-8")  # valid UTF-8 for JSON
