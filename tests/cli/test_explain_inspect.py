"""explain RULE|PREFIX, packs/rules tables, and inspect's usage messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from casecheck.checkers.registry import load_checkers
from casecheck.render.explain import explanation_of
from tests.factories.examples_run import EXAMPLE_02, run_cli
from tests.factories.submission_factory import make_ole2
from tests.factories.video_factory import make_video


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
    assert code == 1 and "视频.mp4 实际是 MP4，不能按案例总结报告读取" in out
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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_inspect_on_odd_files_says_what_they_are_without_internal_names(
    tmp_path: Path, lang: str
) -> None:
    """An encrypted Word file, a legacy .doc, a truncated MP4, an MKV with no brand: exit 1 (or
    0 with facts) and words a teacher reads — no 「ooxml_encrypted / zip / ole2」, no None."""
    encrypted = make_ole2(tmp_path / "加密.docx", "EncryptedPackage")
    legacy = make_ole2(tmp_path / "旧版.doc", "WordDocument")
    whole = make_video(tmp_path / "whole.mp4", seconds=0.4)
    cut = tmp_path / "截断.mp4"
    cut.write_bytes(whole.read_bytes()[:3000])
    mkv = make_video(tmp_path / "a.mkv", container="matroska", seconds=0.2, audio=None)
    runs = [
        (encrypted, (), 1),
        (encrypted, ("--as", "video"), 1),
        (encrypted, ("--as", "video_content"), 1),
        (encrypted, ("--as", "info_form"), 1),
        (legacy, (), 1),
        (legacy, ("--as", "report"), 1),
        (cut, (), 1),
        (cut, ("--as", "video_content"), 1),
        (cut, ("--as", "info_form"), 1),
        (mkv, (), 0),
    ]
    for path, extra, expected in runs:
        code, out, err = run_cli("inspect", str(path), *extra, "--lang", lang)
        said = out + err
        assert code == expected, (path.name, extra, said)
        internal = ["ooxml_encrypted", "ole2", " zip", "None", "Traceback"]
        if lang == "zh":  # FFmpeg's English reason is kept in the English sentence
            internal.append("Invalid data")
        for word in internal:
            assert word not in said, (path.name, extra, word, said)
    code, out, _ = run_cli("inspect", str(encrypted), "--as", "video")
    assert "设置了打开密码的 Office 文件，不能按案例视频读取" in out
