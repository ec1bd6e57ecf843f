"""Server fixtures: a server database in a PostgreSQL schema of its own per test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from server_support import FAST, ORG_PASS

from amparo.store.server import Server

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)

pytestmark = pytest.mark.postgres


class Clock:
    """A clock the test moves by hand (sessions expire, TOTP codes change)."""

    def __init__(self, start: datetime = NOW):
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def pg(pg_schema_engine: sa.Engine) -> sa.Engine:
    """An empty PostgreSQL schema."""
    return pg_schema_engine


@pytest.fixture
def server(pg: sa.Engine, clock: Clock) -> Iterator[Server]:
    """A server made on the empty schema, unlocked."""
    with Server.create(pg, ORG_PASS, kdf=FAST, clock=clock) as made:
        yield made
