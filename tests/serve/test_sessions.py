"""Sessions and per-client rate limits (serve/sessions.py) on an injected clock."""

from __future__ import annotations

import pytest

from casecheck.serve.sessions import RateLimit, Sessions


def test_sessions_and_rate_limits_follow_the_clock() -> None:
    now = [1000.0]
    sessions = Sessions(idle_s=60, clock=lambda: now[0])
    session = sessions.new(admitted=False)
    assert sessions.get(session.id) is session
    now[0] += 61
    assert sessions.get(session.id) is None
    limit = RateLimit(2, 10, clock=lambda: now[0])
    assert limit.hit("a") is None and limit.hit("a") is None
    assert limit.hit("a") == pytest.approx(10)
    assert limit.hit("b") is None  # another client
    now[0] += 10
    assert limit.hit("a") is None
