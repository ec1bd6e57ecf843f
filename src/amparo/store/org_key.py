"""The organisation key of a server: made once, wrapped under the organisation passphrase.

Envelope encryption, as for the embedded vault (keys.py): the organisation passphrase
(typed at server start, or read from the file named by ``--org-key-file``) goes through
Argon2id with a random salt; HKDF splits the result into a check key and a wrapping key.
``server_keys`` holds the salt, the cost, HMAC(check key, constant) and the organisation
key wrapped by the wrapping key (AES-256-GCM). A wrong passphrase is refused by the check
value before anything else is read. The organisation key itself is only ever in memory;
HKDF derives from it one key per purpose (``OrgKeys``).
"""

from __future__ import annotations

import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from hashlib import sha256

import sqlalchemy as sa
from cryptography.exceptions import InvalidTag
from sqlalchemy import Connection

from amparo.model.errors import AmparoError, Message
from amparo.store.keys import KEY_BYTES, SALT_BYTES, KdfParams, _unwrap, _wrap, subkey
from amparo.store.secret import SecretKey
from amparo.store.server_schema import server_keys

_CHECK = b"amparo organisation key check v1"
_AAD = b"amparo organisation key wrap v1"


class WrongOrgKey(AmparoError):
    """The organisation passphrase (or key file) does not open this server's key."""

    exit_code = 2

    def __init__(self, message: str | Message | None = None):
        super().__init__(message or Message("wrong organisation key: the passphrase or key file does "
                                                        "not open this server's organisation key; nothing was "
                                                        "changed"))


class OrgKeys:
    """The keys an unlocked server works with, in memory only until ``wipe()``."""

    __slots__ = ("evidence", "fields", "index", "org_key", "secrets", "signing")

    def __init__(self, org_key: SecretKey):
        self.org_key = org_key
        #: wraps each evidence blob's own key (as the vault's evidence key does)
        self.evidence = subkey(org_key, "server evidence")
        #: wraps each case's data key (field encryption)
        self.fields = subkey(org_key, "server case keys")
        #: encrypts account secrets (TOTP seeds)
        self.secrets = subkey(org_key, "server account secrets")
        #: keys the blind-index tokens of search
        self.index = subkey(org_key, "server blind index")
        #: the seed of the Ed25519 key that signs shred records
        self.signing = subkey(org_key, "server shred signing")

    def wipe(self) -> None:
        """Zero every key. Idempotent."""
        for key in (self.org_key, self.evidence, self.fields, self.secrets, self.index, self.signing):
            key.wipe()

    def __repr__(self) -> str:
        return "OrgKeys(wiped)" if self.org_key.wiped else "OrgKeys(…)"


@dataclass(frozen=True, slots=True)
class OrgKeyRecord:
    """The ``server_keys`` row: what unlocking needs, nothing secret in clear."""

    kdf: KdfParams
    salt: bytes
    check_value: bytes
    wrapped_key: bytes


def _check_and_wrapping(passphrase: str, kdf: KdfParams, salt: bytes) -> tuple[bytes, SecretKey]:
    derived = kdf.derive(passphrase, salt)
    try:
        check = subkey(derived, "org check")
        try:
            value = hmac.new(check.buffer, _CHECK, sha256).digest()
        finally:
            check.wipe()
        return value, subkey(derived, "org wrap")
    finally:
        derived.wipe()


def create(conn: Connection, passphrase: str, kdf: KdfParams, at: datetime) -> OrgKeys:
    """Draw a new organisation key and store it wrapped (in the caller's transaction)."""
    org_key = SecretKey.random(KEY_BYTES)
    salt = secrets.token_bytes(SALT_BYTES)
    check, wrapping = _check_and_wrapping(passphrase, kdf, salt)
    try:
        wrapped = _wrap(wrapping, org_key, _AAD)
    finally:
        wrapping.wipe()
    conn.execute(server_keys.insert().values(
        id=1, kdf_json=json.dumps(kdf.as_json()), salt=salt, check_value=check,
        wrapped_key=wrapped, created_at=at))
    return OrgKeys(org_key)


def read(conn: Connection) -> OrgKeyRecord | None:
    """The stored record, or None when the server was never initialised."""
    row = conn.execute(sa.select(server_keys).where(server_keys.c.id == 1)).first()
    if row is None:
        return None
    params = json.loads(row.kdf_json)
    kdf = KdfParams(params["memory_kib"], params["time_cost"], params["parallelism"])
    return OrgKeyRecord(kdf, bytes(row.salt), bytes(row.check_value), bytes(row.wrapped_key))


def unseal(record: OrgKeyRecord, passphrase: str) -> OrgKeys:
    """The organisation keys; WrongOrgKey when the passphrase does not match."""
    check, wrapping = _check_and_wrapping(passphrase, record.kdf, record.salt)
    try:
        if not hmac.compare_digest(check, record.check_value):
            raise WrongOrgKey()
        try:
            org_key = _unwrap(wrapping, record.wrapped_key, _AAD)
        except InvalidTag:
            raise WrongOrgKey("the organisation key record is damaged") from None
    finally:
        wrapping.wipe()
    return OrgKeys(org_key)
