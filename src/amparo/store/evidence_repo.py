"""Evidence: the record (what a file is, who added it, its SHA-256) and its encrypted blob.

``add_from_stream`` and ``delete_for_good`` are the two calls a service needs: each puts the
blob step and the record step in the order that survives a crash at any point (see
``evidence.py``): the blob's key is committed in the same transaction as the record, and
shredded in the same transaction as the record's deletion. The SHA-256 of the plaintext,
computed while encrypting, is the chain-of-custody record.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, BinaryIO

import sqlalchemy as sa
from sqlalchemy import Connection

from amparo.model.case import Evidence
from amparo.model.errors import AmparoError, NotFound
from amparo.store import blob_keys
from amparo.store.failures import DiskFull, sqlite_disk_full
from amparo.store.records import Repository, case_event, dumps, new_id, require_case
from amparo.store.schema import evidence

if TYPE_CHECKING:
    from amparo.store.blob_store import BlobStore


#: What a server seals of an evidence record: the file's name and the description.
_SEALED = ("filename", "description")


@dataclass(frozen=True, slots=True)
class StoredEvidence:
    """An evidence file's metadata and the id of its encrypted blob."""

    evidence: Evidence
    blob_id: str


def _stored(row: Any) -> StoredEvidence:
    return StoredEvidence(
        evidence=Evidence(
            id=row.id, case_id=row.case_id, filename=row.filename, media_type=row.media_type,
            size=row.size, sha256=row.sha256, received_at=row.received_at,
            added_by=row.added_by, description=row.description,
            names_people=tuple(json.loads(row.names_people)),
        ),
        blob_id=row.blob_id,
    )


class EvidenceRepository(Repository):
    """Add, read, export-log and delete evidence: records, and files when the store has blobs."""

    def add_from_stream(self, case_id: str, stream: BinaryIO, *, filename: str, media_type: str,
                        received_at: datetime | None = None, added_by: str | None = None,
                        description: str | None = None, names_people: Sequence[str] = (),
                        now: datetime | None = None) -> StoredEvidence:
        """Encrypt ``stream`` into the vault and record it on the case, as one commit.

        The stream is read to its end before any transaction opens (an upload may take
        minutes); then the blob is renamed into place and its key, the record, the case event
        and the audit entry are committed together. Raises NotFound (before reading a byte)
        for an unknown case; ``SourceUnreadable`` (an OSError) when the stream fails;
        VaultUnwritable / DiskFull when the vault's disk does; nothing is left behind.
        Any exception the stream raises (an upload over its cap) propagates the same way.
        """
        blobs = self._blobs()
        with self._unit() as conn:
            require_case(conn, case_id)
        at = self._store.now(now)
        staged = blobs.stage(stream)
        item = Evidence(
            id=new_id("E"), case_id=case_id, filename=filename, media_type=media_type,
            size=staged.stored.size, sha256=staged.stored.sha256, received_at=received_at or at,
            added_by=added_by, description=description, names_people=tuple(names_people))
        try:
            with self._unit() as conn:
                blobs.commit(staged, conn)
                self._insert(conn, item, staged.blob_id, at)
        except BaseException as exc:
            staged.discard()
            if isinstance(exc, sa.exc.OperationalError) and sqlite_disk_full(exc):
                raise DiskFull(f"cannot store the evidence file in {blobs.directory.parent}: "
                               "the disk is full") from None
            raise
        return self.get(item.id)

    def delete_for_good(self, evidence_id: str, *, now: datetime | None = None) -> None:
        """Delete the record and crypto-shred its file, safe at any crash point.

        The record and the blob's key go in one transaction: from its commit on, the file
        cannot be decrypted by anyone, with or without the passphrase. The file itself is
        removed after the commit (a crash first leaves an orphan that the next open removes).
        NotFound for an unknown id.
        """
        blobs = self._blobs()
        blob_id = self.delete(evidence_id, now=now)
        self._store.after_commit(lambda: blobs.discard_files([blob_id]))

    def _blobs(self) -> BlobStore:
        if self._store.blobs is None:
            raise AmparoError("this store keeps no evidence files (it was opened without blobs)")
        return self._store.blobs

    def _insert(self, conn: Connection, item: Evidence, blob_id: str, at: datetime) -> None:
        require_case(conn, item.case_id)
        conn.execute(evidence.insert().values(**self._seal_values(conn, dict(
            id=item.id, case_id=item.case_id, blob_id=blob_id, filename=item.filename,
            media_type=item.media_type, size=item.size, sha256=item.sha256,
            received_at=item.received_at, added_by=item.added_by,
            description=item.description, names_people=dumps(list(item.names_people)),
        ), "evidence", _SEALED)))
        case_event(conn, item.case_id, "evidence-added", at)
        self._store.audit.append(
            conn, [("evidence.add", "evidence", f"{item.case_id}/{item.id}")], at)

    def add(self, item: Evidence, *, blob_id: str, now: datetime | None = None) -> str:
        """Record an evidence file stored as blob ``blob_id``; returns the evidence id.

        ``item.id`` is used when given, else a new id is made. ``now`` is the time of
        the change; ``item.received_at`` is when the file was received.
        """
        at = self._store.now(now)
        evidence_id = item.id or new_id("E")
        with self._unit() as conn:
            self._insert(conn, _with_id(item, evidence_id), blob_id, at)
        return evidence_id

    def get(self, evidence_id: str) -> StoredEvidence:
        """The metadata of one evidence file."""
        with self._reads() as conn:
            row = conn.execute(sa.select(evidence).where(evidence.c.id == evidence_id)).first()
            if row is None:
                raise NotFound(f"evidence {evidence_id} not found")
            return _stored(self._open_row(conn, row, "evidence", _SEALED))

    def list(self, case_id: str | None = None) -> list[StoredEvidence]:
        """The evidence of one case, or of every case (for ``evidence verify``)."""
        query = (sa.select(evidence).where(self._visible(evidence.c.case_id))
                 .order_by(evidence.c.received_at, evidence.c.id))
        with self._reads() as conn:
            if case_id is not None:
                require_case(conn, case_id)
                query = query.where(evidence.c.case_id == case_id)
            return [_stored(self._open_row(conn, row, "evidence", _SEALED)) for row in conn.execute(query)]

    def record_export(self, evidence_id: str, *, now: datetime | None = None) -> None:
        """Log that the file was decrypted out of the vault (audit and case history)."""
        at = self._store.now(now)
        with self._unit() as conn:
            case_id = self.get(evidence_id).evidence.case_id
            case_event(conn, case_id, "evidence-exported", at)
            self._store.audit.append(
                conn, [("evidence.export", "evidence", f"{case_id}/{evidence_id}")], at)

    def delete(self, evidence_id: str, *, now: datetime | None = None) -> str:
        """Remove the record and shred its blob's key (one transaction); returns the blob id.

        The file left behind is undecryptable from the commit on; ``delete_for_good`` also
        removes it, and the next open removes it otherwise.
        """
        at = self._store.now(now)
        with self._unit() as conn:
            stored = self.get(evidence_id)
            case_id = stored.evidence.case_id
            conn.execute(evidence.delete().where(evidence.c.id == evidence_id))
            blob_keys.shred(conn, [stored.blob_id])
            case_event(conn, case_id, "evidence-deleted", at)
            self._store.audit.append(
                conn, [("evidence.delete", "evidence", f"{case_id}/{evidence_id}")], at)
        return stored.blob_id


def _with_id(item: Evidence, evidence_id: str) -> Evidence:
    return item if item.id == evidence_id else dataclasses.replace(item, id=evidence_id)
