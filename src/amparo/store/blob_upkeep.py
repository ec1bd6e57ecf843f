"""Evidence upkeep at every open: leave in ``blobs/`` nothing decryptable but committed evidence.

What a crash, or an older Amparo, can leave, and what is done with it:

- temporary files (``.*.tmp``): a killed add or upload. Removed. Their first bytes are
  overwritten first, because a format-1 temporary file carried its wrapped key there;
- orphan files (a blob id with no key row): a crash between the rename and the commit, or
  after a delete was committed. Already noise; removed;
- key rows that no evidence record names: a blob stored on its own (``BlobStore.put``)
  whose record never came. Invisible to the user, so nobody could ever delete it: shredded;
- format-1 blobs (the wrapped key inside the file, before migration 0004): the key is
  copied into a row, committed, and only then overwritten in the file, which is padded.
  A crash between the two is finished at the next open (the in-file key still unwraps).

All of it is idempotent: a crash during upkeep is finished by the next upkeep.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag

from amparo.store import blob_keys
from amparo.store.blob_store import BLOB_TIME, TEMP_SUFFIX, BlobStore, is_blob_name
from amparo.store.blobs import (
    HEAD,
    LEGACY_FORMAT,
    LEGACY_HEADER,
    MAGIC,
    BlobKey,
    EvidenceTampered,
    padded_size,
    unwrap_file_key,
    write_all,
    write_padding,
)
from amparo.store.engine import checkpoint
from amparo.store.keys import fsync_dir
from amparo.store.secret import SecretKey

_OVERWRITE = 4096


@dataclass(frozen=True, slots=True)
class Upkeep:
    """What one upkeep pass did, in counts (safe to log)."""

    temporary_removed: int = 0
    orphans_removed: int = 0
    unrecorded_shredded: int = 0
    converted: int = 0

    @property
    def changed(self) -> bool:
        """Whether anything on disk or in the database was changed."""
        return any((self.temporary_removed, self.orphans_removed, self.unrecorded_shredded,
                    self.converted))


def recover(store: BlobStore) -> Upkeep:
    """Bring ``blobs/`` and ``blob_keys`` back to "exactly the committed evidence"."""
    directory = store.directory
    if not directory.is_dir():
        return Upkeep()
    evidence_key = store._evidence_key()
    temporary = orphans = 0
    with store.engine.begin() as conn:
        keyed = blob_keys.ids(conn)
        recorded = blob_keys.recorded_ids(conn)
    for path in sorted(directory.iterdir()):
        name = path.name
        if name.startswith(".") and name.endswith(TEMP_SUFFIX) and path.is_file():
            _overwrite_start(path)
            path.unlink(missing_ok=True)
            temporary += 1
        elif is_blob_name(name) and name not in keyed and path.is_file():
            legacy = _legacy_row(path)
            if legacy is not None and name in recorded and _unwraps(evidence_key, legacy):
                with store.engine.begin() as conn:
                    blob_keys.insert(conn, legacy)
                keyed.add(name)  # its in-file key is overwritten by _finish_legacy below
            else:
                if legacy is not None:
                    _overwrite_start(path)  # its in-file key would still open it
                path.unlink(missing_ok=True)
                orphans += 1
    unrecorded = sorted(keyed - recorded)
    if unrecorded:
        with store.engine.begin() as conn:
            store.shred(conn, unrecorded)
        store.discard_files(unrecorded)
    converted = _finish_legacy(store, evidence_key)
    report = Upkeep(temporary, orphans, len(unrecorded), converted)
    if report.changed:
        fsync_dir(directory)
        os.utime(directory, (BLOB_TIME, BLOB_TIME))
        checkpoint(store.engine)
    return report


def _finish_legacy(store: BlobStore, evidence_key: SecretKey) -> int:
    """Overwrite the in-file key of every format-1 blob whose row is committed, and pad it.

    Returns how many files still needed it (a fresh conversion or one a crash cut short).
    """
    with store.engine.connect() as conn:
        rows = [r for r in blob_keys.all_rows(conn) if r.format == LEGACY_FORMAT]
    done = 0
    for row in rows:
        path = store.directory / row.blob_id
        if not path.is_file():
            continue
        in_file = _legacy_row(path)
        still_keyed = in_file is not None and _unwraps(evidence_key, in_file)
        short = path.stat().st_size < padded_size(row.sealed_size)
        if not (still_keyed or short):
            continue
        fd = os.open(path, os.O_WRONLY)
        try:
            if still_keyed:
                os.pwrite(fd, secrets.token_bytes(LEGACY_HEADER - HEAD.size), HEAD.size)
            size = os.fstat(fd).st_size
            os.lseek(fd, size, os.SEEK_SET)
            write_padding(fd, padded_size(row.sealed_size) - size)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.utime(path, (BLOB_TIME, BLOB_TIME))
        done += 1
    return done


def _legacy_row(path: Path) -> BlobKey | None:
    """The row a format-1 file would get, from the wrapped key in its header; None if not one."""
    try:
        with path.open("rb") as f:
            raw = f.read(LEGACY_HEADER)
        size = path.stat().st_size
    except OSError:
        return None
    if len(raw) < LEGACY_HEADER:
        return None
    magic, version, _, _ = HEAD.unpack(raw[:HEAD.size])
    if magic != MAGIC or version != LEGACY_FORMAT:
        return None
    return BlobKey(path.name, LEGACY_FORMAT, raw[:HEAD.size], raw[HEAD.size:], size)


def _unwraps(evidence_key: SecretKey, row: BlobKey) -> bool:
    try:
        unwrap_file_key(evidence_key, row).wipe()
    except (EvidenceTampered, InvalidTag):
        return False
    return True


def _overwrite_start(path: Path) -> None:
    with contextlib.suppress(OSError):
        size = path.stat().st_size
        fd = os.open(path, os.O_WRONLY)
        try:
            write_all(fd, secrets.token_bytes(min(size, _OVERWRITE)))
            os.fsync(fd)
        finally:
            os.close(fd)
