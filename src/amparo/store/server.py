"""Server mode's store: a PostgreSQL database selected by URL, unlocked with the organisation key.

The counterpart of ``vault.Vault`` for a team: the same schema, repositories and audit
chain, on PostgreSQL; evidence bytes in the database (``db_blobs``); the organisation key
unwrapped at start from the organisation passphrase and held only in memory (``org_key``).
Nothing about a process is kept outside the database, so several application processes
can serve one organisation.

Refusals, each naming what is wrong and changing nothing:

- ``DatabaseUnreachable``: the URL names no server that answers (the URL is shown without
  its password);
- ``ServerNotInitialised``: the database has no Amparo schema (``amparo server init``);
- ``SchemaOutdated``: the schema is older than this Amparo (``amparo server upgrade``), or
  newer (install that version);
- ``WrongOrgKey``: the passphrase does not open the organisation key; audited.
"""

from __future__ import annotations

import contextlib
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from amparo.model.clock import Clock, system_clock
from amparo.model.errors import AmparoError, InvalidInput, Problem
from amparo.store import org_key
from amparo.store.db_blobs import DatabaseBlobStore
from amparo.store.engine import postgres_engine
from amparo.store.fields import FieldCipher
from amparo.store.keys import KdfParams
from amparo.store.migrate import current_revision, head_revision, upgrade
from amparo.store.org_key import OrgKeys, WrongOrgKey
from amparo.store.repository import Store
from amparo.store.vault import VaultLocked

#: The environment variable that names the database, as ``--db`` does.
DB_ENV = "AMPARO_DB"
MIN_ORG_PASSPHRASE = 12

__all__ = [
    "DB_ENV", "DatabaseUnreachable", "SchemaOutdated", "Server", "ServerAlreadyInitialised",
    "ServerNotInitialised", "WrongOrgKey", "connect",
]


class DatabaseUnreachable(AmparoError):
    """No PostgreSQL server answers at the URL, or it refuses the connection."""

    exit_code = 3


class ServerNotInitialised(AmparoError):
    """The database holds no Amparo server (no schema, or no organisation key)."""

    exit_code = 3


class ServerAlreadyInitialised(AmparoError):
    """``server init`` on a database that already holds an organisation key."""

    exit_code = 2


class SchemaOutdated(AmparoError):
    """The database's schema is not the one this version of Amparo works with."""

    exit_code = 3


def shown(url: str | sa.Engine) -> str:
    """The URL as it may be shown: password hidden."""
    if isinstance(url, sa.Engine):
        return url.url.render_as_string(hide_password=True)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "the database URL"


def connect(target: str | sa.Engine) -> sa.Engine:
    """An engine on the PostgreSQL database ``target`` (a URL or an engine), tried once.

    InvalidInput for a URL that is not PostgreSQL's; DatabaseUnreachable when no server
    answers (the message names host, port and database, never the password).
    """
    if isinstance(target, sa.Engine):
        engine = target
    else:
        if not isinstance(target, str) or not target.startswith(("postgresql", "postgres://")):
            raise InvalidInput(Problem("--db", "must be a PostgreSQL URL such as "
                                               "postgresql+psycopg://amparo@db.example.org/amparo"))
        try:
            engine = postgres_engine(target)
        except (sa.exc.ArgumentError, ValueError):
            raise InvalidInput(Problem("--db", "is not a database URL Amparo can read")) from None
    try:
        with engine.connect():
            pass
    except sa.exc.OperationalError as exc:
        if not isinstance(target, sa.Engine):
            engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else "no answer"
        raise DatabaseUnreachable(
            f"cannot reach the database at {shown(target)} ({_reason(reason)}); check that the "
            "server is running and the URL, user and network are right") from None
    return engine


def _reason(text: str) -> str:
    # psycopg's first line names the failure ("connection refused", "password
    # authentication failed for user …"); keep it short, never a password (it holds none).
    return text[:160]


class Server:
    """An unlocked server database: its engine, evidence store and organisation keys.

    Use ``Server.create`` (``amparo server init``) or ``Server.open``. ``lock()`` wipes
    the keys and closes every connection.
    """

    #: the embedded vault's folder; a server has none (package knowledge only)
    path = None

    def __init__(self, engine: sa.Engine, keys: OrgKeys, *, clock: Clock = system_clock):
        self._engine: sa.Engine | None = engine
        self._keys: OrgKeys | None = keys
        self._clock = clock
        self._evidence: DatabaseBlobStore | None = DatabaseBlobStore(keys.evidence, engine)
        self._fields: FieldCipher | None = FieldCipher(keys.fields, keys.index, keys.signing)

    @classmethod
    def create(cls, target: str | sa.Engine, org_passphrase: str, *, kdf: KdfParams | None = None,
               clock: Clock = system_clock) -> Server:
        """Create the schema and the organisation key on an empty (or schema-only) database.

        ServerAlreadyInitialised when an organisation key is already there; nothing written.
        """
        if len(org_passphrase) < MIN_ORG_PASSPHRASE:
            raise InvalidInput(Problem("organisation passphrase",
                                       f"must be at least {MIN_ORG_PASSPHRASE} characters"))
        engine = connect(target)
        try:
            with engine.begin() as conn:
                upgrade(conn)
                if org_key.read(conn) is not None:
                    raise ServerAlreadyInitialised(
                        f"the database at {shown(target)} already holds an Amparo organisation; "
                        "nothing was changed")
                keys = org_key.create(conn, org_passphrase, kdf or KdfParams(), _now(clock))
        except BaseException:
            if not isinstance(target, sa.Engine):
                engine.dispose()
            raise
        server = cls(engine, keys, clock=clock)
        server.store().audit.record("server.init", "server", "server")
        return server

    @classmethod
    def open(cls, target: str | sa.Engine, org_passphrase: str, *, clock: Clock = system_clock) -> Server:
        """Unlock the server at ``target``; every refusal changes nothing but the audit log."""
        engine = connect(target)
        try:
            check_schema(engine, target)
            with engine.connect() as conn:
                record = org_key.read(conn)
            if record is None:
                raise ServerNotInitialised(
                    f"the database at {shown(target)} has no organisation key; run amparo server init")
            try:
                keys = org_key.unseal(record, org_passphrase)
            except WrongOrgKey:
                Store(engine, actor="server", clock=clock).audit.record(
                    "server.unlock-refused", "server", "server")
                raise
        except BaseException:
            if not isinstance(target, sa.Engine):
                engine.dispose()
            raise
        return cls(engine, keys, clock=clock)

    @staticmethod
    def upgrade(target: str | sa.Engine, org_passphrase: str) -> str:
        """Bring an older schema up to this version (after checking the organisation key)."""
        engine = connect(target)
        try:
            with engine.connect() as conn:
                record = org_key.read(conn) if _has_table(conn, "server_keys") else None
            if record is None:
                raise ServerNotInitialised(
                    f"the database at {shown(target)} has no organisation key; run amparo server init")
            org_key.unseal(record, org_passphrase).wipe()
            upgrade(engine)
            return head_revision()
        finally:
            if not isinstance(target, sa.Engine):
                engine.dispose()

    def store(self, actor: str = "server") -> Store:
        """A Store over the server's database acting as ``actor``."""
        return Store(self.engine, actor=actor, clock=self._clock, blobs=self.evidence, fields=self.fields)

    @property
    def fields(self) -> FieldCipher:
        """Seals case fields under each case's data key (held in memory while unlocked)."""
        if self._fields is None:
            raise VaultLocked("the server is locked")
        return self._fields

    @property
    def engine(self) -> sa.Engine:
        """The engine on the server's database."""
        if self._engine is None:
            raise VaultLocked("the server is locked")
        return self._engine

    @property
    def evidence(self) -> DatabaseBlobStore:
        """Evidence blobs in the database."""
        if self._evidence is None:
            raise VaultLocked("the server is locked")
        return self._evidence

    @property
    def kdf(self) -> KdfParams:
        """The Argon2id cost the organisation key was made with (accounts' passwords use it too)."""
        with self.engine.connect() as conn:
            record = org_key.read(conn)
        assert record is not None
        return record.kdf

    @property
    def keys(self) -> OrgKeys:
        """The organisation keys (in memory only)."""
        if self._keys is None:
            raise VaultLocked("the server is locked")
        return self._keys

    @property
    def is_open(self) -> bool:
        """False once ``lock()`` has run."""
        return self._keys is not None

    def lock(self) -> None:
        """Wipe the keys and close every connection. Idempotent."""
        if self._evidence is not None:
            self._evidence.forget_key()
            self._evidence = None
        if self._fields is not None:
            self._fields.wipe()
            self._fields = None
        if self._keys is not None:
            self._keys.wipe()
            self._keys = None
        if self._engine is not None:
            with contextlib.suppress(Exception):
                self._engine.dispose()
            self._engine = None

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()


def check_schema(engine: sa.Engine, target: str | sa.Engine) -> None:
    """Refuse a database without Amparo's schema, or with an older or newer one."""
    current = current_revision(engine)
    if current is None:
        raise ServerNotInitialised(
            f"the database at {shown(target)} holds no Amparo schema; run amparo server init")
    head = head_revision()
    if current == head:
        return
    from alembic.script import ScriptDirectory

    from amparo.store.migrate import MIGRATIONS

    known = {s.revision for s in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}
    if current in known:
        raise SchemaOutdated(
            f"the database at {shown(target)} has schema {current}, older than this Amparo's "
            f"{head}; back it up, then run amparo server upgrade --db URL")
    raise SchemaOutdated(
        f"the database at {shown(target)} has schema {current}, made by a newer Amparo; "
        "install that version")


def _has_table(conn: sa.Connection, name: str) -> bool:
    return sa.inspect(conn).has_table(name)


def _now(clock: Clock) -> datetime:
    from amparo.store.schema import utc

    return utc(clock())
