"""Evidence files in the vault: encrypted blobs under ``<vault>/blobs``, keys in the database.

The file format is in ``blobs.py``; the key rows in ``blob_keys.py``. This module orders the
steps so that a crash (a killed ``evidence add``, a server killed mid-upload, a power cut)
never leaves more decryptable than what was committed:

adding
    1. ``stage``: the stream is encrypted under a fresh random key into ``blobs/.<rand>.tmp``,
       fsynced. The key exists only in memory: a crash now leaves noise.
    2. ``commit`` (inside the caller's transaction): the file is renamed to its id and its
       wrapped key row inserted. The blob becomes decryptable when that transaction commits,
       together with the evidence record. A crash before leaves an orphan file, still noise.
deleting
    1. ``shred`` (inside the caller's transaction): the key row goes with the record. Once
       committed the file is noise, whatever happens next.
    2. ``discard_files`` (after the commit): a TRUNCATE checkpoint drops the WAL frames that
       held the row, then the file is unlinked.
opening
    ``blob_upkeep.recover`` removes temporary files and orphans, shreds blobs that no
    record names, and converts format-1 blobs (key in the file) to keys in the database.

File times would tell when each piece of evidence was added: every blob, and the folder,
get the same fixed mtime (``BLOB_TIME``), and reads use O_NOATIME.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import Connection, Engine

from amparo.model.errors import AmparoError, InvalidInput, NotFound, Problem
from amparo.store import blob_keys
from amparo.store.blobs import (
    DEFAULT_CHUNK,
    FORMAT,
    MAX_CHUNK,
    MIN_CHUNK,
    BlobKey,
    EvidenceTampered,
    SourceUnreadable,
    new_head,
    seal,
    unseal,
    unwrap_file_key,
    wrap_file_key,
)
from amparo.store.engine import checkpoint
from amparo.store.failures import unwritable
from amparo.store.keys import KEY_BYTES, fsync_dir
from amparo.store.secret import SecretKey

BLOBS_DIR = "blobs"
#: The mtime of every blob file and of the blobs folder: 2000-01-01T00:00:00Z, the same in
#: every vault, so that file times say neither when evidence came nor when the vault was made.
BLOB_TIME = 946684800
TEMP_SUFFIX = ".tmp"
_BLOB_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")

__all__ = ["BLOBS_DIR", "BLOB_TIME", "BlobStore", "EvidenceTampered", "StagedBlob", "StoredBlob"]


@dataclass(frozen=True, slots=True)
class StoredBlob:
    """What a stored (or exported) evidence file is, for the chain of custody."""

    blob_id: str
    sha256: str  # hex digest of the plaintext
    size: int  # bytes of plaintext


class StagedBlob:
    """An encrypted temporary file whose key is only in memory, until ``BlobStore.commit``."""

    def __init__(self, store: BlobStore, blob_id: str, temp: Path, key: SecretKey,
                 row: BlobKey, stored: StoredBlob):
        self._store = store
        self.blob_id = blob_id
        self.temp = temp
        self.key: SecretKey | None = key
        self.row = row
        self.stored = stored
        self.committed = False

    def discard(self) -> None:
        """Forget the key and remove the file (temporary or renamed). Idempotent, never raises."""
        if self.key is not None:
            self.key.wipe()
            self.key = None
        with contextlib.suppress(OSError):
            self.temp.unlink(missing_ok=True)
        if self.committed:
            with contextlib.suppress(OSError):
                (self._store.directory / self.blob_id).unlink(missing_ok=True)


class BlobStore:
    """Encrypted evidence blobs under ``<vault_dir>/blobs``; their keys in ``engine``'s database.

    ``key`` is the vault's evidence key (a ``SecretKey`` owned by the vault, or bytes for a
    standalone store); ``forget_key`` drops it on lock.
    """

    def __init__(self, vault_dir: Path, key: SecretKey | bytes, engine: Engine, *,
                 chunk_size: int = DEFAULT_CHUNK):
        if isinstance(key, bytes | bytearray):
            key = SecretKey(key)
        if len(key) != KEY_BYTES:
            raise ValueError("evidence key must be 32 bytes")
        if not MIN_CHUNK <= chunk_size <= MAX_CHUNK:
            raise ValueError(f"chunk_size must be between {MIN_CHUNK} and {MAX_CHUNK}")
        self.directory = Path(vault_dir) / BLOBS_DIR
        self.chunk_size = chunk_size
        self.engine = engine
        self._key: SecretKey | None = key

    # -- keys ---------------------------------------------------------------------------------

    def forget_key(self) -> None:
        """Drop the key (on lock); every later call raises."""
        self._key = None

    def use_key(self, key: SecretKey) -> None:
        """Wrap and unwrap with ``key`` from now on (after a full rekey rewrapped the rows)."""
        self._key = key

    def _evidence_key(self) -> SecretKey:
        if self._key is None or self._key.wiped:
            raise AmparoError("the vault is locked")
        return self._key

    # -- adding -------------------------------------------------------------------------------

    def stage(self, src: BinaryIO | Path, *, blob_id: str | None = None) -> StagedBlob:
        """Encrypt ``src`` into a temporary file under a fresh key held only in memory.

        Reading errors raise ``SourceUnreadable`` (an OSError about the input); writing
        errors raise VaultUnwritable / DiskFull naming the vault folder. Either way no file
        is left behind. ``blob_id`` (random when not given) must name no stored blob.
        """
        self._evidence_key()
        if blob_id is None:
            blob_id = secrets.token_hex(16)
        elif self._path(blob_id).exists() or blob_id in self.blob_ids():
            raise InvalidInput(Problem("blob_id", "already names a stored evidence file"))
        if isinstance(src, Path):
            with src.open("rb") as f:
                return self.stage(f, blob_id=blob_id)
        head = new_head(self.chunk_size)
        file_key = SecretKey.random(KEY_BYTES)
        temp = self.directory / f".{secrets.token_hex(8)}{TEMP_SUFFIX}"
        try:
            self.directory.mkdir(mode=0o700, exist_ok=True)
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                sealed = seal(src, fd, blob_id, file_key, head)
                os.fsync(fd)
            finally:
                os.close(fd)
        except BaseException as exc:
            file_key.wipe()
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)
            if isinstance(exc, OSError) and not isinstance(exc, SourceUnreadable):
                raise unwritable(self.directory.parent, exc, "store the evidence file") from None
            raise
        row = BlobKey(blob_id, FORMAT, head, b"", sealed.sealed_size)
        return StagedBlob(self, blob_id, temp, file_key, row,
                          StoredBlob(blob_id, sealed.sha256, sealed.size))

    def commit(self, staged: StagedBlob, conn: Connection) -> StoredBlob:
        """Rename the staged file to its id and record its wrapped key in ``conn``'s transaction.

        The blob is decryptable once that transaction commits, and not before. If the
        transaction fails the caller calls ``staged.discard()`` (and a crash leaves an orphan
        that the next open removes).
        """
        if staged.key is None:
            raise ValueError("this staged blob was discarded")
        row = wrap_file_key(self._evidence_key(), staged.key, staged.row)
        target = self.directory / staged.blob_id
        try:
            os.replace(staged.temp, target)
            staged.committed = True
            os.utime(target, (BLOB_TIME, BLOB_TIME))
            fsync_dir(self.directory)
            os.utime(self.directory, (BLOB_TIME, BLOB_TIME))
        except OSError as exc:
            raise unwritable(self.directory.parent, exc, "store the evidence file") from None
        blob_keys.insert(conn, row)
        staged.key.wipe()
        staged.key = None
        return staged.stored

    def put(self, src: BinaryIO | Path, *, blob_id: str | None = None) -> StoredBlob:
        """Stage and commit a blob on its own (no evidence record). Prefer
        ``Store.evidence.add_from_stream``, which commits the blob with its record: a blob
        without a record is shredded at the next open.

        ``blob_id`` (random when not given) must name no stored blob.
        """
        staged = self.stage(src, blob_id=blob_id)
        try:
            with self.engine.begin() as conn:
                stored = self.commit(staged, conn)
        except BaseException:
            staged.discard()
            raise
        return stored

    # -- reading ------------------------------------------------------------------------------

    def open(self, blob_id: str) -> Iterator[bytes]:
        """Yield the plaintext of a blob chunk by chunk, each chunk authenticated first.

        NotFound (at once) when no committed blob has that id or its file is gone.
        Raises EvidenceTampered when a chunk fails, which for a truncated blob happens only at
        the end: a consumer must not treat what it got as complete until the iterator ends.
        """
        path = self._path(blob_id)
        evidence_key = self._evidence_key()
        with self.engine.connect() as conn:
            row = blob_keys.get(conn, blob_id)
        if row is None or not path.is_file():
            raise NotFound(f"no evidence file {blob_id}")
        return self._plaintext(path, row, evidence_key)

    def _plaintext(self, path: Path, row: BlobKey, evidence_key: SecretKey) -> Iterator[bytes]:
        file_key = unwrap_file_key(evidence_key, row)
        try:
            with _open_quietly(path) as f:
                yield from unseal(f, row, file_key)
        finally:
            file_key.wipe()

    def export(self, blob_id: str, dest: Path, *, force: bool = False) -> StoredBlob:
        """Decrypt a blob to ``dest``; refuse an existing ``dest`` unless ``force``.

        Plaintext goes to a temporary sibling of ``dest`` that is renamed only once every
        chunk has authenticated, so a tampered blob never yields a file at ``dest``.
        """
        dest = Path(dest)
        if dest.exists() and not force:
            raise InvalidInput(Problem("dest", "already exists; choose force to overwrite it"))
        chunks = self.open(blob_id)
        digest = hashlib.sha256()
        size = 0
        tmp = dest.with_name(f".{dest.name}.{secrets.token_hex(4)}.part")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, dest)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return StoredBlob(blob_id, digest.hexdigest(), size)

    def verify(self, blob_id: str, expected_sha256: str) -> bool:
        """True when the blob authenticates and its plaintext hashes to ``expected_sha256``.

        False too when the blob is missing: for the chain of custody a lost file fails.
        """
        digest = hashlib.sha256()
        try:
            for chunk in self.open(blob_id):
                digest.update(chunk)
        except (EvidenceTampered, NotFound):
            return False
        return secrets.compare_digest(digest.hexdigest(), expected_sha256.lower())

    def blob_ids(self) -> list[str]:
        """The ids of every committed blob (temporary files and orphans are not listed)."""
        with self.engine.connect() as conn:
            return sorted(blob_keys.ids(conn))

    # -- deleting -----------------------------------------------------------------------------

    def shred(self, conn: Connection, blob_ids: Iterable[str]) -> None:
        """Delete the blobs' key rows in ``conn``'s transaction: at its commit they are noise."""
        blob_keys.shred(conn, blob_ids)

    def discard_files(self, blob_ids: Iterable[str]) -> None:
        """After a shred was committed: drop the old WAL frames, then unlink the files.

        Never raises for a file that cannot be removed: it is already undecryptable, and the
        next open removes it.
        """
        checkpoint(self.engine)
        removed = False
        for blob_id in blob_ids:
            with contextlib.suppress(OSError, InvalidInput):
                self._path(blob_id).unlink(missing_ok=True)
                removed = True
        if removed:
            with contextlib.suppress(OSError):
                fsync_dir(self.directory)
                os.utime(self.directory, (BLOB_TIME, BLOB_TIME))

    def delete(self, blob_id: str) -> None:
        """Shred a blob (its key row, committed at once) and remove its file.

        NotFound when there is neither a key row nor a file by that id. Deleting evidence
        goes through ``Store.evidence.delete_for_good``, which shreds with the record.
        """
        path = self._path(blob_id)
        with self.engine.begin() as conn:
            known = blob_keys.get(conn, blob_id) is not None
            self.shred(conn, [blob_id])
        if not known and not path.exists():
            raise NotFound(f"no evidence file {blob_id}")
        self.discard_files([blob_id])

    def _path(self, blob_id: str) -> Path:
        # Ids become file names: only a plain token, never a path or anything from the case.
        if not isinstance(blob_id, str) or not _BLOB_ID.fullmatch(blob_id):
            raise InvalidInput(Problem("blob_id", "must be 8-64 letters, digits, '-' or '_'"))
        return self.directory / blob_id


def is_blob_name(name: str) -> bool:
    """Whether a file name in ``blobs/`` is a blob id (not a temporary file)."""
    return _BLOB_ID.fullmatch(name) is not None


@contextlib.contextmanager
def _open_quietly(path: Path) -> Iterator[BinaryIO]:
    """Open for reading without updating the access time (it would date each read)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOATIME", 0))
    except PermissionError:  # O_NOATIME needs the file's owner
        fd = os.open(path, os.O_RDONLY)
    with os.fdopen(fd, "rb") as f:
        yield f
