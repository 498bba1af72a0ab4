"""The shared page's settings (``[shared]`` in casecheck.toml, some on the command line).

The defaults, and why:

- ``max_file_mb = 2000``, ``max_job_mb = 3000``: a 10-minute 1080p video at the required
  ≥ 8 Mbps is 600–750 MB (a camera's 20 Mbps export ≈ 1.5 GB, which the check should still
  see and name); the deck, report and form rarely pass 200 MB together.
- ``max_spool_gb = 20``, ``min_free_gb = 2``: room for the queue's uploads plus the corrected
  copies of the jobs being fixed (a video re-encode doubles a job); the floor keeps the
  system's own disk usable when the spool shares it.
- ``workers``: half the cores (at least 1) — a check decodes sound and pictures in three
  threads, so two checks already fill four cores. ``queue = 20``: at about a minute per real
  check, the 20th teacher waits ~10–20 minutes; past that, "come back later" is kinder.
- ``check_timeout_min = 15``, ``fix_timeout_min = 60``: a real check takes 0.5–2 minutes;
  re-encoding a 10-minute 1080p video takes 10–30 on two cores.
- ``retention_min = 120``: long enough to read the report, fix and download; the files are
  gone before the end of the school day.
- ``jobs_per_hour = 30`` per client address (checks and fixes): a school's teachers behind
  one address still pass; one script cannot fill the queue. ``requests_per_minute = 600``:
  the page itself needs a few dozen.
- ``upload_idle_s = 60``: a phone that loses its connection is told within a minute.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MB = 1_000_000
GB = 1_000_000_000


def default_workers() -> int:
    return max(1, (os.cpu_count() or 2) // 2)


@dataclass
class SharedOptions:
    host: str = "127.0.0.1"
    port: int = 8080
    public_names: list[str] = field(default_factory=list)
    access_code: str | None = None
    spool: Path | None = None  # None: a fresh temporary folder, removed at exit
    workers: int = field(default_factory=default_workers)
    queue: int = 20
    max_file_mb: int = 2000
    max_job_mb: int = 3000
    max_spool_gb: float = 20
    min_free_gb: float = 2
    check_timeout_min: float = 15
    fix_timeout_min: float = 60
    retention_min: float = 120
    jobs_per_hour: int = 30
    requests_per_minute: int = 600
    upload_idle_s: float = 60
    shutdown_grace_s: float = 20
    fix_video: bool = True
    trusted_proxies: list[str] = field(default_factory=lambda: ["127.0.0.1", "::1"])

    @classmethod
    def of(cls, values: dict[str, Any]) -> SharedOptions:
        """From casecheck.toml's ``[shared]`` table (validated) and the command line."""
        values = {k: v for k, v in values.items() if v is not None}
        if "bind" in values:
            values["host"], values["port"] = parse_bind(values.pop("bind"))
        if "spool" in values:
            values["spool"] = Path(values["spool"])
        return cls(**values)

    @property
    def bind(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    def allowed_hosts(self, port: int) -> list[str]:
        """The Host headers this server answers: the public names, and the bound address
        itself unless it is a wildcard (0.0.0.0 is no name a browser sends)."""
        hosts = [n.lower() for n in self.public_names]
        if not is_wildcard(self.host):
            host = f"[{self.host}]" if ":" in self.host else self.host
            hosts.append(f"{host}:{port}")
            if is_loopback(self.host):
                hosts.append(f"localhost:{port}")
        return hosts


def parse_bind(text: str) -> tuple[str, int]:
    """``ADDR:PORT`` (``[::1]:8080`` for IPv6) → (address, port); ValueError when malformed."""
    host, sep, port = text.strip().rpartition(":")
    if not sep or not port.isdigit() or int(port) > 65535:
        raise ValueError(text)
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    ipaddress.ip_address(host)  # a name would resolve to who knows which interface
    return host, int(port)


def is_wildcard(host: str) -> bool:
    return ipaddress.ip_address(host).is_unspecified


def is_loopback(host: str) -> bool:
    return ipaddress.ip_address(host).is_loopback
