"""Verdict, exit code and JUnit agree (--strict included); JUnit and concise shapes."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.factories.examples_run import EXAMPLE_01, EXAMPLE_02, run_cli


@pytest.fixture(scope="module")
def warn_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Example 02 where --select materials leaves one warning (.DS_Store) and no failure."""
    folder = tmp_path_factory.mktemp("warn") / "案例"
    shutil.copytree(EXAMPLE_02, folder)
    return folder


def junit(*args: str) -> tuple[int, ET.Element]:
    code, out, _ = run_cli("check", *args, "--format", "junit")
    return code, ET.fromstring(out.split("?>", 1)[1])


@pytest.mark.parametrize("strict", [False, True])
def test_verdict_junit_and_exit_code_agree_on_warnings(warn_only: Path, strict: bool) -> None:
    """Was: --strict exited 1 while the verdict said 「结论：通过」 and JUnit failures="0"."""
    flags = ["--select", "materials", *(["--strict"] if strict else [])]
    code, out, _ = run_cli("check", str(warn_only), *flags)
    jcode, root = junit(str(warn_only), *flags)
    ccode, concise, _ = run_cli("check", str(warn_only), *flags, "--format", "concise")
    assert code == jcode == ccode == (1 if strict else 0)
    assert ("结论：未通过" in out) is strict and ("结论：通过" in out) is not strict
    assert concise.splitlines()[-1].startswith("结论：未通过" if strict else "结论：通过")
    assert root.get("failures") == ("1" if strict else "0")
    case = next(c for c in root.iter("testcase") if c.get("name") == "materials.extra")
    assert (case.find("failure") is not None) is strict
    if not strict:
        assert "DS_Store" in (case.findtext("system-out") or "")


def test_junit_one_testcase_per_rule_per_submission() -> None:
    code, root = junit(str(EXAMPLE_01), str(EXAMPLE_02))
    suites = root.findall("testsuite")
    assert code == 1 and [s.get("name") for s in suites] == [str(EXAMPLE_01), str(EXAMPLE_02)]
    for suite in suites:
        cases = suite.findall("testcase")
        names = [c.get("name") for c in cases]
        assert len(names) == len(set(names)) and all("#" not in n and " " not in n for n in names)
        assert {c.get("classname") for c in cases} == {suite.get("name")}
        assert int(suite.get("tests", "0")) == len(cases) and float(suite.get("time", "-1")) > 0
    assert int(root.get("tests", "0")) == sum(int(s.get("tests", "0")) for s in suites)
    assert root.get("failures") == "16"  # 1 in example 01, 15 failing rules in example 02
    assert float(root.get("time", "0")) > 0
    body = next(c for c in suites[1] if c.get("name") == "report.body_style")
    failure = body.find("failure")
    assert failure is not None and failure.text is not None
    assert "位置: 第 4、7、10、13 段" in failure.text
    assert "修改方法: 选中这些段落" in failure.text and "None" not in failure.text


def test_junit_names_do_not_change_under_select() -> None:
    _, everything = junit(str(EXAMPLE_02))
    _, video = junit(str(EXAMPLE_02), "--select", "video")
    names = {
        c.get("name") for c in everything.iter("testcase") if c.get("name", "").startswith("video.")
    }
    assert names == {c.get("name") for c in video.iter("testcase")}


def test_junit_in_english() -> None:
    _, out, _ = run_cli(
        "check", str(EXAMPLE_02), "--format", "junit", "--lang", "en", "--select", "video.duration"
    )
    assert "fix: Trim the video" in out or "fix: " in out
    assert "修改方法" not in out


def test_concise_lines_and_total() -> None:
    code, out, _ = run_cli(
        "check", str(EXAMPLE_01), str(EXAMPLE_02), "--format", "concise", "--no-content"
    )
    lines = out.splitlines()
    assert code == 1 and lines[-1].startswith("共 2 个案例，结论：未通过 — 不合格 16 项")
    body = next(line for line in lines if "report.body_style" in line)
    assert body.startswith(
        f"{EXAMPLE_02 / '总结报告.docx'}:第 4、7、10、13 段: report.body_style fail 第 4、7"
    )
    assert f"{EXAMPLE_01 / '案例视频.mp4'}: video.duration fail 视频时长" in out
    assert not any(" pass " in line for line in lines)
    assert len(lines) == 1 + 2 + 18  # total + example 01 (fail, manual) + example 02
