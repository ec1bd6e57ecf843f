"""Backups of the embedded vault: one encrypted, self-verifying file, streamed both ways.

The file (``backup_stream.py``) holds, under a key derived from the vault key, a
sequence of entries and then a manifest:

    F  u16 path-length  path  u64 size  bytes       (one per file)
    M  u32 length  manifest JSON                    (last)

The entries are the vault folder as it should be restored: ``vault.db`` (a consistent
snapshot, made with ``sqlcipher_export`` under the same database key, so its pages stay
encrypted inside the backup too), every committed evidence blob as it is on disk
(encrypted, its key in the snapshot), and the workspace's own files (``calendar.yaml``,
``knowledge/``). The header is the preamble. The manifest lists every entry with its size
and SHA-256, the audit head and the counts of the snapshot, and the date.

Restoring writes into a hidden staging folder inside the target, checks every entry
against the manifest, and only when the whole file has authenticated moves the files into
place and writes ``vault.json`` last: any wrong byte leaves the target as it was.

A backup opens with the passphrase (or recovery code) the vault had *when it was made*:
a later passphrase change does not reach copies already made.

A server's backup (``backup_server.py``) is the same stream and manifest with
``backend: "server"``: one entry per table of the logical dump (field encryption left
intact) in place of ``vault.db`` and the blobs. The service reads the preamble's
``backend`` and hands the file to the one or the other.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from amparo.model.errors import Message
from amparo.store.backup_stream import (
    CHUNK_SIZE,
    BackupDamaged,
    PlainReader,
    SealedWriter,
    backup_key,
    open_backup,
    read_manifest,
    read_preamble,
    write_preamble,
)
from amparo.store.blob_store import BLOB_TIME, BLOBS_DIR
from amparo.store.engine import sqlcipher_connect
from amparo.store.failures import VaultExists
from amparo.store.keys import HEADER_NAME, Header, VaultCorrupt, VaultKeys, fsync_dir, write_atomically
from amparo.store.rekey import DB_NAME
from amparo.store.secret import SecretKey, borrowed_literal

FORMAT = "amparo-backup"
VERSION = 1
SNAPSHOT_PREFIX = ".backup-"
STAGING_PREFIX = ".restore-"
#: The workspace's own files that travel with the vault (plain YAML, no case data).
WORKSPACE_FILES = ("calendar.yaml",)
WORKSPACE_DIRS = ("knowledge",)
_PATH = re.compile(r"^(?:vault\.db|blobs/[A-Za-z0-9_-]{8,64}|calendar\.yaml|knowledge/[A-Za-z0-9_. -]{1,120})$")
_COPY = 1024 * 1024

__all__ = ["BackupDamaged", "BackupManifest", "read_backup", "restore_files", "write_backup"]


@dataclass(frozen=True, slots=True)
class BackupManifest:
    """What a backup holds, as its manifest says (counts and hashes only)."""

    backup_id: str
    created_at: str
    backend: str
    audit_count: int
    audit_hash: str
    cases: int
    evidence: int
    files: tuple[dict[str, Any], ...] = field(default=())

    @property
    def size(self) -> int:
        """Bytes of all the entries together."""
        return sum(int(f["size"]) for f in self.files)


def _preamble(header: Header, salt: bytes) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "backend": "embedded", "chunk_size": CHUNK_SIZE,
            "salt": base64.b64encode(salt).decode("ascii"),
            "vault_header": header.to_bytes().decode("ascii")}


def write_backup(vault_dir: Path, header: Header, keys: VaultKeys, out: BinaryIO, *,
                 created_at: str) -> BackupManifest:
    """Write a backup of the vault at ``vault_dir`` to ``out``; returns its manifest.

    The database is read in one read transaction begun just after a TRUNCATE checkpoint:
    the file on disk then holds exactly that snapshot, and SQLite writes no later page into
    it while the transaction lasts (later commits stay in the WAL), so its encrypted bytes
    are copied as they are. When the checkpoint cannot finish (another reader), a snapshot
    is exported instead (a temporary, encrypted ``.backup-*.db``, removed afterwards).
    The blobs are the ones that snapshot names.
    """
    salt = secrets.token_bytes(32)
    key = backup_key(keys.vault_key, salt)
    snapshot = vault_dir / f"{SNAPSHOT_PREFIX}{secrets.token_hex(8)}.db"
    conn = sqlcipher_connect(vault_dir / DB_NAME, keys.database)
    try:
        source, facts = _consistent_database(conn, vault_dir / DB_NAME, snapshot, keys.database)
        aad = write_preamble(out, _preamble(header, salt))
        sealed = SealedWriter(out, key, aad)
        files = [_entry(sealed, "vault.db", source)]
        for blob_id in facts["blob_ids"]:
            files.append(_entry(sealed, f"{BLOBS_DIR}/{blob_id}", vault_dir / BLOBS_DIR / blob_id))
        for name, path in _workspace_files(vault_dir):
            files.append(_entry(sealed, name, path))
        manifest = BackupManifest(
            backup_id=secrets.token_hex(8), created_at=created_at, backend="embedded",
            audit_count=facts["audit_count"], audit_hash=facts["audit_hash"], cases=facts["cases"],
            evidence=facts["evidence"], files=tuple(files))
        raw = json.dumps(_manifest_doc(manifest), sort_keys=True).encode("utf-8")
        sealed.write(b"M" + struct.pack(">I", len(raw)) + raw)
        sealed.close()
    finally:
        with contextlib.suppress(Exception):
            conn.execute("ROLLBACK")
        conn.close()
        key.wipe()
        with contextlib.suppress(OSError):
            snapshot.unlink(missing_ok=True)
    return manifest


def _consistent_database(conn: Any, db: Path, snapshot: Path, database_key: SecretKey) -> tuple[Path, dict[str, Any]]:
    """The file to copy as ``vault.db`` and what it holds (``conn`` keeps it consistent)."""
    busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    wal = db.with_name(DB_NAME + "-wal")
    conn.execute("BEGIN")
    facts = _facts(conn, "main")
    if busy[0] == 0 and (not wal.exists() or wal.stat().st_size == 0):
        return db, facts
    conn.execute("ROLLBACK")
    return snapshot, _snapshot(conn, snapshot, database_key)


def _facts(conn: Any, schema: str) -> dict[str, Any]:
    # ``schema`` is one of two names written here, never input: the f-strings are safe.
    if schema not in ("main", "snap"):
        raise ValueError("schema must be main or snap")
    one = conn.execute
    head = one(f"SELECT seq, hash FROM {schema}.audit_head WHERE id = 1").fetchone()  # noqa: S608
    return {
        "blob_ids": [r[0] for r in one(f"SELECT blob_id FROM {schema}.blob_keys ORDER BY blob_id")],  # noqa: S608
        "audit_count": int(head[0]), "audit_hash": str(head[1]),
        "cases": int(one(f"SELECT count(*) FROM {schema}.cases").fetchone()[0]),  # noqa: S608
        "evidence": int(one(f"SELECT count(*) FROM {schema}.evidence").fetchone()[0]),  # noqa: S608
    }


def remove_snapshots(vault_dir: Path) -> None:
    """Remove snapshots a killed backup left (encrypted, but of no use)."""
    for leftover in vault_dir.glob(f"{SNAPSHOT_PREFIX}*.db*"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _snapshot(conn: Any, target: Path, database_key: SecretKey) -> dict[str, Any]:
    """Export the database, consistently, to ``target`` under the same key; what it holds."""
    with borrowed_literal(database_key) as literal:
        conn.execute("ATTACH DATABASE ? AS snap KEY ?", (str(target), literal))
    conn.execute("SELECT sqlcipher_export('snap')").fetchall()
    version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
    conn.execute(f"PRAGMA snap.user_version = {version}")
    facts = _facts(conn, "snap")
    conn.execute("DETACH DATABASE snap")
    return facts


def _workspace_files(vault_dir: Path) -> Iterator[tuple[str, Path]]:
    for name in WORKSPACE_FILES:
        if (vault_dir / name).is_file():
            yield name, vault_dir / name
    for folder in WORKSPACE_DIRS:
        if (vault_dir / folder).is_dir():
            for path in sorted((vault_dir / folder).iterdir()):
                name = f"{folder}/{path.name}"
                if path.is_file() and not path.name.startswith(".") and _PATH.match(name):
                    yield name, path


def _entry(sealed: SealedWriter, name: str, path: Path) -> dict[str, Any]:
    encoded = name.encode("utf-8")
    digest = hashlib.sha256()
    # Unbuffered: the file is read straight into the chunk that is sealed next.
    with path.open("rb", buffering=0) as f:
        size = os.fstat(f.fileno()).st_size
        sealed.write(b"F" + struct.pack(">H", len(encoded)) + encoded + struct.pack(">Q", size))
        if sealed.write_from(f, size, digest) != size:
            raise BackupDamaged(f"a file of the vault changed while it was backed up ({name})")
    return {"path": name, "size": size, "sha256": digest.hexdigest()}


def _manifest_doc(m: BackupManifest) -> dict[str, Any]:
    return {"backup_id": m.backup_id, "created_at": m.created_at, "backend": m.backend,
            "audit": {"count": m.audit_count, "hash": m.audit_hash},
            "counts": {"cases": m.cases, "evidence": m.evidence}, "files": list(m.files)}


def _manifest_from(doc: Any) -> BackupManifest:
    try:
        # A server backup's entries (tables) also say how many rows they hold.
        files = tuple({"path": str(f["path"]), "size": int(f["size"]), "sha256": str(f["sha256"]),
                       **({"rows": int(f["rows"])} if "rows" in f else {})}
                      for f in doc["files"])
        return BackupManifest(
            backup_id=str(doc["backup_id"]), created_at=str(doc["created_at"]), backend=str(doc["backend"]),
            audit_count=int(doc["audit"]["count"]), audit_hash=str(doc["audit"]["hash"]),
            cases=int(doc["counts"]["cases"]), evidence=int(doc["counts"]["evidence"]), files=files)
    except (KeyError, TypeError, ValueError):
        raise BackupDamaged("the backup's manifest is damaged") from None


# -- reading -------------------------------------------------------------------------------

def backup_header(src: BinaryIO) -> tuple[Header, dict[str, Any], bytes]:
    """Read the preamble: the vault header to unlock with, the preamble, the frames' data."""
    preamble, aad = read_preamble(src)
    if preamble.get("format") != FORMAT:
        raise BackupDamaged("this file is not an Amparo backup")
    if preamble.get("version") != VERSION or preamble.get("backend") != "embedded":
        raise BackupDamaged("this backup was made by another version or mode of Amparo; "
                            "restore it with that version")
    try:
        header = Header.from_bytes(str(preamble["vault_header"]).encode("ascii"))
        int(preamble["chunk_size"])
        base64.b64decode(preamble["salt"], validate=True)
    except (KeyError, TypeError, ValueError, UnicodeEncodeError, VaultCorrupt):
        raise BackupDamaged("the backup file's preamble is damaged") from None
    return header, preamble, aad


Sink = Callable[[str, int], BinaryIO | None]


def read_backup(src: BinaryIO, preamble: dict[str, Any], aad: bytes, keys: VaultKeys,
                sink: Sink | None = None) -> BackupManifest:
    """Read and check every byte after the preamble; returns the manifest.

    ``sink(path, size)`` returns a file to copy each entry into (or None to only check
    it). BackupDamaged on any fault: a frame that does not authenticate, an entry that does
    not match the manifest, an entry missing, repeated or extra, a path that is not one a
    vault holds.
    """
    reader, key = open_backup(src, preamble, aad, keys.vault_key)
    try:
        seen: dict[str, dict[str, Any]] = {}
        while True:
            kind = reader.read(1)
            if kind == b"M":
                doc = read_manifest(reader)
                break
            if kind != b"F":
                raise BackupDamaged("the backup's content is damaged")
            seen_entry = _read_entry(reader, sink)
            if seen_entry["path"] in seen:
                raise BackupDamaged("the backup holds an entry twice")
            seen[seen_entry["path"]] = seen_entry
        if not reader.at_end():
            raise BackupDamaged("the backup holds bytes after its manifest")
    finally:
        key.wipe()
    manifest = _manifest_from(doc)
    listed = {f["path"]: f for f in manifest.files}
    if listed != seen:
        raise BackupDamaged("the backup's entries do not match its manifest")
    if "vault.db" not in listed:
        raise BackupDamaged("the backup holds no database")
    return manifest


def _read_entry(reader: PlainReader, sink: Sink | None) -> dict[str, Any]:
    (length,) = struct.unpack(">H", reader.read(2))
    try:
        name = reader.read(length).decode("utf-8")
    except UnicodeDecodeError:
        raise BackupDamaged("the backup's content is damaged") from None
    if not _PATH.match(name) or ".." in name.split("/"):
        raise BackupDamaged("the backup holds a file a vault never has")
    (size,) = struct.unpack(">Q", reader.read(8))
    out = sink(name, size) if sink is not None else None
    digest = hashlib.sha256()
    left = size
    while left:
        piece = reader.read_upto(min(_COPY, left))
        if not piece:
            raise BackupDamaged("the backup's content ends too early")
        digest.update(piece)
        if out is not None:
            out.write(piece)
        left -= len(piece)
    if out is not None:
        out.close()
    return {"path": name, "size": size, "sha256": digest.hexdigest()}


# -- restoring -----------------------------------------------------------------------------

class _DurableFile:
    """A restored file that reaches the disk when closed (flush, then fsync)."""

    def __init__(self, fh: BinaryIO):
        self._fh = fh

    def write(self, data: bytes | memoryview) -> int:
        return self._fh.write(data)

    def close(self) -> None:
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()


def restore_files(src: BinaryIO, preamble: dict[str, Any], aad: bytes, keys: VaultKeys,
                  header: Header, target: Path) -> BackupManifest:
    """Restore into ``target`` (absent, or an empty folder); nothing is left there on failure."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise VaultExists(Message("{target} is not empty; restore into a new or empty folder",
                                  target=target))
    made = not target.exists()
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    staging = target / f"{STAGING_PREFIX}{secrets.token_hex(6)}"
    staging.mkdir(mode=0o700)

    def sink(name: str, size: int) -> BinaryIO:
        path = staging / name
        path.parent.mkdir(mode=0o700, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        return _DurableFile(os.fdopen(fd, "wb"))  # type: ignore[return-value]

    try:
        manifest = read_backup(src, preamble, aad, keys, sink)
        for entry in sorted(staging.iterdir()):
            os.replace(entry, target / entry.name)
        staging.rmdir()
        blobs = target / BLOBS_DIR
        if blobs.is_dir():
            for blob in blobs.iterdir():
                os.utime(blob, (BLOB_TIME, BLOB_TIME))
            os.utime(blobs, (BLOB_TIME, BLOB_TIME))
            fsync_dir(blobs)
        # Every restored file and its name are on disk before vault.json says "a vault is
        # here": a power cut must not leave a vault over a truncated database or blob.
        fsync_dir(target)
        # Last: a folder without vault.json is not a vault, so a crash before this leaves none.
        write_atomically(target / HEADER_NAME, header.to_bytes())
        fsync_dir(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        for entry in list(target.iterdir()) if target.is_dir() else []:
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        if made:
            with contextlib.suppress(OSError):
                target.rmdir()
        raise
    return manifest
