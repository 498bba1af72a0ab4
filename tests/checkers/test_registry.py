"""Third-party checkers register through the casecheck.checkers entry-point group."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from casecheck.checkers import BUILTIN_MODULES, registry
from casecheck.engine import Options, check_submission
from casecheck.packs.ruleset import load_ruleset
from tests.factories.video_factory import make_video

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
    monkeypatch.syspath_prepend(str(_fake_plugin(tmp_path, "acme = acme_checks")))
    monkeypatch.setattr(registry, "_loaded", False)
    monkeypatch.setattr(registry, "_plugins", None)
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
        folder, load_ruleset([packs]), Options(select=["acme"]), explicit_pack="acme"
    )
    (finding,) = result.findings
    assert finding.rule == "acme.size" and finding.status.value == "pass"
    assert finding.actual == (folder / "视频.mp4").stat().st_size
    sys.modules.pop("acme_checks", None)
    registry._REGISTRY.pop("acme.file_size", None)


def _fake_plugin(tmp_path: Path, entry: str) -> Path:
    site = tmp_path / "site"
    (site / "acme_checks").mkdir(parents=True)
    (site / "acme_checks" / "__init__.py").write_text(PLUGIN, encoding="utf-8")
    dist = site / "acme_checks-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: acme-checks\nVersion: 1.0\n", encoding="utf-8"
    )
    (dist / "entry_points.txt").write_text(f"[casecheck.checkers]\n{entry}\n", encoding="utf-8")
    return site


@pytest.mark.parametrize("entry", ["acme.file_size = acme_checks", "acme.* = acme_checks"])
def test_a_plugin_named_after_its_checker_loads_only_when_a_rule_needs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entry: str
) -> None:
    monkeypatch.syspath_prepend(str(_fake_plugin(tmp_path, entry)))
    monkeypatch.setattr(registry, "_plugins", None)
    monkeypatch.setattr(registry, "_imported", registry._imported - {"acme_checks"})
    try:
        assert registry.get_checker("media.codec") is not None
        assert "acme_checks" not in sys.modules  # a built-in name never scans plugins
        assert registry.module_of("acme.file_size") == "acme_checks"
        assert "acme_checks" not in sys.modules  # knowing the module imports nothing
        chk = registry.get_checker("acme.file_size")
        assert chk is not None and chk.facts == "video"
        assert "acme_checks" in sys.modules
    finally:
        sys.modules.pop("acme_checks", None)
        registry._REGISTRY.pop("acme.file_size", None)


def test_builtin_modules_table_names_exactly_the_checkers_each_module_registers() -> None:
    registry.load_checkers()
    for module, names in BUILTIN_MODULES.items():
        full = f"casecheck.checkers.{module}"
        registered = {c.name for c in registry._REGISTRY.values() if c.run.__module__ == full}
        assert registered == set(names), module


HEAVY = ("docx", "pptx", "pymediainfo", "zxingcpp")
PROBE = """
import sys
from casecheck.cli import app
sys.argv = ["casecheck", *sys.argv[1:]]
try:
    app()
except SystemExit:
    pass
heavy = [m for m in {heavy!r} if m in sys.modules]
checkers = [m for m in sys.modules if m.startswith("casecheck.checkers.")]
checkers = sorted(set(checkers) - {{"casecheck.checkers.registry"}})
print("LOADED", heavy, file=sys.stderr)
print("CHECKERS", checkers, file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [["--help"], ["packs"], ["rules"], ["explain", "courseware.qr_code"], ["explain", "form.type"]],
)
def test_listing_commands_never_import_the_file_libraries(args: list[str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = proc.stderr.splitlines()
    assert "LOADED []" in lines, proc.stderr
    if args[0] != "explain":  # listings import no checker module at all
        assert "CHECKERS []" in lines, proc.stderr


def test_check_without_content_never_imports_the_decoders(tmp_path: Path) -> None:
    """`check --no-content` judges the video by MediaInfo only: PyAV, numpy and OpenCV (the
    content reader's libraries) and the batch machinery stay unloaded."""
    folder = tmp_path / "案例"
    folder.mkdir()
    make_video(folder / "案例视频.mp4", seconds=0.5)
    probe = PROBE.format(heavy=("av", "numpy", "cv2", "casecheck.batch.run"))
    proc = subprocess.run(
        [sys.executable, "-c", probe, "check", str(folder), "--no-content", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = proc.stderr.splitlines()
    assert "LOADED []" in lines, proc.stderr
    assert any("casecheck.checkers.media_sound" in line for line in lines), proc.stderr
