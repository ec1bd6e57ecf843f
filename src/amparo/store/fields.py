"""Field encryption for server mode: a data key per case, sealed text, blind-index tokens.

What identifies people (titles, the case-facts JSON with names, contacts and narratives,
notes, evidence file names and descriptions, drafts, follow-up notes) is sealed by the
application before it reaches PostgreSQL: AES-256-GCM under the case's own random data
key, with the case id and the column as associated data (a value moved to another case
or column fails to open). Each data key is wrapped by a key the organisation key derives
and kept in ``case_keys``; deleting that row makes every field of the case noise.

Sealed values are text, ``§1:`` then base64 (nonce, ciphertext, tag), so the same
columns hold plaintext in the embedded vault (encrypted whole by SQLCipher) and sealed
values on a server. Search uses keyed blind-index tokens: HMAC-SHA256 of each normalised
word (``search.words``) under a key the organisation key derives, 128 bits in hex. A
query matches cases holding every word's token: whole words, no prefixes (a prefix token
per word would multiply the index and tell more about word lengths). What the tokens
still tell a reader of the database: how many distinct words a case has, and which cases
share a word (not which word).

What belongs to the organisation rather than to a case (the writer's profile, the share
identity's name and private keys) is sealed the same way under the *organisation data
key*, which HKDF derives from the case-key wrapping key: nothing is stored for it, so two
processes can never race to make it, and it goes with the organisation key.
"""

from __future__ import annotations

import base64
import hmac
import secrets
from collections.abc import Iterable
from hashlib import sha256

import sqlalchemy as sa
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Connection

from amparo.model.errors import AmparoError
from amparo.store.keys import KEY_BYTES, _unwrap, _wrap, subkey
from amparo.store.records import chunks
from amparo.store.secret import SecretKey
from amparo.store.server_schema import case_keys

PREFIX = "§1:"


class CaseShredded(AmparoError):
    """The case's data key is gone (crypto-shredded): its fields cannot be read by anyone."""

    exit_code = 3


class FieldCipher:
    """Seals and opens one organisation's case fields; data keys cached in memory.

    ``wrapping`` wraps case data keys; ``index`` keys the blind-index tokens. Both are
    the server's (``OrgKeys``) and are wiped with it.
    """

    def __init__(self, wrapping: SecretKey, index: SecretKey, signing: SecretKey):
        self._wrapping = wrapping
        self._index = index
        #: the seed of the key that signs shred records (``shred.py``)
        self.signing_seed = signing
        self._keys: dict[str, SecretKey] = {}
        self._org: SecretKey | None = None
        # Words repeat across cases: each token is computed once per process (wiped on lock).
        self._tokens: dict[str, str] = {}
        self._hmac = hmac.new(bytes(index.buffer), digestmod=sha256)

    # -- keys ----------------------------------------------------------------------------------

    def new_keys(self, conn: Connection, case_ids: Iterable[str]) -> None:
        """Draw and store a data key for each new case (in the caller's transaction)."""
        rows = []
        for case_id in case_ids:
            key = SecretKey.random(KEY_BYTES)
            rows.append({"case_id": case_id, "wrapped_key": _wrap(self._wrapping, key, _aad(case_id))})
            self._keys[case_id] = key
        if rows:
            conn.execute(case_keys.insert(), rows)

    def _key(self, conn: Connection, case_id: str) -> SecretKey:
        key = self._keys.get(case_id)
        if key is not None and not key.wiped:
            return key
        self.load(conn, [case_id])
        key = self._keys.get(case_id)
        if key is None:
            raise CaseShredded(f"case {case_id} has no data key: it was shredded, nothing of it can be read")
        return key

    def load(self, conn: Connection, case_ids: Iterable[str]) -> None:
        """Unwrap the data keys of many cases at once (500 a query)."""
        wanted = [c for c in dict.fromkeys(case_ids) if c not in self._keys]
        for part in chunks(wanted):
            for case_id, wrapped in conn.execute(sa.select(case_keys.c.case_id, case_keys.c.wrapped_key)
                                                 .where(case_keys.c.case_id.in_(part))):
                try:
                    self._keys[case_id] = _unwrap(self._wrapping, bytes(wrapped), _aad(case_id))
                except InvalidTag:
                    raise AmparoError(f"the data key of case {case_id} does not open: it was altered") from None

    def shred(self, conn: Connection, case_id: str) -> None:
        """Delete the case's data key (in the caller's transaction) and forget it here."""
        conn.execute(case_keys.delete().where(case_keys.c.case_id == case_id))
        key = self._keys.pop(case_id, None)
        if key is not None:
            key.wipe()

    def wipe(self) -> None:
        """Forget every data key (on lock)."""
        for key in self._keys.values():
            key.wipe()
        self._keys.clear()
        if self._org is not None:
            self._org.wipe()
            self._org = None
        self._tokens.clear()
        self._hmac = hmac.new(b"\0" * KEY_BYTES, digestmod=sha256)

    # -- values --------------------------------------------------------------------------------

    def seal(self, conn: Connection, case_id: str, column: str, value: str | None) -> str | None:
        """``value`` sealed under the case's key, bound to the case and the column."""
        if value is None:
            return None
        nonce = secrets.token_bytes(12)
        sealed = AESGCM(self._key(conn, case_id).buffer).encrypt(
            nonce, value.encode("utf-8"), _field_aad(case_id, column))
        return PREFIX + base64.b64encode(nonce + sealed).decode("ascii")

    def open(self, conn: Connection, case_id: str, column: str, value: str | None) -> str | None:
        """The plaintext of a sealed value (a value stored before sealing is returned as is)."""
        if value is None or not value.startswith(PREFIX):
            return value
        raw = base64.b64decode(value[len(PREFIX):])
        try:
            plain = AESGCM(self._key(conn, case_id).buffer).decrypt(raw[:12], raw[12:], _field_aad(case_id, column))
        except InvalidTag:
            raise AmparoError(f"a field of case {case_id} ({column}) failed authentication: it was altered") from None
        return plain.decode("utf-8")

    def seal_org(self, column: str, value: str | None) -> str | None:
        """``value`` sealed under the organisation data key, bound to ``column``."""
        if value is None:
            return None
        nonce = secrets.token_bytes(12)
        sealed = AESGCM(self._org_key().buffer).encrypt(nonce, value.encode("utf-8"), _org_aad(column))
        return PREFIX + base64.b64encode(nonce + sealed).decode("ascii")

    def open_org(self, column: str, value: str | None) -> str | None:
        """The plaintext of a value ``seal_org`` made (one stored before sealing is returned as is)."""
        if value is None or not value.startswith(PREFIX):
            return value
        raw = base64.b64decode(value[len(PREFIX):])
        try:
            plain = AESGCM(self._org_key().buffer).decrypt(raw[:12], raw[12:], _org_aad(column))
        except InvalidTag:
            raise AmparoError(f"an organisation field ({column}) failed authentication: it was altered") from None
        return plain.decode("utf-8")

    def _org_key(self) -> SecretKey:
        if self._org is None or self._org.wiped:
            self._org = subkey(self._wrapping, "server organisation data")
        return self._org

    # -- the blind index ------------------------------------------------------------------------

    def token(self, word: str) -> str:
        """The blind-index token of one normalised word."""
        found = self._tokens.get(word)
        if found is None:
            mac = self._hmac.copy()
            mac.update(word.encode("utf-8"))
            found = self._tokens[word] = mac.hexdigest()[:32]
        return found

    def tokens(self, words: Iterable[str]) -> set[str]:
        """The distinct tokens of ``words``."""
        return {self.token(w) for w in words}


def _aad(case_id: str) -> bytes:
    return b"amparo case key v1 " + case_id.encode("ascii")


def _field_aad(case_id: str, column: str) -> bytes:
    return b"amparo field v1 " + case_id.encode("ascii") + b" " + column.encode("ascii")


def _org_aad(column: str) -> bytes:
    return b"amparo organisation field v1 " + column.encode("ascii")
