"""SQLAlchemy engines for the three backends, all opened through one code path.

- ``sqlcipher_engine``: the embedded vault. Each pooled connection is opened with the raw
  32-byte key (the ``x'..'`` form, ~0.4 ms) instead of a passphrase, which would make
  SQLCipher run its own PBKDF2 at every connection (~75 ms). The key goes to
  ``sqlite3_key`` through the driver's ``set_key`` from a wipeable buffer: a ``PRAGMA key``
  statement would leave the hex key in SQL text that the driver caches and SQLite copies.
  The engine reads its key from a ``KeySlot`` at each new connection, so a rekey swaps the
  key under the same engine and a lock wipes it (new connections then raise VaultLocked).
  SQLAlchemy's ``sqlite+pysqlcipher`` dialect is not used: it keys with a passphrase and
  pins one connection per thread.
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

from amparo.store.keys import KEY_BYTES, VaultBusy, VaultLocked, WrongPassphrase
from amparo.store.secret import SecretKey, borrowed_literal

# Per-connection settings. temp_store=MEMORY keeps sorts and temporary tables out of plaintext
# temp files; WAL lets readers work while one writer commits; busy_timeout waits for a writer
# in another thread instead of failing at once. secure_delete overwrites deleted rows and
# freed pages with zeros: a deleted evidence key or case must not survive in a free page
# (the WAL still holds old frames until a TRUNCATE checkpoint: see ``checkpoint``).
_PRAGMAS = (
    "PRAGMA temp_store = MEMORY",
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA secure_delete = ON",
)


class KeySlot:
    """The SQLCipher key an engine opens new connections with; swapped on rekey, emptied on lock.

    The slot refers to a key owned by the vault (``VaultKeys.database``); it never copies it.
    """

    __slots__ = ("_held", "_key")

    def __init__(self, key: SecretKey):
        self._key: SecretKey | None = key
        self._held = False

    def use(self, key: SecretKey) -> None:
        """Open later connections with ``key`` (after a rekey)."""
        self._key = key
        self._held = False

    def hold(self) -> None:
        """Refuse new connections for a while (VaultBusy): a rekey is swapping the database."""
        self._held = True

    def empty(self) -> None:
        """Refuse every later connection (the vault was locked)."""
        self._key = None
        self._held = False

    def current(self) -> SecretKey:
        """The key to open a connection with; VaultLocked once emptied or wiped."""
        if self._held:
            raise VaultBusy("the vault is being rekeyed; try again in a moment")
        if self._key is None or self._key.wiped:
            raise VaultLocked()
        return self._key


def sqlcipher_engine(db_path: Path, key: KeySlot | SecretKey | bytes) -> sqlalchemy.Engine:
    """An engine on the SQLCipher 4 database ``db_path`` keyed with the raw 32-byte ``key``.

    The first connection is made here: a key that does not open an existing file raises
    WrongPassphrase (never a DatabaseError), so callers learn of it at once.
    """
    import sqlcipher3.dbapi2 as sqlcipher

    if isinstance(key, bytes | bytearray):
        key = SecretKey(key)
    slot = key if isinstance(key, KeySlot) else KeySlot(key)
    if len(slot.current()) != KEY_BYTES:
        raise ValueError("SQLCipher key must be 32 bytes")
    return _sqlite_engine(sqlcipher, db_path, slot)


def plain_sqlite_engine(db_path: Path) -> sqlalchemy.Engine:
    """An engine on an unencrypted SQLite file, opened like the vault's (benchmarks, tests)."""
    return _sqlite_engine(sqlite3, db_path, None)


def sqlcipher_connect(db_path: Path, key: SecretKey) -> Any:
    """One raw SQLCipher connection (no pool), keyed and set up like the engine's."""
    import sqlcipher3.dbapi2 as sqlcipher

    return _keyed_connect(sqlcipher, Path(db_path), KeySlot(key))()


def checkpoint(engine: sqlalchemy.Engine) -> bool:
    """Copy the WAL into the database and truncate it to zero bytes; False if readers kept it.

    A WAL keeps old page images (a deleted key, a deleted case) until it is reset; after a
    delete for good the TRUNCATE checkpoint is what makes the old frames go.
    """
    if engine.dialect.name != "sqlite":
        return True
    with engine.connect() as conn:
        busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
    return busy is None or busy[0] == 0


def postgres_engine(url: str, **pool: Any) -> sqlalchemy.Engine:
    """An engine on PostgreSQL through psycopg 3; ``postgresql://`` URLs are given that driver.

    ``pool``: SQLAlchemy's pool settings (``pool_size``, ``max_overflow``) where the
    defaults (5 and 10 connections) are not enough."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    # No server-side prepared statements: psycopg prepares a query after its fifth run, and
    # PostgreSQL then settles on one generic plan for every value. Search tokens are as
    # skewed as words are (one in nine cases in ten, another in one), and the generic plan
    # for a search walked the token index of the common word: 16 ms a search instead of 2
    # at 20,000 cases (bench/server.py). Each statement is planned for its own values.
    return sqlalchemy.create_engine(url, pool_pre_ping=True, connect_args={"prepare_threshold": None}, **pool)


def _sqlite_engine(dbapi: Any, db_path: Path, slot: KeySlot | None) -> sqlalchemy.Engine:
    engine = sqlalchemy.create_engine(
        "sqlite://",
        module=dbapi,  # so SQLAlchemy wraps this driver's errors (IntegrityError, ...)
        creator=_keyed_connect(dbapi, Path(db_path), slot),
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


def _keyed_connect(dbapi: Any, db_path: Path, slot: KeySlot | None) -> Callable[[], Any]:
    def connect() -> Any:
        key = slot.current() if slot is not None else None  # VaultLocked before any file opens
        conn = dbapi.connect(str(db_path), check_same_thread=False, isolation_level=None)
        try:
            if key is not None:
                # Before the key, so a wrong key is reported by Amparo, not by a line on stderr.
                conn.execute("PRAGMA cipher_log_level = 'NONE'")
                with borrowed_literal(key) as literal:
                    conn.set_key(literal)
            try:
                # The first read is where a wrong key shows ("file is not a database").
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except dbapi.DatabaseError:
                if key is None:
                    raise
                raise WrongPassphrase() from None
            for statement in _PRAGMAS:
                conn.execute(statement).fetchall()
        except BaseException:
            conn.close()
            raise
        return conn

    return connect
