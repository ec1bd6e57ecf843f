"""Evidence blobs kept in the database (server mode): the vault's blob format, no files.

Application processes in server mode share nothing but PostgreSQL, so an evidence file
cannot live in one machine's folder. Each blob is sealed exactly as in the embedded vault
(``blobs.py``: AES-256-GCM chunks under the blob's own random key, that key wrapped by the
organisation's evidence key in ``blob_keys``) and its sealed bytes go to ``blob_data`` in
the same transaction as the key row and the evidence record. Deleting the key row (and
the data row with it, ``blob_keys.shred``) is the crypto-shred.

While an upload is read, the sealed bytes wait in an anonymous temporary file (no name in
any folder; ciphertext only, the key is in memory); the database receives them at commit.
A blob is one ``bytea`` value, so a blob is read into memory whole when opened: fine for
documents and photographs; very large videos would want chunk rows (not done yet).
"""

from __future__ import annotations

import contextlib
import io
import secrets
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, BinaryIO

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from amparo.model.errors import InvalidInput, NotFound, Problem
from amparo.store import blob_keys
from amparo.store.blob_store import _BLOB_ID, BlobStore, StagedBlob, StoredBlob
from amparo.store.blobs import (
    DEFAULT_CHUNK,
    FORMAT,
    BlobKey,
    SourceUnreadable,
    new_head,
    seal,
    unseal,
    unwrap_file_key,
    wrap_file_key,
)
from amparo.store.keys import KEY_BYTES
from amparo.store.secret import SecretKey
from amparo.store.server_schema import blob_data


class StagedRow(StagedBlob):
    """A sealed blob waiting in an anonymous temporary file for its transaction."""

    def __init__(self, store: BlobStore, blob_id: str, sealed: IO[bytes], key: SecretKey,
                 row: BlobKey, stored: StoredBlob):
        self._store = store
        self.blob_id = blob_id
        self.sealed = sealed
        self.key: SecretKey | None = key
        self.row = row
        self.stored = stored
        self.committed = False

    def discard(self) -> None:
        """Forget the key and close the temporary file. Idempotent, never raises."""
        if self.key is not None:
            self.key.wipe()
            self.key = None
        with contextlib.suppress(OSError):
            self.sealed.close()


class DatabaseBlobStore(BlobStore):
    """Evidence blobs in ``blob_data`` and their keys in ``blob_keys``, one database for both."""

    def __init__(self, key: SecretKey | bytes, engine: Engine, *, chunk_size: int = DEFAULT_CHUNK):
        super().__init__(_NO_FOLDER, key, engine, chunk_size=chunk_size)

    def stage(self, src: BinaryIO | object, *, blob_id: str | None = None) -> StagedRow:  # type: ignore[override]
        """Encrypt ``src`` under a fresh key held only in memory; nothing reaches the database yet."""
        self._evidence_key()
        if blob_id is None:
            blob_id = secrets.token_hex(16)
        elif blob_id in self.blob_ids():
            raise InvalidInput(Problem("blob_id", "already names a stored evidence file"))
        self._check_id(blob_id)
        from pathlib import Path

        if isinstance(src, Path):
            with src.open("rb") as f:
                return self.stage(f, blob_id=blob_id)
        head = new_head(self.chunk_size)
        file_key = SecretKey.random(KEY_BYTES)
        sealed_file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by discard or commit
        try:
            sealed = seal(src, sealed_file.fileno(), blob_id, file_key, head)  # type: ignore[arg-type]
        except BaseException:
            file_key.wipe()
            sealed_file.close()
            raise
        row = BlobKey(blob_id, FORMAT, head, b"", sealed.sealed_size)
        return StagedRow(self, blob_id, sealed_file, file_key, row,
                         StoredBlob(blob_id, sealed.sha256, sealed.size))

    def commit(self, staged: StagedBlob, conn: Connection) -> StoredBlob:
        """Insert the sealed bytes and the wrapped key in ``conn``'s transaction."""
        if not isinstance(staged, StagedRow) or staged.key is None:
            raise ValueError("this staged blob was discarded")
        row = wrap_file_key(self._evidence_key(), staged.key, staged.row)
        staged.sealed.seek(0)
        data = staged.sealed.read()
        conn.execute(blob_data.insert().values(blob_id=staged.blob_id, data=data))
        blob_keys.insert(conn, row)
        staged.committed = True
        staged.discard()
        return staged.stored

    def open(self, blob_id: str) -> Iterator[bytes]:
        """Yield the plaintext chunk by chunk, each authenticated first (as the vault's)."""
        self._check_id(blob_id)
        evidence_key = self._evidence_key()
        with self.engine.connect() as conn:
            row = blob_keys.get(conn, blob_id)
            data = conn.execute(sa.select(blob_data.c.data)
                                .where(blob_data.c.blob_id == blob_id)).scalar_one_or_none()
        if row is None or data is None:
            raise NotFound(f"no evidence file {blob_id}")
        return self._rows_plaintext(bytes(data), row, evidence_key)

    def _rows_plaintext(self, data: bytes, row: BlobKey, evidence_key: SecretKey) -> Iterator[bytes]:
        file_key = unwrap_file_key(evidence_key, row)
        try:
            yield from unseal(io.BytesIO(data), row, file_key)
        finally:
            file_key.wipe()

    def discard_files(self, blob_ids: Iterable[str]) -> None:
        """Nothing to do: the data rows went with the key rows (``blob_keys.shred``)."""

    def delete(self, blob_id: str) -> None:
        """Shred a blob: its key and data rows, committed at once."""
        self._check_id(blob_id)
        with self.engine.begin() as conn:
            if blob_keys.get(conn, blob_id) is None:
                raise NotFound(f"no evidence file {blob_id}")
            self.shred(conn, [blob_id])

    @staticmethod
    def _check_id(blob_id: str) -> None:
        if not isinstance(blob_id, str) or not _BLOB_ID.fullmatch(blob_id):
            raise InvalidInput(Problem("blob_id", "must be 8-64 letters, digits, '-' or '_'"))


# BlobStore wants a folder; this store never uses it (every file method is overridden).
_NO_FOLDER = "/nonexistent-amparo-server-blobs"

__all__ = ["DatabaseBlobStore", "SourceUnreadable", "StagedRow"]
