"""``check`` tells a terminal what it is doing (each file read, how far the video's decoding
is); a pipe gets nothing but the report."""

from __future__ import annotations

import pytest
from rich.console import Console

from casecheck.engine import Options, check_submission
from casecheck.packs.ruleset import load_ruleset
from casecheck.render.progress import may_be_terminal, progress_line
from tests.factories.examples_run import EXAMPLE_02, run_cli


def test_the_engine_says_each_read_and_the_decoding() -> None:
    events: list[dict[str, object]] = []
    check_submission(EXAMPLE_02, load_ruleset(), Options(), progress=events.append)
    reads = [e["material"] for e in events if e["stage"] == "read"]
    assert {"info_form", "courseware", "video", "report", "video_content"} <= set(reads)
    assert len(reads) == len(set(reads))  # each file read once
    decoded = [e for e in events if e["stage"] == "decode"]
    assert decoded and all(e["file"] == "视频.mp4" for e in decoded)
    times = [float(e["done_s"]) for e in decoded]  # type: ignore[arg-type]
    assert times == sorted(times) and 0 < float(decoded[-1]["total_s"]) < 2  # type: ignore[arg-type]
    lines = [progress_line(e, "zh") for e in events]
    assert "正在读取案例视频：视频.mp4" in lines
    assert any(
        line and line.startswith("正在解码视频的声音与画面：视频.mp4 00:0") for line in lines
    )


def test_nothing_but_the_report_in_a_pipe() -> None:
    code, _, err = run_cli("check", str(EXAMPLE_02))
    assert code == 1 and "正在读取" not in err and "正在解码" not in err


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"FORCE_COLOR": "1"},
        {"FORCE_COLOR": ""},
        {"TTY_COMPATIBLE": "1"},
        {"TTY_COMPATIBLE": "0"},
    ],
)
def test_rich_is_left_unimported_only_where_it_would_find_no_terminal(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    if Console(stderr=True).is_terminal:
        assert may_be_terminal()
    if not env:  # pytest's captured stderr: rich finds no terminal, and is not needed to say so
        assert not may_be_terminal()
