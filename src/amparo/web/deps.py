"""Typed dependencies, so that routes read like sentences: ``def case_page(visit: Unlocked, case_id: str)``.

- ``Visitor``: any request (the unlock page): its session and language.
- ``Unlocked``: a request from an unlocked session (else ``NeedsUnlock``: the unlock page
  for a browser, 401 for htmx and the API).
- ``UnlockedForm``: the same for a state-changing form, with the CSRF token checked and
  the form read (a stale token also means "unlock again").
- ``ApiUser`` / ``ApiWrite``: the API's reads and writes: an unlocked session (writes
  need the ``X-CSRF-Token`` header) or the server's bearer token.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from fastapi import Depends, Request
from starlette.datastructures import FormData

from amparo.web.i18n import UiLanguage
from amparo.web.keeper import BrowserSession, KeyKeeper
from amparo.web.security import CSRF_FIELD, CSRF_HEADER, csrf_matches
from amparo.web.team_keeper import TeamKeeper

if TYPE_CHECKING:
    from amparo.service import Labels, Workspace


class NeedsUnlock(Exception):
    """No unlocked session (locked vault, expired session, stale CSRF token)."""

    def __init__(self, back: str = "/", *, expired: bool = False):
        super().__init__("locked")
        self.back = back
        self.expired = expired


def safe_back(value: Any) -> str:
    """A local path to return to after unlocking (never another site, never a query)."""
    text = str(value or "/")
    if not text.startswith("/") or text.startswith("//") or "\\" in text:
        return "/"
    return text.split("?")[0].split("#")[0]


@dataclass
class Visit:
    """One request as the routes see it."""

    request: Request
    keeper: KeyKeeper | TeamKeeper
    session: BrowserSession
    lang: UiLanguage
    form: FormData | None = None
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def ws(self) -> Workspace:
        """The open workspace (the dependency made sure there is one)."""
        ws = self.keeper.workspace_for(self.session)
        if ws is None:
            raise NeedsUnlock(self.request.url.path)
        return ws

    @property
    def labels(self) -> Labels:
        """Names of avenues, actions and vocabulary values in the page's language."""
        from amparo.service import labels_for

        return labels_for(self.ws.ctx, self.lang.code)

    def _(self, message: str) -> str:
        """Translate a UI message."""
        return self.lang.gettext(message)

    def say(self, what: Any, *, path: bool = True) -> str:
        """A service error, problem or message in the page's language (``path=False``: a
        problem without its field path, for text shown beside the field)."""
        from amparo.service import say

        return say(getattr(what, "text", what) if not path else what, self.lang.code)

    def field(self, name: str, default: str = "") -> str:
        """A form field as stripped text."""
        if self.form is None:
            return default
        value = self.form.get(name)
        return value.strip() if isinstance(value, str) else default

    def fields(self, name: str) -> list[str]:
        """Every value of a repeated form field (checkboxes)."""
        if self.form is None:
            return []
        return [v.strip() for v in self.form.getlist(name) if isinstance(v, str) and v.strip()]


def _visit(request: Request) -> Visit:
    keeper: KeyKeeper = request.app.state.keeper
    session: BrowserSession = request.state.amparo_session
    return Visit(request, keeper, session, UiLanguage(request.state.amparo_lang))


def visitor(request: Request) -> Visit:
    """Any request."""
    return _visit(request)


def _back(request: Request, form: FormData | None = None) -> str:
    if request.method == "GET":
        return safe_back(request.url.path)
    return safe_back(form.get("here") if form is not None else "/")


def unlocked(request: Request) -> Visit:
    """A request from an unlocked session."""
    visit = _visit(request)
    if not visit.session.unlocked or visit.keeper.workspace_for(visit.session) is None:
        raise NeedsUnlock(_back(request), expired=bool(request.cookies.get("amparo_session")))
    visit.keeper.touch()
    return visit


async def unlocked_form(request: Request) -> Visit:
    """A state-changing form from an unlocked session with a valid CSRF token."""
    form = await request.form(max_files=0, max_fields=2000)
    visit = _visit(request)
    given = request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD)
    if (not visit.session.unlocked or visit.keeper.workspace_for(visit.session) is None
            or not csrf_matches(visit.session.csrf, given if isinstance(given, str) else None)):
        raise NeedsUnlock(_back(request, form), expired=True)
    visit.keeper.touch()
    visit.form = form
    return visit


def _bearer_ok(request: Request) -> bool:
    token = request.app.state.settings.api_token
    auth = request.headers.get("authorization", "")
    return bool(token) and auth.startswith("Bearer ") and csrf_matches(token, auth[7:].strip())


def _team_bearer(visit: Visit) -> bool:
    """Server mode: an API token (``amparo user token``) is a session; the request acts as its user.

    No cookie is involved, so no CSRF token is needed; the token is checked like a signed-in
    browser's (ended, expired, account disabled: refused)."""
    auth = visit.request.headers.get("authorization", "")
    if not visit.keeper.team or not auth.startswith("Bearer "):
        return False
    found = visit.keeper.session(auth[7:].strip())
    if found is None or not found.unlocked:
        return False
    visit.session = found
    return True


def api_user(request: Request) -> Visit:
    """An API read: an unlocked session, or the bearer token while the vault is unlocked."""
    visit = _visit(request)
    if _team_bearer(visit):
        return visit
    if visit.keeper.workspace_for(visit.session) is None or not (visit.session.unlocked or _bearer_ok(request)):
        raise NeedsUnlock(request.url.path)
    visit.keeper.touch()
    return visit


def api_write(request: Request) -> Visit:
    """An API write: the bearer token, or an unlocked session with the X-CSRF-Token header."""
    visit = _visit(request)
    if _team_bearer(visit):
        return visit
    if visit.keeper.workspace_for(visit.session) is None:
        raise NeedsUnlock(request.url.path)
    if not _bearer_ok(request) and not (
            visit.session.unlocked and csrf_matches(visit.session.csrf, request.headers.get(CSRF_HEADER))):
        raise NeedsUnlock(request.url.path, expired=True)
    visit.keeper.touch()
    return visit


Route = TypeVar("Route", bound=Callable[..., Any])


def reads_together(route: Route) -> Route:
    """A page that mostly reads: its reads share one database connection on a server
    (``amparo.service.read_block``) instead of a transaction each. Writes it makes (an
    audited refusal) still commit on their own."""

    @functools.wraps(route)
    def page(*args: Any, **kwargs: Any) -> Any:
        from amparo.service import read_block

        with read_block():
            return route(*args, **kwargs)

    return page  # type: ignore[return-value]


Visitor = Annotated[Visit, Depends(visitor)]
Unlocked = Annotated[Visit, Depends(unlocked)]
UnlockedForm = Annotated[Visit, Depends(unlocked_form)]
ApiUser = Annotated[Visit, Depends(api_user)]
ApiWrite = Annotated[Visit, Depends(api_write)]
