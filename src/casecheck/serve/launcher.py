"""``casecheck serve --launcher``: a double-clickable file on the desktop that opens the page.

The launchers shipped in launchers/ find casecheck around their own folder (a checkout's
.venv), so a copy on the desktop would find nothing. This one names the Python that runs
casecheck now, so it works wherever it is put: a .cmd on Windows, a .command on macOS, a
.desktop entry on Linux desktops (统信 UOS, 麒麟, GNOME, KDE).
"""

from __future__ import annotations

import contextlib
import shlex
import subprocess
import sys
from pathlib import Path

from casecheck.i18n import Lang

NAME = {"zh": "casecheck 检查页面", "en": "casecheck check page"}


def desktop() -> Path:
    """The user's desktop folder (XDG's on Linux, 桌面 or Desktop), else the home folder."""
    home = Path.home()
    if sys.platform.startswith("linux"):
        try:
            named = subprocess.run(
                ["xdg-user-dir", "DESKTOP"], capture_output=True, text=True, timeout=5
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            named = ""
        if named and Path(named).is_dir() and Path(named) != home:
            return Path(named)
    for name in ("Desktop", "桌面"):
        if (home / name).is_dir():
            return home / name
    return home


def launcher_text(python: str, system: str, lang: Lang) -> tuple[str, str]:
    """(file suffix, content) of a launcher running ``python -m casecheck serve`` on
    ``system`` ("win32", "darwin" or anything else for a Linux desktop)."""
    if system == "win32":
        lines = [
            "@echo off",
            "rem " + NAME["zh"] + " / " + NAME["en"] + " (casecheck serve --launcher)",
            "chcp 65001 >nul",
            f'"{python}" -m casecheck serve --lang {lang} %*',
            "if errorlevel 2 pause",
        ]
        return ".cmd", "\r\n".join(lines) + "\r\n"
    command = f"{shlex.quote(python)} -m casecheck serve --lang {lang}"
    if system == "darwin":
        return ".command", f'#!/bin/sh\n# {NAME["zh"]} / {NAME["en"]}\nexec {command} "$@"\n'
    quoted = '"' + python.replace("\\", "\\\\").replace('"', '\\"') + '"'
    entry = [
        "[Desktop Entry]",
        "Type=Application",
        f"Name={NAME[lang]}",
        f"Name[zh_CN]={NAME['zh']}",
        f"Exec={quoted} -m casecheck serve --lang {lang}",
        "Terminal=true",
        "Categories=Education;",
    ]
    return ".desktop", "\n".join(entry) + "\n"


def write_launcher(folder: Path, lang: Lang, python: str | None = None) -> Path:
    """Write the launcher for this system into ``folder``; returns its path."""
    suffix, text = launcher_text(python or sys.executable, sys.platform, lang)
    path = folder / (NAME[lang] + suffix)
    path.write_text(text, encoding="utf-8", newline="")
    if suffix != ".cmd":
        path.chmod(path.stat().st_mode | 0o755)
        if suffix == ".desktop":
            _trust(path)
    return path


def _trust(path: Path) -> None:
    """GNOME asks before it runs an untrusted .desktop file; mark it trusted where gio is."""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(
            ["gio", "set", str(path), "metadata::trusted", "true"], capture_output=True, timeout=5
        )
