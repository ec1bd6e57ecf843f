"""The web app's sessions in server mode: people sign in, and the database remembers them.

Stands where ``KeyKeeper`` stands for the embedded vault, with the same methods the
middleware, dependencies and pages call. The difference is where the state lives:

- The organisation key was unlocked when the process started (``TeamServer.open``) and
  stays in memory until it stops; nobody unlocks anything in the browser.
- A signed-in browser's cookie is its session token; the database keeps only its hash
  (``sessions``) and is asked at every request (``TeamServer.resume``), so a session
  opened in one process works in all of them, and signing out, an expired session or a
  disabled account is refused by all of them at the next request.
- The CSRF token of a session is an HMAC of its cookie under a key the organisation key
  derives: every process computes the same one without storing it.
- Before signing in, a browser has an anonymous cookie (``a.`` and random): it only
  carries the sign-in form's CSRF token, and costs no database row.
- The sign-in throttle is the service's, in the database (``signin_throttle``).

What stays in one process's memory: rendered drafts kept for download and the triage
wizard's answers (``BrowserSession.drafts``/``wizard``). With several processes behind a
proxy, downloading a draft needs the request to reach the process that rendered it
(sticky sessions), or rendering it again.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from amparo.model.errors import AmparoError, Message
from amparo.web.config import WebSettings
from amparo.web.keeper import BrowserSession
from amparo.web.security import csrf_matches

if TYPE_CHECKING:
    from amparo.service import Actor, TeamServer, Workspace

ANONYMOUS = "a."
#: Sessions whose in-memory extras (drafts, wizard) this process keeps.
MAX_KEPT = 500


@dataclass
class TeamSession(BrowserSession):
    """A browser's session in server mode: anonymous, or signed in as ``actor``."""

    actor: Actor | None = None


class TeamKeeper:
    """Signs people in and out of a server and finds their session at each request."""

    team = True
    demo = False

    def __init__(self, settings: WebSettings, server: TeamServer):
        self.settings = settings
        self.server = server
        self._csrf_key = server.derived_key("web csrf v1")
        self._kept: OrderedDict[str, TeamSession] = OrderedDict()
        self._lock = threading.Lock()

    # -- what the pages ask ------------------------------------------------------------------

    @property
    def workspace(self) -> None:
        """No workspace is shared by all sessions in server mode (see ``workspace_for``)."""
        return None

    def workspace_for(self, session: BrowserSession) -> Workspace | None:
        """The workspace of the session's user, or None before signing in."""
        actor = getattr(session, "actor", None)
        return None if actor is None else self.server.workspace(actor)

    def vault_exists(self) -> bool:
        """A server always has its database (``amparo server init`` made it)."""
        return True

    def wait_left(self, session: BrowserSession | None = None) -> float:
        """No wait per browser: the throttle is per account, in the database."""
        return 0.0

    def touch(self) -> None:
        """Nothing to note: sessions end at their expiry, not after idle time in a process."""

    def check(self) -> None:
        """Nothing to do between requests: every check reads the database."""

    # -- sessions ----------------------------------------------------------------------------

    def _csrf(self, sid: str) -> str:
        return hmac.new(self._csrf_key, sid.encode("ascii", "replace"), hashlib.sha256).hexdigest()

    def lookup(self, sid: str | None) -> tuple[TeamSession | None, str | None]:
        """The session of this cookie, and why it was refused when it was (a ``reason``)."""
        from amparo.service import SignInRefused

        if not sid or not sid.isascii() or len(sid) > 100:
            return None, None
        if sid.startswith(ANONYMOUS):
            return TeamSession(sid=sid, csrf=self._csrf(sid)), None
        try:
            actor = self.server.resume(sid)
        except SignInRefused as exc:
            self._forget(sid)
            return None, exc.reason
        with self._lock:
            kept = self._kept.get(sid)
            if kept is None or kept.actor != actor:
                kept = TeamSession(sid=sid, csrf=self._csrf(sid), unlocked=True, actor=actor)
                self._kept[sid] = kept
            self._kept.move_to_end(sid)
            while len(self._kept) > MAX_KEPT:
                self._kept.popitem(last=False)
        return kept, None

    def session(self, sid: str | None) -> TeamSession | None:
        """The session of this cookie, or None (unknown, ended, expired, account disabled)."""
        return self.lookup(sid)[0]

    def new_session(self) -> TeamSession:
        """An anonymous session: it carries the sign-in form's CSRF token and nothing else."""
        sid = ANONYMOUS + secrets.token_urlsafe(24)
        return TeamSession(sid=sid, csrf=self._csrf(sid))

    def _forget(self, sid: str) -> None:
        with self._lock:
            self._kept.pop(sid, None)

    def sign_in(self, email: str, password: str, totp: str | None) -> TeamSession:
        """A signed-in session (a new cookie: one planted before signing in is worth nothing).

        SignInRefused (audited by the service) for anything wrong."""
        token, actor = self.server.sign_in(email, password, totp)
        session = TeamSession(sid=token, csrf=self._csrf(token), unlocked=True, actor=actor)
        with self._lock:
            self._kept[token] = session
        return session

    def lock_by(self, session: BrowserSession, token: str | None) -> bool:
        """Sign out (the Lock button and shortcut): only a signed-in session with its own
        CSRF token may. Returns whether it was ended."""
        if not session.unlocked or not csrf_matches(session.csrf, token):
            return False
        self.server.sign_out(session.sid)
        self._forget(session.sid)
        return True

    # -- what an embedded vault does and a server does not -----------------------------------

    def unlock(self, session: BrowserSession, passphrase: str) -> BrowserSession:
        """Refused: a server's key was unlocked at start; people sign in instead."""
        raise AmparoError(Message("this is a server: sign in with your e-mail address and password"))

    def create(self, session: BrowserSession, passphrase: str) -> BrowserSession:
        """Refused: a server is made with ``amparo server init``."""
        raise AmparoError(Message("this is a server: it was made with amparo server init"))

    def open_demo(self, session: BrowserSession) -> BrowserSession:
        """Refused: the demo is the embedded app's (``amparo serve`` without ``--db``)."""
        raise AmparoError(Message("the demo runs only without a server: amparo serve without --db"))

    def lock(self) -> None:
        """Process stop: wipe the organisation key. Idempotent."""
        from contextlib import suppress

        with suppress(Exception):
            self.server.lock()
