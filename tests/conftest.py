"""Shared fixtures: a fixed clock, PostgreSQL discovery and a fresh PostgreSQL schema per test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date

import pytest
import sqlalchemy as sa

#: Tests never ask the machine's clock: every rule that needs "today" gets this one.
TODAY = date(2026, 11, 28)


@pytest.fixture
def today() -> date:
    return TODAY


def pg_url() -> str | None:
    """The PostgreSQL URL for store tests, or None when no server can be reached.

    AMPARO_TEST_PG_URL wins; otherwise the local server on 127.0.0.1:5432 (database
    ``test``) is tried. Under CI=true a missing server is a failure, not a skip.
    """
    url = os.environ.get("AMPARO_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    try:
        import psycopg

        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=3):
            return url
    except Exception:
        return None


@pytest.fixture(scope="session")
def postgres_url() -> str:
    url = pg_url()
    if url is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no PostgreSQL server answers (set AMPARO_TEST_PG_URL)")
        import warnings

        warnings.warn(
            "\n*** PostgreSQL tests SKIPPED: no server at AMPARO_TEST_PG_URL or 127.0.0.1:5432 ***",
            stacklevel=1,
        )
        pytest.skip("no PostgreSQL server")
    return url


@pytest.fixture
def pg_schema_engine(request: pytest.FixtureRequest) -> Iterator[sa.Engine]:
    """An engine whose search_path is a new, empty PostgreSQL schema (dropped afterwards)."""
    url = request.getfixturevalue("postgres_url")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(url)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    engine = sa.create_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()
