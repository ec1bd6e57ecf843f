"""Signing in to a server: password, second factor, sessions that expire and can be revoked.

Every check reads the database, so it holds in every application process at once: a
session opened by one works in the others; a disabled account or a revoked session is
refused by all of them at the next request. Each refusal says what to do, names nobody,
and is audited (``signin.refused``, ``session.refused``: ids only).

TOTP (RFC 6238, pyotp's seeds): 30-second steps, the step before and after accepted for a
clock off by a little; each code is accepted once (``users.totp_last_step``, one
conditional UPDATE), so a code seen over a shoulder cannot be replayed.

Throttle: ``PAUSE_AFTER`` wrong passwords or codes in a row for one account pause its
sign-in for ``PAUSE_MINUTES`` (``signin_throttle``, in the database, so every process
refuses it); a right sign-in, or an administrator enabling the account, clears the count.
Each refusal carries a ``reason`` (one of ``REASONS``) so that a face can say it in the
user's language.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import weakref
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from amparo.model.clock import Clock, monotonic, system_clock
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
#: Wrong tries in a row before an account's sign-in pauses, and for how long.
PAUSE_AFTER = 5
PAUSE_MINUTES = 15
#: Why a sign-in or a session was refused (``SignInRefused.reason``).
REASONS = ("credentials", "disabled", "no-factor", "code-needed", "code-wrong", "code-replayed",
           "paused", "unknown-session", "ended", "expired")


class SignInRefused(AmparoError):
    """Wrong login, password or code; disabled account; ended or expired session.

    ``reason`` is one of ``REASONS``; ``until`` is when a paused sign-in may try again.
    """

    exit_code = 2

    def __init__(self, message: Message | str, reason: str = "credentials", *, until: datetime | None = None):
        super().__init__(message)
        self.reason = reason
        self.until = until


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
    refuse_if_paused(server, account, clock)
    try:
        hasher.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        audit.record("signin.refused", "user", account.id)
        _count_failure(server, account, clock)
        raise SignInRefused(Message("wrong e-mail address or password")) from None
    if account.disabled:
        audit.record("signin.disabled", "user", account.id)
        raise SignInRefused(Message("account {id} is disabled; ask an administrator to enable it",
                                    id=account.id), "disabled")
    if account.role in TOTP_REQUIRED or account.totp_secret is not None:
        check_code_counted(server, account, totp, clock)
    store.accounts.clear_failures(account.id)
    return Actor(account.id, account.role)


def refuse_if_paused(server: Server, account: Account, clock: Clock) -> None:
    """SignInRefused (reason ``paused``, audited) while wrong tries keep the account paused."""
    paused = server.store(account.id).accounts.paused_until(account.id)
    if paused is not None and clock() < paused:
        server.store(account.id).audit.record("signin.paused", "user", account.id)
        raise SignInRefused(Message("too many wrong tries for this account: sign-in is paused until {time} "
                                    "UTC; wait, or ask an administrator to enable the account again",
                                    time=f"{paused:%H:%M}"), "paused", until=paused)


def matched_step(seed: str, code: str | None, clock: Clock) -> int | None:
    """The time step (this one, the one before or after) whose TOTP code ``code`` is, or None."""
    import pyotp

    typed = (code or "").strip().replace(" ", "")
    totp = pyotp.TOTP(seed)
    step = int(clock().timestamp()) // STEP_SECONDS
    return next((s for s in (step, step - 1, step + 1)
                 if hmac.compare_digest(totp.at(s * STEP_SECONDS), typed)), None)


def check_code_counted(server: Server, account: Account, code: str | None, clock: Clock) -> None:
    """``_check_code``, with a wrong or replayed code counted towards the account's pause."""
    try:
        _check_code(server, account, code, clock)
    except SignInRefused as exc:
        if exc.reason in ("code-wrong", "code-replayed"):
            _count_failure(server, account, clock)
        raise


def _count_failure(server: Server, account: Account, clock: Clock) -> None:
    server.store(account.id).accounts.note_failure(
        account.id, pause_after=PAUSE_AFTER, pause_until=clock() + timedelta(minutes=PAUSE_MINUTES))


def _check_code(server: Server, account: Account, code: str | None, clock: Clock) -> None:
    audit = server.store(account.id).audit
    if account.totp_secret is None:
        audit.record("signin.refused", "user", account.id)
        raise SignInRefused(Message("account {id} needs a second factor but has none enrolled; ask an "
                                    "administrator to add the account again", id=account.id), "no-factor")
    if not code:
        raise SignInRefused(Message("this account signs in with a second factor: give the 6-digit code "
                                    "from the authenticator app (--totp CODE)"), "code-needed")
    matched = matched_step(open_seed(server, account), code, clock)
    if matched is None:
        audit.record("signin.refused", "user", account.id)
        raise SignInRefused(Message("wrong second-factor code; check the authenticator app's clock and try "
                                    "the new code"), "code-wrong")
    if not server.store(account.id).accounts.use_totp_step(account.id, matched):
        audit.record("signin.replayed", "user", account.id)
        raise SignInRefused(Message("this second-factor code was used already; wait for the next one"),
                            "code-replayed")


def open_session(server: Server, actor: Actor, *, hours: float = SESSION_HOURS,
                 clock: Clock = system_clock) -> str:
    """A new session token for ``actor`` (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    store = server.store(actor.id)
    store.accounts.open_session(token, actor.id, clock() + timedelta(hours=hours), now=clock())
    return token


#: A refused session is audited at most once in this many seconds per process, verb and
#: account (the unknown ones all together): a cookie sent again and again, made up or
#: stolen, must not add an entry (and take the audit head's lock) with every request.
AUDIT_REFUSALS_EVERY = 60.0
_refusals_noted: weakref.WeakKeyDictionary[Server, dict[tuple[str, str], float]] = weakref.WeakKeyDictionary()
_refusals_lock = threading.Lock()


def _audit_refusal(server: Server, verb: str, object_type: str, object_id: str) -> None:
    now = monotonic()
    with _refusals_lock:
        last = _refusals_noted.setdefault(server, {}).get((verb, object_id))
    if last is not None and now - last < AUDIT_REFUSALS_EVERY:
        return
    # Noted once written: a write that failed leaves the next refusal to be audited.
    server.store(object_id if object_type == "user" else "server").audit.record(verb, object_type, object_id)
    with _refusals_lock:
        noted = _refusals_noted.setdefault(server, {})
        if len(noted) > 10_000:  # bounded: old marks go, and their next refusal is audited again
            noted.clear()
        noted[(verb, object_id)] = now


def resume(server: Server, token: str, *, clock: Clock = system_clock) -> Actor:
    """The actor of an open session; SignInRefused (audited, once a minute for the same
    account or for unknown cookies) once it ended, expired, or its account was disabled."""
    store = server.store("server")
    found = store.accounts.session(token) if token else None
    if found is None:
        _audit_refusal(server, "session.refused", "server", "server")
        raise SignInRefused(Message("not signed in (unknown session); sign in again"), "unknown-session")
    account = store.accounts.get(found.user_id)
    if account.disabled:
        _audit_refusal(server, "session.refused", "user", account.id)
        raise SignInRefused(Message("account {id} is disabled; ask an administrator to enable it",
                                    id=account.id), "disabled")
    if found.revoked:
        _audit_refusal(server, "session.refused", "user", account.id)
        raise SignInRefused(Message("this session was ended; sign in again"), "ended")
    if clock() >= found.expires_at:
        _audit_refusal(server, "session.expired", "user", account.id)
        raise SignInRefused(Message("this session has expired; sign in again"), "expired")
    return Actor(account.id, account.role)


def sign_out(server: Server, token: str) -> None:
    """End a session now, in every process."""
    server.store("server").accounts.revoke_session(token)

