"""Backups of a server database: a logical dump in the embedded backup's sealed stream.

The file is the one ``backup_stream.py`` describes (magic, clear preamble, AES-256-GCM
frames, truncation-proof) with ``backend: "server"``. The preamble carries what unlocks
it: the ``server_keys`` record as the database held it (the organisation key *wrapped*
under the organisation passphrase: salt, Argon2id cost, check value) and the schema's
migration revision. The frames are sealed under HKDF-SHA256 of the organisation key and
the backup's salt, so the file opens with the organisation passphrase the server had
when it was made, and never holds the organisation key itself.

After the preamble, one entry per table, then the manifest (as the embedded backup's):

    T  u16 length  header JSON {"table", "columns"}  (u32 n, n bytes)*  u32 0
    M  u32 length  manifest JSON

Each table's bytes are PostgreSQL's own ``COPY … TO STDOUT`` text, streamed from one
REPEATABLE READ, READ ONLY transaction (one consistent snapshot across tables), in
pieces of at most 1 MiB: memory does not grow with the database, and evidence rows over
512 KiB are read in ``substring`` pieces (``_dump_pieced``), so neither does it grow with the
largest file. Nothing is
decrypted on the way: sealed fields stay sealed, case keys and blob keys stay wrapped,
evidence stays in its sealed chunks. The manifest lists each table's size, SHA-256 and
rows, the audit head and the counts of cases and evidence.

Restoring runs in **one transaction** on the target database (PostgreSQL's DDL is
transactional): refuse a database that holds any table, create the schema at the
backup's revision with the migrations, load each table with ``COPY … FROM STDIN`` as its
authenticated chunks arrive, check every entry against the manifest, move the sequences
past the restored ids, check the audit head, and only then commit. A wrong byte anywhere
(or a cut file) fails before the commit, and the rollback leaves the database empty.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
import struct
from collections.abc import Iterator
from typing import Any, BinaryIO

import sqlalchemy as sa

from amparo.model.errors import AmparoError, Message
from amparo.store import org_key
from amparo.store.backup import FORMAT, VERSION, BackupManifest, _manifest_doc, _manifest_from
from amparo.store.backup_stream import (
    CHUNK_SIZE,
    BackupDamaged,
    PlainReader,
    SealedWriter,
    backup_key,
    open_backup,
    read_manifest,
    write_preamble,
)
from amparo.store.keys import KdfParams
from amparo.store.migrate import current_revision, head_revision, upgrade
from amparo.store.org_key import OrgKeyRecord, OrgKeys

_PIECE = 1024 * 1024
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
#: Made by the migrations the restore runs, never copied.
_SKIP = frozenset({"alembic_version"})
#: One restore at a time on a PostgreSQL server (an advisory lock, held by the transaction).
_RESTORE_LOCK = 0x616D7061726F  # "amparo"

__all__ = ["DatabaseNotEmpty", "check_server", "restore_server", "server_record", "write_server_backup"]


class DatabaseNotEmpty(AmparoError):
    """``restore --db`` on a database that already holds tables."""

    exit_code = 2


# -- writing -------------------------------------------------------------------------------

def write_server_backup(engine: sa.Engine, keys: OrgKeys, out: BinaryIO, *, created_at: str) -> BackupManifest:
    """Write a backup of the server database to ``out``; returns its manifest.

    ``keys`` are the unlocked server's: only the organisation key is used, to derive the
    key the file is sealed under. No field, case key or blob is opened.
    """
    salt = secrets.token_bytes(32)
    key = backup_key(keys.org_key, salt)
    try:
        with engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            with conn.begin():
                record = org_key.read(conn)
                revision = current_revision(conn)
                if record is None or revision is None:
                    raise AmparoError(Message("this database holds no Amparo server to back up"))
                tables = _tables(conn)
                facts = _facts(conn)
                aad = write_preamble(out, _preamble(record, revision, salt))
                sealed = SealedWriter(out, key, aad)
                cursor = conn.connection.driver_connection.cursor()
                files = [_dump_table(sealed, cursor, table) for table in tables]
                manifest = BackupManifest(
                    backup_id=secrets.token_hex(8), created_at=created_at, backend="server",
                    audit_count=facts["audit_count"], audit_hash=facts["audit_hash"], cases=facts["cases"],
                    evidence=facts["evidence"], files=tuple(files))
                raw = json.dumps(_manifest_doc(manifest), sort_keys=True).encode("utf-8")
                sealed.write(b"M" + struct.pack(">I", len(raw)) + raw)
                sealed.close()
    finally:
        key.wipe()
    return manifest


def _preamble(record: OrgKeyRecord, revision: str, salt: bytes) -> dict[str, Any]:
    b64 = base64.b64encode
    return {"format": FORMAT, "version": VERSION, "backend": "server", "chunk_size": CHUNK_SIZE,
            "salt": b64(salt).decode("ascii"), "schema": revision,
            "org_key": {"kdf": record.kdf.as_json(), "salt": b64(record.salt).decode("ascii"),
                        "check_value": b64(record.check_value).decode("ascii"),
                        "wrapped_key": b64(record.wrapped_key).decode("ascii")}}


def _tables(conn: sa.Connection) -> list[sa.Table]:
    """The schema's tables, parents before children (as the restore loads them)."""
    meta = sa.MetaData()
    meta.reflect(conn)
    return [t for t in meta.sorted_tables if t.name not in _SKIP]


def _facts(conn: sa.Connection) -> dict[str, Any]:
    one = conn.exec_driver_sql
    head = one("SELECT seq, hash FROM audit_head WHERE id = 1").one()
    return {"audit_count": int(head[0]), "audit_hash": str(head[1]),
            "cases": int(one("SELECT count(*) FROM cases").scalar_one()),
            "evidence": int(one("SELECT count(*) FROM evidence").scalar_one())}


def _copy_sql(table: str, columns: list[str], direction: str) -> Any:
    from psycopg import sql  # server mode's driver, loaded only here

    return sql.SQL("COPY {} ({}) " + direction).format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in columns))


#: Tables whose one large bytea column is read in pieces (see ``_dump_pieced``).
_PIECED = {"blob_data": "data"}
#: Bytes of a large value read at a time: 1 MiB once written in hex, as COPY writes bytea.
_RAW_PIECE = _PIECE // 2


def _dump_table(sealed: SealedWriter, cursor: Any, table: sa.Table) -> dict[str, Any]:
    if table.name in _PIECED:
        return _dump_pieced(sealed, cursor, table, _PIECED[table.name])
    columns = [c.name for c in table.columns]
    header = json.dumps({"table": table.name, "columns": columns}).encode("utf-8")
    sealed.write(b"T" + struct.pack(">H", len(header)) + header)
    entry = _TableEntry(sealed)
    entry.copy_out(cursor, _copy_sql(table.name, columns, "TO STDOUT"))
    return entry.close(table.name)


def _dump_pieced(sealed: SealedWriter, cursor: Any, table: sa.Table, column: str) -> dict[str, Any]:
    """A table with large values (evidence): the same COPY text, but never a whole row in memory.

    libpq hands a COPY row over whole, and bytea comes as hex: one 8 MiB evidence file
    would be 16 MiB in libpq and as much again in Python. So the small rows come by one
    COPY, and each large one as its other columns (by COPY, escaped as COPY escapes them)
    followed by its value read with ``substring`` in pieces and written in hex: the bytes
    are exactly the ones COPY would send, and the restore loads them unchanged.
    """
    from psycopg import sql

    others = [c.name for c in table.columns if c.name != column]
    keys = [c.name for c in table.primary_key.columns]
    columns = [*others, column]  # the large value last, so a row can end with its pieces
    header = json.dumps({"table": table.name, "columns": columns}).encode("utf-8")
    sealed.write(b"T" + struct.pack(">H", len(header)) + header)
    entry = _TableEntry(sealed)
    ident, value = sql.Identifier(table.name), sql.Identifier(column)
    names = sql.SQL(", ").join(sql.Identifier(c) for c in others)
    order = sql.SQL(", ").join(sql.Identifier(c) for c in keys)
    entry.copy_out(cursor, sql.SQL("COPY (SELECT {}, {} FROM {} WHERE octet_length({}) <= {} ORDER BY {}) TO STDOUT")
                   .format(names, value, ident, value, sql.Literal(_RAW_PIECE), order))
    cursor.execute(sql.SQL("SELECT {}, octet_length({}) FROM {} WHERE octet_length({}) > {} ORDER BY {}")
                   .format(order, value, ident, value, sql.Literal(_RAW_PIECE), order))
    large = cursor.fetchall()  # keys and sizes only
    for *key, size in large:
        match = sql.SQL(" AND ").join(sql.SQL("{} = {}").format(sql.Identifier(k), sql.Literal(v))
                                      for k, v in zip(keys, key, strict=True))
        prefix = bytearray()
        with cursor.copy(sql.SQL("COPY (SELECT {} FROM {} WHERE {}) TO STDOUT").format(names, ident, match)) as copy:
            for data in copy:
                prefix += data
        entry.add(bytes(prefix[:-1]) + b"\t\\\\x", 0)  # its columns, then a bytea in hex: \\x…
        for start in range(1, size + 1, _RAW_PIECE):
            cursor.execute(sql.SQL("SELECT substring({} FROM {} FOR {}) FROM {} WHERE {}").format(
                value, sql.Literal(start), sql.Literal(_RAW_PIECE), ident, match))
            entry.add(cursor.fetchone()[0].hex().encode("ascii"), 0)
        entry.add(b"\n", 1)
    return entry.close(table.name)


class _TableEntry:
    """One table's COPY text going out as length-prefixed pieces of at most 1 MiB."""

    def __init__(self, sealed: SealedWriter):
        self._sealed = sealed
        self._digest = hashlib.sha256()
        self._buffer = bytearray()
        self.size = self.rows = 0

    def add(self, data: bytes | bytearray | memoryview, newlines: int | None = None) -> None:
        """Add bytes holding ``newlines`` ends of rows (None: count them; text COPY escapes
        newlines in values, so each one ends a row)."""
        self._digest.update(data)
        self.size += len(data)
        if len(data) >= _PIECE:  # a large piece goes out as it is, not copied
            self.rows += 1 if newlines is None else newlines  # PostgreSQL sends one row a message
            self._flush()
            self._pieces(data)
            return
        start = len(self._buffer)
        self._buffer += data
        self.rows += self._buffer.count(b"\n", start) if newlines is None else newlines
        if len(self._buffer) >= _PIECE:
            self._flush()

    def copy_out(self, cursor: Any, statement: Any) -> None:
        """Add the output of one ``COPY … TO STDOUT`` (one row a message)."""
        with cursor.copy(statement) as copy:
            for data in copy:
                self.add(data)

    def _flush(self) -> None:
        if self._buffer:
            self._pieces(self._buffer)
            self._buffer = bytearray()

    def _pieces(self, data: bytes | bytearray | memoryview) -> None:
        view = memoryview(data)
        for start in range(0, len(view), _PIECE):
            piece = view[start:start + _PIECE]
            self._sealed.write(struct.pack(">I", len(piece)))
            self._sealed.write(piece)

    def close(self, table: str) -> dict[str, Any]:
        """End the entry; what the manifest lists for it."""
        self._flush()
        self._sealed.write(struct.pack(">I", 0))
        return {"path": f"tables/{table}", "size": self.size, "sha256": self._digest.hexdigest(), "rows": self.rows}


# -- reading -------------------------------------------------------------------------------

def server_record(preamble: dict[str, Any]) -> OrgKeyRecord:
    """The organisation key record a server backup's preamble carries (BackupDamaged if not whole)."""
    try:
        doc = preamble["org_key"]
        kdf = KdfParams(int(doc["kdf"]["memory_kib"]), int(doc["kdf"]["time_cost"]), int(doc["kdf"]["parallelism"]))
        record = OrgKeyRecord(kdf, base64.b64decode(doc["salt"], validate=True),
                              base64.b64decode(doc["check_value"], validate=True),
                              base64.b64decode(doc["wrapped_key"], validate=True))
        str(preamble["schema"])
        int(preamble["chunk_size"])
        base64.b64decode(preamble["salt"], validate=True)
    except (KeyError, TypeError, ValueError):
        raise BackupDamaged(Message("the backup file's preamble is damaged")) from None
    return record


def _entries(src: BinaryIO, preamble: dict[str, Any], aad: bytes, keys: OrgKeys
             ) -> Iterator[tuple[dict[str, Any], Iterator[bytes]] | BackupManifest]:
    """Each table entry as (header, its pieces), then the manifest, all authenticated.

    A caller must consume each entry's pieces before asking for the next entry.
    """
    reader, key = open_backup(src, preamble, aad, keys.org_key)
    try:
        seen: dict[str, dict[str, Any]] = {}
        while True:
            kind = reader.read(1)
            if kind == b"M":
                doc = read_manifest(reader)
                break
            if kind != b"T":
                raise BackupDamaged(Message("the backup's content is damaged"))
            header = _header(reader)
            path = f"tables/{header['table']}"
            if path in seen:
                raise BackupDamaged(Message("the backup holds a table twice"))
            tally = {"path": path, "size": 0, "rows": 0}
            digest = hashlib.sha256()
            pieces = _pieces(reader, digest, tally)
            yield header, pieces
            for _ in pieces:  # what the caller left unread still has to be checked
                pass
            seen[path] = {**tally, "sha256": digest.hexdigest()}
        if not reader.at_end():
            raise BackupDamaged(Message("the backup holds bytes after its manifest"))
    finally:
        key.wipe()
    manifest = _manifest_from(doc)
    if manifest.backend != "server":
        raise BackupDamaged(Message("the backup's manifest is damaged"))
    listed = {f["path"]: f for f in manifest.files}
    if listed != seen:
        raise BackupDamaged(Message("the backup's tables do not match its manifest"))
    yield manifest


def _header(reader: PlainReader) -> dict[str, Any]:
    (length,) = struct.unpack(">H", reader.read(2))
    try:
        header = json.loads(reader.read(length).decode("utf-8"))
        table, columns = str(header["table"]), [str(c) for c in header["columns"]]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise BackupDamaged(Message("the backup's content is damaged")) from None
    if not _NAME.match(table) or not columns or not all(_NAME.match(c) for c in columns):
        raise BackupDamaged(Message("the backup holds a table a server never has"))
    return {"table": table, "columns": columns}


def _pieces(reader: PlainReader, digest: Any, tally: dict[str, Any]) -> Iterator[bytes]:
    while True:
        (length,) = struct.unpack(">I", reader.read(4))
        if length == 0:
            return
        if length > _PIECE:
            raise BackupDamaged(Message("the backup's content is damaged"))
        piece = reader.read(length)
        digest.update(piece)
        tally["size"] += length
        tally["rows"] += piece.count(b"\n")
        yield piece


def check_server(src: BinaryIO, preamble: dict[str, Any], aad: bytes, keys: OrgKeys) -> BackupManifest:
    """Read and check every byte of a server backup; nothing is written anywhere."""
    for item in _entries(src, preamble, aad, keys):
        if isinstance(item, BackupManifest):
            return item
    raise BackupDamaged(Message("the backup's content ends too early"))  # pragma: no cover (_entries yields one)


# -- restoring -----------------------------------------------------------------------------

def restore_server(src: BinaryIO, preamble: dict[str, Any], aad: bytes, keys: OrgKeys,
                   engine: sa.Engine, shown: str) -> BackupManifest:
    """Restore a server backup into the empty database of ``engine``: all of it or nothing.

    DatabaseNotEmpty for a database that holds any table; BackupDamaged (nothing written)
    for any wrong byte; AmparoError for a backup made by a newer Amparo.
    """
    revision = str(preamble["schema"])
    from alembic.script import ScriptDirectory

    from amparo.store.migrate import MIGRATIONS

    if revision not in {s.revision for s in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}:
        raise AmparoError(Message("this backup has schema {revision}, made by a newer Amparo than this one "
                                  "({ours}); restore it with that version", revision=revision, ours=head_revision()))
    with engine.connect() as conn, conn.begin():
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_RESTORE_LOCK})")
        present = sa.inspect(conn).get_table_names()
        if present:
            raise DatabaseNotEmpty(
                f"the database at {shown} is not empty (it holds {len(present)} table(s)); nothing was "
                "changed. Restore into a new, empty database: create one (createdb amparo_restored), then "
                "run amparo restore FILE --db with its URL")
        upgrade(conn, revision)
        targets = {t.name: t for t in _tables(conn)}
        # The migrations seed a few rows (the audit head's genesis); the backup brings its own.
        conn.exec_driver_sql("TRUNCATE " + ", ".join(f'"{name}"' for name in targets))
        cursor = conn.connection.driver_connection.cursor()
        loaded: set[str] = set()
        manifest: BackupManifest | None = None
        for item in _entries(src, preamble, aad, keys):
            if isinstance(item, BackupManifest):
                manifest = item
                break
            header, pieces = item
            table = targets.get(header["table"])
            if table is None or set(header["columns"]) != {c.name for c in table.columns}:
                raise BackupDamaged(Message("the backup's tables do not match its schema revision"))
            with cursor.copy(_copy_sql(table.name, header["columns"], "FROM STDIN")) as copy:
                for piece in pieces:
                    copy.write(piece)
            loaded.add(table.name)
        if manifest is None or loaded != set(targets):
            raise BackupDamaged(Message("the backup does not hold every table of its schema"))
        _move_sequences(conn)
        facts = _facts(conn)
        if (facts["audit_count"], facts["audit_hash"]) != (manifest.audit_count, manifest.audit_hash):
            raise BackupDamaged(Message("the restored audit head is not the one the backup's manifest records"))
    # A restored database has no planner statistics until autovacuum's first round (never
    # where it is turned off), and without them a page of 50 cases reads every reprisal row.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE")
    return manifest


def _move_sequences(conn: sa.Connection) -> None:
    """Each serial column's sequence past the largest id restored (else the next insert collides)."""
    serials = conn.exec_driver_sql(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND column_default LIKE 'nextval(%%'").all()
    for table, column in serials:
        if not (_NAME.match(table) and _NAME.match(column)):
            continue
        conn.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "  # noqa: S608 (names checked)
            f"COALESCE(max(\"{column}\"), 0) + 1, false) FROM \"{table}\"")
