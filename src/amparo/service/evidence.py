"""Evidence (``ws.evidence``): add, export, stream, verify, delete.

The file's bytes go straight into an encrypted blob (streaming, so a 1 GB video does not
fill memory); only its metadata, SHA-256 included, goes into the database. Chain of
custody: the hash of the plaintext is recorded when the file is received and re-checked
on every verify and export.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from amparo.model import Evidence, InvalidInput, Problem
from amparo.model.errors import Message
from amparo.model.text_fields import FILE_NAME, IDENTIFIER, NARRATIVE, check_text_fields

if TYPE_CHECKING:
    from collections.abc import Iterator

    from amparo.service.context import Context
    from amparo.store.blob_store import BlobStore
    from amparo.store.evidence_repo import StoredEvidence
    from amparo.store.repository import Store


@dataclass(frozen=True, slots=True)
class EvidenceCheck:
    """The result of re-hashing one evidence file."""

    evidence_id: str
    case_id: str
    ok: bool


def _check_texts(filename: str, description: str | None, names_people: tuple[str, ...],
                 media_type: str | None) -> None:
    # Before a byte is read: a file whose name holds an ESC would print it into every
    # terminal that lists the case's evidence, and the DOCX writer refuses it later.
    check_text_fields(("file name", filename, FILE_NAME), ("description", description, NARRATIVE),
                      ("names_people", tuple(names_people), IDENTIFIER), ("media_type", media_type, IDENTIFIER))


class EvidenceService:
    """Evidence files of cases: encrypted blobs in the vault, metadata in the database."""

    def __init__(self, ctx: Context, store: Store, blobs: BlobStore):
        self.ctx = ctx
        self.store = store
        self.blobs = blobs
        from amparo.service.policy import Guard

        self.guard = Guard(ctx.actor, store)

    def add(self, case_id: str, path: Path, *, description: str | None = None,
                     names_people: tuple[str, ...] = (), media_type: str | None = None) -> Evidence:
        """Encrypt ``path`` into the vault and record it on the case."""
        path = Path(path)
        _check_texts(path.name, description, names_people, media_type)
        self.guard.case("case.write", case_id)
        self._check_target(case_id, names_people)  # NotFound before any byte is written
        if not path.is_file():
            raise InvalidInput(Problem("file", Message("{name}: not a readable file", name=path.name)))
        try:
            with path.open("rb") as fh:
                return self.add_stream(case_id, fh, filename=path.name, description=description,
                                       names_people=names_people, media_type=media_type)
        except OSError as exc:
            raise InvalidInput(Problem("file", Message("{name}: cannot read ({strerror})",
                                                       name=path.name, strerror=exc.strerror))) from None

    def add_stream(self, case_id: str, stream: BinaryIO, *, filename: str,
                   description: str | None = None, names_people: tuple[str, ...] = (),
                   media_type: str | None = None) -> Evidence:
        """Encrypt a binary stream (an upload) into the vault and record it on the case.

        The bytes go from the stream into the encrypted blob and nowhere else: a web upload
        never touches the disk in plaintext. An exception raised by the stream (an upload
        over its size cap, a dropped connection) leaves no blob and no record behind.
        """
        _check_texts(filename, description, names_people, media_type)
        self.guard.case("case.write", case_id)
        self._check_target(case_id, names_people)
        stored = self.store.evidence.add_from_stream(
            case_id, stream, filename=filename,
            media_type=media_type or mimetypes.guess_type(filename)[0] or "application/octet-stream",
            received_at=self.ctx.now(), added_by=self.ctx.actor.id, description=description,
            names_people=tuple(names_people), now=self.ctx.now())
        return stored.evidence

    def _readable(self, evidence_id: str) -> StoredEvidence:
        stored = self.store.evidence.get(evidence_id)
        self.guard.case("case.read", stored.evidence.case_id)
        return stored

    def _check_target(self, case_id: str, names_people: tuple[str, ...]) -> None:
        refs = {p.ref for p in self.store.cases.get(case_id).case.people}
        unknown = [r for r in names_people if r not in refs]
        if unknown:
            raise InvalidInput(Problem("names_people", Message("{unknown!r} is not the ref of a person in this case",
                                                               unknown=unknown[0])))

    def list(self, case_id: str | None = None) -> list[StoredEvidence]:
        """Evidence metadata of one case, or of all cases (those the actor may see)."""
        if case_id is None:
            self.guard.require("report.internal")
        else:
            self.guard.case("case.read", case_id)
        return self.store.evidence.list(case_id)

    def export(self, evidence_id: str, dest: Path, *, force: bool = False) -> Path:
        """Decrypt an evidence file to ``dest`` (refuses to overwrite unless ``force``)."""
        stored = self._readable(evidence_id)
        dest = Path(dest)
        if dest.is_dir():
            dest = dest / stored.evidence.filename
        if dest.exists() and not force:
            raise InvalidInput(Problem("output", Message("{dest} exists; use --force to overwrite",
                                                         dest=dest)))
        blob = self.blobs.export(stored.blob_id, dest, force=force)
        if blob.sha256 != stored.evidence.sha256:
            dest.unlink(missing_ok=True)
            raise InvalidInput(Problem(evidence_id, Message("the file no longer matches its recorded SHA-256")))
        self.store.evidence.record_export(evidence_id, now=self.ctx.now())
        return dest

    def read(self, evidence_id: str) -> bytes:
        """The decrypted bytes of a (small) evidence file, for attaching to a draft."""
        stored = self._readable(evidence_id)
        return b"".join(self.blobs.open(stored.blob_id))

    def stream(self, evidence_id: str) -> tuple[Evidence, Iterator[bytes]]:
        """The evidence record and its decrypted bytes, chunk by chunk (audited: it discloses).

        Each chunk is authenticated before it is yielded; a tampered file raises part-way,
        so a consumer must treat the content as complete only when the iterator ends.
        """
        stored = self._readable(evidence_id)
        chunks = self.blobs.open(stored.blob_id)
        self.store.evidence.record_export(evidence_id, now=self.ctx.now())
        return stored.evidence, chunks

    def verify(self, case_id: str | None = None) -> list[EvidenceCheck]:
        """Re-hash every evidence file (of one case, or all) against its recorded SHA-256."""
        if case_id is None:
            self.guard.require("report.internal")
        else:
            self.guard.case("case.read", case_id)
        checks = [
            EvidenceCheck(s.evidence.id, s.evidence.case_id,
                          self.blobs.verify(s.blob_id, s.evidence.sha256))
            for s in self.store.evidence.list(case_id)
        ]
        self.store.audit.record("evidence.verify", "case" if case_id else "vault", case_id or "vault")
        return checks

    def delete(self, evidence_id: str) -> None:
        """Remove an evidence record and crypto-shred its file (its key goes with the record)."""
        self.guard.case("case.write", self.store.evidence.get(evidence_id).evidence.case_id)
        self.store.evidence.delete_for_good(evidence_id, now=self.ctx.now())
