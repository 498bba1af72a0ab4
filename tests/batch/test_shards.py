"""`casecheck batch ROOT --shard I/N` and `casecheck merge`: one campaign split across machines.

Three shards and a merge write what one batch writes (JSON, workbook, summary page, CSV,
feedback pages) on a Hunan tree with a quota breach and a duplicate pair that fall in
different shards; a set that is incomplete, doubled, mixed or not shards is refused (exit 2)
in words naming what is wrong. The fast tests build shard files from result models; the slow
one runs real shards through the command line.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from casecheck import __version__
from casecheck.batch.cache import WorkOutput, output_json
from casecheck.batch.discover import Found
from casecheck.batch.shards import (
    RunIdentity,
    ShardEntry,
    ShardFile,
    ShardSpec,
    listing_digest,
    packs_digest,
    shard_of,
)
from casecheck.packs.ruleset import load_ruleset
from casecheck.result import SubmissionResult
from tests.factories.batch_factory import make_case, template_video
from tests.factories.examples_run import run_cli

# ── assignment ──────────────────────────────────────────────────────────────


def test_assignment_is_stable_even_and_independent_of_listing_order() -> None:
    rels = [f"长沙市/用AI/案例{i:03d}" for i in range(300)]
    first = {rel: shard_of(rel, 3) for rel in rels}
    assert {rel: shard_of(rel, 3) for rel in reversed(rels)} == first
    sizes = [sum(1 for s in first.values() if s == i) for i in (1, 2, 3)]
    assert all(70 <= n <= 130 for n in sizes), sizes
    # macOS may hand back decomposed names: the same folder, the same shard
    assert shard_of(unicodedata.normalize("NFD", "学校/案例①"), 7) == shard_of("学校/案例①", 7)
    assert all(ShardSpec(shard_of(rel, 3), 3).holds(rel) for rel in rels)


@pytest.mark.parametrize("text", ["0/3", "4/3", "3", "a/b", "1/0", ""])
def test_bad_shard_spelling_is_a_usage_error(text: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        ShardSpec.parse(text)
    code, _, err = run_cli("batch", str(tmp_path), "--shard", text)
    assert code == 2 and "I/N" in err and "JOB_COMPLETION_INDEX" in err


def test_a_shard_writes_no_summaries_and_takes_no_waivers(tmp_path: Path) -> None:
    code, _, err = run_cli("batch", str(tmp_path), "--shard", "1/2", "--xlsx", "x.xlsx")
    assert code == 2 and "--xlsx" in err and "casecheck merge" in err
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("[]\n", encoding="utf-8")
    code, _, err = run_cli("batch", str(tmp_path), "--shard", "1/2", "--waivers", str(waivers))
    assert code == 2 and "merge" in err


# ── merge of shard files built from results ─────────────────────────────────
RELS = ["长沙市/用AI/案例1", "长沙市/用AI/案例2", "学校甲/案例", "学校乙/案例", "学校丙/案例"]


def _identity(**change: Any) -> RunIdentity:
    found = [_found(rel) for rel in RELS]
    values: dict[str, Any] = dict(
        version=__version__,
        packs=packs_digest(load_ruleset()),
        lang="zh",
        select=[],
        ignore=[],
        pack="hunan2026-ai-case",
        content=True,
        root_name="推荐案例",
        total=len(found),
        listing=listing_digest(found),
    )
    return RunIdentity(**{**values, **change})


def _found(rel: str) -> Found:
    return Found(path=f"/data/推荐案例/{rel}", rel=rel, groups=rel.split("/")[:-1])


def _output(rel: str, same_report: bool) -> dict[str, Any]:
    result = SubmissionResult(
        path=f"/data/推荐案例/{rel}",
        pack="hunan2026-ai-case",
        pack_reason="--pack",
        materials={"report": "报告.docx", "video": None},
    ).finish()
    report = "same" if same_report else rel
    out = WorkOutput(
        result=result,
        hashes={"报告.docx": f"p:{report}"},
        full={"报告.docx": f"sha-{report}"},
        form_fields={},
    )
    return output_json(out)


def write_shards(folder: Path, count: int = 3, **change: Any) -> list[Path]:
    """Shard files of the five RELS; the two 长沙市 ones hold the same report."""
    paths = []
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(1, count + 1):
        entries = [
            ShardEntry(index=i, found=_found(rel), output=_output(rel, rel.startswith("长沙市")))
            for i, rel in enumerate(RELS)
            if shard_of(rel, count) == index
        ]
        doc = ShardFile(index=index, count=count, identity=_identity(**change), entries=entries)
        path = folder / f"shard-{index}.json"
        path.write_text(doc.model_dump_json(), encoding="utf-8")
        paths.append(path)
    return paths


def test_merge_judges_duplicates_from_the_shards_fingerprints(tmp_path: Path) -> None:
    """No submission folder exists here: the whole-file hashes travel in the shards."""
    paths = write_shards(tmp_path)
    code, out, _ = run_cli("merge", *map(str, paths), "--format", "json")
    assert code == 1, out  # the duplicate fails
    report = json.loads(out)
    assert [s["path"].split("推荐案例/")[1] for s in report["submissions"]] == [
        "长沙市/用AI/案例1",
        "长沙市/用AI/案例2",
        "学校丙/案例",
        "学校乙/案例",
        "学校甲/案例",
    ]
    [dup] = [f for f in report["batch_findings"] if f["rule"] == "batch.duplicate"]
    assert dup["status"] == "fail"
    assert dup["actual"] == ["长沙市/用AI/案例1", "长沙市/用AI/案例2"]


def test_incomplete_set_is_refused_naming_the_missing_shard(tmp_path: Path) -> None:
    paths = write_shards(tmp_path)
    code, _, err = run_cli("merge", str(paths[0]), str(paths[2]))
    assert code == 2
    assert "分片不完整" in err and "缺少第 2/3 片" in err and "--shard 2/3" in err


def test_doubled_mixed_and_foreign_files_are_refused(tmp_path: Path) -> None:
    paths = write_shards(tmp_path / "a")
    code, _, err = run_cli("merge", *map(str, paths), str(paths[1]))
    assert code == 2 and "第 2/3 片给了两次" in err
    other = write_shards(tmp_path / "b", lang="en")
    code, _, err = run_cli("merge", str(paths[0]), str(other[1]), str(paths[2]))
    assert code == 2 and "不是同一次运行的分片" in err and "报告语言" in err
    other = write_shards(tmp_path / "c", packs="0" * 64)
    code, _, err = run_cli("merge", str(paths[0]), str(other[1]), str(paths[2]))
    assert code == 2 and "规则包内容不同" in err
    code, _, err = run_cli("merge", *map(str, other))
    assert code == 2 and "规则包与分片检查时用的不同" in err
    four = write_shards(tmp_path / "d", count=4)
    code, _, err = run_cli("merge", str(paths[0]), str(four[1]), str(paths[2]))
    assert code == 2 and "分片数不一致" in err
    report = tmp_path / "report.json"
    report.write_text('{"schema_version": 1, "submissions": []}', encoding="utf-8")
    code, _, err = run_cli("merge", str(report))
    assert code == 2 and "不是 casecheck 分片文件" in err
    code, _, err = run_cli("merge", str(tmp_path / "nope.json"))
    assert code == 2 and "找不到分片文件" in err


def test_an_edited_shard_missing_a_submission_is_refused(tmp_path: Path) -> None:
    paths = write_shards(tmp_path)
    data = json.loads(paths[0].read_text(encoding="utf-8"))
    assert data["entries"], "shard 1 holds a submission"
    data["entries"].pop()
    paths[0].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run_cli("merge", *map(str, paths))
    assert code == 2 and "有分片没有写完" in err


# ── the real thing: three shards + merge == one batch ───────────────────────
def _split_pair(names: list[str], parent: str, count: int = 3) -> tuple[str, str]:
    """Two folders under ``parent`` whose paths hash to different shards."""
    rels = [f"{parent}/{n}" for n in names]
    a = rels[0]
    b = next(r for r in rels[1:] if shard_of(r, count) != shard_of(a, count))
    return a, b


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("shards")
    video = template_video(base / "template.mp4", seconds=2.0)
    root = base / "推荐案例"
    rels = [(f"长沙市/用AI/案例{i}", "用AI") for i in range(1, 4)]
    rels += [(f"张家界市/教AI/案例{i}", "教AI") for i in range(1, 5)]  # quota 3: a breach
    rels += [(f"湖南大学/{c}/案例", c) for c in ("教AI", "用AI", "创AI", "护AI")]  # > 3 in all
    rels += [(f"学校{chr(0x7532 + i)}/案例{i}", "") for i in range(6)]
    for n, (rel, category) in enumerate(rels):
        make_case(root / rel, f"第{n}号人工智能应用案例", video, category=category, seed=n)
    # A duplicate pair in two different shards: the same report and video bytes.
    a, b = _split_pair([f"案例{i}" for i in range(1, 4)], "长沙市/用AI")
    for name in ("案例总结报告.docx", "案例视频.mp4"):
        shutil.copy(root / a / name, root / b / name)
    (root / "学校甲/案例0/案例课件.pptx").write_bytes(b"PK\x03\x04 truncated")  # error
    (root / "未解压.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    return root


def _outputs(folder: Path) -> list[str]:
    folder.mkdir()
    return [
        "--xlsx",
        str(folder / "汇总.xlsx"),
        "--html",
        str(folder / "汇总.html"),
        "--csv",
        str(folder / "明细.csv"),
        "--feedback",
        str(folder / "反馈"),
        "--format",
        "json",
        "-o",
        str(folder / "report.json"),
    ]


def _workbook(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    book = load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


STAMP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")


def _pages(folder: Path) -> dict[str, str]:
    return {
        p.name: STAMP.sub("<time>", p.read_text(encoding="utf-8"))
        for p in sorted(folder.glob("*.html"))
    }


@pytest.mark.slow  # worker pools, four batch runs
def test_three_shards_and_merge_write_what_one_batch_writes(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASECHECK_CACHE_DIR", str(tmp_path / "cache"))
    one, merged = tmp_path / "one", tmp_path / "merged"
    code_one, _, err = run_cli("batch", str(tree), "--jobs", "2", "--no-cache", *_outputs(one))
    assert code_one == 1, err
    shards = []
    for i in (1, 2, 3):
        path = tmp_path / f"shard-{i}.json"
        code, out, err = run_cli(
            "batch", str(tree), "--jobs", "2", "--no-cache", "--shard", f"{i}/3", "-o", str(path)
        )
        assert code == 0 and out == "", err  # the verdict is merge's
        assert f"分片 {i}/3" in err
        shards.append(path)
    assert all(json.loads(p.read_text(encoding="utf-8"))["entries"] for p in shards)
    code, _, err = run_cli("merge", *map(str, reversed(shards)), *_outputs(merged))
    assert code == code_one, err

    report = json.loads((one / "report.json").read_text(encoding="utf-8"))
    assert json.loads((merged / "report.json").read_text(encoding="utf-8")) == report
    rules = {f["rule"]: f for f in report["batch_findings"] if f["status"] in ("fail", "warn")}
    assert {"batch.quota", "batch.duplicate"} <= set(rules)
    dup = rules["batch.duplicate"]
    a, b = dup["actual"]
    assert shard_of(a, 3) != shard_of(b, 3)  # the pair was split, merge still sees it
    assert _workbook(merged / "汇总.xlsx") == _workbook(one / "汇总.xlsx")
    assert STAMP.sub("", (merged / "汇总.html").read_text(encoding="utf-8")) == STAMP.sub(
        "", (one / "汇总.html").read_text(encoding="utf-8")
    )
    with (one / "明细.csv").open(encoding="utf-8-sig") as fa:
        rows = list(csv.reader(fa))
    with (merged / "明细.csv").open(encoding="utf-8-sig") as fb:
        assert list(csv.reader(fb)) == rows
    pages = _pages(one / "反馈")
    assert len(pages) == len(report["submissions"])
    assert _pages(merged / "反馈") == pages

    # One shard short: refused, naming it.
    code, _, err = run_cli("merge", str(shards[0]), str(shards[2]))
    assert code == 2 and "缺少第 2/3 片" in err
