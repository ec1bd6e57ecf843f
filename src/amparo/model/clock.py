"""The one place that reads the time.

Every rule that depends on "now" or "today" (deadlines, the reporting period, whether a
date is in the future, an idle timeout) takes a clock or a value made from one, so that
tests and the demo are reproducible and a vault's history never depends on where a
function happened to ask the machine. ``tests/test_architecture.py`` fails if anything
else in ``amparo`` reads the time.

A clock is a plain callable returning an aware UTC ``datetime``; tests pass
``lambda: FIXED``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The machine's time, in UTC."""
    return datetime.now(UTC)


def today(clock: Clock = system_clock) -> date:
    """Today's date by ``clock``, in UTC (the vault's dates are UTC dates)."""
    return clock().date()


def monotonic() -> float:
    """Seconds from an arbitrary start that never go back (idle timeouts, throttles)."""
    return time.monotonic()


def local(moment: datetime, time_zone: str | None) -> datetime:
    """``moment`` (aware) as the wall-clock time in ``time_zone`` (an IANA name), UTC when
    the zone is unset or unknown: a letter is dated where its writer is, and the instant
    stays the same, so it is never later than the clock's now."""
    if not time_zone:
        return moment.astimezone(UTC)
    try:
        return moment.astimezone(ZoneInfo(time_zone))
    except (ZoneInfoNotFoundError, ValueError):
        return moment.astimezone(UTC)
