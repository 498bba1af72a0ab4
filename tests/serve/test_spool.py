"""The shared page's spool (serve/spool.py): what the jobs hold, the disk floor, leftovers."""

from __future__ import annotations

from pathlib import Path

import pytest

from casecheck.serve.spool import Spool, SpoolBusy, SpoolFull


def test_spool_counts_announced_bytes_and_keeps_the_disk_floor(tmp_path: Path) -> None:
    free = {"bytes": 10_000}
    spool = Spool(tmp_path, max_bytes=5_000, min_free=2_000, disk_free=lambda _: free["bytes"])
    spool.claim(3_000)  # announced, not yet written: the disk does not show it yet
    with pytest.raises(SpoolFull) as full:
        spool.claim(2_500)
    assert full.value.reason == "spool" and full.value.status == 507
    assert "暂存空间已满" in full.value.message.zh
    spool.written(3_000)
    free["bytes"] = 3_000  # the disk now holds them; another 1 500 would pass the floor
    with pytest.raises(SpoolFull) as low:
        spool.claim(1_500)
    assert low.value.reason == "disk" and "磁盘空间不足" in low.value.message.zh
    spool.release(3_000)
    free["bytes"] = 10_000
    spool.claim(4_000)
    assert spool.used == 4_000 and spool.peak == 4_000


def test_spool_wipes_only_its_job_folders(tmp_path: Path) -> None:
    spool = Spool(tmp_path, 10**9, 0)
    job = spool.new_folder()
    (job / "f.bin").write_bytes(b"x" * 100)
    (tmp_path / "admin-notes.txt").write_text("mine")
    assert spool.on_disk() == 100
    assert spool.wipe() == 1
    assert [p.name for p in tmp_path.iterdir()] == ["admin-notes.txt"]


def test_one_server_per_spool(tmp_path: Path) -> None:
    first, second = Spool(tmp_path, 10**9, 0), Spool(tmp_path, 10**9, 0)
    first.lock()
    with pytest.raises(SpoolBusy):
        second.lock()  # a second server would delete the first one's jobs
    first.unlock()
    second.lock()
    second.unlock()
    assert list(tmp_path.iterdir()) == []
