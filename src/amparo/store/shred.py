"""Crypto-shredding one case on a server, with a signed, dated record that it was done.

On the person's request, or under threat, a case must become unrecoverable: its rows are
deleted, its evidence keys and data key destroyed in the same transaction, and what
remains is a statement (case id, when, by whom, which audit entry) signed with Ed25519 by
a key the organisation key derives. Anyone holding the public key (``public_key``) can
check the statement later; nobody can read the case again from this database.

What this does not reach: a backup or dump made before the shred still holds the wrapped
data key next to the sealed fields, and opens with the organisation key. Keep backups
short-lived, or rotate the organisation passphrase's key file out of old backups' reach.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from amparo.model.errors import AmparoError, NotFound
from amparo.store.schema import instant_text
from amparo.store.server_schema import shred_records

if TYPE_CHECKING:
    from amparo.store.repository import Store
    from amparo.store.secret import SecretKey


@dataclass(frozen=True, slots=True)
class ShredRecord:
    """The signed statement that a case was crypto-shredded."""

    case_id: str
    shredded_at: datetime
    actor: str
    audit_seq: int
    statement: str
    signature: bytes
    public_key: bytes

    def verify(self, public_key: bytes | None = None) -> bool:
        """Whether the signature holds (under ``public_key``, else the one recorded)."""
        key = Ed25519PublicKey.from_public_bytes(public_key or self.public_key)
        try:
            key.verify(self.signature, self.statement.encode("utf-8"))
        except InvalidSignature:
            return False
        return json.loads(self.statement).get("case") == self.case_id


def signing_key(seed: SecretKey) -> Ed25519PrivateKey:
    """The organisation's shred-signing key, from its 32-byte seed."""
    return Ed25519PrivateKey.from_private_bytes(bytes(seed.buffer))


def public_key(seed: SecretKey) -> bytes:
    """The raw public key that checks shred records."""
    return signing_key(seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def shred_case(store: Store, case_id: str, *, now: datetime | None = None) -> ShredRecord:
    """Delete the case and destroy its keys; return the signed record (all one transaction)."""
    fields = store.fields
    if fields is None:
        raise AmparoError("crypto-shredding one case needs a server (each case has its own key there); "
                          "in a vault, amparo case delete removes the case and its evidence keys")
    at = store.now(now)
    with store.transaction() as conn:
        store.cases.delete(case_id, now=at)
        seq = store.audit.append(conn, [("case.shred", "case", case_id)], at)
        statement = json.dumps({"case": case_id, "shredded_at": instant_text(at), "actor": store.actor,
                                "audit_seq": seq, "what": "case data key and evidence keys destroyed"},
                               sort_keys=True, separators=(",", ":"))
        private = signing_key(fields.signing_seed)
        record = ShredRecord(case_id, at, store.actor, seq, statement,
                             private.sign(statement.encode("utf-8")), public_key(fields.signing_seed))
        conn.execute(shred_records.insert().values(
            case_id=case_id, shredded_at=at, actor=store.actor, audit_seq=seq, statement=statement,
            signature=record.signature, public_key=record.public_key))
    return record


def shred_record(store: Store, case_id: str) -> ShredRecord:
    """The record of a shredded case; NotFound when it was never shredded."""
    with store.transaction() as conn:
        row = conn.execute(sa.select(shred_records).where(shred_records.c.case_id == case_id)).first()
    if row is None:
        raise NotFound(f"no shred record for case {case_id}")
    return ShredRecord(row.case_id, row.shredded_at, row.actor, row.audit_seq, row.statement,
                       bytes(row.signature), bytes(row.public_key))
