"""Third-party checkers register through the casecheck.checkers entry-point group."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from casecheck.checkers import registry
from casecheck.engine import Options, check_submission
from casecheck.packs import load_library
from tests.video_factory import make_video

PLUGIN = '''
from casecheck.checkers.registry import checker
from casecheck.i18n import Text

@checker("acme.file_size", facts="video")
def file_size(facts, ctx):
    """Pass: any video. Reports the file size."""
    yield ctx.ok(Text(f"{facts.file_size} 字节", f"{facts.file_size} bytes"), actual=facts.file_size)
'''


def test_entry_point_plugin_is_loaded_and_used_by_a_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    (site / "acme_checks").mkdir(parents=True)
    (site / "acme_checks" / "__init__.py").write_text(PLUGIN, encoding="utf-8")
    dist = site / "acme_checks-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: acme-checks\nVersion: 1.0\n", encoding="utf-8"
    )
    (dist / "entry_points.txt").write_text(
        "[casecheck.checkers]\nacme = acme_checks\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setattr(registry, "_loaded", False)
    assert "acme.file_size" in registry.load_checkers()

    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "acme.yaml").write_text(
        "id: acme\nextends: ncet2026-evidence\ntitle: {zh: a, en: a}\nsource: s\n"
        "rules:\n  acme.size:\n    checker: acme.file_size\n    material: video\n",
        encoding="utf-8",
    )
    folder = tmp_path / "case"
    folder.mkdir()
    make_video(folder / "视频.mp4", seconds=0.2)
    result = check_submission(
        folder, load_library([packs]), Options(select=["acme"]), explicit_pack="acme"
    )
    (finding,) = result.findings
    assert finding.rule == "acme.size" and finding.status.value == "pass"
    assert finding.actual == (folder / "视频.mp4").stat().st_size
    sys.modules.pop("acme_checks", None)
    registry._REGISTRY.pop("acme.file_size", None)
