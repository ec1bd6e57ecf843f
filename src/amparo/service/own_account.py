"""A signed-in person's own credentials on a server: a new password, a new second factor.

Each change asks for what signing in asks (the current password, and a code from the
current second factor when there is one), so that a browser left signed in, or a stolen
cookie with a password seen over a shoulder, is not enough to take the account over. A
wrong password or current code counts towards the same pause as a wrong sign-in. Each
change ends every session of the person, in a browser or an API token, the one that made
it included, in the same commit, and opens a new session for the browser that made it:
a stolen cookie dies with the old credentials.

A new second factor replaces the old one only once a code from it has been typed, so
that nobody is locked out by an authenticator that did not take the key; until then the
new key is the caller's to keep (the web keeps it sealed in the session's items).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from amparo.model.clock import Clock, system_clock
from amparo.model.errors import Message
from amparo.service.people import ISSUER, check_password, password_hasher, seal_seed
from amparo.service.sign_in import (
    SignInRefused,
    _count_failure,
    check_code_counted,
    matched_step,
    open_session,
    refuse_if_paused,
)

if TYPE_CHECKING:
    from amparo.service.context import Actor
    from amparo.store.accounts import Account
    from amparo.store.server import Server


@dataclass(frozen=True, slots=True)
class NewFactor:
    """A second factor not yet in use: its key (base32) and the ``otpauth://`` URI an
    authenticator app reads."""

    seed: str
    uri: str

    def __repr__(self) -> str:  # never the key
        return "NewFactor(…)"

    @property
    def grouped(self) -> str:
        """The key in groups of four, to type by hand."""
        return " ".join(self.seed[i:i + 4] for i in range(0, len(self.seed), 4))


def _proved(server: Server, actor: Actor, password: str, clock: Clock) -> Account:
    """The actor's account once ``password`` is theirs; SignInRefused (audited, counted) if not."""
    from argon2.exceptions import InvalidHashError, VerificationError

    store = server.store(actor.id)
    account = store.accounts.get(actor.id)
    refuse_if_paused(server, account, clock)
    try:
        password_hasher(server).verify(account.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        store.audit.record("account.refused", "user", account.id)
        _count_failure(server, account, clock)
        raise SignInRefused(Message("the current password is wrong")) from None
    return account


def has_second_factor(server: Server, actor: Actor) -> bool:
    """Whether the actor's account signs in with a second factor."""
    return server.store(actor.id).accounts.get(actor.id).totp_secret is not None


def change_password(server: Server, actor: Actor, current: str, new: str, *,
                    clock: Clock = system_clock) -> str:
    """Give the actor's account the password ``new``: every session of theirs ends; returns
    the token of a new one for the caller.

    SignInRefused for a wrong ``current`` (reason ``credentials``) or a paused account;
    InvalidInput (path ``password``) for a new password too short."""
    _change_password(server, actor, current, new, clock)
    return open_session(server, actor, clock=clock)


def _change_password(server: Server, actor: Actor, current: str, new: str, clock: Clock) -> int:
    check_password(new)
    account = _proved(server, actor, current, clock)
    store = server.store(actor.id)
    store.accounts.clear_failures(account.id)
    return store.accounts.change_password(account.id, password_hasher(server).hash(new))


def change_password_from_the_command_line(url: str, org_passphrase: str, email: str, current: str,
                                          totp: str | None, new: str, *, clock: Clock = system_clock) -> int:
    """``amparo user password``: sign in as ``email`` (password, and code where the account
    has a second factor), then change the password; returns how many sessions ended (every
    one of the person's, API tokens included). Refusals as signing in and ``change_password``."""
    from amparo.service.sign_in import authenticate
    from amparo.store.server import Server

    server = Server.open(url, org_passphrase, clock=clock)
    try:
        actor = authenticate(server, email, current, totp, clock=clock)
        return _change_password(server, actor, current, new, clock)
    finally:
        server.lock()


def new_second_factor(server: Server, actor: Actor, current: str, code: str | None = None, *,
                      clock: Clock = system_clock) -> NewFactor:
    """A new key for the actor's authenticator, not in use until ``confirm_second_factor``.

    Asks the current password and, when the account has a second factor, a code from it
    (reasons ``code-needed``, ``code-wrong``, ``code-replayed``; a lost phone is an
    administrator's to replace: they disable the account and add it again)."""
    import pyotp

    account = _proved(server, actor, current, clock)
    if account.totp_secret is not None:
        check_code_counted(server, account, code, clock)
    server.store(actor.id).accounts.clear_failures(account.id)
    seed = pyotp.random_base32()
    return NewFactor(seed, pyotp.TOTP(seed).provisioning_uri(name=account.email, issuer_name=ISSUER))


def confirm_second_factor(server: Server, actor: Actor, seed: str, code: str, *,
                          clock: Clock = system_clock) -> str:
    """Put the new key in use once ``code`` comes from it: every session of the actor ends;
    returns the token of a new one for the caller.

    SignInRefused otherwise (reason ``code-wrong``; ``paused`` while sign-in is paused),
    and the old second factor stays as it was. A wrong code here is not counted towards
    the pause: the new key is not a secret from whoever holds this session."""
    store = server.store(actor.id)
    account = store.accounts.get(actor.id)
    refuse_if_paused(server, account, clock)
    matched = matched_step(seed, code, clock)
    if matched is None:
        store.audit.record("account.refused", "user", account.id)
        raise SignInRefused(Message("this code does not come from the new key; check that the authenticator "
                                    "app took it, then type its newest code"), "code-wrong")
    store.accounts.change_second_factor(account.id, seal_seed(server, account.email, seed), matched)
    return open_session(server, actor, clock=clock)
