"""Hash only what must be hashed: partial hashes and stat for the cache, whole-file SHA-256 only
for duplicate candidates and under --verify-cache; a changed file is never served cached."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from casecheck.batch import cache as batch_cache
from casecheck.batch.hashing import PART, partial_hash, sha256_file
from tests.factories.batch_factory import free_box, make_case, run_batch_at, template_video

pytestmark = pytest.mark.slow  # batches in worker processes

MIB = 1 << 20


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return template_video(tmp_path_factory.mktemp("v") / "t.mp4")


def big_video(video: bytes, tag: str) -> bytes:
    """The real MP4 padded past 2 MiB with a free box (players and MediaInfo skip it)."""
    pad = 3 * MIB
    return video + free_box(tag + "x" * pad)


def change_middle(path: Path, at: int) -> None:
    """Flip bytes at ``at`` keeping size and mtime (forced back with os.utime)."""
    st = path.stat()
    data = bytearray(path.read_bytes())
    data[at : at + 8] = bytes(b ^ 0xFF for b in data[at : at + 8])
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns


def test_partial_hash_reads_the_ends_and_the_size(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_bytes(b"x" * (3 * MIB))
    b.write_bytes(b"x" * PART + b"y" * MIB + b"x" * PART)  # other middle
    assert partial_hash(str(a)) == partial_hash(str(b))
    assert sha256_file(str(a)) != sha256_file(str(b))
    b.write_bytes(b"x" * (3 * MIB + 1))
    assert partial_hash(str(a)) != partial_hash(str(b))


@pytest.mark.parametrize("big", [False, True], ids=["small file", "file over 2 MiB"])
def test_same_size_same_mtime_other_bytes_in_the_middle_is_rechecked(
    tmp_path: Path, video: bytes, monkeypatch: pytest.MonkeyPatch, big: bool
) -> None:
    monkeypatch.setenv("CASECHECK_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "root"
    folder = make_case(root / "案例1", "缓存正确性测试", video)
    target = folder / "案例总结报告.docx"
    if big:
        target = folder / "案例视频.mp4"
        target.write_bytes(big_video(video, "a"))
    opts = dict(root=root, jobs=1)
    assert run_batch_at(**opts).checked == 1
    assert run_batch_at(**opts).cached == 1
    size = target.stat().st_size
    # Small: the partial hash covers the whole file. Big: the change is between the hashed
    # ends, and the ctime that os.utime cannot set back gives it away.
    change_middle(target, size // 2)
    again = run_batch_at(**opts)
    assert (again.checked, again.cached) == (1, 0)


def test_the_invisible_case_and_verify_cache(
    tmp_path: Path, video: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the stat has no change time (Windows' st_ctime is the creation time), a change
    in the middle of a big file with size and mtime restored is the documented blind spot;
    --verify-cache re-hashes in full and catches it."""
    monkeypatch.setenv("CASECHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(
        batch_cache, "stat_fingerprint", lambda st: f"{st.st_size}:{st.st_mtime_ns}"
    )
    root = tmp_path / "root"
    folder = make_case(root / "案例1", "缓存核验测试", video)
    target = folder / "案例视频.mp4"
    target.write_bytes(big_video(video, "b"))
    opts = dict(root=root, jobs=1)
    run_batch_at(**opts)
    change_middle(target, target.stat().st_size // 2)
    assert run_batch_at(**opts).cached == 1  # the blind spot, as documented
    verify = dict(root=root, jobs=1, verify_cache=True)
    assert run_batch_at(**verify).checked == 1
    assert run_batch_at(**verify).cached == 1  # whole-file hashes now stored with the result


def test_duplicates_are_confirmed_by_whole_file_hash(
    tmp_path: Path, video: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASECHECK_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "root"
    same = big_video(video, "c")
    for i in range(3):
        folder = make_case(root / f"学校{i}" / "案例", f"重复检测第{i}号案例名称", video, seed=i)
        (folder / "案例视频.mp4").write_bytes(same)
    # 学校2's copy differs only in the middle: same size and ends, a partial-hash candidate.
    change_middle(root / "学校2" / "案例" / "案例视频.mp4", len(same) // 2)
    run = run_batch_at(root, jobs=2, pack="hunan2026-ai-case")
    by_rel = {item.rel: item for item in run.items}
    full = sha256_file(str(root / "学校0" / "案例" / "案例视频.mp4"))
    assert by_rel["学校0/案例"].video_sha256 == by_rel["学校1/案例"].video_sha256 == full
    assert by_rel["学校2/案例"].video_sha256 != full
    [dup] = [f for f in run.report.batch_findings if f.rule == "batch.duplicate"]
    assert dup.actual == ["学校0/案例", "学校1/案例"]
    reports = {item.report_sha256 for item in run.items}
    assert len(reports) == 3 and all(r and r.startswith("p:") for r in reports)  # not read twice
