"""One result, one count: a submission's per-status counts are the same on every surface —
terminal, concise, JSON, JUnit, feedback page, batch page, workbook and the local page."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from openpyxl import load_workbook

from tests.factories.examples_run import EXAMPLE_02, run_cli
from tests.factories.submission_factory import make_submission

KEYS = ("fail", "error", "warn", "manual", "pass")
LABELS = dict(zip(("不合格", "无法读取", "警告", "需人工确认", "通过"), KEYS, strict=True))
SENTENCE = re.compile(r"((?:(?:不合格|无法读取|警告|需人工确认|通过|已豁免) \d+ 项[，（]?)+)")


def from_sentence(text: str) -> dict[str, int]:
    """The counts a verdict sentence names (a count of zero is not printed: 0)."""
    found = max(SENTENCE.findall(text), key=len, default="")
    assert found, text[-400:]
    counts = dict.fromkeys(KEYS, 0)
    for label, n in re.findall(r"(不合格|无法读取|警告|需人工确认|通过) (\d+) 项", found):
        counts[LABELS[label]] = int(n)
    return counts


def shown(counts: dict[str, int]) -> dict[str, int]:
    return {key: counts[key] for key in KEYS}


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Example 02 (16 failing findings in 15 rules) and a submission whose report is damaged
    (one unreadable file that seven report rules need)."""
    root = tmp_path_factory.mktemp("cases")
    shutil.copytree(EXAMPLE_02, root / "02-名师工作室-常见问题")
    damaged = make_submission(root / "报告损坏")
    report = damaged / "案例总结报告.docx"
    report.write_bytes(report.read_bytes()[:1500])
    return {"02": root / "02-名师工作室-常见问题", "damaged": damaged}


@pytest.mark.parametrize("case", ["02", "damaged"])
def test_check_surfaces_agree(cases: dict[str, Path], case: str, tmp_path: Path) -> None:
    folder = cases[case]
    _, out, _ = run_cli("check", str(folder), "--format", "json")
    counts = shown(json.loads(out)["submissions"][0]["counts"])
    if case == "02":
        assert counts["fail"] == 15  # report.sections fails in two places: one rule
    else:
        assert counts["error"] == 1  # one damaged report, however many rules need it
    _, text, _ = run_cli("check", str(folder))
    assert from_sentence(text) == counts
    _, concise, _ = run_cli("check", str(folder), "--format", "concise")
    assert from_sentence(concise.splitlines()[-1]) == counts
    _, junit, _ = run_cli("check", str(folder), "--format", "junit")
    suite = ET.fromstring(junit).find("testsuite")
    assert suite is not None
    props = {p.get("name"): int(p.get("value", "0")) for p in suite.iter("property")}
    assert {k: props[f"casecheck.{k}"] for k in KEYS} == counts
    assert int(suite.get("failures", "-1")) == counts["fail"]
    assert int(suite.get("errors", "-1")) == counts["error"]
    page = tmp_path / "反馈.html"
    run_cli("check", str(folder), "--html", str(page))
    html = page.read_text(encoding="utf-8")
    assert from_sentence(html) == counts
    to_fix = counts["fail"] + counts["error"] + counts["warn"]
    assert f"需要修改的问题（{to_fix}）" in html
    if case == "damaged":
        assert html.count("文件已损坏") == 1


@pytest.mark.slow  # a worker pool and the page's server
def test_batch_and_page_surfaces_agree(cases: dict[str, Path], tmp_path: Path) -> None:
    from tests.factories.serve_helpers import POST_HEADERS, page_client, wait_job

    root = next(iter(cases.values())).parent
    expected = {}
    for folder in cases.values():
        _, out, _ = run_cli("check", str(folder), "--format", "json")
        expected[folder.name] = shown(json.loads(out)["submissions"][0]["counts"])
    xlsx, html, feedback = tmp_path / "汇总.xlsx", tmp_path / "汇总.html", tmp_path / "反馈"
    _, out, _ = run_cli(
        "batch", str(root), "--jobs", "1", "--no-cache", "--format", "json",
        "--xlsx", str(xlsx), "--html", str(html), "--feedback", str(feedback),
    )  # fmt: skip
    report = json.loads(out)
    assert {Path(s["path"]).name: shown(s["counts"]) for s in report["submissions"]} == expected
    sheet = load_workbook(xlsx).worksheets[0]
    head = [c.value for c in sheet[1]]
    at = {
        key: head.index(label)
        for key, label in zip(KEYS[:4], ("不合格", "无法读取", "警告", "需人工确认"), strict=True)
    }
    folder_col = head.index("案例文件夹")
    for row in sheet.iter_rows(min_row=2, values_only=True):
        want = expected[Path(str(row[folder_col])).name]
        # a count of zero is an empty cell
        assert {k: row[i] or 0 for k, i in at.items()} == {k: want[k] for k in at}
    page = html.read_text(encoding="utf-8")
    for rel, want in expected.items():
        row = re.search(
            rf'<tr data-i="\d+"[^>]*>(?:(?!</tr>).)*{re.escape(rel)}(?:(?!</tr>).)*</tr>', page
        )
        assert row is not None
        numbers = [int(n) for n in re.findall(r'<td class="n">(\d+)</td>', row.group(0))]
        assert numbers == [want[k] for k in KEYS[:4]]
    pages = {p.read_text(encoding="utf-8") for p in feedback.glob("*.html")}
    assert sorted(from_sentence(p)["fail"] for p in pages) == sorted(
        w["fail"] for w in expected.values()
    )
    with page_client(root) as (client, _):
        for name, want in expected.items():
            job = client.post("/api/check", json={"path": name}, headers=POST_HEADERS).json()
            done = wait_job(client, job["id"])
            assert shown(done["summary"]["counts"]) == want
            page_json = client.get(f"/api/jobs/{job['id']}/report.json").json()
            assert shown(page_json["submissions"][0]["counts"]) == want
            page_html = client.get(f"/api/jobs/{job['id']}/report.html").text
            assert from_sentence(page_html) == want
