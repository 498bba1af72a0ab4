"""Parallel checking: a hung, crashed or failing worker costs one submission, not the batch;
and the cache re-reads only the folders that changed."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from casecheck.batch.cache import WorkOutput
from casecheck.batch.work import WorkTask, check_task
from casecheck.result import Status
from tests.factories.batch_factory import make_case, run_batch_at, template_video
from tests.factories.submission_factory import make_report

pytestmark = pytest.mark.slow  # worker pools


def faulty_work(task: WorkTask) -> WorkOutput:
    """Runs in the worker process (spawned, so it must be importable from this module)."""
    name = Path(task.folder).name
    if name == "hang":
        time.sleep(120)
    if name == "crash":
        os._exit(3)
    if name == "boom":
        raise RuntimeError("checker exploded")
    return check_task(task)


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return template_video(tmp_path_factory.mktemp("v") / "t.mp4")


def test_hang_crash_and_exception_do_not_stop_the_batch(tmp_path: Path, video: bytes) -> None:
    root = tmp_path / "root"
    for name in ("ok1", "hang", "crash", "boom", "ok2", "ok3"):
        make_case(root / name, f"案例{name}名称", video, seed=len(name))
    started = time.monotonic()
    # content=False: this is about failing workers; decoding the videos would only add time
    opts = dict(root=root, jobs=2, timeout=8, use_cache=False, content=False)
    run = run_batch_at(**opts, work=faulty_work)
    assert time.monotonic() - started < 60  # the hung worker was killed, not waited for
    by_name = {Path(r.path).name: r for r in run.report.submissions}
    assert set(by_name) == {"ok1", "hang", "crash", "boom", "ok2", "ok3"}
    for name, kind in (("hang", "timeout"), ("crash", "crash"), ("boom", "exception")):
        [f] = by_name[name].findings
        assert (f.rule, f.status, f.actual) == ("batch.worker", Status.ERROR, kind)
    assert "8 s" in by_name["hang"].findings[0].message
    assert "exit code 3" in by_name["crash"].findings[0].message
    assert "checker exploded" in by_name["boom"].findings[0].message
    for name in ("ok1", "ok2", "ok3"):
        assert any(f.rule == "video.duration" for f in by_name[name].findings)


def test_cache_rechecks_only_changed_folders(
    tmp_path: Path, video: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CASECHECK_CACHE_DIR", str(cache))
    root = tmp_path / "root"
    for i in range(6):
        make_case(root / f"学校{i}" / f"案例{i}", f"缓存测试案例{i}", video, seed=i)
    opts = dict(root=root, jobs=2, pack="hunan2026-ai-case")
    cold = run_batch_at(**opts)
    assert (cold.checked, cold.cached) == (6, 0)
    assert (cache / "index.json").is_file() and not any(root.rglob("*.json"))
    warm = run_batch_at(**opts)
    assert (warm.checked, warm.cached) == (0, 6)
    strip = lambda run: [r.model_dump(exclude={"path"}) for r in run.report.submissions]  # noqa: E731
    assert strip(warm) == strip(cold)
    assert warm.report.batch_findings == cold.report.batch_findings

    for i in (1, 4):  # two schools fix their report
        make_report(
            root / f"学校{i}" / f"案例{i}" / "案例总结报告.docx",
            ("一、案例概述", f"修改后的正文{i}"),
        )
    fixed = run_batch_at(**opts)
    assert (fixed.checked, fixed.cached) == (2, 4)
    assert run_batch_at(root, jobs=2, pack="hunan2026-ai-case", lang="en").checked == 6
    assert run_batch_at(root, jobs=2, pack="hunan2026-ai-case", use_cache=False).cached == 0


def test_cache_inside_root_is_never_used(
    tmp_path: Path, video: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_case(tmp_path / "案例1", "根目录缓存测试", video)
    monkeypatch.setenv("CASECHECK_CACHE_DIR", str(tmp_path / "cache"))
    run_batch_at(tmp_path, jobs=1)
    assert not (tmp_path / "cache").exists()


def test_usage_errors_are_said_before_any_work(tmp_path: Path) -> None:
    """One usage pass (cli/batch.py): in the user's language, exit 2, nothing checked."""
    from tests.factories.examples_run import run_cli

    code, _, err = run_cli("batch", str(tmp_path / "missing"))
    assert code == 2 and "找不到路径" in err
    code, _, err = run_cli("batch", str(tmp_path), "--pack", "nope", "--lang", "en")
    assert code == 2 and "unknown pack: nope" in err
    code, _, err = run_cli("batch", str(tmp_path), "--select", "vidoe.duration")
    assert code == 2 and "没有这条规则：vidoe.duration" in err and "video.duration" in err
    code, _, err = run_cli("batch", str(tmp_path), "--jobs", "0")
    assert code == 2 and "--jobs" in err and "Traceback" not in err
