"""Rule packs: built-ins, extends, user directories, and errors that name file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from casecheck.packs import PackError, load_library
from casecheck.packs.loader import ENV_PACKS_DIR
from casecheck.packs.ruleset import RuleSet


def test_builtin_packs_and_extends() -> None:
    lib = load_library()
    assert lib.ids() == ["hunan2026-ai-case", "ncet2026-evidence", "ncet2026-studio"]
    assert "ncet2026-common" in lib.ids(include_abstract=True)
    evidence, studio = lib.get("ncet2026-evidence"), lib.get("ncet2026-studio")
    # Inherited from the base, untouched.
    assert evidence.rules["video.duration"].params == {
        "field": "duration_s",
        "min": 420,
        "max": 600,
        "unit": "duration",
    }
    # Overridden per case type.
    assert evidence.rules["report.sections"].params["level1_titles"][0] == "案例概述"
    assert studio.rules["report.sections"].params["level1_titles"][-1] == "持续改进计划"
    assert evidence.rules["report.sections"].checker == "report.sections"
    rules = RuleSet(lib)
    for pack in lib.all():
        assert pack.rules["video.duration"].requirement == "案例视频总时长 7-10 分钟之间"
    assert rules.problems(lib.ids(include_abstract=True)) == []  # every built-in rule's params fit
    for pack in lib.all():
        for rule in rules.rules(pack.id).values():
            assert rule.checker is not None and rule.params is not None, rule.id


def test_hunan_quota_table_is_data() -> None:
    quota = load_library().get("hunan2026-ai-case").rules["batch.quota"].params
    assert quota["regions"]["长沙市"] == {
        "total": 114,
        "教AI": 23,
        "用AI": 46,
        "创AI": 23,
        "护AI": 23,
    }
    assert len(quota["regions"]) == 14 and quota["overall"]["total"] == 750


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_user_pack_overrides_parameters_without_code(tmp_path: Path) -> None:
    write(
        tmp_path / "next.yaml",
        """
id: ncet2027-evidence
extends: ncet2026-evidence
title: {zh: 2027 循证教研, en: 2027 evidence}
source: 2027 指南
rules:
  video.duration:
    params: {min: 300, max: 480}
    requirement: 案例视频总时长 5-8 分钟之间
  video.frame_rate:
    params: {fps: 30}
  courseware.logo: null
""",
    )
    pack = load_library([tmp_path]).get("ncet2027-evidence")
    assert pack.rules["video.duration"].params == {
        "field": "duration_s",
        "min": 300,
        "max": 480,
        "unit": "duration",
    }
    assert pack.rules["video.frame_rate"].params["fps"] == 30
    assert "courseware.logo" not in pack.rules
    assert pack.rules["report.sections"].params["level1_titles"][0] == "案例概述"


def test_environment_variable_adds_a_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path / "mine.yaml",
        "id: mine\nextends: ncet2026-studio\ntitle: {zh: 我的, en: mine}\nsource: x\n",
    )
    monkeypatch.setenv(ENV_PACKS_DIR, str(tmp_path))
    assert "mine" in load_library().ids()


def test_invalid_field_names_file_line_and_field(tmp_path: Path) -> None:
    write(
        tmp_path / "bad.yaml",
        """id: bad
extends: ncet2026-common
title: {zh: 坏, en: bad}
source: x
rules:
  video.duration:
    severity: fatal
""",
    )
    with pytest.raises(PackError) as exc:
        load_library([tmp_path]).get("bad")
    message = str(exc.value)
    assert "bad.yaml:7" in message and "rules.video.duration.severity" in message


def test_invalid_checker_params_are_named(tmp_path: Path) -> None:
    write(
        tmp_path / "bad.yaml",
        """id: bad
extends: ncet2026-evidence
title: {zh: 坏, en: bad}
source: x
rules:
  video.frame_rate:
    params: {fsp: 30}
""",
    )
    rules = RuleSet(load_library([tmp_path]))
    with pytest.raises(PackError) as exc:
        _ = rules.rules("bad")["video.frame_rate"].params
    assert "bad.yaml:7" in str(exc.value)
    assert "rules.video.frame_rate.params.fsp" in str(exc.value)


def test_broken_yaml_and_unknown_base(tmp_path: Path) -> None:
    write(tmp_path / "broken.yaml", "id: x\nrules: [unclosed\n")
    with pytest.raises(PackError, match=r"broken\.yaml"):
        load_library([tmp_path])
    (tmp_path / "broken.yaml").unlink()
    write(
        tmp_path / "orphan.yaml", "id: orphan\nextends: nothing\ntitle: {zh: a, en: a}\nsource: x\n"
    )
    with pytest.raises(PackError, match=r"orphan.yaml:2: extends: unknown pack: nothing"):
        load_library([tmp_path]).get("orphan")
