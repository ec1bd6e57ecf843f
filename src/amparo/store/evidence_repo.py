"""Evidence metadata: what a file is, who added it, its SHA-256. The encrypted bytes are
blobs kept by the vault (``blob_id``); this repository never sees the content.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from amparo.model.case import Evidence
from amparo.model.errors import NotFound
from amparo.store.records import Repository, case_event, dumps, new_id, require_case
from amparo.store.schema import evidence


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
    """Record, read, export-log and delete evidence metadata."""

    def add(self, item: Evidence, *, blob_id: str, now: datetime | None = None) -> str:
        """Record an evidence file stored as blob ``blob_id``; returns the evidence id.

        ``item.id`` is used when given, else a new id is made. ``now`` is the time of
        the change; ``item.received_at`` is when the file was received.
        """
        at = self._store.now(now)
        evidence_id = item.id or new_id("E")
        with self._unit() as conn:
            require_case(conn, item.case_id)
            conn.execute(evidence.insert().values(
                id=evidence_id, case_id=item.case_id, blob_id=blob_id, filename=item.filename,
                media_type=item.media_type, size=item.size, sha256=item.sha256,
                received_at=item.received_at, added_by=item.added_by,
                description=item.description, names_people=dumps(list(item.names_people)),
            ))
            case_event(conn, item.case_id, "evidence-added", at)
            self._store.audit.append(
                conn, [("evidence.add", "evidence", f"{item.case_id}/{evidence_id}")], at)
        return evidence_id

    def get(self, evidence_id: str) -> StoredEvidence:
        """The metadata of one evidence file."""
        with self._unit() as conn:
            row = conn.execute(sa.select(evidence).where(evidence.c.id == evidence_id)).first()
        if row is None:
            raise NotFound(f"evidence {evidence_id} not found")
        return _stored(row)

    def list(self, case_id: str | None = None) -> list[StoredEvidence]:
        """The evidence of one case, or of every case (for ``evidence verify``)."""
        query = sa.select(evidence).order_by(evidence.c.received_at, evidence.c.id)
        with self._unit() as conn:
            if case_id is not None:
                require_case(conn, case_id)
                query = query.where(evidence.c.case_id == case_id)
            return [_stored(row) for row in conn.execute(query)]

    def record_export(self, evidence_id: str, *, now: datetime | None = None) -> None:
        """Log that the file was decrypted out of the vault (audit and case history)."""
        at = self._store.now(now)
        with self._unit() as conn:
            case_id = self.get(evidence_id).evidence.case_id
            case_event(conn, case_id, "evidence-exported", at)
            self._store.audit.append(
                conn, [("evidence.export", "evidence", f"{case_id}/{evidence_id}")], at)

    def delete(self, evidence_id: str, *, now: datetime | None = None) -> str:
        """Remove the metadata; returns the blob id for the caller to erase."""
        at = self._store.now(now)
        with self._unit() as conn:
            stored = self.get(evidence_id)
            case_id = stored.evidence.case_id
            conn.execute(evidence.delete().where(evidence.c.id == evidence_id))
            case_event(conn, case_id, "evidence-deleted", at)
            self._store.audit.append(
                conn, [("evidence.delete", "evidence", f"{case_id}/{evidence_id}")], at)
        return stored.blob_id
