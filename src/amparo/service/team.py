"""Server mode for the faces: make a server, upgrade it, open a workspace as a signed-in user.

The faces never reach the store: ``amparo server init`` calls ``init_server``, every
command run with ``--db`` calls ``open_team_workspace`` (organisation key, then the user's
password and second factor), and the web app will call the same functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from amparo.model.clock import Clock, system_clock
from amparo.model.errors import Message
from amparo.store.read_block import read_block as read_block  # re-exported: a web request's reads

if TYPE_CHECKING:
    from amparo.service.context import Actor
    from amparo.service.own_account import NewFactor
    from amparo.service.people import NewAccount
    from amparo.service.workspace import Workspace
    from amparo.store.keys import KdfParams
    from amparo.store.server import Server

#: The environment variable naming the server database, as ``--db`` does.
DB_ENV = "AMPARO_DB"
#: The environment variable naming the organisation key file, as ``--org-key-file`` does.
ORG_KEY_FILE_ENV = "AMPARO_ORG_KEY_FILE"
#: The environment variable naming the acting user, as ``--user`` does.
USER_ENV = "AMPARO_USER"


def init_server(url: str, org_passphrase: str, admin_email: str, admin_password: str, *,
                kdf: KdfParams | None = None, memory_mib: int | None = None,
                clock: Clock = system_clock) -> NewAccount:
    """Create the schema, the organisation key and the first administrator (with a TOTP seed).

    The administrator's login and password are checked before anything is written. The
    result carries the TOTP provisioning URI, to be shown once. ``memory_mib`` sets the
    Argon2id memory (organisation key and passwords) instead of the default 256 MiB.
    """
    from amparo.model.errors import InvalidInput, Problem
    from amparo.service.people import check_email, check_password, first_administrator
    from amparo.store.keys import KdfParams
    from amparo.store.server import Server

    check_email(admin_email)
    check_password(admin_password)
    if memory_mib is not None:
        try:
            kdf = KdfParams(memory_kib=memory_mib * 1024, time_cost=3 if memory_mib >= 64 else 1,
                            parallelism=2 if memory_mib >= 64 else 1)
        except ValueError:
            raise InvalidInput(Problem("--argon2-memory-mib", Message("must be at least 1"))) from None
    with Server.create(url, org_passphrase, kdf=kdf, clock=clock) as server:
        return first_administrator(server, admin_email, admin_password)


def shown_url(url: str) -> str:
    """The database URL as it may be printed: its password hidden."""
    from amparo.store.server import shown

    return shown(url)


def upgrade_server(url: str, org_passphrase: str) -> str:
    """Bring the server's schema up to this version of Amparo; returns the revision."""
    from amparo.store.server import Server

    return Server.upgrade(url, org_passphrase)


def open_token_workspace(url: str, org_passphrase: str, token: str, *, clock: Clock = system_clock) -> Workspace:
    """Unlock the server and act as the user of an API token (a session made by ``issue_token``).

    Refused like a session: unknown, revoked, expired, or its account disabled.
    """
    from amparo.service.sign_in import resume
    from amparo.service.workspace import Workspace
    from amparo.store.server import Server

    server = Server.open(url, org_passphrase, clock=clock)
    try:
        return Workspace(server, actor=resume(server, token, clock=clock), clock=clock)
    except BaseException:
        server.lock()
        raise


def issue_token(ws: Workspace, *, hours: float = 24 * 30) -> str:
    """A bearer token for scripts, acting as the workspace's user until it expires or is revoked.

    It is a session like a web login's (only its hash is stored; disabling the account
    ends it), so it needs the same care as a password.
    """
    from amparo.model.errors import AmparoError
    from amparo.service.sign_in import open_session

    if not ws.server_mode:
        raise AmparoError(Message("API tokens are for servers; the embedded vault's web app makes its "
                                  "own (serve --api-token-file)"))
    return open_session(ws.vault, ws.ctx.actor, hours=hours, clock=ws.ctx.clock)  # type: ignore[arg-type]


def open_team_workspace(url: str, org_passphrase: str, email: str, password: str, totp: str | None = None,
                        *, clock: Clock = system_clock) -> Workspace:
    """Unlock the server and sign ``email`` in; the workspace acts as that user.

    Refusals name what is wrong (unreachable URL, older schema, wrong organisation key,
    wrong password or code, disabled account), change nothing, and are audited where the
    database answers. ``ws.lock()`` wipes the organisation key again.
    """
    from amparo.service.sign_in import authenticate
    from amparo.service.workspace import Workspace
    from amparo.store.server import Server

    server = Server.open(url, org_passphrase, clock=clock)
    try:
        actor = authenticate(server, email, password, totp, clock=clock)
        return Workspace(server, actor=actor, clock=clock)
    except BaseException:
        server.lock()
        raise


class TeamServer:
    """An unlocked server as a long-running face holds it (the web app in server mode).

    The organisation key is unlocked once, at start (``TeamServer.open``), and held only in
    this process's memory; everything else (sessions, the sign-in throttle, who may see
    what) is read from the database at each request, so several processes serve one
    organisation and agree at once. ``workspace(actor)`` gives the actor's workspace on the
    shared server (kept per actor: building one is not free).
    """

    def __init__(self, server: object, *, clock: Clock = system_clock):
        import threading

        self._server = server
        self._clock = clock
        self._workspaces: dict[tuple[str, str], Workspace] = {}
        self._guard = threading.Lock()

    @classmethod
    def open(cls, url: str, org_passphrase: str, *, clock: Clock = system_clock) -> TeamServer:
        """Unlock the server at ``url``; refused (and audited where reachable) as ``Server.open``."""
        from amparo.store.server import Server

        return cls(Server.open(url, org_passphrase, clock=clock), clock=clock)

    @property
    def server(self) -> Server:
        """The unlocked server (the service's own handle)."""
        return self._server  # type: ignore[return-value]

    def sign_in(self, email: str, password: str, totp: str | None = None) -> tuple[str, Actor]:
        """Check the login, password and code (``sign_in.authenticate``); a new session's token."""
        from amparo.service.sign_in import authenticate, open_session

        actor = authenticate(self.server, email, password, totp, clock=self._clock)
        return open_session(self.server, actor, clock=self._clock), actor

    def resume(self, token: str) -> Actor:
        """The actor of an open session; SignInRefused (with its ``reason``) otherwise."""
        from amparo.service.sign_in import resume

        return resume(self.server, token, clock=self._clock)

    def sign_out(self, token: str) -> None:
        """End the session in every process."""
        from amparo.service.sign_in import sign_out

        sign_out(self.server, token)

    def change_password(self, actor: Actor, current: str, new: str) -> str:
        """The actor's own new password (``own_account.change_password``): every session of
        theirs ends; the token of a new one for the caller."""
        from amparo.service.own_account import change_password

        return change_password(self.server, actor, current, new, clock=self._clock)

    def has_second_factor(self, actor: Actor) -> bool:
        """Whether the actor signs in with a second factor."""
        from amparo.service.own_account import has_second_factor

        return has_second_factor(self.server, actor)

    def new_second_factor(self, actor: Actor, current: str, code: str | None = None) -> NewFactor:
        """A new authenticator key for the actor (after the password and a current code), not
        in use until confirmed with a code from it."""
        from amparo.service.own_account import new_second_factor

        return new_second_factor(self.server, actor, current, code, clock=self._clock)

    def confirm_second_factor(self, actor: Actor, seed: str, code: str) -> str:
        """Put the new key in use once a code from it is typed: every session of the actor
        ends; the token of a new one for the caller."""
        from amparo.service.own_account import confirm_second_factor

        return confirm_second_factor(self.server, actor, seed, code, clock=self._clock)

    def workspace(self, actor: Actor) -> Workspace:
        """The workspace acting as ``actor`` (the same one for every request of that actor)."""
        from amparo.service.workspace import Workspace

        key = (actor.id, actor.role)
        with self._guard:
            ws = self._workspaces.get(key)
            if ws is None:
                ws = self._workspaces[key] = Workspace.for_server(self.server, actor, clock=self._clock)
            return ws

    def derived_key(self, purpose: str) -> bytes:
        """A 32-byte key for ``purpose`` derived from the organisation key (e.g. the web's
        CSRF tokens, so that every process computes the same token for a session)."""
        import hashlib
        import hmac

        secret = bytes(self.server.keys.secrets.buffer)
        return hmac.new(secret, b"amparo " + purpose.encode("ascii"), hashlib.sha256).digest()

    def lock(self) -> None:
        """Wipe the organisation key and close the database connections."""
        with self._guard:
            for ws in self._workspaces.values():
                ws.lock()
            self._workspaces.clear()
        self.server.lock()
