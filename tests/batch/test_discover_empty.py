"""Empty submission folders are found, not lost: ``batch`` lists them and ``check PARENT``
checks them (their materials fail)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casecheck.batch.discover import discover
from casecheck.batch.run import tally
from casecheck.result import Report
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


def test_check_and_batch_say_how_many_folders_on_stderr_empty_ones_too(tmp_path: Path) -> None:
    """Was 「检查 3 个，缓存命中 0 个」 beside a total of four: the stderr lines count every
    folder, say how many are empty, and agree with the closing line (both languages)."""
    parent = tmp_path / "四个案例"
    for name in ("案例1", "案例2", "案例3"):
        touch(parent / name, "案例视频.mp4")
    touch(parent / "案例4")
    args = ("--select", "materials", "--no-content")
    code, out, err = run_cli("check", str(parent), *args)
    assert code == 1
    assert "里面有 4 个案例文件夹（其中 1 个是空文件夹），将逐个检查" in err
    assert out.splitlines()[-1].startswith("共 4 个案例（其中 1 个是空文件夹），结论：未通过")
    code, out, err = run_cli("check", str(parent), *args, "--format", "concise")
    assert out.splitlines()[-1].startswith("共 4 个案例（其中 1 个是空文件夹），结论：")
    code, out, err = run_cli("batch", str(parent), *args)
    assert code == 1
    assert "检查了 4 个案例文件夹（其中 1 个是空文件夹" in err and "秒\n" in err
    assert out.splitlines()[-1].startswith("共 4 个案例文件夹（其中 1 个是空文件夹）：")
    assert "缓存命中" not in err and "沿用上次的结果" not in err  # a first run reuses nothing
    code, out, err = run_cli("batch", str(parent), *args, "--lang", "en")
    assert "Checked 4 submission folders (1 empty" in err
    assert out.splitlines()[-1].startswith("4 submission folders (1 empty): ")
    results = [r for r in Report.model_validate_json(json_of(parent)).submissions]
    assert (
        tally(results, 4, 0.04).zh
        == "检查了 4 个案例文件夹（其中 1 个是空文件夹；均未改动，沿用上次的结果），用时 0.0 秒"
    )
    assert (
        tally(results[:3], 2, 1.0).en
        == "Checked 3 submission folders (2 unchanged, last results reused) in 1.0 s"
    )


def json_of(parent: Path) -> str:
    code, out, _ = run_cli("check", str(parent), "--select", "materials", "--format", "json")
    assert code == 1
    return out


def test_a_first_batch_reuses_nothing_though_another_empty_folder_was_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Was 「1 个未改动，沿用上次的结果」 on the first run over a tree: an empty folder's cache
    key was the run context alone, so any empty folder checked before (another tree, another
    day) answered it. Empty folders are checked every time; unchanged files still hit."""
    monkeypatch.setenv("CASECHECK_CACHE_DIR", str(tmp_path / "cache"))
    args = ("--select", "materials", "--no-content", "--jobs", "1", "-o", str(tmp_path / "x.xlsx"))
    for tree in ("甲地", "乙地"):
        touch(tmp_path / tree / "案例1", "案例视频.mp4")
        touch(tmp_path / tree / "案例2")
        code, _, err = run_cli("batch", str(tmp_path / tree), *args)
        assert code == 1 and "检查了 2 个案例文件夹（其中 1 个是空文件夹），用时" in err, err
    code, _, err = run_cli("batch", str(tmp_path / "乙地"), *args)
    assert "（其中 1 个是空文件夹；1 个未改动，沿用上次的结果）" in err, err
    code, _, err = run_cli("batch", str(tmp_path / "乙地"), *args, "--lang", "en")
    assert "(1 empty" in err and "unchanged" not in err  # another language: another key
