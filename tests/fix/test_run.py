"""What ``fix`` copies and how its re-check speaks: the material files only (no .DS_Store), the
pack named as ``check`` names it, Word's style names as Chinese Word shows them."""

from __future__ import annotations

from pathlib import Path

from casecheck.fix import fix_submission
from tests.factories.examples_run import EXAMPLE_02


def test_only_material_files_are_copied_and_the_pack_is_said_as_check_says_it(
    tmp_path: Path,
) -> None:
    assert (EXAMPLE_02 / ".DS_Store").exists()
    report = fix_submission(EXAMPLE_02, tmp_path)
    copied = sorted(p.name for p in Path(report.output).iterdir())
    assert copied == ["信息表.docx", "总结报告.docx", "视频.mp4", "课件.pptx"]
    assert report.after.pack_reason == report.before.pack_reason
    assert report.after.pack_reason.startswith("info form title")
    report_fix = next(f for f in report.files if f.material == "report")
    words = " ".join(item.message for item in report_fix.items)
    assert "heading 1" not in words and "Normal" not in words
    assert "样式「标题 1」" in words or "样式「正文」" in words
    assert "另起一页" not in words
