"""Empty submission folders are found, not lost: ``batch`` lists them and ``check PARENT``
checks them (their materials fail)."""

from __future__ import annotations

import json
from pathlib import Path

from casecheck.batch.discover import discover
from tests.factories.examples_run import run_cli

KEYWORDS = ["信息表", "课件", "报告", "视频"]


def touch(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(b"")
    return folder


def test_empty_folder_beside_submissions_is_a_submission(tmp_path: Path) -> None:
    root = tmp_path / "湖南省推荐"
    touch(root / "长沙市/用AI/案例一", "案例视频.mp4")
    touch(root / "长沙市/用AI/案例二", "案例总结报告.docx")
    touch(root / "长沙市/用AI/案例三")  # empty
    touch(root / "长沙市/用AI/案例四", "说明.txt")  # no material either
    touch(root / "株洲市/教AI/案例甲", "案例视频.mp4")
    touch(root / "衡阳市/创AI/只有空文件夹")  # alone, at the depth every submission has
    touch(root / "岳阳市/用AI")  # an empty category: a grouping folder, not a submission
    found = discover(root, KEYWORDS)
    assert [(f.rel, f.empty) for f in found] == [
        ("株洲市/教AI/案例甲", False),
        ("衡阳市/创AI/只有空文件夹", True),
        ("长沙市/用AI/案例一", False),
        ("长沙市/用AI/案例三", True),
        ("长沙市/用AI/案例二", False),
        ("长沙市/用AI/案例四", True),
    ]
    assert found[1].groups == ["衡阳市", "创AI"]


def test_grouping_folders_above_submissions_stay_grouping(tmp_path: Path) -> None:
    root = tmp_path / "root"
    touch(root / "学校A/案例1", "案例视频.mp4")
    touch(root / "学校B/案例2/附件")  # a sub-folder of a submission is not searched
    touch(root / "学校B/案例2", "案例课件.pptx")
    assert [f.rel for f in discover(root, KEYWORDS)] == ["学校A/案例1", "学校B/案例2"]


def test_check_over_four_folders_one_empty_says_four(tmp_path: Path) -> None:
    parent = tmp_path / "四个案例"
    for name in ("案例1", "案例2", "案例3"):
        touch(parent / name, "案例视频.mp4")
    touch(parent / "案例4")
    code, out, _ = run_cli(
        "check", str(parent), "--select", "materials", "--format", "json", "--no-content"
    )
    assert code == 1
    report = json.loads(out)
    assert len(report["submissions"]) == 4
    empty = next(s for s in report["submissions"] if s["path"].endswith("案例4"))
    failed = {f["rule"] for f in empty["findings"] if f["status"] == "fail"}
    assert {"materials.video", "materials.report"} <= failed
    code, out, _ = run_cli("check", str(parent), "--select", "materials", "--no-content")
    assert "共 4 个案例" in out
