"""The team of a server (``ws.people``): accounts, roles, and who may see which case.

Passwords are hashed with Argon2id (argon2-cffi's PasswordHasher, at the cost the server
was made with); a TOTP seed (pyotp) is drawn for every account of a role that needs a
second factor, and for others who ask, stored encrypted under a key the organisation key
derives, and shown once as a provisioning URI. Every change is audited by ids; only an
administrator manages accounts, and assigning or sharing a case follows ``policy.RULES``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from amparo.model.errors import AmparoError, InvalidInput, Message, NotFound, Problem
from amparo.service.policy import ASSIGNED, ROLES, SHARE, SHARED, TOTP_REQUIRED, USERS, Guard

if TYPE_CHECKING:
    from argon2 import PasswordHasher

    from amparo.service.context import Context
    from amparo.store.accounts import Account
    from amparo.store.repository import Store
    from amparo.store.server import Server

MIN_PASSWORD = 12
ISSUER = "Amparo"
_TOTP_AAD = b"amparo totp seed v1 "


@dataclass(frozen=True, slots=True)
class NewAccount:
    """A new account and, when it has a second factor, its provisioning URI (shown once)."""

    id: str
    email: str
    role: str
    totp_uri: str | None


@dataclass(frozen=True, slots=True)
class AccountView:
    """One line of the accounts list (no hash, no seed)."""

    id: str
    email: str
    role: str
    second_factor: bool
    disabled: bool


def password_hasher(server: Server) -> PasswordHasher:
    """Argon2id at the cost the server's organisation key was made with."""
    from argon2 import PasswordHasher

    kdf = server.kdf
    return PasswordHasher(time_cost=kdf.time_cost, memory_cost=kdf.memory_kib, parallelism=kdf.parallelism)


def check_email(email: str) -> str:
    """The login, trimmed and lower-cased; InvalidInput when it is not an address."""
    value = (email or "").strip().lower()
    local, at, domain = value.partition("@")
    if not at or not local or "." not in domain or any(c.isspace() for c in value) or len(value) > 254:
        raise InvalidInput(Problem("email", Message("must be an e-mail address such as lawyer@example.org")))
    return value


def check_role(role: str) -> str:
    """A role of ``policy.ROLES``; InvalidInput naming them otherwise."""
    if role not in ROLES:
        raise InvalidInput(Problem("--role", Message("{role!r} is not one of {choices}",
                                                     role=role, choices=', '.join(ROLES))))
    return role


def check_password(password: str) -> None:
    """Refuse a password shorter than MIN_PASSWORD characters."""
    if len(password or "") < MIN_PASSWORD:
        raise InvalidInput(Problem("password", Message("must be at least {MIN_PASSWORD} characters",
                                                       MIN_PASSWORD=MIN_PASSWORD)))


def seal_seed(server: Server, email: str, seed: str) -> bytes:
    """The TOTP seed encrypted (AES-256-GCM) under the organisation's secrets key."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(12)
    return nonce + AESGCM(server.keys.secrets.buffer).encrypt(nonce, seed.encode("ascii"),
                                                              _TOTP_AAD + email.encode("utf-8"))


def open_seed(server: Server, account: Account) -> str:
    """The account's TOTP seed, decrypted (only while a code is being checked)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    assert account.totp_secret is not None
    raw = account.totp_secret
    return AESGCM(server.keys.secrets.buffer).decrypt(
        raw[:12], raw[12:], _TOTP_AAD + account.email.encode("utf-8")).decode("ascii")


def enrol(server: Server, store: Store, email: str, role: str, password: str, *,
          second_factor: bool | None = None) -> NewAccount:
    """Make an account (no policy check: ``PeopleService.add`` and ``server init`` decide).

    ``second_factor`` defaults to what the role requires; a role in TOTP_REQUIRED always
    gets one.
    """
    import pyotp

    email = check_email(email)
    check_role(role)
    check_password(password)
    wants_totp = role in TOTP_REQUIRED or bool(second_factor)
    seed = pyotp.random_base32() if wants_totp else None
    hashed = password_hasher(server).hash(password)
    user_id = store.accounts.add_user(email, role, hashed, seal_seed(server, email, seed) if seed else None)
    uri = pyotp.TOTP(seed).provisioning_uri(name=email, issuer_name=ISSUER) if seed else None
    return NewAccount(user_id, email, role, uri)


def first_administrator(server: Server, email: str, password: str) -> NewAccount:
    """The first account of a new server: an administrator with a second factor."""
    store = server.store("server")
    if store.accounts.all():
        raise AmparoError(Message("this server has accounts already; an administrator adds the others"))
    return enrol(server, store, email, "administrator", password)


class PeopleService:
    """Accounts and access lists of a server (``ws.people``)."""

    def __init__(self, ctx: Context, store: Store, server: Server | None):
        self.ctx = ctx
        self.store = store
        self._server = server
        self.guard = Guard(ctx.actor, store)

    def _need_server(self) -> Server:
        if self._server is None:
            raise AmparoError(Message("an embedded vault has one person, its owner: accounts and sharing "
                                      "exist only in server mode (amparo server init)"))
        return self._server

    def add(self, email: str, role: str, password: str, *, second_factor: bool | None = None) -> NewAccount:
        """Add an account (administrators only); its TOTP URI is in the result, once."""
        server = self._need_server()
        self.guard.require(USERS)
        return enrol(server, self.store, email, role, password, second_factor=second_factor)

    def list(self) -> list[AccountView]:
        """Every account (administrators only)."""
        self._need_server()
        self.guard.require(USERS)
        return [AccountView(a.id, a.email, a.role, a.totp_secret is not None, a.disabled)
                for a in self.store.accounts.all()]

    def disable(self, email: str) -> str:
        """Disable an account at once: its sessions stop working at their next request."""
        self._need_server()
        self.guard.require(USERS)
        account = self._account(email)
        if account.id == self.ctx.actor.id:
            raise InvalidInput(Problem("email",
                Message("you cannot disable your own account; ask another administrator")))
        self.store.accounts.set_disabled(account.id, True, now=self.ctx.now())
        return account.id

    def enable(self, email: str) -> str:
        """Enable a disabled account again."""
        self._need_server()
        self.guard.require(USERS)
        account = self._account(email)
        self.store.accounts.set_disabled(account.id, False, now=self.ctx.now())
        return account.id

    def assign(self, case_id: str, email: str) -> str:
        """Make ``email`` responsible for the case (audited ``case.assign``)."""
        return self._grant(case_id, email, ASSIGNED)

    def share(self, case_id: str, email: str) -> str:
        """Give ``email`` access to the case (audited ``case.share``)."""
        return self._grant(case_id, email, SHARED)

    def unshare(self, case_id: str, email: str) -> str:
        """Take ``email``'s access to the case away (audited ``case.unshare``)."""
        self._need_server()
        self.guard.case(SHARE, case_id)
        account = self._account(email)
        if not self.store.accounts.revoke(case_id, account.id, now=self.ctx.now()):
            raise InvalidInput(Problem("email", Message("{id} had no access to case {case_id}",
                                                        id=account.id, case_id=case_id)))
        return account.id

    def may_change_access(self, case_id: str) -> bool:
        """Whether the actor may assign, share and unshare the case (asked, not audited:
        for a face deciding whether to offer it). Always False for an embedded vault."""
        from amparo.service.policy import allows as policy_allows

        return self._server is not None and policy_allows(self.store, self.ctx.actor, SHARE, case_id)

    def access(self, case_id: str) -> list[tuple[str, str, str]]:
        """(user id, login, assigned|shared) of everyone with access to the case."""
        self._need_server()
        self.guard.case(SHARE, case_id)
        return [(uid, self.store.accounts.get(uid).email, kind) for uid, kind in self.store.accounts.people_of(case_id)]

    def _grant(self, case_id: str, email: str, kind: str) -> str:
        self._need_server()
        self.guard.case(SHARE, case_id)
        account = self._account(email)
        if account.disabled:
            raise InvalidInput(Problem("email", Message("account {id} is disabled; enable it first",
                                                        id=account.id)))
        self.store.accounts.grant(case_id, account.id, kind, now=self.ctx.now())
        return account.id

    def _account(self, email: str) -> Account:
        found = self.store.accounts.by_email(check_email(email))
        if found is None:
            raise NotFound(Message("no account with this e-mail address; an administrator adds it with "
                                   "amparo user add"))
        return found
