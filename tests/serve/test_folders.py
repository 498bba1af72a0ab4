"""The page's folder browser names a file of the wrong kind with ``check``'s own words
(file_kinds), instead of saying the folder holds no case materials."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from casecheck.cli import app as cli_app
from tests.factories.serve_helpers import page_client
from tests.factories.submission_factory import make_deck, make_ole2, make_report, make_submission

OLD = "旧格式案例"


def old_formats(folder: Path) -> Path:
    """A folder of 2003-era files: .doc, .ppt and a .wps (all OLE2 inside)."""
    folder.mkdir()
    make_ole2(folder / "案例信息表.wps", "WpsContent")
    make_ole2(folder / "案例课件.ppt", "PowerPoint Document")
    make_ole2(folder / "案例总结报告.doc", "WordDocument")
    return folder


def test_old_formats_are_named_as_check_names_them(tmp_path: Path) -> None:
    folder = old_formats(tmp_path / OLD)
    with page_client(tmp_path) as (client, _):
        listing = client.get("/api/folders", params={"path": OLD}).json()
    assert listing["submission"]  # a case folder, in the wrong formats
    zh = {w["zh"].split(" ")[0]: w["zh"] for w in listing["wrong"]}
    en = {w["en"].split(" ")[0]: w["en"] for w in listing["wrong"]}
    assert set(zh) == set(en) == {"案例信息表.wps", "案例课件.ppt", "案例总结报告.doc"}
    assert "另存为” .docx" in zh["案例总结报告.doc"] and "Save As .docx" in en["案例总结报告.doc"]
    assert ".pptx" in zh["案例课件.ppt"] and "WPS" in zh["案例信息表.wps"]

    run = CliRunner().invoke(cli_app, ["check", str(folder), "--format", "json"])
    findings = json.loads(run.stdout)["submissions"][0]["findings"]
    wrong = {f["file"]: f for f in findings if f["rule"].startswith("materials.") and f["file"]}
    for name, sentence in zh.items():
        hint = wrong[name]["hint"]
        assert hint and hint in sentence  # one description: the page says what check says


def test_right_formats_and_no_materials(tmp_path: Path) -> None:
    make_submission(tmp_path / "好的案例")
    (tmp_path / "空文件夹").mkdir()
    mixed = tmp_path / "一份改名的"
    mixed.mkdir()
    make_report(mixed / "案例总结报告.docx")
    make_deck(mixed / "案例课件.pptx")
    make_ole2(mixed / "案例信息表.docx", "WordDocument")  # a .doc renamed .docx
    with page_client(tmp_path) as (client, _):
        good = client.get("/api/folders", params={"path": "好的案例"}).json()
        empty = client.get("/api/folders", params={"path": "空文件夹"}).json()
        renamed = client.get("/api/folders", params={"path": "一份改名的"}).json()
    assert good["submission"] and good["wrong"] == []
    assert not empty["submission"] and empty["wrong"] == []
    (said,) = renamed["wrong"]
    assert said["zh"].startswith("案例信息表.docx 实际是 Word 97-2003 文档（.doc）：")
