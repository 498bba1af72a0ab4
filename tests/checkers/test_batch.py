"""Discovery of submission folders, and the batch rules over facts built from real trees."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from casecheck.batch.cache import sha256_file
from casecheck.batch.discover import discover
from casecheck.checkers.batch import BatchFacts, BatchItem, ManifestRow, QuotaParams
from casecheck.packs import load_library
from casecheck.result import Finding, Status
from tests.conftest import run_rule
from tests.factories.submission_factory import make_report

HUNAN_QUOTA = load_library().get("hunan2026-ai-case").rules["batch.quota"].params


def report_only(folder: Path, text: str = "正文") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    make_report(folder / "案例总结报告.docx", ("一、案例概述", text))
    return folder


def facts_of(root: Path) -> BatchFacts:
    items = []
    for f in discover(root, ["报告", "视频"]):
        report = Path(f.path) / "案例总结报告.docx"
        items.append(
            BatchItem(
                path=f.path,
                rel=f.rel,
                groups=f.groups,
                archive=f.archive,
                report_sha256=sha256_file(str(report)) if report.exists() else None,
            )
        )
    return BatchFacts(root_name=root.name, items=items)


def problems(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.status not in (Status.PASS, Status.SKIPPED)]


def test_discover_three_layouts_and_archives(tmp_path: Path) -> None:
    report_only(tmp_path / "长沙市" / "用AI" / "案例1")
    report_only(tmp_path / "湖南大学" / "案例2")
    report_only(tmp_path / "案例3")
    (tmp_path / "案例3" / "附件").mkdir()
    (tmp_path / "案例3" / "附件" / "视频.mp4").write_bytes(
        b"x"
    )  # inside a submission: not another one
    (tmp_path / "岳阳市" / "教AI").mkdir(parents=True)
    (tmp_path / "岳阳市" / "教AI" / "案例4.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    (tmp_path / "空文件夹" / ".DS_Store").parent.mkdir()
    (tmp_path / "空文件夹" / ".DS_Store").write_bytes(b"x")
    found = discover(tmp_path, ["报告"])
    assert [(f.rel, f.groups, f.archive) for f in found] == sorted(
        [
            ("案例3", [], False),
            ("岳阳市/教AI/案例4.zip", ["岳阳市", "教AI"], True),
            ("湖南大学/案例2", ["湖南大学"], False),
            ("长沙市/用AI/案例1", ["长沙市", "用AI"], False),
            # beside the submission 案例3: an empty submission (.DS_Store is no material)
            ("空文件夹", [], False),
        ]
    )
    assert [f.rel for f in found if f.empty] == ["空文件夹"]


def test_discover_does_not_follow_symlinked_folders(tmp_path: Path) -> None:
    outside = report_only(tmp_path / "outside" / "案例")
    root = tmp_path / "root"
    report_only(root / "案例1")
    os.symlink(outside, root / "链接", target_is_directory=True)
    assert [f.rel for f in discover(root, ["报告"])] == ["案例1"]


@pytest.mark.slow
def test_quota_47_cases_in_changsha_use_ai_fails(tmp_path: Path) -> None:
    for i in range(47):
        report_only(tmp_path / "长沙市" / "用AI" / f"案例{i:02d}", f"正文{i}")
    for i in range(3):
        report_only(tmp_path / "长沙市" / "教AI" / f"案例{i}", f"教{i}")
    findings = run_rule("batch.quota", facts_of(tmp_path), HUNAN_QUOTA)
    [bad] = problems(findings)
    assert bad.status is Status.FAIL
    assert (bad.actual, bad.expected, bad.location) == (47, "≤ 46", "长沙市「用AI」")
    assert "长沙市「用AI」 推荐 47 件，超过指标 46 件" in bad.message
    assert bad.hint == "请删减 1 件"


@pytest.mark.slow
def test_quota_46_cases_pass_and_region_total_is_checked_on_its_own(tmp_path: Path) -> None:
    # 长沙市: 23+46+23+23 = 115 fits every category but not the 指标数 114.
    for cat, n in (("教AI", 23), ("用AI", 46), ("创AI", 23), ("护AI", 23)):
        for i in range(n):
            report_only(tmp_path / "01-长沙市" / cat / f"{cat}{i}")
    [bad] = problems(run_rule("batch.quota", facts_of(tmp_path), HUNAN_QUOTA))
    assert (bad.location, bad.actual, bad.expected) == ("长沙市（指标数）", 115, "≤ 114")


def test_quota_universities_one_per_category_three_in_total(tmp_path: Path) -> None:
    for cat in ("教AI", "用AI", "创AI", "护AI"):
        report_only(tmp_path / "长沙理工大学" / cat / "案例")
    report_only(tmp_path / "湖南师范大学" / "用 AI" / "案例1")
    report_only(tmp_path / "湖南师范大学" / "用ai" / "案例2")
    found = {
        f.location: f for f in problems(run_rule("batch.quota", facts_of(tmp_path), HUNAN_QUOTA))
    }
    assert set(found) == {"长沙理工大学（高校合计）", "湖南师范大学「用AI」"}
    assert (found["长沙理工大学（高校合计）"].actual, found["湖南师范大学「用AI」"].actual) == (
        4,
        2,
    )


def test_quota_without_layout_asks_for_a_manifest(tmp_path: Path) -> None:
    report_only(tmp_path / "案例1")
    [f] = run_rule("batch.quota", facts_of(tmp_path), HUNAN_QUOTA)
    assert f.status is Status.MANUAL and "案例1" in f.message and "--manifest" in (f.hint or "")


def test_quota_from_manifest_rows_and_unmatched_rows(tmp_path: Path) -> None:
    report_only(tmp_path / "案例1")
    facts = facts_of(tmp_path)
    facts.items[0].manifest = ManifestRow(
        line=2, unit="湘西土家族苗族自治州", category="护 AI", folder="案例1"
    )
    facts.manifest_unmatched = [
        ManifestRow(line=3, unit="湘西州", category="护AI", name="未交", folder="案例9")
    ]
    findings = run_rule("batch.quota", facts, HUNAN_QUOTA)
    ok = [f for f in findings if f.status is Status.PASS]
    assert [f.location for f in ok] == ["湘西州"] and ok[0].actual == 2
    [warn] = problems(findings)
    assert warn.status is Status.WARN and "第3行 案例9" in warn.message


def test_quota_params_reject_an_unknown_category() -> None:
    with pytest.raises(ValueError, match="学AI"):
        QuotaParams(categories=["教AI"], regions={"长沙市": {"total": 1, "学AI": 1}})


def test_duplicate_report_by_content_names_both_folders(tmp_path: Path) -> None:
    report_only(tmp_path / "学校A" / "案例1", "一模一样的正文")
    (tmp_path / "学校B" / "案例3").mkdir(parents=True)
    shutil.copy(tmp_path / "学校A" / "案例1" / "案例总结报告.docx", tmp_path / "学校B" / "案例3")
    report_only(tmp_path / "学校B" / "案例4", "另一篇")
    [bad] = run_rule("batch.duplicate", facts_of(tmp_path), {})
    assert bad.status is Status.FAIL
    assert bad.actual == ["学校A/案例1", "学校B/案例3"]
    assert "总结报告内容完全相同" in bad.message


def test_duplicate_case_name_from_the_form_and_pass_otherwise(tmp_path: Path) -> None:
    facts = facts_of(report_only(tmp_path / "x") and tmp_path)
    a = BatchItem(path="a", rel="a", form_fields={"案例名称": "《AI 课堂分析》赋能听评课"})
    b = BatchItem(path="b", rel="b", form_fields={"案例名称": "AI课堂分析赋能听评课"})
    c = BatchItem(path="c", rel="c", form_fields={"案例名称": "无"})
    d = BatchItem(path="d", rel="d", form_fields={"案例名称": "无"})
    [bad] = run_rule("batch.duplicate", BatchFacts(items=[a, b, c, d]), {})
    assert bad.actual == ["a", "b"] and "案例名称相同" in bad.message
    [ok] = run_rule("batch.duplicate", facts, {"by": ["report", "case_name"]})
    assert ok.status is Status.PASS
