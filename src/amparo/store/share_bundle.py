"""The share bundle: a signed document and evidence, age-encrypted to one partner.

    age( "AMPARO-SHARE 1\\n"  u32 length  document JSON
         ( u64 length  evidence bytes )*   64-byte Ed25519 signature )

The signature covers every byte before it (with a domain prefix), so nothing inside can
be changed, cut or added without the sender's key. The document names the sender's and
the recipient's public keys and a random bundle id: a bundle re-encrypted by its first
recipient to a third organisation names the wrong recipient; a bundle imported twice is
known by its id. age authenticates its own stream, so a cut or altered file fails to
decrypt before any of this is read.

Every refusal is a ``ShareRefused`` with a ``reason`` code for the audit entry (an id,
never text from the bundle) and a message saying what to do.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import struct
from dataclasses import dataclass
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from amparo.model.errors import AmparoError
from amparo.store.share_keys import OwnKeys, Partner

MAGIC = b"AMPARO-SHARE 1\n"
FORMAT = "amparo-share"
_SIGNED = b"amparo share bundle v1\n"
#: Bundles are built and read in memory; evidence beyond this goes another way.
MAX_BUNDLE = 256 * 1024 * 1024


class ShareRefused(AmparoError):
    """A bundle that is not imported; ``reason`` is the audit entry's id for it."""

    exit_code = 2

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class OpenedBundle:
    """A bundle that decrypted, verified and is addressed to this workspace."""

    document: dict[str, Any]
    evidence: tuple[bytes, ...]
    sender: Partner

    @property
    def bundle_id(self) -> str:
        return str(self.document["bundle_id"])


def seal_bundle(own: OwnKeys, partner: Partner, document: dict[str, Any], evidence: list[bytes]) -> bytes:
    """The encrypted bundle for ``partner``: ``document`` gets the ids and keys added here."""
    doc = {"format": FORMAT, "version": 1, "bundle_id": secrets.token_hex(12),
           "from": {"name": own.organisation, "age": own.age_recipient, "ed25519": own.verify_key.hex()},
           "to": {"name": partner.name, "age": partner.age_recipient},
           **document, "evidence_count": len(evidence)}
    raw = json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8")
    parts = [MAGIC, struct.pack(">I", len(raw)), raw]
    for data in evidence:
        parts += [struct.pack(">Q", len(data)), data]
    body = b"".join(parts)
    signature = own.signing.sign(_SIGNED + hashlib.sha256(body).digest())
    return pyrage.encrypt(body + signature, [pyrage.x25519.Recipient.from_str(partner.age_recipient)])


def open_bundle(data: bytes, own: OwnKeys, address_book: list[Partner]) -> OpenedBundle:
    """Decrypt, verify and check the addressing of a bundle; ShareRefused for every fault."""
    if len(data) > MAX_BUNDLE:
        raise ShareRefused("too-large", "this file is larger than any bundle Amparo makes")
    try:
        plain = pyrage.decrypt(data, [own.identity])
    except pyrage.DecryptError as exc:
        if "no matching keys" in str(exc).lower():
            raise ShareRefused("not-for-us", "this bundle was not encrypted for this organisation (or its "
                                             "header was altered); ask the sender to make it for the line "
                                             "`amparo share identity` prints") from None
        raise ShareRefused("damaged", "this bundle is cut short or was altered on the way; ask the sender "
                                      "for a new copy") from None
    if len(plain) < len(MAGIC) + 4 + 64 or not plain.startswith(MAGIC):
        raise ShareRefused("damaged", "this file is not an Amparo share bundle")
    body, signature = plain[:-64], plain[-64:]
    (length,) = struct.unpack(">I", body[len(MAGIC):len(MAGIC) + 4])
    try:
        document = json.loads(body[len(MAGIC) + 4:len(MAGIC) + 4 + length].decode("utf-8"))
        sender_key = bytes.fromhex(document["from"]["ed25519"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise ShareRefused("damaged", "this bundle is damaged; ask the sender for a new copy") from None
    sender = next((p for p in address_book if p.verify_key == sender_key), None)
    if sender is None:
        raise ShareRefused("unknown-signer", "this bundle is signed by an organisation that is not in the address "
                                             "book; add its identity line with `amparo share partner add` after "
                                             "comparing fingerprints with it, then import again")
    try:
        Ed25519PublicKey.from_public_bytes(sender.verify_key).verify(
            signature, _SIGNED + hashlib.sha256(body).digest())
    except InvalidSignature:
        raise ShareRefused("bad-signature", "this bundle's signature does not match its content: it was "
                                            "altered; ask the sender for a new copy") from None
    if document.get("format") != FORMAT or document.get("version") != 1:
        raise ShareRefused("damaged", "this bundle was made by another version of Amparo")
    if (document.get("to") or {}).get("age") != own.age_recipient:
        raise ShareRefused("not-for-us", "this bundle was made for another organisation and passed on; ask "
                                         "the sender to make one for you")
    evidence, at = [], len(MAGIC) + 4 + length
    for _ in range(int(document.get("evidence_count", 0))):
        (size,) = struct.unpack(">Q", body[at:at + 8])
        evidence.append(body[at + 8:at + 8 + size])
        at += 8 + size
    if at != len(body) or any(len(e) != int(m["size"]) for e, m in zip(evidence, document.get("evidence", []),
                                                                          strict=False)):
        raise ShareRefused("damaged", "this bundle is damaged; ask the sender for a new copy")
    return OpenedBundle(document, tuple(evidence), sender)
