"""Accounts, sessions and per-case access lists (server mode), each change audited by ids.

Only what is needed to decide is stored: an e-mail address as the login, the role, the
Argon2id hash of the password, the TOTP seed encrypted (AES-256-GCM) by a key the
organisation key derives, the last TOTP time step used (so a code works once), and for a
session the SHA-256 of its token. ``service.people`` does the checking; ``service.policy``
decides from the access lists.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from amparo.model.errors import InvalidInput, NotFound, Problem
from amparo.store.records import Repository, new_id, require_case
from amparo.store.server_schema import case_access, sessions, signin_throttle, users

ASSIGNED = "assigned"
SHARED = "shared"


@dataclass(frozen=True, slots=True)
class Account:
    """A user of a server, as stored (the password hash never leaves the store's callers)."""

    id: str
    email: str
    role: str
    password_hash: str
    totp_secret: bytes | None
    totp_last_step: int | None
    disabled: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """An open (or expired, or revoked) session."""

    user_id: str
    created_at: datetime
    expires_at: datetime
    revoked: bool


def token_hash(token: str) -> str:
    """What the database keeps of a session token: its SHA-256, never the token."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def _account(row: Any) -> Account:
    return Account(id=row.id, email=row.email, role=row.role, password_hash=row.password_hash,
                   totp_secret=bytes(row.totp_secret) if row.totp_secret is not None else None,
                   totp_last_step=row.totp_last_step, disabled=row.disabled, created_at=row.created_at)


class AccountRepository(Repository):
    """Users, sessions and case access (``store.accounts``)."""

    # -- users ---------------------------------------------------------------------------------

    def add_user(self, email: str, role: str, password_hash: str, totp_secret: bytes | None,
                 *, now: datetime | None = None) -> str:
        """A new account; InvalidInput when the address is taken. Returns its id."""
        at = self._store.now(now)
        with self._unit() as conn:
            if conn.execute(sa.select(users.c.id).where(users.c.email == email)).first() is not None:
                raise InvalidInput(Problem("email", "an account with this address exists already"))
            user_id = new_id("U")
            conn.execute(users.insert().values(
                id=user_id, email=email, role=role, password_hash=password_hash,
                totp_secret=totp_secret, totp_last_step=None, disabled=False, created_at=at))
            self._store.audit.append(conn, [("user.add", "user", user_id)], at)
        return user_id

    def by_email(self, email: str) -> Account | None:
        """The account with this login, or None."""
        with self._reads() as conn:
            row = conn.execute(sa.select(users).where(users.c.email == email)).first()
        return None if row is None else _account(row)

    def get(self, user_id: str) -> Account:
        """The account with this id (NotFound names the id only)."""
        with self._reads() as conn:
            row = conn.execute(sa.select(users).where(users.c.id == user_id)).first()
        if row is None:
            raise NotFound(f"user {user_id} not found")
        return _account(row)

    def all(self) -> list[Account]:
        """Every account, by login."""
        with self._reads() as conn:
            return [_account(r) for r in conn.execute(sa.select(users).order_by(users.c.email))]

    def set_disabled(self, user_id: str, disabled: bool, *, now: datetime | None = None) -> None:
        """Disable (or enable) an account; disabling revokes its sessions in the same commit."""
        at = self._store.now(now)
        with self._unit() as conn:
            self.get(user_id)
            conn.execute(users.update().where(users.c.id == user_id).values(disabled=disabled))
            if disabled:
                conn.execute(sessions.update().where(sessions.c.user_id == user_id).values(revoked=True))
            else:  # enabling again also lifts a pause after wrong tries
                conn.execute(signin_throttle.delete().where(signin_throttle.c.user_id == user_id))
            self._store.audit.append(conn, [("user.disable" if disabled else "user.enable", "user", user_id)], at)

    def set_password(self, user_id: str, password_hash: str, *, now: datetime | None = None) -> None:
        """Store a new password hash (after a rehash with a higher cost, or a change)."""
        with self._unit() as conn:
            conn.execute(users.update().where(users.c.id == user_id).values(password_hash=password_hash))

    def change_password(self, user_id: str, password_hash: str, *, keep_token: str | None = None,
                        now: datetime | None = None) -> int:
        """The person's own new password: stored, and every session of theirs but
        ``keep_token``'s ended, in one commit (audited ``user.password``). Returns how many
        sessions were ended."""
        at = self._store.now(now)
        with self._unit() as conn:
            conn.execute(users.update().where(users.c.id == user_id).values(password_hash=password_hash))
            ended = self._end_other_sessions(conn, user_id, keep_token)
            self._store.audit.append(conn, [("user.password", "user", user_id)], at)
        return ended

    def change_second_factor(self, user_id: str, sealed_seed: bytes, used_step: int, *,
                             keep_token: str | None = None, now: datetime | None = None) -> int:
        """A new TOTP seed, already proved by a code of step ``used_step`` (which cannot be
        used again); every session but ``keep_token``'s ended, in one commit (audited
        ``user.second-factor``)."""
        at = self._store.now(now)
        with self._unit() as conn:
            conn.execute(users.update().where(users.c.id == user_id)
                         .values(totp_secret=sealed_seed, totp_last_step=used_step))
            ended = self._end_other_sessions(conn, user_id, keep_token)
            self._store.audit.append(conn, [("user.second-factor", "user", user_id)], at)
        return ended

    @staticmethod
    def _end_other_sessions(conn: Connection, user_id: str, keep_token: str | None) -> int:
        mine = (sessions.c.user_id == user_id) & sessions.c.revoked.is_(False)
        if keep_token is not None:
            mine = mine & (sessions.c.token_hash != token_hash(keep_token))
        return conn.execute(sessions.update().where(mine).values(revoked=True)).rowcount or 0

    def use_totp_step(self, user_id: str, step: int) -> bool:
        """Record that the code of time step ``step`` was used; False when it (or a later
        one) was used already. One conditional UPDATE, so two processes cannot both accept it."""
        with self._unit() as conn:
            done = conn.execute(users.update().where(
                users.c.id == user_id,
                sa.or_(users.c.totp_last_step.is_(None), users.c.totp_last_step < step),
            ).values(totp_last_step=step))
            return done.rowcount == 1

    # -- sign-in throttle ----------------------------------------------------------------------

    def paused_until(self, user_id: str) -> datetime | None:
        """Until when the account's sign-in is paused after wrong tries (None: it is not)."""
        with self._reads() as conn:
            return conn.execute(sa.select(signin_throttle.c.paused_until)
                                .where(signin_throttle.c.user_id == user_id)).scalar_one_or_none()

    def note_failure(self, user_id: str, *, pause_after: int, pause_until: datetime) -> int:
        """Count one more wrong try in a row; from the ``pause_after``-th on, pause sign-in
        until ``pause_until``. Returns the count. One row per account, updated in place,
        so that two processes counting at once both count."""
        with self._unit() as conn:
            done = conn.execute(signin_throttle.update().where(signin_throttle.c.user_id == user_id)
                                .values(failures=signin_throttle.c.failures + 1))
            if done.rowcount == 0:
                try:
                    with conn.begin_nested():
                        conn.execute(signin_throttle.insert().values(user_id=user_id, failures=1,
                                                                     paused_until=None))
                except sa.exc.IntegrityError:  # the other process made the row first
                    conn.execute(signin_throttle.update().where(signin_throttle.c.user_id == user_id)
                                 .values(failures=signin_throttle.c.failures + 1))
            count = conn.execute(sa.select(signin_throttle.c.failures)
                                 .where(signin_throttle.c.user_id == user_id)).scalar_one()
            if count >= pause_after:
                conn.execute(signin_throttle.update().where(signin_throttle.c.user_id == user_id)
                             .values(paused_until=pause_until))
        return count

    def clear_failures(self, user_id: str) -> None:
        """Forget the wrong tries (a right sign-in, or an administrator enabling the account)."""
        with self._unit() as conn:
            conn.execute(signin_throttle.delete().where(signin_throttle.c.user_id == user_id))

    # -- sessions ------------------------------------------------------------------------------

    def open_session(self, token: str, user_id: str, expires_at: datetime, *,
                     now: datetime | None = None) -> None:
        """Record a new session by the hash of its token."""
        at = self._store.now(now)
        with self._unit() as conn:
            conn.execute(sessions.insert().values(token_hash=token_hash(token), user_id=user_id,
                                                  created_at=at, expires_at=expires_at, revoked=False))
            self._store.audit.append(conn, [("session.open", "user", user_id)], at)

    def session(self, token: str) -> SessionRecord | None:
        """The session of ``token``, or None when no session has it."""
        with self._reads() as conn:
            row = conn.execute(sa.select(sessions).where(sessions.c.token_hash == token_hash(token))).first()
        if row is None:
            return None
        return SessionRecord(row.user_id, row.created_at, row.expires_at, row.revoked)

    def revoke_session(self, token: str, *, now: datetime | None = None) -> None:
        """End one session (sign-out)."""
        at = self._store.now(now)
        with self._unit() as conn:
            row = conn.execute(sa.select(sessions.c.user_id)
                               .where(sessions.c.token_hash == token_hash(token))).first()
            if row is None:
                return
            conn.execute(sessions.update().where(sessions.c.token_hash == token_hash(token))
                         .values(revoked=True))
            self._store.audit.append(conn, [("session.revoke", "user", row.user_id)], at)

    # -- case access ---------------------------------------------------------------------------

    def grant(self, case_id: str, user_id: str, kind: str, *, now: datetime | None = None) -> None:
        """Give ``user_id`` access to the case (``assigned`` or ``shared``); audited."""
        at = self._store.now(now)
        with self._unit() as conn:
            require_case(conn, case_id)
            self.get(user_id)
            conn.execute(case_access.delete().where(case_access.c.case_id == case_id,
                                                    case_access.c.user_id == user_id))
            conn.execute(case_access.insert().values(case_id=case_id, user_id=user_id, kind=kind,
                                                     granted_at=at))
            verb = "case.assign" if kind == ASSIGNED else "case.share"
            self._store.audit.append(conn, [(verb, "case", f"{case_id}/{user_id}")], at)

    def revoke(self, case_id: str, user_id: str, *, now: datetime | None = None) -> bool:
        """Take ``user_id``'s access to the case away; False when there was none. Audited."""
        at = self._store.now(now)
        with self._unit() as conn:
            gone = conn.execute(case_access.delete().where(case_access.c.case_id == case_id,
                                                           case_access.c.user_id == user_id))
            if gone.rowcount == 0:
                return False
            self._store.audit.append(conn, [("case.unshare", "case", f"{case_id}/{user_id}")], at)
        return True

    def access(self, case_id: str, user_id: str) -> str | None:
        """``assigned``, ``shared`` or None: what access ``user_id`` has to the case."""
        with self._reads() as conn:
            return conn.execute(sa.select(case_access.c.kind).where(
                case_access.c.case_id == case_id, case_access.c.user_id == user_id)).scalar_one_or_none()

    def people_of(self, case_id: str) -> list[tuple[str, str]]:
        """(user id, kind) of everyone with access to the case."""
        with self._reads() as conn:
            return [(r.user_id, r.kind) for r in conn.execute(
                sa.select(case_access.c.user_id, case_access.c.kind)
                .where(case_access.c.case_id == case_id).order_by(case_access.c.user_id))]
