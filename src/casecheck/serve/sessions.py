"""Browser sessions and per-client rate limits of the shared page.

A session is a random id in an HttpOnly, SameSite=Strict cookie; it carries the CSRF token the
page sends back on every state-changing request, and whether the access code was given. Jobs
belong to the session that uploaded them. Sessions live in memory: a restart forgets them, as
it deletes the jobs. Their number is bounded (the least recently seen are forgotten first).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

Clock = Callable[[], float]


@dataclass
class Session:
    id: str
    csrf: str
    admitted: bool
    seen: float


@dataclass
class Sessions:
    """The live sessions; one idle longer than ``idle_s`` is forgotten."""

    idle_s: float
    limit: int = 20_000
    clock: Clock = time.time
    _all: OrderedDict[str, Session] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def new(self, admitted: bool) -> Session:
        session = Session(
            secrets.token_urlsafe(32), secrets.token_urlsafe(32), admitted, self.clock()
        )
        with self._lock:
            self._all[session.id] = session
            while len(self._all) > self.limit:
                self._all.popitem(last=False)
        return session

    def get(self, session_id: str | None) -> Session | None:
        if not session_id:
            return None
        with self._lock:
            session = self._all.get(session_id)
            if session is None:
                return None
            now = self.clock()
            if now - session.seen > self.idle_s:
                del self._all[session_id]
                return None
            session.seen = now
            self._all.move_to_end(session_id)
            return session

    def sweep(self) -> None:
        now = self.clock()
        with self._lock:
            for key in [k for k, s in self._all.items() if now - s.seen > self.idle_s]:
                del self._all[key]

    def __len__(self) -> int:
        return len(self._all)


class RateLimit:
    """At most ``count`` events per ``window_s`` seconds per client (a sliding window)."""

    def __init__(self, count: int, window_s: float, clock: Clock = time.monotonic) -> None:
        self.count = count
        self.window_s = window_s
        self.clock = clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, client: str, *, count: bool = True) -> float | None:
        """Count one event (``count=False``: only ask); None when allowed, else the seconds
        until the next one is."""
        now = self.clock()
        with self._lock:
            events = self._events.setdefault(client, deque())
            while events and now - events[0] >= self.window_s:
                events.popleft()
            if len(events) >= self.count:
                return self.window_s - (now - events[0])
            if count:
                events.append(now)
            return None

    def sweep(self) -> None:
        now = self.clock()
        with self._lock:
            for client in [
                c for c, e in self._events.items() if not e or now - e[-1] >= self.window_s
            ]:
                del self._events[client]


class ClientNames:
    """A short keyed hash of a client address, for the log: the same client reads the same
    within one run of the server, and the address itself is never written."""

    def __init__(self) -> None:
        self._key = secrets.token_bytes(16)

    def __call__(self, address: str) -> str:
        return hmac.new(self._key, address.encode(), hashlib.sha256).hexdigest()[:8]
