"""SQLAlchemy engines for the three backends, all opened through one code path.

- ``sqlcipher_engine``: the embedded vault. Each pooled connection is opened with the raw
  32-byte key (``PRAGMA key = "x'..'"``, ~0.4 ms) instead of a passphrase, which would make
  SQLCipher run its own PBKDF2 at every connection (~75 ms). SQLAlchemy's ``sqlite+pysqlcipher``
  dialect is not used: it keys with a passphrase and pins one connection per thread.
- ``plain_sqlite_engine``: the same code with the stdlib ``sqlite3`` module, for benchmarks
  (encrypted/plain ratios) and tests. Never for case data.
- ``postgres_engine``: server mode, psycopg 3.

SQLite connections are opened with ``isolation_level=None`` and SQLAlchemy emits ``BEGIN``
itself, so that DDL is transactional and SAVEPOINTs work: a migration or an import that fails
half-way leaves nothing behind (the pysqlite default silently commits before DDL).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy
from sqlalchemy import event
from sqlalchemy.pool import QueuePool

from amparo.store.keys import KEY_BYTES, WrongPassphrase

# Per-connection settings. temp_store=MEMORY keeps sorts and temporary tables out of plaintext
# temp files; WAL lets readers work while one writer commits; busy_timeout waits for a writer
# in another thread instead of failing at once.
_PRAGMAS = (
    "PRAGMA temp_store = MEMORY",
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 5000",
)


def sqlcipher_engine(db_path: Path, key: bytes) -> sqlalchemy.Engine:
    """An engine on the SQLCipher 4 database ``db_path`` keyed with the raw 32-byte ``key``.

    The first connection is made here: a key that does not open an existing file raises
    WrongPassphrase (never a DatabaseError), so callers learn of it at once.
    """
    import sqlcipher3.dbapi2 as sqlcipher

    if len(key) != KEY_BYTES:
        raise ValueError("SQLCipher key must be 32 bytes")
    keying = (
        # Before the key, so a wrong key is reported by Amparo, not by a line on stderr.
        "PRAGMA cipher_log_level = 'NONE'",
        f"PRAGMA key = \"x'{key.hex()}'\"",
    )
    return _sqlite_engine(sqlcipher, db_path, keying)


def plain_sqlite_engine(db_path: Path) -> sqlalchemy.Engine:
    """An engine on an unencrypted SQLite file, opened like the vault's (benchmarks, tests)."""
    return _sqlite_engine(sqlite3, db_path, ())


def postgres_engine(url: str) -> sqlalchemy.Engine:
    """An engine on PostgreSQL through psycopg 3; ``postgresql://`` URLs are given that driver."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return sqlalchemy.create_engine(url, pool_pre_ping=True)


def _sqlite_engine(dbapi: Any, db_path: Path, keying: tuple[str, ...]) -> sqlalchemy.Engine:
    engine = sqlalchemy.create_engine(
        "sqlite://",
        module=dbapi,  # so SQLAlchemy wraps this driver's errors (IntegrityError, ...)
        creator=_keyed_connect(dbapi, Path(db_path), keying),
        poolclass=QueuePool,
        pool_size=5,
        max_overflow=10,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: sqlalchemy.Connection) -> None:
        conn.exec_driver_sql("BEGIN")

    try:
        # Open (and verify) one connection now; it stays in the pool for reuse.
        engine.connect().close()
    except BaseException:
        engine.dispose()
        raise
    return engine


def _keyed_connect(dbapi: Any, db_path: Path, keying: tuple[str, ...]) -> Callable[[], Any]:
    def connect() -> Any:
        conn = dbapi.connect(str(db_path), check_same_thread=False, isolation_level=None)
        try:
            for statement in keying:
                conn.execute(statement)
            try:
                # The first read is where a wrong key shows ("file is not a database").
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except dbapi.DatabaseError:
                if not keying:
                    raise
                raise WrongPassphrase() from None
            for statement in _PRAGMAS:
                conn.execute(statement).fetchall()
        except BaseException:
            conn.close()
            raise
        return conn

    return connect
