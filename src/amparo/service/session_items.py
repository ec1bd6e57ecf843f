"""What a signed-in browser keeps between requests on a server, for every process at once.

The web app in server mode keeps a session's rendered drafts (until downloaded), the
triage wizard's answers, a refused form's typed text and a new second-factor key waiting
for its first code here, in the database
(``store.transient``, sealed under a key only the session's cookie gives), so that a draft
made through one application process downloads through another. Everything goes with the
session: at sign-out, when it expires or its account is disabled, and at each ``purge``.

A kept draft is read back only while the reader may still read its case: the access list
is asked at download time (``AccessDenied``, audited, when the case was unshared since).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from amparo.store.transient import DRAFT, FACTOR, FORM, WIZARD, SessionItems, draft_bytes, draft_value

if TYPE_CHECKING:
    from amparo.service.drafts import Draft
    from amparo.service.team import TeamServer
    from amparo.service.workspace import Workspace

#: Rendered drafts kept per session (the oldest goes first), as the embedded app keeps.
MAX_DRAFTS = 20
#: Refused forms kept per session (``web.forms.keep`` pops the oldest past its own limit).
MAX_FORMS = 50


@dataclass(frozen=True, slots=True)
class KeptDraft:
    """A rendered draft read back for its page or its download."""

    draft_id: str
    data: bytes
    filename: str
    info: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """What the draft's page shows of it (as ``Draft.to_json``: no content)."""
        return dict(self.info)


class SessionShelf:
    """The transient items of every session of one unlocked server."""

    def __init__(self, team: TeamServer):
        server = team.server
        self._items = SessionItems(server.engine, server.fields)
        self._clock = team._clock  # the same clock that dates the sessions

    # -- drafts ------------------------------------------------------------------------------

    def keep_draft(self, token: str, draft: Draft) -> bool:
        """Keep a rendered, recorded draft for download (False when the session has ended)."""
        value = draft_value(draft.data, draft.filename, draft.to_json())
        return self._items.put_draft(token, draft.draft_id or "", value, now=self._clock(), limit=MAX_DRAFTS)

    def draft(self, token: str, ws: Workspace, draft_id: str) -> KeptDraft | None:
        """The kept draft, or None (never kept, forgotten, session ended). AccessDenied
        (audited) when the reader may no longer read its case."""
        item = self._items.get(token, DRAFT, draft_id, now=self._clock())
        if item is None:
            return None
        ws.drafts.list(item.case_id or "")  # the access list, now: refuses an unshared reader
        value = item.value
        return KeptDraft(draft_id, draft_bytes(value), value["filename"], dict(value["info"]))

    # -- wizard answers, refused forms ---------------------------------------------------------

    def wizard(self, token: str) -> dict[str, Any]:
        """The wizard's answers so far ({} when none)."""
        item = self._items.get(token, WIZARD, "", now=self._clock())
        return dict(item.value) if item else {}

    def set_wizard(self, token: str, value: dict[str, Any]) -> None:
        """Keep the wizard's answers (an empty value forgets them)."""
        if value:
            self._items.put(token, WIZARD, "", value, now=self._clock())
        else:
            self._items.delete(token, WIZARD)

    def pending_factor(self, token: str) -> dict[str, Any] | None:
        """The new second-factor key the session waits to confirm (its seed, link and
        grouped key), or None."""
        item = self._items.get(token, FACTOR, "", now=self._clock())
        return dict(item.value) if item else None

    def set_pending_factor(self, token: str, value: dict[str, Any] | None) -> None:
        """Keep the new key until a code from it is typed (None forgets it)."""
        if value:
            self._items.put(token, FACTOR, "", value, now=self._clock())
        else:
            self._items.delete(token, FACTOR)

    def form(self, token: str, path: str) -> dict[str, Any] | None:
        """A refused form kept for ``path``, or None."""
        item = self._items.get(token, FORM, path, now=self._clock())
        return dict(item.value) if item else None

    def keep_form(self, token: str, path: str, value: dict[str, Any]) -> None:
        """Keep a refused form's errors and typed text for ``path``."""
        self._items.put(token, FORM, path, value, now=self._clock(), limit=MAX_FORMS)

    def drop_form(self, token: str, path: str) -> None:
        """Forget the form kept for ``path``."""
        self._items.delete(token, FORM, path)

    def forms(self, token: str) -> list[str]:
        """The paths with a kept form, oldest first."""
        return self._items.keys(token, FORM)

    # -- the session's end ---------------------------------------------------------------------

    def forget(self, token: str) -> None:
        """Forget everything the session kept (sign-out; a session refused as ended)."""
        self._items.forget(token)

    def purge(self) -> int:
        """Delete what ended sessions kept (expired, signed out, account disabled); how many."""
        return self._items.purge(now=self._clock())

    def count(self) -> int:
        """How many items all sessions keep together."""
        return self._items.count()

