"""`casecheck batch` end to end: a tree of 32 real submissions in three layouts, checked with
--jobs 2, read back from JSON, XLSX (openpyxl), CSV and HTML."""

from __future__ import annotations

import csv
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from casecheck.cli import app
from tests.factories.batch_factory import make_case, template_video
from tests.factories.submission_factory import make_report

pytestmark = pytest.mark.slow  # a batch of 32 submissions in worker processes

runner = CliRunner()


def layout() -> list[tuple[str, str]]:
    """(relative folder, category ticked on the form) for 32 submissions."""
    rels = [(f"长沙市/用AI/案例{i}", "用AI") for i in range(1, 6)]
    rels += [(f"张家界市/教AI/案例{i}", "教AI") for i in range(1, 5)]  # quota 3
    rels += [(f"湖南大学/{c}/案例", c) for c in ("教AI", "用AI", "创AI", "护AI")]  # ≤ 3 in total
    rels += [(f"学校{chr(0x7532 + i)}/案例{i}", "") for i in range(10)]  # ROOT/<学校>/<案例>
    rels += [(f"案例F{i}", "") for i in range(1, 10)]  # flat
    return rels


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("batch")
    video = template_video(base / "template.mp4")
    root = base / "推荐案例"
    for n, (rel, category) in enumerate(layout()):
        make_case(root / rel, f"第{n}号人工智能应用案例", video, category=category, seed=n)
    # A duplicate: 案例F1 is 长沙市/用AI/案例1 again (same report and video bytes).
    for name in ("案例总结报告.docx", "案例视频.mp4"):
        shutil.copy(root / "长沙市/用AI/案例1" / name, root / "案例F1" / name)
    (root / "案例F2" / "案例课件.pptx").write_bytes(b"PK\x03\x04 truncated courseware")  # corrupt
    (root / "未解压.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    return root


@pytest.fixture(scope="module")
def outputs(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("out")
    mp = pytest.MonkeyPatch()
    mp.setenv("CASECHECK_CACHE_DIR", str(out / "cache"))
    try:
        result = runner.invoke(
            app,
            [
                "batch",
                str(tree),
                "--pack",
                "hunan2026-ai-case",
                "--jobs",
                "2",
                "--format",
                "json",
                "--xlsx",
                str(out / "汇总.xlsx"),
                "--csv",
                str(out / "明细.csv"),
                "--html",
                str(out / "报告.html"),
            ],
        )
    finally:
        mp.undo()
    return {"code": result.exit_code, "json": json.loads(result.stdout), "dir": out}


EXPECTED = {rel for rel, _ in layout()} | {"未解压.zip"}


def rel(tree: Path, path: str) -> str:
    return Path(path).relative_to(tree).as_posix()


def test_json_has_every_submission_and_exit_code_1(tree: Path, outputs: dict[str, Any]) -> None:
    data = outputs["json"]
    assert outputs["code"] == 1 and data["schema_version"] == 1
    assert {rel(tree, s["path"]) for s in data["submissions"]} == EXPECTED
    assert len(data["submissions"]) == 33
    subs = {rel(tree, s["path"]): s for s in data["submissions"]}
    assert {f["rule"] for f in subs["长沙市/用AI/案例2"]["findings"]} >= {
        "video.duration",
        "materials.report",
    }
    assert [f["rule"] for f in subs["未解压.zip"]["findings"]] == ["batch.archive"]


def test_corrupt_file_is_an_error_finding_and_the_rest_is_checked(
    tree: Path, outputs: dict[str, Any]
) -> None:
    subs = {rel(tree, s["path"]): s for s in outputs["json"]["submissions"]}
    broken = subs["案例F2"]
    errors = [f for f in broken["findings"] if f["status"] == "error"]
    assert errors and all(f["material"] == "courseware" for f in errors)
    assert broken["status"] == "error"
    assert any(f["rule"] == "video.duration" and f["status"] == "fail" for f in broken["findings"])


def test_quota_and_duplicate_batch_findings(outputs: dict[str, Any]) -> None:
    batch = outputs["json"]["batch_findings"]
    fails = {
        f["location"]: f for f in batch if f["rule"] == "batch.quota" and f["status"] == "fail"
    }
    assert set(fails) == {"张家界市「教AI」", "湖南大学（高校合计）"}
    assert (fails["张家界市「教AI」"]["actual"], fails["张家界市「教AI」"]["expected"]) == (
        4,
        "≤ 3",
    )
    assert fails["湖南大学（高校合计）"]["actual"] == 4
    [dup] = [f for f in batch if f["rule"] == "batch.duplicate"]
    assert dup["status"] == "fail" and dup["actual"] == ["案例F1", "长沙市/用AI/案例1"]
    assert "总结报告内容完全相同" in dup["message"] and "视频内容完全相同" in dup["message"]
    [manual] = [
        f for f in batch if f["status"] == "manual"
    ]  # schools and flat folders: no 市州/类别
    assert manual["actual"] == 10 + 9 + 1


def test_xlsx_summary_and_findings_sheets(tree: Path, outputs: dict[str, Any]) -> None:
    wb = load_workbook(outputs["dir"] / "汇总.xlsx")
    summary, details, quota, batch, per_check, _ = wb.worksheets
    assert [ws.title for ws in wb.worksheets] == [
        "汇总",
        "问题明细",
        "指标",
        "批量规则",
        "各项结果",
        "依据",
    ]
    assert summary.freeze_panes == "E2" and summary.auto_filter.ref
    header = [c.value for c in summary[1]]
    folder = header.index("案例文件夹")
    rows = list(summary.iter_rows(min_row=2))
    assert {r[folder].value for r in rows} == EXPECTED
    # the per-rule statuses are on 各项结果 (汇总 stays printable)
    notes = [c.comment.text if c.comment else None for c in per_check[1]]
    col = notes.index("video.duration")
    assert per_check[1][col].value == "视频时长"
    checked = next(r for r in per_check.iter_rows(min_row=2) if r[1].value == "长沙市/用AI/案例1")
    assert checked[col].value == "不合格" and checked[col].fill.fgColor.rgb.endswith("FFC7CE")
    row = next(r for r in rows if r[folder].value == "长沙市/用AI/案例1")
    link = row[folder].hyperlink.target
    assert not link.startswith(("/", "file:")) and link.endswith("推荐案例/长沙市/用AI/案例1")
    assert (outputs["dir"] / link).resolve() == (tree / "长沙市/用AI/案例1").resolve()
    assert [c.value for c in row[:2]] == ["长沙市", "用AI"]
    broken = next(r for r in rows if r[folder].value == "案例F2")
    assert broken[header.index("结论")].value.startswith("未通过")
    dh = [c.value for c in details[1]]
    detail_rows = [[c.value for c in r] for r in details.iter_rows(min_row=2)]
    f, st, rid = dh.index("案例文件夹"), dh.index("状态"), dh.index("规则 id")
    assert any(r[f] == "案例F2" and r[st] == "无法读取" for r in detail_rows)
    duration = next(r for r in detail_rows if r[f] == "案例F3" and r[rid] == "video.duration")
    assert duration[dh.index("实测")] == "0.4 秒" and duration[dh.index("检查项")] == "视频时长"
    assert duration[dh.index("位置")] == "案例视频.mp4"
    assert any(
        "张家界市" in (r[2] or "")
        for r in ([c.value for c in r] for r in batch.iter_rows(min_row=2))
    )
    over = [[c.value for c in r] for r in quota.iter_rows(min_row=2) if r[4].value]
    assert ["张家界市", "教AI", 4, 3, 1] in [r[:5] for r in over]


def test_csv_rows(outputs: dict[str, Any]) -> None:
    with (outputs["dir"] / "明细.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["案例文件夹"] for r in rows if r["案例文件夹"]} == EXPECTED
    assert any(r["规则 id"] == "batch.duplicate" and r["状态"] == "不合格" for r in rows)
    assert all(r["状态"] not in ("通过", "跳过") for r in rows if r["规则 id"])
    assert {r["案例结论"] for r in rows if r["案例文件夹"]} <= {
        "通过",
        "未通过（不合格）",
        "未通过（无法读取）",
        "通过（警告）",
        "通过（人工确认）",
    }


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows = 0
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "tr" and a.get("data-i") is not None:
            self.rows += 1
        if tag in ("script", "img", "link") and (a.get("src") or a.get("href")):
            self.external.append(tag)


def test_html_is_self_contained_with_every_submission(outputs: dict[str, Any]) -> None:
    text = (outputs["dir"] / "报告.html").read_text(encoding="utf-8")
    parser = _Collect()
    parser.feed(text)
    assert parser.rows == 33 and all(rel in text for rel in EXPECTED)
    assert parser.external == []
    assert 'id="f-verdict"' in text and 'id="f-rule"' in text and "张家界市「教AI」" in text


def test_47_cases_in_changsha_use_ai_through_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASECHECK_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "长沙市"
    for i in range(47):
        (root / "用AI" / f"案例{i:02d}").mkdir(parents=True)
        make_report(
            root / "用AI" / f"案例{i:02d}" / "案例总结报告.docx", ("一、案例概述", f"正文{i}")
        )
    result = runner.invoke(
        app,
        [
            "batch",
            str(root),
            "--pack",
            "hunan2026-ai-case",
            "--select",
            "batch",
            "--jobs",
            "2",
            "--format",
            "json",
        ],
    )
    data = json.loads(result.stdout)
    [bad] = [f for f in data["batch_findings"] if f["status"] == "fail"]
    assert (result.exit_code, bad["location"], bad["actual"]) == (1, "长沙市「用AI」", 47)


def test_manifest_xlsx_places_flat_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASECHECK_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "root"
    for i in range(4):
        (root / f"f{i}").mkdir(parents=True)
        make_report(root / f"f{i}" / "案例总结报告.docx", ("一、案例概述", f"正文{i}"))
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["市州/单位", "类别", "案例名称", "文件夹"])
    for i in range(4):
        ws.append(["张家界市", "护 AI", f"案例{i}", f"f{i}"])
    wb.save(tmp_path / "名单.xlsx")
    result = runner.invoke(
        app,
        [
            "batch",
            str(root),
            "--pack",
            "hunan2026-ai-case",
            "--select",
            "batch",
            "--manifest",
            str(tmp_path / "名单.xlsx"),
            "--format",
            "json",
        ],
    )
    [bad] = [f for f in json.loads(result.stdout)["batch_findings"] if f["status"] == "fail"]
    assert (bad["location"], bad["actual"]) == ("张家界市「护AI」", 4)


def test_bad_manifest_and_missing_root_are_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "名单.csv").write_text("姓名,学校\n张三,一中\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(tmp_path), "--manifest", str(tmp_path / "名单.csv")])
    assert result.exit_code == 2 and "名单.csv" in result.stderr
    assert runner.invoke(app, ["batch", str(tmp_path / "nope")]).exit_code == 2


def test_text_summary_table_and_rule_tally(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASECHECK_CACHE_DIR", str(tmp_path / "cache"))
    result = runner.invoke(
        app,
        [
            "batch",
            str(tree),
            "--select",
            "materials,batch",
            "--jobs",
            "2",
            "--output",
            str(tmp_path / "summary.txt"),
        ],
    )
    text = (tmp_path / "summary.txt").read_text(encoding="utf-8")
    assert result.exit_code == 1
    assert "案例F2" in text and "各检查项未通过的案例数" in text and "batch.archive" in text
    assert "批量规则" in text


def test_concise_and_strict_junit_as_in_check(tree: Path, tmp_path: Path) -> None:
    """One table of formats: ``batch --format concise`` is one line per problem and the
    verdict; ``junit --strict`` counts warnings as failures, as its exit code does."""
    from xml.etree import ElementTree as ET

    case = tree / "长沙市/用AI/案例2"
    args = ["--select", "materials", "--no-cache", "--jobs", "1", "--pack", "hunan2026-ai-case"]
    root = tmp_path / "root"
    shutil.copytree(case, root / "案例")
    (root / "案例" / ".DS_Store").write_bytes(b"\0")  # materials.extra: a warning
    concise = runner.invoke(app, ["batch", str(root), "--format", "concise", *args])
    lines = concise.stdout.splitlines()
    assert concise.exit_code == 0
    assert any("materials.extra warn" in line for line in lines)
    assert lines[-1].startswith("结论：通过 — 警告 1 项")
    strict = runner.invoke(app, ["batch", str(root), "--format", "junit", "--strict", *args])
    suites = ET.fromstring(strict.stdout)
    assert strict.exit_code == 1 and suites.get("failures") == "1"
    loose = runner.invoke(app, ["batch", str(root), "--format", "junit", *args])
    assert loose.exit_code == 0 and ET.fromstring(loose.stdout).get("failures") == "0"
