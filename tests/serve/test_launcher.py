"""``casecheck serve --launcher``: a launcher on the desktop that runs this installation."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from casecheck.serve.launcher import launcher_text, write_launcher

PYTHON_WITH_SPACE = "/opt/学校 工具/.venv/bin/python"


def test_serve_launcher_writes_onto_the_desktop(tmp_path: Path) -> None:
    """Run as a teacher would: the launcher lands in ~/Desktop (not in any case folder),
    says where, and names this Python, so it works wherever the file is moved."""
    (tmp_path / "Desktop").mkdir()
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-m", "casecheck", "serve", "--launcher"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    (written,) = (tmp_path / "Desktop").iterdir()
    assert written.name.startswith("casecheck 检查页面")
    assert str(written) in run.stdout and "双击" in run.stdout
    assert sys.executable in written.read_text(encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="runs the POSIX launchers")
@pytest.mark.parametrize("system", ["darwin", "linux"])
def test_the_launcher_runs_casecheck_serve(system: str) -> None:
    """The .command (sh) and the .desktop entry's Exec line start ``casecheck serve`` with
    this Python (asked for --help here, so no server starts)."""
    suffix, text = launcher_text(sys.executable, system, "zh")
    if system == "darwin":
        command = ["sh", "-c", text.split("exec ", 1)[1].strip(), "launcher", "--help"]
        assert text.startswith("#!/bin/sh\n")
    else:
        (exec_line,) = [line for line in text.splitlines() if line.startswith("Exec=")]
        command = [*shlex.split(exec_line.removeprefix("Exec=")), "--help"]
        assert suffix == ".desktop" and "Terminal=true" in text
    run = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "--launcher" in run.stdout


@pytest.mark.parametrize("system", ["win32", "darwin", "linux"])
def test_a_python_path_with_spaces_and_chinese_is_quoted(system: str) -> None:
    suffix, text = launcher_text(PYTHON_WITH_SPACE, system, "en")
    if system == "win32":
        assert suffix == ".cmd" and text.count("\r\n") == text.count("\n")
        assert f'"{PYTHON_WITH_SPACE}" -m casecheck serve --lang en %*' in text
        assert "chcp 65001" in text
    elif system == "darwin":
        assert f"exec '{PYTHON_WITH_SPACE}' -m casecheck serve --lang en" in text
    else:
        assert f'Exec="{PYTHON_WITH_SPACE}" -m casecheck serve --lang en' in text


def test_write_launcher_makes_it_executable(tmp_path: Path) -> None:
    path = write_launcher(tmp_path, "en")
    assert path.parent == tmp_path and path.name.startswith("casecheck check page")
    if sys.platform != "win32":
        assert path.stat().st_mode & 0o111
