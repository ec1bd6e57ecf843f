"""A signed-in session's transient items on a server: kept drafts, wizard answers, typed forms.

Server mode runs several application processes that share nothing but the database, so
what a session keeps between two requests (a rendered draft waiting for download, the
triage wizard's answers, a refused form's errors and typed text) is a row of
``session_items``, not a value in one process's memory.

Sealing (AES-256-GCM, like every case field):

- Every item is sealed under a key HKDF derives from the session's *token*. The database
  keeps only the token's SHA-256, and the token lives only in the browser's cookie: a dump,
  a backup, even one read together with the organisation key, opens none of these rows;
  once the cookie is gone (sign-out, expiry) they are noise before the purge deletes them.
  The organisation data key would not give that: it is in every worker's memory and opens
  every row of every session. The token has 256 random bits, so no slow KDF is needed.
- A draft is sealed first under its case's data key (``FieldCipher.seal``), so that
  crypto-shredding the case also destroys its drafts waiting for download.
- The associated data binds each item to its session, kind and key: a row copied to another
  session or kind fails to open.

Reading checks that the session is still open (not revoked, not expired, its account not
disabled) in the same query; ``purge`` deletes what belongs to ended sessions.
"""

from __future__ import annotations

import base64
import json
import secrets
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from amparo.model.errors import AmparoError
from amparo.store.accounts import token_hash
from amparo.store.fields import FieldCipher
from amparo.store.read_block import block_connection
from amparo.store.schema import drafts
from amparo.store.server_schema import session_items, sessions, users

DRAFT = "draft"
WIZARD = "wizard"
FORM = "form"
#: A new second-factor key waiting for its first code (``service.own_account``).
FACTOR = "factor"
KINDS = (DRAFT, WIZARD, FORM, FACTOR)
#: A draft's sealed text is bound to this "column" of its case (``FieldCipher`` associated data).
DRAFT_COLUMN = "session_items.draft"


@dataclass(frozen=True, slots=True)
class Item:
    """One item read back: its key, its case (drafts), and its JSON value."""

    key: str
    case_id: str | None
    value: Any


def _session_key(token: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"amparo session items v1").derive(token.encode("ascii"))


def _aad(digest: str, kind: str, key: str) -> bytes:
    return b"amparo session item v1 " + digest.encode("ascii") + b" " + kind.encode("ascii") + b" " + \
        key.encode("utf-8")


class SessionItems:
    """The ``session_items`` of one server database (``engine``), sealed with ``fields``."""

    def __init__(self, engine: sa.Engine, fields: FieldCipher):
        self._engine = engine
        self._fields = fields

    def put(self, token: str, kind: str, key: str, value: Any, *, now: datetime,
            case_id: str | None = None, limit: int | None = None) -> bool:
        """Keep ``value`` (JSON) for the session, replacing the item of the same key; the
        oldest items of that kind go past ``limit``. False (nothing kept) when the session is
        not open any more."""
        digest = token_hash(token)
        text = json.dumps(value, ensure_ascii=False, default=str)
        with self._engine.begin() as conn:
            expires = conn.execute(_open_session(digest, now)).scalar_one_or_none()
            if expires is None:
                return False
            if case_id is not None:  # a draft: under the case's key first (shredding destroys it)
                text = self._fields.seal(conn, case_id, DRAFT_COLUMN, text) or ""
            nonce = secrets.token_bytes(12)
            data = nonce + AESGCM(_session_key(token)).encrypt(nonce, text.encode("utf-8"), _aad(digest, kind, key))
            mine = (session_items.c.token_hash == digest) & (session_items.c.kind == kind)
            conn.execute(session_items.delete().where(mine & (session_items.c.item_key == key)))
            conn.execute(session_items.insert().values(token_hash=digest, kind=kind, item_key=key,
                                                       case_id=case_id, data=data, expires_at=expires))
            if limit is not None:
                keep = sa.select(session_items.c.id).where(mine).order_by(session_items.c.id.desc()).limit(limit)
                conn.execute(session_items.delete().where(mine & session_items.c.id.not_in(keep.scalar_subquery())))
        return True

    def put_draft(self, token: str, draft_id: str, value: Any, *, now: datetime, limit: int) -> bool:
        """Keep a recorded draft's rendering under its case's key (the case found by the draft's
        id); False when there is no such draft or the session has ended."""
        with self._engine.connect() as conn:
            case_id = conn.execute(sa.select(drafts.c.case_id).where(drafts.c.id == draft_id)).scalar_one_or_none()
        if case_id is None:
            return False
        return self.put(token, DRAFT, draft_id, value, now=now, case_id=case_id, limit=limit)

    def get(self, token: str, kind: str, key: str, *, now: datetime) -> Item | None:
        """The item, or None (never kept, deleted, its session ended, its case shredded)."""
        digest = token_hash(token)
        live = _open_session(digest, now).exists()
        query = sa.select(session_items.c.case_id, session_items.c.data).where(
            (session_items.c.token_hash == digest) & (session_items.c.kind == kind)
            & (session_items.c.item_key == key) & live)
        # Asked on every page (a refused form to show again?): inside a read block, on its
        # connection; the one delete below is a statement that stands on its own.
        shared = block_connection(self._engine)
        with nullcontext(shared) if shared is not None else self._engine.begin() as conn:
            row = conn.execute(query).first()
            if row is None:
                return None
            raw = bytes(row.data)
            try:
                text = AESGCM(_session_key(token)).decrypt(raw[:12], raw[12:], _aad(digest, kind, key)).decode("utf-8")
                if row.case_id is not None:
                    text = self._fields.open(conn, row.case_id, DRAFT_COLUMN, text) or ""
            except (InvalidTag, AmparoError):  # altered, or the case's key is gone: unreadable
                conn.execute(session_items.delete().where(
                    (session_items.c.token_hash == digest) & (session_items.c.kind == kind)
                    & (session_items.c.item_key == key)))
                return None
        return Item(key, row.case_id, json.loads(text))

    def keys(self, token: str, kind: str) -> list[str]:
        """The keys of the session's items of ``kind``, oldest first."""
        query = sa.select(session_items.c.item_key).where(
            (session_items.c.token_hash == token_hash(token)) & (session_items.c.kind == kind)
        ).order_by(session_items.c.id)
        with self._engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def delete(self, token: str, kind: str, key: str | None = None) -> None:
        """Forget one item (or every item of ``kind`` when ``key`` is None)."""
        where = (session_items.c.token_hash == token_hash(token)) & (session_items.c.kind == kind)
        if key is not None:
            where = where & (session_items.c.item_key == key)
        with self._engine.begin() as conn:
            conn.execute(session_items.delete().where(where))

    def forget(self, token: str) -> None:
        """Forget everything the session kept (sign-out, a refused session)."""
        with self._engine.begin() as conn:
            conn.execute(session_items.delete().where(session_items.c.token_hash == token_hash(token)))

    def purge(self, *, now: datetime) -> int:
        """Delete the items of expired, revoked and disabled accounts' sessions; how many went."""
        ended = sa.select(sessions.c.token_hash).join(users, users.c.id == sessions.c.user_id).where(
            sessions.c.revoked | users.c.disabled | (sessions.c.expires_at <= now))
        with self._engine.begin() as conn:
            gone = conn.execute(session_items.delete().where(
                (session_items.c.expires_at <= now) | session_items.c.token_hash.in_(ended)))
            return gone.rowcount or 0

    def count(self) -> int:
        """How many items are kept, all sessions together (for tests and upkeep)."""
        with self._engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(session_items)).scalar_one()


def _open_session(digest: str, now: datetime) -> sa.Select[Any]:
    """The expiry of the session with this token hash, if it is open and its account enabled."""
    return sa.select(sessions.c.expires_at).join(users, users.c.id == sessions.c.user_id).where(
        (sessions.c.token_hash == digest) & sessions.c.revoked.is_(False) & users.c.disabled.is_(False)
        & (sessions.c.expires_at > now))


def draft_value(data: bytes, filename: str, info: dict[str, Any]) -> dict[str, Any]:
    """A rendered draft as the JSON a ``DRAFT`` item holds."""
    return {"filename": filename, "info": info, "data": base64.b64encode(data).decode("ascii")}


def draft_bytes(value: dict[str, Any]) -> bytes:
    """The rendered bytes of a ``DRAFT`` item's value."""
    return base64.b64decode(value["data"])
