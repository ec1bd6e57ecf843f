"""The tables only server mode fills: the organisation key, accounts, sessions, case access,
evidence bytes in the database (migration 0006).

They exist in an embedded vault too (one migration chain for both backends) and stay
empty there. Kept apart from ``schema.py`` so that the case tables read as they were.

Nothing here holds a name, a narrative or a password: e-mail addresses are the accounts'
logins (the team's own, not people in cases), passwords are Argon2id hashes, TOTP secrets
and session tokens are stored encrypted or hashed.
"""

from __future__ import annotations

import sqlalchemy as sa

from amparo.store.schema import Instant, metadata

#: One row (id = 1): the organisation key wrapped by a key derived (Argon2id) from the
#: organisation passphrase, with the salt, the cost and a check value, so that a wrong
#: passphrase is refused before anything is read or written.
server_keys = sa.Table(
    "server_keys", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("kdf_json", sa.Text, nullable=False),
    sa.Column("salt", sa.LargeBinary, nullable=False),
    sa.Column("check_value", sa.LargeBinary, nullable=False),
    sa.Column("wrapped_key", sa.LargeBinary, nullable=False),
    sa.Column("created_at", Instant, nullable=False),
)

#: The team's accounts. ``role`` is one of policy.ROLES; ``totp_secret`` is AES-GCM under a
#: key derived from the organisation key; ``totp_last_step`` refuses a code used twice.
users = sa.Table(
    "users", metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("email", sa.String(254), nullable=False, unique=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("totp_secret", sa.LargeBinary, nullable=True),
    sa.Column("totp_last_step", sa.BigInteger, nullable=True),
    sa.Column("disabled", sa.Boolean, nullable=False),
    sa.Column("created_at", Instant, nullable=False),
)

#: Open sessions: only the SHA-256 of the token is stored, so a dump opens none of them.
sessions = sa.Table(
    "sessions", metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.String(16), sa.ForeignKey("users.id"), nullable=False),
    sa.Column("created_at", Instant, nullable=False),
    sa.Column("expires_at", Instant, nullable=False),
    sa.Column("revoked", sa.Boolean, nullable=False),
    sa.Index("ix_sessions_user_id", "user_id"),
)

#: Who may see a case: ``kind`` is "assigned" (responsible for it) or "shared" (given access).
case_access = sa.Table(
    "case_access", metadata,
    sa.Column("case_id", sa.String(16), sa.ForeignKey("cases.id"), primary_key=True),
    sa.Column("user_id", sa.String(16), sa.ForeignKey("users.id"), primary_key=True),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("granted_at", Instant, nullable=False),
    sa.Index("ix_case_access_user_id", "user_id"),
)

#: The sign-in throttle (migration 0009): wrong passwords or codes in a row per account, and
#: until when its sign-in is paused; in the database so every application process agrees.
signin_throttle = sa.Table(
    "signin_throttle", metadata,
    sa.Column("user_id", sa.String(16), sa.ForeignKey("users.id"), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("paused_until", Instant, nullable=True),
)

#: Evidence blobs in server mode: the same sealed bytes the embedded vault keeps as files
#: (AES-256-GCM chunks, key in ``blob_keys``), so that the application processes share
#: nothing but the database.
blob_data = sa.Table(
    "blob_data", metadata,
    sa.Column("blob_id", sa.String(80), primary_key=True),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

#: Field encryption (migration 0007): each case's own AES-256 data key, wrapped by a key
#: the organisation key derives. Deleting the row crypto-shreds every field of the case.
case_keys = sa.Table(
    "case_keys", metadata,
    sa.Column("case_id", sa.String(16), primary_key=True),
    sa.Column("wrapped_key", sa.LargeBinary, nullable=False),
)

#: The blind index (migration 0007): keyed HMAC tokens of each case's normalised words, in
#: place of searchable text. A token says nothing without the organisation key.
case_tokens = sa.Table(
    "case_tokens", metadata,
    sa.Column("case_id", sa.String(16), primary_key=True),
    sa.Column("token", sa.String(32), primary_key=True),
    sa.Index("ix_case_tokens_token", "token"),
)

#: Signed records of crypto-shredded cases (migration 0007): which case, when, by whom,
#: under which audit entry, signed (Ed25519) by a key the organisation key derives.
shred_records = sa.Table(
    "shred_records", metadata,
    sa.Column("case_id", sa.String(16), primary_key=True),
    sa.Column("shredded_at", Instant, nullable=False),
    sa.Column("actor", sa.String(120), nullable=False),
    sa.Column("audit_seq", sa.Integer, nullable=False),
    sa.Column("statement", sa.Text, nullable=False),
    sa.Column("signature", sa.LargeBinary, nullable=False),
    sa.Column("public_key", sa.LargeBinary, nullable=False),
)

#: A signed-in session's transient items (migration 0010): rendered drafts kept for download,
#: the triage wizard's answers, a refused form's typed text. In the database so that every
#: application process serves them; sealed under a key derived from the session's token
#: (which only the browser's cookie holds), drafts also under their case's data key
#: (``store.transient``). They go with the session: at sign-out, expiry, account disable.
session_items = sa.Table(
    "session_items", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("token_hash", sa.String(64), sa.ForeignKey("sessions.token_hash", ondelete="CASCADE"),
              nullable=False),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("item_key", sa.String(200), nullable=False),
    sa.Column("case_id", sa.String(16), nullable=True),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("expires_at", Instant, nullable=False),
    sa.UniqueConstraint("token_hash", "kind", "item_key", name="uq_session_items_item"),
    sa.Index("ix_session_items_expires_at", "expires_at"),
)
