"""Twenty teachers upload at once to a shared page with two workers (loopback only).

Every submission is its own (its case name in the form, the deck and the report; its own
video bytes), padded so each upload arrives in many chunks. Each teacher polls its case a
bounded number of times, seeing its place in the queue go down; every report must be that
teacher's, the same as ``check`` gives, and the server process must stay under
``RSS_BOUND_MB``. The figures are printed (``pytest -s``): jobs per minute, peak RSS of the
server and of the workers, the spool's peak.
"""

from __future__ import annotations

import json
import struct
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.factories.batch_factory import make_case, template_video
from tests.factories.shared_helpers import (
    Browser,
    cli_findings,
    findings_of,
    folder_files,
    start_shared,
)

pytestmark = pytest.mark.slow

TEACHERS = 20
WORKERS = 2
PAD_BYTES = 2_000_000  # per video: an upload of ~2.1 MB arrives in dozens of chunks
POLLS = 600  # per teacher, 4 a second: at most 150 s
RSS_BOUND_MB = 150  # the server process (its workers are separate processes, counted apart)


def padding(n: int) -> bytes:
    """An ISO-BMFF ``free`` box of ``n`` bytes (players and MediaInfo skip it)."""
    return struct.pack(">I4s", n, b"free") + b"\0" * (n - 8)


def case_name(i: int) -> str:
    return f"负载测试第{i:02d}号案例"


def test_twenty_uploads_at_once_two_workers(tmp_path: Path) -> None:
    video = template_video(tmp_path / "template.mp4", seconds=0.4) + padding(PAD_BYTES)
    folders = [
        make_case(tmp_path / f"case{i:02d}", case_name(i), video, seed=i) for i in range(TEACHERS)
    ]
    server = start_shared(
        tmp_path / "server",
        # one address for all twenty, polling 4 times a second: no per-client limit here
        {
            "workers": WORKERS,
            "queue": TEACHERS + 5,
            "jobs_per_hour": 1000,
            "requests_per_minute": 10**6,
        },
    )
    results: dict[int, dict[str, Any]] = {}
    start = threading.Barrier(TEACHERS + 1)

    def teacher(i: int) -> None:
        browser = Browser(server.base)
        files = folder_files(folders[i])
        start.wait()
        upload = browser.upload(files)
        assert upload.status_code == 200, upload.text
        case_id = upload.json()["id"]
        positions = []
        for _ in range(POLLS):
            check = browser.case(case_id)["check"]
            positions.append(check["position"])
            if check["state"] in ("done", "failed", "cancelled"):
                break
            time.sleep(0.25)
        results[i] = {"state": check["state"], "positions": positions}
        results[i]["report"] = browser.report(case_id)
        browser.post(f"/api/cases/{case_id}/delete")

    threads = [threading.Thread(target=teacher, args=(i,)) for i in range(TEACHERS)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.monotonic()
    samples: list[dict[str, int]] = []
    while any(t.is_alive() for t in threads) and time.monotonic() - began < 200:
        health = server.health()
        samples.append(
            {
                "running": health["running"],
                "spool": server.spool_bytes(),
                "workers_rss_kb": sum(rss_kb(pid) for pid in server.workers()),
            }
        )
        time.sleep(0.2)
    for thread in threads:
        thread.join(timeout=10)
    elapsed = time.monotonic() - began
    peak_rss_mb = server.peak_rss_kb() / 1024
    output = server.stop()

    assert sorted(results) == list(range(TEACHERS)), output
    for i, result in results.items():
        assert result["state"] == "done", (i, output)
        report = result["report"]
        assert report["submissions"][0]["case"]["name"] == case_name(i)
        text = json.dumps(report, ensure_ascii=False)
        others = [case_name(j) for j in range(TEACHERS) if j != i and case_name(j) in text]
        assert others == [], (i, others)  # nobody's report mixed with another's
        seen = [p for p in result["positions"] if p is not None]
        assert seen == sorted(seen, reverse=True)  # the place in the queue only goes down
    assert findings_of(results[7]["report"]) == cli_findings(folders[7])
    assert max(s["running"] for s in samples) <= WORKERS
    deepest = max(max((p or 0) for p in r["positions"]) for r in results.values())
    assert deepest >= TEACHERS // 2  # the late ones saw their place
    assert peak_rss_mb < RSS_BOUND_MB, peak_rss_mb
    assert server.job_folders() == []
    print(
        f"\nload: {TEACHERS} jobs in {elapsed:.1f} s = {TEACHERS / elapsed * 60:.1f} jobs/min "
        f"with {WORKERS} workers; server peak RSS {peak_rss_mb:.0f} MB; workers peak RSS "
        f"{max(s['workers_rss_kb'] for s in samples) / 1024:.0f} MB together; spool peak "
        f"{max(s['spool'] for s in samples) / 1e6:.1f} MB; deepest queue place {deepest}"
    )


def rss_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0
