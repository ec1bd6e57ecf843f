"""The workspace's keys for shares and its address book of partner organisations.

Each workspace has an age identity (X25519: partners encrypt bundles to its recipient)
and an Ed25519 key (it signs the bundles it sends: age encrypts but does not sign). Both
are made on first use and kept in the encrypted database (``share_identity``), never in a
file. A partner is known by the one line its ``amparo share identity`` printed: its name,
its age recipient and its Ed25519 public key. The fingerprint of those keys is what two
organisations read to each other over another channel (a call, a meeting) before the
first bundle, so that a line swapped in transit is noticed.

On a server the identity row would otherwise hand a database dump the private keys and
the organisation's name: there the name and both private keys are sealed together under
the organisation data key (``fields.py``) in ``age_identity``, ``organisation`` holds
only the marker ``SEALED`` and ``signing_key`` is empty. A row stored in clear before
is sealed the first time it is read. The address book holds public keys only.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

import pyrage
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from amparo.model.errors import InvalidInput, Message, NotFound, Problem
from amparo.store.records import Repository
from amparo.store.schema import share_identity, share_partners, share_received

LINE_TAG = "amparo-partner-v1"
_AGE = re.compile(r"^age1[02-9ac-hj-np-z]{58}$")
_NAME_MAX = 120
#: ``share_identity.organisation`` on a server: the real name is sealed in ``age_identity``.
SEALED = "(sealed)"
_COLUMN = "share_identity.keys"


@dataclass(frozen=True, slots=True)
class Partner:
    """One organisation of the address book (public keys only)."""

    id: str
    name: str
    age_recipient: str
    verify_key: bytes

    @property
    def fingerprint(self) -> str:
        """What to compare out of band: 20 hex digits of the keys' SHA-256, in groups of 4."""
        return fingerprint(self.age_recipient, self.verify_key)


@dataclass(frozen=True, slots=True)
class OwnKeys:
    """The workspace's own share keys, unwrapped for one export or import."""

    organisation: str
    identity: pyrage.x25519.Identity
    signing: Ed25519PrivateKey

    @property
    def age_recipient(self) -> str:
        return str(self.identity.to_public())

    @property
    def verify_key(self) -> bytes:
        return self.signing.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    @property
    def line(self) -> str:
        """The one line a partner pastes into ``amparo share partner add``."""
        return identity_line(self.organisation, self.age_recipient, self.verify_key)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.age_recipient, self.verify_key)


def fingerprint(age_recipient: str, verify_key: bytes) -> str:
    """20 hex digits of SHA-256 over both public keys, in five groups of four."""
    digest = hashlib.sha256(age_recipient.encode("ascii") + b"\n" + verify_key).hexdigest()[:20].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 20, 4))


def identity_line(organisation: str, age_recipient: str, verify_key: bytes) -> str:
    """``amparo-partner-v1 AGE ed25519:KEY NAME``: the name last, so it may hold spaces."""
    key = base64.urlsafe_b64encode(verify_key).decode("ascii").rstrip("=")
    return f"{LINE_TAG} {age_recipient} ed25519:{key} {organisation}"


def parse_line(line: str) -> tuple[str, str, bytes]:
    """(name, age recipient, Ed25519 public key) of an identity line; InvalidInput naming what is wrong."""
    parts = line.strip().split(" ", 3)
    if len(parts) < 4 or parts[0] != LINE_TAG:
        raise InvalidInput(Problem("LINE", Message("is not an identity line; it starts with {tag} and is "
                                                   "printed by `amparo share identity` (put it in quotes)",
                                                   tag=LINE_TAG)))
    _, age, key, name = parts
    if not _AGE.match(age):
        raise InvalidInput(Problem("LINE", Message("its age recipient (age1…) is damaged; ask for the line again")))
    try:
        raw = base64.urlsafe_b64decode(key.removeprefix("ed25519:") + "==")
        if not key.startswith("ed25519:") or len(raw) != 32:
            raise ValueError
        Ed25519PublicKey.from_public_bytes(raw)
        pyrage.x25519.Recipient.from_str(age)
    except ValueError:
        raise InvalidInput(Problem("LINE", Message("one of its keys is damaged; ask for the line again"))) from None
    return check_name(name, "LINE"), age, raw


def check_name(name: str, where: str = "NAME") -> str:
    """An organisation's name as it is shown: printable, one line, at most 120 characters."""
    name = " ".join(name.split())
    if not name or len(name) > _NAME_MAX or any(unicodedata.category(c)[0] == "C" for c in name):
        raise InvalidInput(Problem(where, Message("an organisation's name is one line of 1 to {most} characters",
                                                  most=_NAME_MAX)))
    return name


def partner_id(name: str) -> str:
    """The address-book id of a partner: its name in lower-case letters, digits and dashes."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:40].strip("-")
    return slug or "partner"


class ShareKeys(Repository):
    """The workspace's share keys, the address book, and the bundles already received."""

    def own(self, *, organisation: str | None = None, now: datetime | None = None) -> OwnKeys:
        """The workspace's keys, made on first use (then ``organisation`` is needed).

        ``organisation`` given later renames the workspace in the lines it prints.
        """
        with self._unit() as conn:
            row = conn.execute(sa.select(share_identity).where(share_identity.c.id == 1)).first()
            if row is None:
                if organisation is None:
                    raise InvalidInput(Problem("--name", Message(
                        "say your organisation's name the first time: "
                        "amparo share identity --name \"Your organisation\"")))
                keys = OwnKeys(check_name(organisation, "--name"), pyrage.x25519.Identity.generate(),
                               Ed25519PrivateKey.generate())
                conn.execute(share_identity.insert().values(id=1, created_at=self._store.now(now),
                                                            **self._stored(keys)))
                self._store.audit.append(conn, [("share.identity-made", "share", "identity")], self._store.now(now))
                return keys
            keys = self._read(row)
            renamed = organisation is not None and check_name(organisation, "--name") != keys.organisation
            if renamed:
                keys = OwnKeys(check_name(organisation or "", "--name"), keys.identity, keys.signing)
            if renamed or (self._store.fields is not None and row.organisation != SEALED):
                conn.execute(share_identity.update().where(share_identity.c.id == 1).values(**self._stored(keys)))
            return keys

    def _stored(self, keys: OwnKeys) -> dict[str, object]:
        """The identity row's columns: in clear in a vault (SQLCipher encrypts it whole), sealed on a server."""
        signing = keys.signing.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        fields = self._store.fields
        if fields is None:
            return {"organisation": keys.organisation, "age_identity": str(keys.identity), "signing_key": signing}
        doc = json.dumps({"organisation": keys.organisation, "age_identity": str(keys.identity),
                          "signing_key": base64.b64encode(signing).decode("ascii")}, ensure_ascii=False)
        return {"organisation": SEALED, "age_identity": fields.seal_org(_COLUMN, doc), "signing_key": b""}

    def _read(self, row: sa.Row) -> OwnKeys:
        fields = self._store.fields
        if row.organisation == SEALED and fields is not None:
            doc = json.loads(fields.open_org(_COLUMN, row.age_identity) or "{}")
            return OwnKeys(doc["organisation"], pyrage.x25519.Identity.from_str(doc["age_identity"]),
                           Ed25519PrivateKey.from_private_bytes(base64.b64decode(doc["signing_key"])))
        return OwnKeys(row.organisation, pyrage.x25519.Identity.from_str(row.age_identity),
                       Ed25519PrivateKey.from_private_bytes(bytes(row.signing_key)))

    def add_partner(self, line: str, name: str | None = None, *, now: datetime | None = None) -> Partner:
        """Add the organisation whose identity line this is (under ``name``, else the line's)."""
        line_name, age, key = parse_line(line)
        shown = check_name(name) if name else line_name
        pid = partner_id(shown)
        at = self._store.now(now)
        with self._unit() as conn:
            known = conn.execute(sa.select(share_partners).where(
                (share_partners.c.id == pid) | (share_partners.c.age_recipient == age)
                | (share_partners.c.verify_key == key))).first()
            if known is not None:
                raise InvalidInput(Problem("NAME", Message("the address book already has {name} ({id}) with "
                                                           "this name or these keys; remove it first to replace it",
                                                           name=known.name, id=known.id)))
            conn.execute(share_partners.insert().values(id=pid, name=shown, age_recipient=age, verify_key=key,
                                                        added_at=at))
            self._store.audit.append(conn, [("share.partner-add", "partner", pid)], at)
        return Partner(pid, shown, age, key)

    def partners(self) -> list[Partner]:
        """The address book, by id."""
        with self._unit() as conn:
            rows = conn.execute(sa.select(share_partners).order_by(share_partners.c.id)).all()
        return [Partner(r.id, r.name, r.age_recipient, bytes(r.verify_key)) for r in rows]

    def partner(self, pid: str) -> Partner:
        """One partner by id (or by its name); NotFound listing the ids there are."""
        for p in self.partners():
            if pid in (p.id, p.name) or partner_id(pid) == p.id:
                return p
        ids = tuple(p.id for p in self.partners())
        if not ids:
            raise NotFound(Message("no partner {partner} in the address book; there is none yet "
                                   "(amparo share partner add)", partner=repr(pid)))
        raise NotFound(Message("no partner {partner} in the address book; partners: {ids}",
                               partner=repr(pid), ids=", ".join(ids)))

    def by_verify_key(self, key: bytes) -> Partner | None:
        """The partner whose signing key this is, if the address book has it."""
        return next((p for p in self.partners() if p.verify_key == key), None)

    def was_received(self, bundle_id: str) -> bool:
        """Whether a bundle with this id was imported already (a replay)."""
        with self._unit() as conn:
            return conn.execute(sa.select(share_received.c.bundle_id)
                                .where(share_received.c.bundle_id == bundle_id)).first() is not None

    def record_received(self, bundle_id: str, partner: str, case_id: str, *, now: datetime | None = None) -> None:
        """Note an imported bundle (with the import's audit entry)."""
        at = self._store.now(now)
        with self._unit() as conn:
            conn.execute(share_received.insert().values(bundle_id=bundle_id, partner_id=partner, case_id=case_id,
                                                        received_at=at))
            self._store.audit.append(conn, [("share.import", "case", case_id)], at)
