"""The packs are parsed in one C-loader pass and the validated library is cached between runs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from casecheck.packs import PackError, load_library
from casecheck.packs.loader import parse_pack_file
from casecheck.validation import yaml_loader

PACK = "id: mine\nextends: ncet2026-evidence\ntitle: {{zh: 我的, en: {title}}}\nsource: s\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("CASECHECK_CACHE_DIR", str(directory))
    return directory / "packs"


def test_the_c_loader_parses_and_keeps_line_numbers(tmp_path: Path) -> None:
    assert yaml_loader().__name__ == "CSafeLoader"
    path = tmp_path / "p.yaml"
    path.write_text(
        "id: p\ntitle: {zh: a, en: a}\nsource: s\nrules:\n  x.y:\n    checker: media.codec\n",
        encoding="utf-8",
    )
    raw = parse_pack_file(path)
    assert raw.data["rules"]["x.y"] == {"checker": "media.codec"}
    assert raw.lines[("rules", "x.y", "checker")] == 6


def test_second_load_comes_from_the_cache_and_an_edit_is_seen(tmp_path: Path, cache: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    pack = packs / "mine.yaml"
    pack.write_text(PACK.format(title="Mine"), encoding="utf-8")
    assert load_library([packs]).get("mine").title.en == "Mine"
    (stored,) = cache.glob("*.pickle")
    assert load_library([packs]).get("mine").title.en == "Mine"
    assert list(cache.glob("*.pickle")) == [stored]  # served, not rebuilt
    mtime = pack.stat().st_mtime_ns
    pack.write_text(PACK.format(title="Ours"), encoding="utf-8")  # size changes
    assert load_library([packs]).get("mine").title.en == "Ours"
    pack.write_text(PACK.format(title="Them"), encoding="utf-8")  # same size …
    os.utime(pack, ns=(mtime + 10**9, mtime + 10**9))  # … another mtime
    assert load_library([packs]).get("mine").title.en == "Them"


def test_a_broken_library_is_not_cached_and_still_reports_its_error(
    tmp_path: Path, cache: Path
) -> None:
    (tmp_path / "bad.yaml").write_text(
        "id: bad\ntitle: {zh: a, en: a}\nsource: s\nrules:\n  x:\n    severity: fatal\n",
        encoding="utf-8",
    )
    for _ in range(2):
        with pytest.raises(PackError, match=r"bad.yaml:5"):
            load_library([tmp_path]).get("bad")
    assert not list(cache.glob("*.pickle"))


def test_the_cache_is_never_written_inside_a_submission(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "案例"
    folder.mkdir()
    monkeypatch.setenv("CASECHECK_CACHE_DIR", str(folder / "cache"))
    load_library(never_under=[folder])
    assert list(folder.iterdir()) == []
