"""``inspect`` on a video tells AI-generation marks apart from ordinary tags (the encoder)."""

from __future__ import annotations

from tests.factories.examples_run import EXAMPLE_02, run_cli


def test_the_encoder_tag_is_not_an_ai_mark() -> None:
    code, out, _ = run_cli("inspect", str(EXAMPLE_02 / "视频.mp4"))
    assert code == 0
    assert "其他来源标记" in out and "MP4 ilst ©too" in out
    assert "AI 生成标记" not in out
