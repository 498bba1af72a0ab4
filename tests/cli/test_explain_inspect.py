"""explain RULE|PREFIX, packs/rules tables, and inspect's usage messages."""

from __future__ import annotations

from pathlib import Path

from casecheck.checkers.registry import load_checkers
from casecheck.render.explain import explanation_of
from tests.factories.examples_run import EXAMPLE_02, run_cli


def test_every_builtin_checker_explains_itself() -> None:
    missing = [name for name, chk in load_checkers().items() if explanation_of(chk) is None]
    assert missing == []


def test_explain_a_rule_in_chinese_and_english() -> None:
    code, out, _ = run_cli("explain", "report.word_count")
    assert code == 0
    for label in ("要求（原文）：", "怎样算通过：", "不通过的例子：", "参数：", "如何修改："):
        assert label in out
    assert "不超过 3000 字" in out and "max_chars" in out and "{" not in out
    code, out, _ = run_cli("explain", "report.word_count", "--lang", "en")
    assert code == 0 and "How to fix: " in out and "at most 3000" in out and "如何修改" not in out


def test_explain_a_prefix_and_the_range_is_not_eaten() -> None:
    """Was: `explain video` failed; `explain video.duration` printed 「lies in  or within」."""
    code, out, _ = run_cli("explain", "video")
    assert code == 0
    for rule in ("video.duration", "video.resolution", "video.frame_rate", "video.audio_codec"):
        assert rule in out
    assert "420–600" in out


def test_markup_in_a_user_pack_is_shown_not_parsed(tmp_path: Path) -> None:
    """Was: a `[/b]` in a pack's requirement crashed rules/explain with MarkupError."""
    (tmp_path / "mine.yaml").write_text(
        "id: mine\nextends: ncet2026-evidence\ntitle: {zh: '我的 [b]包[/b]', en: mine}\n"
        "source: x\nrules:\n  video.duration:\n    requirement: '时长 [min, max] 之间[/b]'\n",
        encoding="utf-8",
    )
    code, out, err = run_cli("rules", "--pack", "mine", "--packs-dir", str(tmp_path))
    assert code == 0 and "时长 [min, max] 之间[/b]" in out and "Traceback" not in err
    code, out, _ = run_cli(
        "explain", "video.duration", "--pack", "mine", "--packs-dir", str(tmp_path)
    )
    assert code == 0 and "「时长 [min, max] 之间[/b]」" in out
    code, out, _ = run_cli("packs", "--packs-dir", str(tmp_path))
    assert code == 0 and "我的 [b]包[/b]" in out


def test_packs_and_rules_keep_ids_whole_with_chinese_headers() -> None:
    """Was: 「hunan2026-ai-c…」, 「materials.info_f…」 and English headers in Chinese mode."""
    code, out, _ = run_cli("packs")
    assert code == 0 and "hunan2026-ai-case" in out and "规则包 id" in out and "…" not in out
    code, out, _ = run_cli("rules")
    assert code == 0 and "materials.info_form" in out and "规则 id" in out and "严重程度" in out


def test_inspect_usage_messages(tmp_path: Path) -> None:
    """Was: `inspect FOLDER` said "file not found"; `x.mp4 --as report` 「文件已损坏」 exit 0.
    A file of the wrong kind is not a usage error: exit 1 with the words ``check`` uses."""
    code, _, err = run_cli("inspect", str(EXAMPLE_02))
    assert code == 2 and "是文件夹" in err and "casecheck check" in err
    code, out, _ = run_cli("inspect", str(EXAMPLE_02 / "视频.mp4"), "--as", "report")
    assert code == 1 and "视频.mp4 实际是MP4，不能按案例总结报告读取" in out
    code, _, err = run_cli("inspect", str(EXAMPLE_02 / "视频.mp4"), "--as", "vidoe")
    assert code == 2 and "您是不是想写 video" in err
    code, _, _ = run_cli("inspect", str(EXAMPLE_02 / "视频.mp4"), "--format", "junit")
    assert code == 2  # json|text only, no silent text
    code, _, err = run_cli("inspect", str(tmp_path / "无.docx"))
    assert code == 2 and "找不到文件" in err and "您是不是想写" not in err


def test_inspect_of_a_missing_file_suggests_a_close_name_as_check_does() -> None:
    """Was: 「找不到文件」 with no did-you-mean, while check's 「找不到路径」 had one."""
    typo = EXAMPLE_02 / "课件.ppt"
    for lang, said in (("zh", "您是不是想写 {}？"), ("en", "Did you mean {}?")):
        code, out, err = run_cli("inspect", str(typo), "--lang", lang)
        assert (code, out) == (2, "") and said.format(EXAMPLE_02 / "课件.pptx") in err
        code, _, err = run_cli("check", str(EXAMPLE_02.parent / "02-名师"), "--lang", lang)
        assert code == 2 and said.format(EXAMPLE_02) in err  # the one name it begins
