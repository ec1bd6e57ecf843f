"""Server fixtures: a server database in a PostgreSQL schema of its own per test."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
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


@pytest.fixture
def databases(postgres_url: str) -> Iterator[Callable[[], str]]:
    """Make empty PostgreSQL databases (for backup and restore); every one is dropped at the end."""
    admin = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def make() -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
        made.append(name)
        return sa.make_url(postgres_url).set(database=name).render_as_string(hide_password=False)

    yield make
    with admin.connect() as conn:
        for name in made:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.dispose()
