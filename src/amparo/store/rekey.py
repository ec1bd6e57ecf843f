"""A full rekey: a new random vault key, the database re-encrypted, every blob key rewrapped.

Why a passphrase change alone is not enough: it rewraps the same vault key, so an old copy
of ``vault.json`` (a backup, a copy taken at a border) with the old passphrase still opens
today's database, with everything written since. After a full rekey that copy opens
nothing current: the database is under a key that copy never held.

The steps, and what a crash at each leaves (the old passphrase opens the vault until step 2
commits; the new one from then on; never neither):

1. *export*: the database is copied under the new database key into ``vault.db.rekey``
   (``sqlcipher_export``, through an ATTACH keyed from a wipeable buffer), the blob keys in
   the copy rewrapped under the new evidence key, the copy fsynced. The evidence files are
   not touched: they hold no key. Crash: the copy is under a key stored nowhere; the next
   open removes it.
2. *header*: ``vault.json`` is replaced (one atomic rename) by a header sealing the new vault
   key under the new passphrase, carrying ``rekey_from`` (the old vault key, wrapped by the
   new one) because the database may still be the old one.
3. *switch*: with every connection closed, the WAL checkpointed away and the old ``-wal`` and
   ``-shm`` gone (a WAL of old-key frames must never meet the new file), the copy is renamed
   over ``vault.db``. The old database's pages are then only in freed disk blocks, under a
   key that only old copies of the header hold.
4. *finish*: ``vault.json`` is rewritten without ``rekey_from``.

An open that finds ``rekey_from`` calls ``resume``: it redoes 1 and 3 if the database is
still the old one, then 4.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from pathlib import Path
from typing import Any

from amparo.store.blobs import BlobKey, rewrap
from amparo.store.engine import sqlcipher_connect
from amparo.store.keys import Header, VaultCorrupt, VaultKeys, WrongPassphrase, fsync_dir, write_header
from amparo.store.secret import borrowed_literal

DB_NAME = "vault.db"
REKEY_NAME = "vault.db.rekey"
#: Files SQLite may leave next to a database; all hold only encrypted pages or WAL indexes.
DB_COMPANIONS = ("-wal", "-shm", "-journal")


def export_rekeyed(vault_dir: Path, old: VaultKeys, new: VaultKeys) -> Path:
    """Step 1: write ``vault.db.rekey``, the database under ``new``; return its path."""
    db = vault_dir / DB_NAME
    target = vault_dir / REKEY_NAME
    remove_leftovers(vault_dir)
    conn = sqlcipher_connect(db, old.database)
    try:
        with borrowed_literal(new.database) as literal:
            conn.execute("ATTACH DATABASE ? AS rekeyed KEY ?", (str(target), literal))
        conn.execute("SELECT sqlcipher_export('rekeyed')").fetchall()
        version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
        conn.execute(f"PRAGMA rekeyed.user_version = {version}")
        _rewrap_blob_keys(conn, old, new)
        conn.execute("DETACH DATABASE rekeyed")
    finally:
        conn.close()
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    target.chmod(0o600)
    fsync_dir(vault_dir)
    return target


def switch(vault_dir: Path, old: VaultKeys) -> None:
    """Step 3: put ``vault.db.rekey`` in place of ``vault.db``. Every connection must be closed.

    The old database's WAL is checkpointed with a private connection first; if a ``-wal``
    with frames still remains (another connection open), nothing is renamed.
    """
    db = vault_dir / DB_NAME
    wal, shm = db.with_name(DB_NAME + "-wal"), db.with_name(DB_NAME + "-shm")
    if wal.exists() and wal.stat().st_size > 0:
        conn = sqlcipher_connect(db, old.database)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            conn.close()
    if wal.exists() and wal.stat().st_size > 0:
        raise VaultCorrupt("the rekey could not finish: the database is still in use")
    wal.unlink(missing_ok=True)
    shm.unlink(missing_ok=True)
    os.replace(vault_dir / REKEY_NAME, db)
    fsync_dir(vault_dir)


def finish(vault_dir: Path, header: Header) -> Header:
    """Step 4: the header without ``rekey_from`` (same salt, same wrapped key: no KDF run)."""
    done = dataclasses.replace(header, rekey_from=None)
    write_header(vault_dir, done)
    remove_leftovers(vault_dir)
    return done


def resume(vault_dir: Path, header: Header, keys: VaultKeys) -> Header:
    """Finish a rekey that a crash interrupted; returns the header to keep using.

    ``keys`` are the new keys (what the header's passphrase unwraps). Raises VaultCorrupt
    when neither the new nor the previous database key opens the database.
    """
    previous = header.previous_keys(keys)
    if previous is None:
        return header
    try:
        if not _opens(vault_dir / DB_NAME, keys):
            if not _opens(vault_dir / DB_NAME, previous):
                raise VaultCorrupt("the vault header does not belong to this database")
            export_rekeyed(vault_dir, previous, keys)
            switch(vault_dir, previous)
        return finish(vault_dir, header)
    finally:
        previous.wipe()


def remove_leftovers(vault_dir: Path) -> None:
    """Remove a half-written or unused ``vault.db.rekey`` and its journal."""
    for name in (REKEY_NAME, *(REKEY_NAME + s for s in DB_COMPANIONS)):
        with contextlib.suppress(FileNotFoundError):
            (vault_dir / name).unlink()


def _opens(db: Path, keys: VaultKeys) -> bool:
    try:
        sqlcipher_connect(db, keys.database).close()
    except WrongPassphrase:
        return False
    return True


def _rewrap_blob_keys(conn: Any, old: VaultKeys, new: VaultKeys) -> None:
    """Rewrap every blob key in the attached copy from the old evidence key to the new one."""
    cursor = conn.execute
    found = cursor("SELECT count(*) FROM rekeyed.sqlite_master WHERE type = 'table' AND name = 'blob_keys'")
    if found.fetchone()[0] == 0:
        return
    rows = cursor("SELECT blob_id, format, head, wrapped_key, sealed_size FROM rekeyed.blob_keys").fetchall()
    cursor("BEGIN")
    try:
        for blob_id, fmt, head, wrapped, sealed_size in rows:
            row = rewrap(BlobKey(blob_id, fmt, bytes(head), bytes(wrapped), sealed_size),
                         old.evidence, new.evidence)
            cursor("UPDATE rekeyed.blob_keys SET wrapped_key = ? WHERE blob_id = ?",
                   (row.wrapped_key, blob_id))
        cursor("COMMIT")
    except BaseException:
        cursor("ROLLBACK")
        raise
