"""--verify-cache re-hashes every file in full on every run: a whole-file hash remembered in
the cache index against an unchanged stat (a shard remembers its report's and video's) is
never trusted in place of reading the file again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from casecheck.batch import cache as batch_cache
from tests.factories.batch_factory import free_box, make_case, run_batch_at, template_video


def flip_middle(path: Path) -> None:
    """Other bytes in the middle, size and mtime kept (os.utime)."""
    st = path.stat()
    data = bytearray(path.read_bytes())
    at = len(data) // 2
    data[at : at + 8] = bytes(b ^ 0xFF for b in data[at : at + 8])
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.mark.slow  # worker pools
def test_verify_cache_rehashes_after_an_earlier_verify_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASECHECK_CACHE_DIR", str(tmp_path / "cache"))
    # Windows' stat has no change time: size and mtime restored hide the edit from the stat.
    monkeypatch.setattr(
        batch_cache, "stat_fingerprint", lambda st: f"{st.st_size}:{st.st_mtime_ns}"
    )
    video = template_video(tmp_path / "t.mp4")
    folder = make_case(tmp_path / "root" / "案例1", "缓存核验复查", video)
    target = folder / "案例视频.mp4"
    target.write_bytes(video + free_box("x" * (3 << 20)))  # past the partial hash's 2 MiB
    verify = dict(root=tmp_path / "root", jobs=1, verify_cache=True)
    assert run_batch_at(**verify).checked == 1
    assert run_batch_at(**verify).cached == 1  # nothing changed
    flip_middle(target)
    assert run_batch_at(**verify).checked == 1  # read again, the change is seen
