"""The writer's profile (``ws.profile``): who signs the letters, asked once, kept in the vault.

Used in a draft's ``From:``, letterhead and signature, and its time zone dates the letter.
Changes are audited with the names of the fields changed, never their values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from amparo.model.profile import PROFILE_FIELDS, WriterProfile
from amparo.service.policy import PROFILE, Guard

if TYPE_CHECKING:
    from amparo.service.context import Context
    from amparo.store.repository import Store


def profile_fields() -> tuple[str, ...]:
    """The profile's fields, in the order the faces show them."""
    return PROFILE_FIELDS


class ProfileService:
    """Get and set the writer's profile."""

    def __init__(self, ctx: Context, store: Store):
        self.ctx = ctx
        self.store = store
        self.guard = Guard(ctx.actor, store)

    def get(self) -> WriterProfile:
        """The profile as stored (empty when never set)."""
        return self.store.profile.get()

    def set(self, **changes: str | None) -> WriterProfile:
        """Change the given fields (None leaves a field as it is, "" clears it).

        Raises ``InvalidInput`` naming the field (an email that is not one, an unknown
        time zone or language) and changes nothing then. On a server, only an administrator
        or a coordinator may change it (``AccessDenied``, audited).
        """
        self.guard.require(PROFILE)
        given = {k: v for k, v in changes.items() if v is not None}
        if given.get("language"):
            from amparo.language.i18n import check_language

            check_language(given["language"])
        current = self.get()
        updated = current.updated(**given)
        changed = tuple(k for k in PROFILE_FIELDS if getattr(updated, k) != getattr(current, k))
        if not changed:
            return current
        return self.store.profile.put(updated, changed=changed, now=self.ctx.now())

    def to_json(self) -> dict[str, Any]:
        """The profile as the faces show it (``--json``)."""
        profile = self.get()
        return {name: getattr(profile, name) for name in PROFILE_FIELDS}
