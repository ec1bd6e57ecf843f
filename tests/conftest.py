"""Shared fixtures: no egress, a fixed clock, PostgreSQL discovery and a fresh PostgreSQL schema per test."""

from __future__ import annotations

import ipaddress
import os
import socket
import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

# -- no egress ---------------------------------------------------------------------------------
# Amparo makes no network call of its own (its users are watched). Every test runs with
# socket connections and name lookups patched: anything but loopback (or a Unix socket)
# is refused on the spot AND fails the test at teardown, even if the code swallowed the
# error. Subprocesses (Chromium) are launched with background networking off instead.


class EgressRefused(OSError):
    """A connection or lookup beyond this computer, made during a test."""


_LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "testserver", "ip6-localhost"})


def _is_loopback(host: Any) -> bool:
    if host is None or host == "":
        return True  # getaddrinfo(None, port): the local wildcard, for binding
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).split("%", 1)[0].strip("[]")
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        addr = ipaddress.ip_address(host)
    except ValueError:
        return False
    return addr.is_loopback or addr.is_unspecified or (
        isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None and addr.ipv4_mapped.is_loopback)


@pytest.fixture(autouse=True)
def no_egress(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Refuse (and fail the test on) any connection or lookup beyond loopback; yields the
    list of attempts, which a test of this fixture itself may clear."""
    attempts: list[str] = []
    connect, connect_ex, getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

    def check(sock: socket.socket, address: Any) -> None:
        if sock.family == getattr(socket, "AF_UNIX", None):
            return
        host = address[0] if isinstance(address, tuple) else address
        if not _is_loopback(host):
            attempts.append(f"connect to {host!r}")
            raise EgressRefused(f"test tried to connect beyond loopback: {host!r}")

    def guarded_connect(self: socket.socket, address: Any) -> Any:
        check(self, address)
        return connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> Any:
        check(self, address)
        return connect_ex(self, address)

    def guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_loopback(host):
            attempts.append(f"lookup of {host!r}")
            raise EgressRefused(f"test tried to look up a name beyond loopback: {host!r}")
        return getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    yield attempts
    if attempts:
        pytest.fail("network egress attempted: " + "; ".join(attempts), pytrace=False)


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
def pg_schema_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A database URL whose connections use a new, empty PostgreSQL schema (dropped afterwards),
    for tests that start other processes (``amparo serve --db URL``) on it."""
    url = request.getfixturevalue("postgres_url")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(url)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


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
