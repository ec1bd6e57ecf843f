"""Shares between organisations (``ws.shares``): identity, address book, export and import.

A share hands one case to a partner organisation as a bundle: the case in case-facts form
redacted by the consent gate for that partner (the avenue ``share:<partner>``, which the
person's general consent never covers: see ``model.consent.SHARE_FAMILY``), with the
evidence the user picks (only files that name nobody beyond consent), signed with this
workspace's Ed25519 key and age-encrypted to the partner (``store.share_bundle``).

Importing verifies the signature against the address book and the addressing, refuses a
bundle imported before, and records where the case came from (a note, and the bundle id).
Every refusal imports nothing and leaves an audit entry with its reason.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from amparo.model import InvalidInput, Problem
from amparo.model.errors import Message

if TYPE_CHECKING:
    from amparo.service.cases import CaseService
    from amparo.service.context import Context
    from amparo.store.blob_store import BlobStore
    from amparo.store.repository import Store
    from amparo.store.share_bundle import OpenedBundle
    from amparo.store.share_keys import OwnKeys, Partner

_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}$")


@dataclass(frozen=True, slots=True)
class BundleSummary:
    """What a verified bundle holds, to show before importing (the sender's name, counts)."""

    bundle_id: str
    sender: str
    sender_fingerprint: str
    created_at: str
    title: str
    people: int
    evidence: int
    already_imported: bool


class ShareService:
    """This workspace's share identity, its partners, and bundles out and in."""

    def __init__(self, ctx: Context, store: Store, cases: CaseService, blobs: BlobStore):
        self.ctx = ctx
        self.store = store
        self.cases = cases
        self.blobs = blobs
        from amparo.service.policy import Guard

        self.guard = Guard(ctx.actor, store)

    # -- identity and address book -------------------------------------------------------------

    def identity(self, *, organisation: str | None = None) -> OwnKeys:
        """This workspace's keys (made the first time, under ``organisation``).

        Making or renaming them (``organisation`` given) is for those who speak for the
        organisation (``share.identity``); anyone may read the line of keys already made."""
        from amparo.service.policy import SHARE_IDENTITY

        if organisation is not None:
            self.guard.require(SHARE_IDENTITY)
        return self.store.shares.own(organisation=organisation, now=self.ctx.now())

    def add_partner(self, name: str | None, line: str) -> Partner:
        """Add a partner organisation from the line its ``share identity`` printed
        (``share.identity``: cases can then be sent to it)."""
        from amparo.service.policy import SHARE_IDENTITY

        self.guard.require(SHARE_IDENTITY)
        return self.store.shares.add_partner(line, name, now=self.ctx.now())

    def partners(self) -> list[Partner]:
        """The address book."""
        return self.store.shares.partners()

    # -- export ----------------------------------------------------------------------------------

    def export(self, case_id: str, partner: str, output: Path, *, evidence_ids: tuple[str, ...] = (),
               force: bool = False) -> Path:
        """Write the bundle of ``case_id`` for ``partner`` to ``output``.

        People are named, described or left out by the gate for ``share:<partner>``; an
        evidence file that names someone not cleared for that is refused (InvalidInput).
        """
        from amparo.disclosure import cleared_for, facts_for_audience
        from amparo.model.consent import SHARE_CIRCLE, share_avenue
        from amparo.service.output_files import check_output, write_file
        from amparo.store.share_bundle import seal_bundle

        check_output(Path(output), force=force, option="-o")
        own = self.store.shares.own(now=self.ctx.now())
        to = self.store.shares.partner(partner)
        case = self.cases.get(case_id)
        avenue = share_avenue(to.id)
        today = self.ctx.today()
        facts = facts_for_audience(case, SHARE_CIRCLE, today=today, avenue=avenue)
        facts.pop("prepared_for", None)
        cleared = cleared_for(case, SHARE_CIRCLE, avenue=avenue, today=today)
        listed, data = self._evidence(case_id, evidence_ids, cleared)
        document = {"created_at": self.ctx.now().isoformat(timespec="seconds"), "case": facts, "evidence": listed}
        bundle = seal_bundle(own, to, document, data)
        path = write_file(Path(output), bundle, option="-o")
        self.store.audit.record("share.export", "case", case_id)
        return path

    def _evidence(self, case_id: str, ids: tuple[str, ...], cleared: frozenset[str]) -> tuple[list[dict[str, Any]],
                                                                                               list[bytes]]:
        listed: list[dict[str, Any]] = []
        data: list[bytes] = []
        for n, evidence_id in enumerate(dict.fromkeys(ids), start=1):
            stored = self.store.evidence.get(evidence_id)
            item = stored.evidence
            if item.case_id != case_id:
                raise InvalidInput(Problem("--evidence", Message("{evidence_id} is evidence of another case",
                                                                 evidence_id=evidence_id)))
            beyond = [ref for ref in item.names_people if ref not in cleared]
            if beyond:
                raise InvalidInput(Problem("--evidence", Message(
                    "{evidence_id} names {beyond}, whose consent does not cover shares with this partner; leave it "
                    "out, or record that consent first (per avenue: share:*)",
                                                                 evidence_id=evidence_id, beyond=beyond[0])))
            content = b"".join(self.blobs.open(stored.blob_id))
            if hashlib.sha256(content).hexdigest() != item.sha256:
                raise InvalidInput(Problem("--evidence", Message("{evidence_id} no longer matches its recorded SHA-256",
                                                                 evidence_id=evidence_id)))
            # The file's own name may hold a name: it travels as a number and its extension.
            ext = _EXTENSION.search(item.filename)
            listed.append({"filename": f"evidence-{n}{ext.group(0).lower() if ext else ''}",
                           "media_type": item.media_type, "sha256": item.sha256, "size": len(content),
                           "names_people": list(item.names_people)})
            data.append(content)
        return listed, data

    # -- import ----------------------------------------------------------------------------------

    def inspect(self, path: Path) -> BundleSummary:
        """Decrypt and verify a bundle and say what it holds; nothing is imported."""
        opened = self._open(path)
        return self._summary(opened)

    def import_(self, path: Path) -> str:
        """Import a verified bundle as a new case; returns its id. Refused (audited) when replayed."""
        from amparo.store.share_bundle import ShareRefused

        opened = self._open(path)
        if self.store.shares.was_received(opened.bundle_id):
            self.store.audit.record("share.import-refused", "share", "replayed")
            raise ShareRefused("replayed", "this bundle was imported before; the case it holds is already here")
        doc = opened.document
        case_id = self.cases.add(doc["case"], source="bundle")
        try:
            for meta, content in zip(doc.get("evidence", []), opened.evidence, strict=True):
                if hashlib.sha256(content).hexdigest() != meta["sha256"]:
                    raise ShareRefused("damaged", "an evidence file of the bundle does not match its hash")
                from io import BytesIO

                self.store.evidence.add_from_stream(
                    case_id, BytesIO(content), filename=str(meta["filename"]), media_type=str(meta["media_type"]),
                    received_at=self.ctx.now(), added_by=self.ctx.actor.id, description=None,
                    names_people=tuple(meta.get("names_people", ())), now=self.ctx.now())
            self.cases.add_note(case_id, f"Received from {opened.sender.name} (partner {opened.sender.id}, "
                                         f"fingerprint {opened.sender.fingerprint}) in bundle {opened.bundle_id}, "
                                         f"made {doc.get('created_at', 'on an unknown date')}.")
            self.store.shares.record_received(opened.bundle_id, opened.sender.id, case_id, now=self.ctx.now())
        except BaseException as exc:
            self.cases.delete(case_id)
            if isinstance(exc, ShareRefused):
                self.store.audit.record("share.import-refused", "share", exc.reason)
            raise
        return case_id

    def _open(self, path: Path) -> OpenedBundle:
        from amparo.store.share_bundle import ShareRefused, open_bundle

        path = Path(path)
        if not path.is_file():
            raise InvalidInput(Problem("FILE", Message("{path} is not a readable file",
                                                       path=path)))
        own = self.store.shares.own(now=self.ctx.now())
        try:
            return open_bundle(path.read_bytes(), own, self.store.shares.partners())
        except ShareRefused as refused:
            self.store.audit.record("share.import-refused", "share", refused.reason)
            raise

    def _summary(self, opened: OpenedBundle) -> BundleSummary:
        case = opened.document.get("case", {})
        return BundleSummary(opened.bundle_id, opened.sender.name, opened.sender.fingerprint,
                             str(opened.document.get("created_at", "")), str(case.get("title", "")),
                             len(case.get("people", [])), len(opened.evidence),
                             self.store.shares.was_received(opened.bundle_id))
