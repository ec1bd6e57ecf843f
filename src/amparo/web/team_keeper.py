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

- What a signed-in session keeps between requests (rendered drafts waiting for download,
  the triage wizard's answers, a refused form's typed text) is in the database too
  (``SessionShelf``: sealed under a key only the cookie gives, drafts also under their
  case's key), so a draft made through one process downloads through another, and a
  download asks the case's access list again. It goes at sign-out, when the session is
  refused (expired, ended, account disabled), and at the purge every ``PURGE_EVERY``
  seconds. Before signing in, an anonymous session keeps its forms in this process only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections import OrderedDict
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from amparo.model.clock import monotonic
from amparo.model.errors import AmparoError, Message
from amparo.web.config import WebSettings
from amparo.web.keeper import BrowserSession
from amparo.web.security import csrf_matches

if TYPE_CHECKING:
    from amparo.service import Actor, KeptDraft, SessionShelf, TeamServer, Workspace

ANONYMOUS = "a."
#: Signed-in sessions this process keeps at hand (their items are in the database).
MAX_KEPT = 500
#: How often (seconds) a process deletes what ended sessions kept.
PURGE_EVERY = 300


@dataclass(repr=False, eq=False)
class TeamSession(BrowserSession):
    """A browser's session in server mode: anonymous, or signed in as ``actor``.

    Signed in, its ``drafts``, ``wizard`` and ``kept_forms`` read and write the database
    (``shelf``) at every use, so every process sees the same ones."""

    actor: Actor | None = None
    shelf: SessionShelf | None = None
    workspace: Workspace | None = None

    def __post_init__(self) -> None:
        if self.shelf is not None:
            self.__dict__["drafts"] = _KeptDrafts(self)
            self.__dict__["kept_forms"] = _KeptForms(self.shelf, self.sid)

    def __repr__(self) -> str:  # never the answers or the typed text
        return f"TeamSession(signed_in={self.actor is not None})"

    def __setattr__(self, name: str, value: Any) -> None:
        shelf = self.__dict__.get("shelf")
        if shelf is not None and name == "wizard":
            shelf.set_wizard(self.sid, dict(value))
        elif shelf is not None and name in ("drafts", "kept_forms"):
            return  # the database's views stay
        else:
            object.__setattr__(self, name, value)

    def __getattribute__(self, name: str) -> Any:
        if name == "wizard":
            shelf = object.__getattribute__(self, "__dict__").get("shelf")
            if shelf is not None:
                return shelf.wizard(object.__getattribute__(self, "sid"))
        return object.__getattribute__(self, name)

    def keep_draft(self, key: str, draft: Any) -> None:
        """Keep a rendered draft for download, in the database when signed in."""
        if self.shelf is None:
            super().keep_draft(key, draft)
        else:
            self.shelf.keep_draft(self.sid, draft)


class _KeptDrafts:
    """A signed-in session's kept drafts, as the routes read them (``get``)."""

    def __init__(self, session: TeamSession):
        self._session = session

    def get(self, draft_id: str, default: Any = None) -> KeptDraft | None:
        """The kept draft (AccessDenied when its case is no longer the reader's to read)."""
        session = self._session
        if session.shelf is None or session.workspace is None:
            return default
        found = session.shelf.draft(session.sid, session.workspace, draft_id)
        return default if found is None else found


class _KeptForms(MutableMapping[str, Any]):
    """A signed-in session's refused forms by path, as ``web.forms.keep`` uses them."""

    def __init__(self, shelf: SessionShelf, sid: str):
        self._shelf = shelf
        self._sid = sid

    def __getitem__(self, path: str) -> Any:
        found = self._shelf.form(self._sid, path)
        if found is None:
            raise KeyError(path)
        return found

    def __setitem__(self, path: str, value: Any) -> None:
        self._shelf.keep_form(self._sid, path, value)

    def __delitem__(self, path: str) -> None:
        self._shelf.drop_form(self._sid, path)

    def __iter__(self) -> Iterator[str]:
        return iter(self._shelf.forms(self._sid))

    def __len__(self) -> int:
        return len(self._shelf.forms(self._sid))


class TeamKeeper:
    """Signs people in and out of a server and finds their session at each request."""

    team = True
    demo = False

    def __init__(self, settings: WebSettings, server: TeamServer):
        self.settings = settings
        self.server = server
        self._csrf_key = server.derived_key("web csrf v1")
        from amparo.service import SessionShelf

        self.shelf = SessionShelf(server)
        self._kept: OrderedDict[str, TeamSession] = OrderedDict()
        self._lock = threading.Lock()
        self._purged_at = monotonic()

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
        """Between requests: every ``PURGE_EVERY`` seconds, delete what ended sessions kept
        (sessions themselves are checked in the database at each request)."""
        if monotonic() - self._purged_at < PURGE_EVERY:
            return
        self._purged_at = monotonic()
        from contextlib import suppress

        with suppress(Exception):  # the database away for a moment: the next round purges
            self.shelf.purge()

    # -- sessions ----------------------------------------------------------------------------

    def _csrf(self, sid: str) -> str:
        return hmac.new(self._csrf_key, sid.encode("ascii", "replace"), hashlib.sha256).hexdigest()

    def lookup(self, sid: str | None) -> tuple[TeamSession | None, str | None]:
        """The session of this cookie, and why it was refused when it was (a ``reason``)."""
        from amparo.service import SignInRefused, read_block

        if not sid or not sid.isascii() or len(sid) > 100:
            return None, None
        if sid.startswith(ANONYMOUS):
            return TeamSession(sid=sid, csrf=self._csrf(sid)), None
        try:
            with read_block():  # the session and its account on one connection
                actor = self.server.resume(sid)
        except SignInRefused as exc:
            self._forget(sid)
            self.shelf.forget(sid)  # ended, expired or disabled: what it kept goes now
            return None, exc.reason
        with self._lock:
            kept = self._kept.get(sid)
            if kept is None or kept.actor != actor:
                kept = self._signed_in(sid, actor)
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

    def _signed_in(self, sid: str, actor: Actor) -> TeamSession:
        return TeamSession(sid=sid, csrf=self._csrf(sid), unlocked=True, actor=actor, shelf=self.shelf,
                           workspace=self.server.workspace(actor))

    def _forget(self, sid: str) -> None:
        with self._lock:
            self._kept.pop(sid, None)

    def sign_in(self, email: str, password: str, totp: str | None) -> TeamSession:
        """A signed-in session (a new cookie: one planted before signing in is worth nothing).

        SignInRefused (audited by the service) for anything wrong."""
        token, actor = self.server.sign_in(email, password, totp)
        session = self._signed_in(token, actor)
        with self._lock:
            self._kept[token] = session
        return session

    def renewed(self, session: TeamSession, token: str) -> TeamSession:
        """The session that replaces ``session`` after its person changed their credentials
        (every session of theirs ended, ``token`` opened for this browser): what the old
        one kept goes with it."""
        self.shelf.forget(session.sid)
        self._forget(session.sid)
        assert session.actor is not None
        fresh = self._signed_in(token, session.actor)
        with self._lock:
            self._kept[token] = fresh
        return fresh

    def lock_by(self, session: BrowserSession, token: str | None) -> bool:
        """Sign out (the Lock button and shortcut): only a signed-in session with its own
        CSRF token may. Returns whether it was ended."""
        if not session.unlocked or not csrf_matches(session.csrf, token):
            return False
        self.server.sign_out(session.sid)
        self.shelf.forget(session.sid)
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
