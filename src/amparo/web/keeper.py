"""Who holds the vault key in a running server, and for how long.

The key lives only in this process's memory, inside one open Workspace. It is dropped
when someone locks (the button, the shortcut, or ``amparo vault lock`` touching
``<vault>/.lock-request``), after ``idle_minutes`` without a request, and when the server
stops. Dropping it ends every browser session: after a lock, nothing in the server can
read the vault until someone types the passphrase again.

A first run has no vault yet: ``create`` makes one at the configured location with the
passphrase typed in the browser and opens it. ``open_demo`` opens a separate, throwaway
vault of fictional cases instead (in a temporary folder, under a random passphrase held
only in memory); locking ends the demo and deletes that folder.

Wrong passphrases are counted per browser session: after five in a row in one session,
each further try from it must wait, twice as long each time (1 s, 2 s, 4 s … up to 5
minutes). Five wrong tries in one tab never make the right passphrase typed in another
wait. A guesser who opens a new session for every try is held back by the key derivation
itself (each try costs one, and tries run one at a time) and, past ``GLOBAL_FREE_TRIES``
wrong tries since the last success (never a person's typing mistakes), by a wait shared
by everyone (up to ``GLOBAL_MAX_WAIT_SECONDS``). Waits are enforced by refusing early
tries, not by sleeping, so a guesser cannot tie up the server's threads.

Sessions: anonymous (locked) sessions are cheap to make, so at most ``MAX_SESSIONS`` are
kept and the oldest anonymous one goes first; an unlocked session is never pushed out by
new visitors (requests without a cookie cannot end it). Only an unlocked session may lock
the vault from the browser (``lock_by``): a page that never typed the passphrase cannot
end someone else's work.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from amparo.model.clock import monotonic
from amparo.web.config import WebSettings
from amparo.web.security import csrf_matches

if TYPE_CHECKING:
    from amparo.service import Workspace

LOCK_REQUEST = ".lock-request"  # the file `amparo vault lock` touches
FREE_TRIES = 5  # per browser session
MAX_WAIT_SECONDS = 300
GLOBAL_FREE_TRIES = 50  # wrong tries across all sessions since the last success
GLOBAL_MAX_WAIT_SECONDS = 60
MAX_SESSIONS = 200  # anonymous sessions are cheap to make; cap them so none can fill memory
MAX_UNLOCKED_SESSIONS = 20  # each needed the passphrase; the oldest goes past this many
MAX_DRAFTS = 20  # rendered drafts kept for download, per session


class Throttled(Exception):
    """Too many wrong passphrases in a row: try again after ``wait`` seconds."""

    def __init__(self, wait: float):
        super().__init__(f"wait {wait:.0f} s")
        self.wait = wait


class WrongPassphraseTry(Exception):
    """The passphrase did not open the vault."""


@dataclass
class BrowserSession:
    """One browser's session: a random id (the cookie), its CSRF token, whether it unlocked."""

    sid: str
    csrf: str
    unlocked: bool = False
    #: Wrong passphrases in a row typed in this session, and when it may try again.
    failures: int = 0
    next_try: float = 0.0
    #: Rendered drafts, kept in memory only so they can be downloaded (never on disk).
    drafts: OrderedDict[str, Any] = field(default_factory=OrderedDict)
    #: The triage wizard's answers so far (server memory only, gone when the session ends).
    wizard: dict[str, Any] = field(default_factory=dict)
    #: A refused form's errors and typed text, by the path that shows it once (``web.forms.keep``).
    kept_forms: dict[str, Any] = field(default_factory=dict)

    def keep_draft(self, key: str, draft: Any) -> None:
        """Remember a rendered draft for download (the oldest goes when there are too many)."""
        self.drafts[key] = draft
        while len(self.drafts) > MAX_DRAFTS:
            self.drafts.popitem(last=False)


def _token() -> str:
    return secrets.token_urlsafe(32)


class KeyKeeper:
    """The one open Workspace of a server, the browser sessions, and the unlock throttle."""

    #: Not a team server (``TeamKeeper`` is): one vault, unlocked in the browser.
    team = False

    def __init__(self, settings: WebSettings, *, clock: Callable[[], float] = monotonic,
                 open_workspace: Callable[[str], Workspace] | None = None,
                 create_workspace: Callable[[Path, str], Workspace] | None = None):
        self.settings = settings
        self.clock = clock
        self._open = open_workspace or self._open_vault
        self._create = create_workspace or self._create_vault
        self._demo_dir: Path | None = None
        self._lock = threading.RLock()
        self._workspace: Workspace | None = None
        self._sessions: OrderedDict[str, BrowserSession] = OrderedDict()
        self._failures = 0  # across all sessions, since the last success
        self._next_try = 0.0  # the shared wait, past GLOBAL_FREE_TRIES
        self._last_seen = clock()

    def _open_vault(self, passphrase: str) -> Workspace:
        from amparo.service import Workspace

        return Workspace.open(self.settings.vault, passphrase, actor="web")

    @staticmethod
    def _create_vault(path: Path, passphrase: str) -> Workspace:
        from amparo.service import Workspace

        return Workspace.create(path, passphrase, actor="web")

    # -- state ------------------------------------------------------------------------------

    @property
    def workspace(self) -> Workspace | None:
        """The open workspace, or None while locked."""
        return self._workspace

    @property
    def demo(self) -> bool:
        """Whether the open workspace is the throwaway demo vault."""
        return self._demo_dir is not None and self._workspace is not None

    def vault_exists(self) -> bool:
        """Whether the configured location holds a vault (else the first-run page is offered)."""
        from amparo.service import vault_exists

        return vault_exists(self.settings.vault)

    @property
    def failures(self) -> int:
        """Wrong passphrases across all sessions since the last success."""
        return self._failures

    def workspace_for(self, session: BrowserSession) -> Workspace | None:
        """The open workspace (the same for every session of the one vault), or None."""
        return self._workspace

    def lookup(self, sid: str | None) -> tuple[BrowserSession | None, str | None]:
        """The session of this cookie (``session``), and no reason: ending one has no cause to tell."""
        return self.session(sid), None

    def session(self, sid: str | None) -> BrowserSession | None:
        """The session with this cookie value, if the server knows it."""
        if not sid:
            return None
        with self._lock:
            return self._sessions.get(sid)

    def new_session(self) -> BrowserSession:
        """A fresh, locked session (made on first visit, so the unlock form has a CSRF token)."""
        with self._lock:
            s = BrowserSession(sid=_token(), csrf=_token())
            self._sessions[s.sid] = s
            self._evict(MAX_SESSIONS, unlocked=False)
            return s

    def _evict(self, keep: int, *, unlocked: bool) -> None:
        # Oldest first, of one kind only: new visitors push out other anonymous sessions,
        # never one that typed the passphrase.
        kind = [sid for sid, s in self._sessions.items() if s.unlocked == unlocked]
        for sid in kind[:max(0, len(kind) - keep)]:
            del self._sessions[sid]

    def touch(self) -> None:
        """Note activity: the idle timer starts again."""
        self._last_seen = self.clock()

    # -- unlock and lock ----------------------------------------------------------------------

    def wait_left(self, session: BrowserSession | None = None) -> float:
        """Seconds before ``session`` may try another passphrase (0 when it may now): its own
        wait, or the shared one once wrong tries pile up across sessions."""
        now = self.clock()
        own = session.next_try if session is not None else 0.0
        return max(0.0, own - now, self._next_try - now)

    def unlock(self, session: BrowserSession, passphrase: str) -> BrowserSession:
        """Check the passphrase; on success return a new unlocked session (a new id, so a
        session id planted before unlocking is worth nothing after)."""
        with self._lock:
            wait = self.wait_left(session)
            if wait > 0:
                raise Throttled(wait)
            ok = self._try(passphrase)
            if not ok:
                now = self.clock()
                session.failures += 1
                if session.failures >= FREE_TRIES:
                    session.next_try = now + min(2 ** (session.failures - FREE_TRIES), MAX_WAIT_SECONDS)
                self._failures += 1
                if self._failures >= GLOBAL_FREE_TRIES:
                    delay = min(2 ** (self._failures - GLOBAL_FREE_TRIES), GLOBAL_MAX_WAIT_SECONDS)
                    self._next_try = now + delay
                raise WrongPassphraseTry()
            self._failures = 0
            self._next_try = 0.0
            return self._fresh(session)

    def _fresh(self, session: BrowserSession) -> BrowserSession:
        # The unlocked session gets a new id (no fixation); the anonymous one it came from
        # stays, still locked, until evicted. Dropping it made a request still on its way
        # from the old page (the passphrase-strength check while typing) come back with a
        # new anonymous cookie that replaced the unlocked one: "session expired" at once.
        fresh = BrowserSession(sid=_token(), csrf=_token(), unlocked=True)
        self._sessions[fresh.sid] = fresh
        self._evict(MAX_UNLOCKED_SESSIONS, unlocked=True)
        self.touch()
        return fresh

    def create(self, session: BrowserSession, passphrase: str) -> BrowserSession:
        """Make the vault at the configured location (first run) and open it; a new unlocked
        session. ``VaultExists`` if one appeared there meanwhile (nothing is overwritten)."""
        from amparo.service import VaultExists

        with self._lock:
            if self.vault_exists():
                raise VaultExists(f"a vault already exists at {self.settings.vault}")
            self._drop()
            self._workspace = self._create(self.settings.vault, passphrase)
            return self._fresh(session)

    def open_demo(self, session: BrowserSession) -> BrowserSession:
        """Open a new throwaway vault of fictional cases; a new unlocked session.

        Any open workspace is locked first: one server holds one key at a time.
        """
        from amparo.service import populate_demo

        with self._lock:
            self._drop()
            folder = Path(tempfile.mkdtemp(prefix="amparo-demo-"))
            try:
                ws = self._create(folder / "vault", secrets.token_urlsafe(24))
                populate_demo(ws)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            self._workspace, self._demo_dir = ws, folder
            return self._fresh(session)

    def _drop(self) -> None:
        # Every session ends with the key it unlocked: none may reach the next workspace.
        ws, self._workspace = self._workspace, None
        if ws is not None:
            self._sessions.clear()
            ws.lock()
        if self._demo_dir is not None:
            shutil.rmtree(self._demo_dir, ignore_errors=True)
            self._demo_dir = None

    def _try(self, passphrase: str) -> bool:
        from amparo.service import WrongPassphrase

        if self.demo:
            # The real vault is asked for: the demo ends, but only once the passphrase has
            # opened it (a wrong guess from another browser never ends someone's demo).
            try:
                real = self._open(passphrase)
            except WrongPassphrase:
                return False
            self._drop()
            self._workspace = real
            return True
        if self._workspace is not None:
            return self._workspace.check_passphrase(passphrase)
        try:
            self._workspace = self._open(passphrase)
        except WrongPassphrase:
            return False
        return True

    def lock_by(self, session: BrowserSession, token: str | None) -> bool:
        """Lock on a browser's request: only an unlocked session, with its own CSRF token,
        may (a fresh session has a token too, but it never typed the passphrase).
        Returns whether the vault was locked."""
        with self._lock:
            if not session.unlocked or self._sessions.get(session.sid) is not session:
                return False
            if not csrf_matches(session.csrf, token):
                return False
            self.lock()
            return True

    def lock(self) -> None:
        """Drop the key and end every session. Idempotent."""
        with self._lock:
            self._drop()
            self._sessions.clear()

    def check(self) -> None:
        """Lock when ``amparo vault lock`` asked for it or the idle time ran out (each request,
        and every few seconds from a background task)."""
        request = self.settings.vault / LOCK_REQUEST
        try:
            asked = request.exists()
        except OSError:
            asked = False
        if asked:
            self.lock()
            request.unlink(missing_ok=True)
            return
        if self._workspace is not None and self.clock() - self._last_seen > self.settings.idle_minutes * 60:
            self.lock()
