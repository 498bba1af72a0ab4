"""Usage errors: the chosen language, a fix, exit 2, before any work; did-you-mean; -h, --version."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories.examples_run import EXAMPLE_02, EXAMPLES, run_cli


def casecheck(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed entry point's way (python -m casecheck): the parser's errors too."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "casecheck", *args], capture_output=True, text=True, env=env
    )


def test_missing_path_in_chinese_and_english(tmp_path: Path) -> None:
    code, out, err = run_cli("check", str(tmp_path / "我的案例"))
    assert (code, out) == (2, "")
    assert "错误：找不到路径" in err and "修改方法：" in err and "Traceback" not in err
    code, _, err = run_cli("check", str(tmp_path / "missing"), "--lang", "en")
    assert code == 2 and "error: path not found" in err and "fix: " in err


def test_misspelt_rule_and_pack_get_did_you_mean() -> None:
    code, _, err = run_cli("check", str(EXAMPLE_02), "--select", "video.duraton")
    assert (
        code == 2 and "没有这条规则：video.duraton" in err and "您是不是想写 video.duration" in err
    )
    code, _, err = run_cli("check", str(EXAMPLE_02), "--pack", "ncet2026-evidense")
    assert code == 2 and "您是不是想写 ncet2026-evidence" in err
    code, _, err = run_cli("explain", "report.body_stlye", "--lang", "en")
    assert code == 2 and "Did you mean report.body_style?" in err


def test_output_into_a_missing_directory_is_refused_before_checking(tmp_path: Path) -> None:
    """Was: a traceback and exit 1 after the whole check."""
    target = tmp_path / "missing" / "report.txt"
    code, out, err = run_cli("check", str(EXAMPLE_02), "-o", str(target))
    assert (code, out) == (2, "") and "不存在" in err and str(target.parent) in err
    code, _, err = run_cli("check", str(EXAMPLE_02), "-o", str(EXAMPLE_02 / "报告.txt"))
    assert code == 2 and "不能把" in err  # never write inside a submission folder


def test_batch_refuses_missing_output_folder_and_empty_root(tmp_path: Path) -> None:
    """Was: the whole batch ran, then failed in English; an empty root said 「共 0 个案例」, exit 0."""
    (tmp_path / "a-file").write_text("x", encoding="utf-8")  # batch creates missing folders,
    target = tmp_path / "a-file" / "x.xlsx"  # but not below a file
    code, _, err = run_cli("batch", str(EXAMPLES), "--xlsx", str(target))
    assert code == 2 and "输出文件的文件夹" in err
    empty = tmp_path / "空目录"
    empty.mkdir()
    code, out, err = run_cli("batch", str(empty))
    assert (code, out) == (2, "") and "没有找到案例文件夹" in err
    code, _, err = run_cli("batch", str(tmp_path / "推荐案列"))
    assert code == 2 and "找不到路径" in err


def test_all_pack_problems_in_one_report_with_file_line_field(tmp_path: Path) -> None:
    """Was: English pydantic messages, YAML errors without the file, params only in round two."""
    (tmp_path / "mine.yaml").write_text(
        "id: mine\n"
        "extends: ncet2026-evidence\n"
        "title: {zh: 我的, en: mine}\n"
        "source: x\n"
        "colour: red\n"
        "rules:\n"
        "  video.duration:\n"
        "    checker: media.number\n"
        "    severity: fatal\n"
        "    params: {field: duration_s, min: many, mx: 3}\n",
        encoding="utf-8",
    )
    (tmp_path / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    code, _, err = run_cli("rules", "--packs-dir", str(tmp_path))
    assert code == 2
    mine = str(tmp_path / "mine.yaml")
    assert f"{mine}:5: colour: 不认识的字段" in err
    assert f"{mine}:9: rules.video.duration.severity: 取值只能是 'error' or 'warning'" in err
    assert f"{mine}:10: rules.video.duration.params.min: 应为数字" in err
    assert f"{mine}:10: rules.video.duration.params.mx: 不认识的字段" in err
    assert f"{tmp_path / 'broken.yaml'}:3: YAML 格式错误" in err
    assert "规则包有 5 处错误" in err and "<unicode string>" not in err
    code, _, err = run_cli("rules", "--packs-dir", str(tmp_path), "--lang", "en")
    assert code == 2 and "unknown field" in err and "5 problems in the packs" in err


def test_parser_errors_are_translated_and_exit_2() -> None:
    result = casecheck("check", str(EXAMPLE_02), "--formt", "json")
    assert result.returncode == 2 and "没有这个选项：--formt" in result.stderr
    assert "您是不是想写 --format" in result.stderr
    result = casecheck("check", str(EXAMPLE_02), "--format", "xml")
    assert result.returncode == 2 and "--format 不能取 xml" in result.stderr
    result = casecheck("check", "--lang", "en")
    assert result.returncode == 2 and "error: missing PATH" in result.stderr


def test_fix_without_output_suggests_a_folder_beside_the_teachers_own() -> None:
    """「缺少 --output」 comes with the command to copy: the teacher's folder, quoted for the
    shell, and a corrected-copy folder beside it — not a placeholder."""
    from casecheck.vocabulary import command

    beside = EXAMPLE_02.with_name(EXAMPLE_02.name + "-修改后")
    result = casecheck("fix", str(EXAMPLE_02))
    assert result.returncode == 2 and "缺少 --output/-o" in result.stderr
    assert command("fix", EXAMPLE_02, "-o", beside) in result.stderr
    result = casecheck("fix", str(EXAMPLE_02), "--lang", "en")
    assert command("fix", EXAMPLE_02, "-o", EXAMPLE_02.with_name(EXAMPLE_02.name + "-fixed")) in (
        result.stderr
    )


def test_version_and_short_help() -> None:
    from casecheck import __version__

    code, out, _ = run_cli("--version")
    assert code == 0 and out.strip() == f"casecheck {__version__}"
    for command in ("check", "batch", "packs", "rules", "explain", "inspect", "schema"):
        code, out, _ = run_cli(command, "-h")
        assert code == 0 and "Usage:" in out
        assert "<" not in out.replace("<unicode", ""), f"a Python type name in {command} -h"
        options = [line for line in out.splitlines() if line.lstrip().startswith("-")]
        undocumented = [line for line in options if len(line.split()) < 2]
        assert not undocumented, (command, undocumented)


@pytest.mark.parametrize("name", ["examples", "examples/"])
def test_check_on_the_parent_of_submissions_checks_each(name: str) -> None:
    """Was: examples/ taken as one submission with all four materials 「未找到」."""
    root = EXAMPLES.parent
    code, out, err = run_cli("check", str(root / name), "--format", "concise")
    assert code == 1
    assert "本身不是案例文件夹，里面有 2 个案例文件夹" in err and "casecheck batch" in err
    assert out.splitlines()[-1].startswith("共 2 个案例")
    assert "未找到" not in out


def test_three_mistakes_in_a_user_pack_in_one_run(tmp_path: Path) -> None:
    """An unknown checker, a parameter of the wrong type and a bad severity: three problems,
    each with file:line, in Chinese by default, in one run (packs/ruleset.py)."""
    pack = tmp_path / "next-year.yaml"
    pack.write_text(
        "id: next-year\n"
        "extends: ncet2026-evidence\n"
        "title: {zh: 明年, en: next year}\n"
        "source: 2027 指南\n"
        "rules:\n"
        "  video.duration:\n"
        "    params: {field: duration_s, min: 七分钟, max: 600}\n"
        "  video.frame_rate:\n"
        "    severity: 严重\n"
        "  video.sharpness:\n"
        "    checker: media.sharpnes\n"
        "    material: video\n",
        encoding="utf-8",
    )
    code, out, err = run_cli("check", str(EXAMPLE_02), "--packs-dir", str(tmp_path))
    assert (code, out) == (2, "")
    assert "规则包有 3 处错误" in err
    assert f"{pack}:7: rules.video.duration.params.min: 应为数字" in err
    assert f"{pack}:9: rules.video.frame_rate.severity: 取值只能是" in err
    assert f"{pack}:11: rules.video.sharpness.checker: 没有名为 media.sharpnes 的检查器" in err
