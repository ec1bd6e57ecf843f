"""The ``blob_keys`` table: each evidence blob's wrapped key, the commit record of a blob.

Why the keys live in the database and not in the blob files: a row is written in the same
transaction as the evidence record, so a blob exists (is decryptable) exactly when its
record was committed; deleting the row is a crypto-shred of the file. The database pages are
SQLCipher-encrypted, ``secure_delete`` zeroes a deleted row and freed pages, and a TRUNCATE
checkpoint after a delete removes the WAL frames that still held the row
(``engine.checkpoint``). A separate key file would need its own atomic rewrite on every add
and delete, and its old copies would sit in freed disk blocks unencrypted by anything else.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy import Connection

from amparo.store.blobs import BlobKey
from amparo.store.records import chunks
from amparo.store.schema import blob_keys, evidence
from amparo.store.server_schema import blob_data


def insert(conn: Connection, row: BlobKey) -> None:
    """Record a committed blob's key (in the caller's transaction)."""
    conn.execute(blob_keys.insert().values(
        blob_id=row.blob_id, format=row.format, head=row.head, wrapped_key=row.wrapped_key,
        sealed_size=row.sealed_size))


def get(conn: Connection, blob_id: str) -> BlobKey | None:
    """The key row of one blob, or None when no committed blob has that id."""
    found = conn.execute(sa.select(blob_keys).where(blob_keys.c.blob_id == blob_id)).first()
    return None if found is None else _row(found)


def all_rows(conn: Connection) -> list[BlobKey]:
    """Every key row (for a rekey's rewrap and the upkeep at open)."""
    return [_row(r) for r in conn.execute(sa.select(blob_keys).order_by(blob_keys.c.blob_id))]


def ids(conn: Connection) -> set[str]:
    """The ids of every committed blob."""
    return set(conn.execute(sa.select(blob_keys.c.blob_id)).scalars())


def recorded_ids(conn: Connection) -> set[str]:
    """The blob ids that an evidence record refers to."""
    return set(conn.execute(sa.select(evidence.c.blob_id)).scalars())


def shred(conn: Connection, blob_ids: Iterable[str]) -> None:
    """Delete key rows (in the caller's transaction): from its commit on, those blobs are noise.

    In server mode the sealed bytes are rows too (``blob_data``) and go with their keys.
    """
    for part in chunks(list(blob_ids)):
        conn.execute(blob_keys.delete().where(blob_keys.c.blob_id.in_(part)))
        conn.execute(blob_data.delete().where(blob_data.c.blob_id.in_(part)))


def replace_wrapped(conn: Connection, row: BlobKey) -> None:
    """Store a rewrapped key (a rekey, or a format-1 blob brought over)."""
    conn.execute(blob_keys.update().where(blob_keys.c.blob_id == row.blob_id)
                 .values(wrapped_key=row.wrapped_key))


def _row(found: sa.Row) -> BlobKey:  # type: ignore[type-arg]
    return BlobKey(found.blob_id, found.format, bytes(found.head), bytes(found.wrapped_key),
                   found.sealed_size)
