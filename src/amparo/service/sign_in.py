"""Signing in to a server: password, second factor, sessions that expire and can be revoked.

Every check reads the database, so it holds in every application process at once: a
session opened by one works in the others; a disabled account or a revoked session is
refused by all of them at the next request. Each refusal says what to do, names nobody,
and is audited (``signin.refused``, ``session.refused``: ids only).

TOTP (RFC 6238, pyotp's seeds): 30-second steps, the step before and after accepted for a
clock off by a little; each code is accepted once (``users.totp_last_step``, one
conditional UPDATE), so a code seen over a shoulder cannot be replayed.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from amparo.model.clock import Clock, system_clock
from amparo.model.errors import AmparoError, Message
from amparo.service.context import Actor
from amparo.service.people import check_email, open_seed, password_hasher
from amparo.service.policy import TOTP_REQUIRED

if TYPE_CHECKING:
    from amparo.store.accounts import Account
    from amparo.store.server import Server

#: How long a session lasts without signing in again.
SESSION_HOURS = 8
STEP_SECONDS = 30


class SignInRefused(AmparoError):
    """Wrong login, password or code; disabled account; ended or expired session."""

    exit_code = 2


def authenticate(server: Server, email: str, password: str, totp: str | None = None, *,
                 clock: Clock = system_clock) -> Actor:
    """The actor ``email`` signs in as; SignInRefused (audited) for anything wrong."""
    from argon2.exceptions import InvalidHashError, VerificationError

    store = server.store("server")
    hasher = password_hasher(server)
    try:
        login = check_email(email)
    except AmparoError:
        login = ""
    account = store.accounts.by_email(login) if login else None
    if account is None:
        # The same work as for a real account, so that timing does not tell which logins exist.
        hasher.hash(password)
        store.audit.record("signin.refused", "server", "server")
        raise SignInRefused(Message("wrong e-mail address or password"))
    audit = server.store(account.id).audit
    try:
        hasher.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        audit.record("signin.refused", "user", account.id)
        raise SignInRefused(Message("wrong e-mail address or password")) from None
    if account.disabled:
        audit.record("signin.disabled", "user", account.id)
        raise SignInRefused(Message("account {id} is disabled; ask an administrator to enable it",
                                    id=account.id))
    if account.role in TOTP_REQUIRED or account.totp_secret is not None:
        _check_code(server, account, totp, clock)
    return Actor(account.id, account.role)


def _check_code(server: Server, account: Account, code: str | None, clock: Clock) -> None:
    import pyotp

    audit = server.store(account.id).audit
    if account.totp_secret is None:
        audit.record("signin.refused", "user", account.id)
        raise SignInRefused(Message("account {id} needs a second factor but has none enrolled; ask an "
                                    "administrator to add the account again",
                                    id=account.id))
    if not code:
        raise SignInRefused(Message("this account signs in with a second factor: give the 6-digit code "
                                    "from the authenticator app (--totp CODE)"))
    code = code.strip().replace(" ", "")
    totp = pyotp.TOTP(open_seed(server, account))
    now = int(clock().timestamp())
    step = now // STEP_SECONDS
    matched = next((s for s in (step, step - 1, step + 1)
                    if hmac.compare_digest(totp.at(s * STEP_SECONDS), code)), None)
    if matched is None:
        audit.record("signin.refused", "user", account.id)
        raise SignInRefused(Message("wrong second-factor code; check the authenticator app's clock and try "
                                    "the new code"))
    if not server.store(account.id).accounts.use_totp_step(account.id, matched):
        audit.record("signin.replayed", "user", account.id)
        raise SignInRefused(Message("this second-factor code was used already; wait for the next one"))


def open_session(server: Server, actor: Actor, *, hours: float = SESSION_HOURS,
                 clock: Clock = system_clock) -> str:
    """A new session token for ``actor`` (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    store = server.store(actor.id)
    store.accounts.open_session(token, actor.id, clock() + timedelta(hours=hours), now=clock())
    return token


def resume(server: Server, token: str, *, clock: Clock = system_clock) -> Actor:
    """The actor of an open session; SignInRefused (audited) once it ended, expired, or its
    account was disabled."""
    store = server.store("server")
    found = store.accounts.session(token) if token else None
    if found is None:
        store.audit.record("session.refused", "server", "server")
        raise SignInRefused(Message("not signed in (unknown session); sign in again"))
    account = store.accounts.get(found.user_id)
    audit = server.store(account.id).audit
    if account.disabled:
        audit.record("session.refused", "user", account.id)
        raise SignInRefused(Message("account {id} is disabled; ask an administrator to enable it",
                                    id=account.id))
    if found.revoked:
        audit.record("session.refused", "user", account.id)
        raise SignInRefused(Message("this session was ended; sign in again"))
    if clock() >= found.expires_at:
        audit.record("session.expired", "user", account.id)
        raise SignInRefused(Message("this session has expired; sign in again"))
    return Actor(account.id, account.role)


def sign_out(server: Server, token: str) -> None:
    """End a session now, in every process."""
    server.store("server").accounts.revoke_session(token)

