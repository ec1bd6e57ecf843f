"""The Context every service is made with: knowledge, clock, locale, and who is acting.

Made once per workspace (or once per vault-less command) and passed explicitly, so that
no service rebuilds "the knowledge base with the vault's overrides, and today" by hand,
and no rule reads a clock of its own. ``Context.for_folder`` serves both cases: a vault
folder (its ``knowledge/`` overrides and ``calendar.yaml`` are laid over the package's),
or no folder at all (the package's knowledge base only), e.g. ``triage --facts``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from amparo.model.clock import Clock, system_clock

if TYPE_CHECKING:
    from amparo.knowledge import KnowledgeBase
    from amparo.tracking.calendar import Calendar

#: An organisation's own knowledge-base entries, inside the vault folder.
KNOWLEDGE_DIR = "knowledge"
#: The user's own session dates (treaty-body reviews …), inside the vault folder.
CALENDAR_FILE = "calendar.yaml"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: the id the audit log records (never a person in a case) and a role.

    In the embedded vault the actor is always the vault's owner; in server mode it is a
    user with a role, and the access policy decides from it.
    """

    id: str = "local"
    role: str = "owner"

    @classmethod
    def owner(cls, actor_id: str = "local") -> Actor:
        """The owner of an embedded vault: every case, every action."""
        return cls(actor_id, "owner")


@dataclass(frozen=True)
class Context:
    """Knowledge base with the folder's overlay, the clock, the locale and the actor."""

    folder: Path | None = None
    clock: Clock = system_clock
    locale: str = "en"
    actor: Actor = field(default_factory=Actor.owner)

    @classmethod
    def for_folder(cls, folder: Path | None, *, clock: Clock = system_clock, locale: str = "en",
                   actor: Actor | None = None) -> Context:
        """The context of a vault folder, or of no folder (package knowledge only).

        A folder without a ``knowledge/`` subfolder or a ``calendar.yaml`` simply adds
        nothing; the folder need not be a vault (``triage --facts --vault DIR`` reads an
        organisation's overrides without unlocking anything).
        """
        return cls(Path(folder) if folder is not None else None, clock, locale, actor or Actor.owner())

    def now(self) -> datetime:
        """The current time (UTC) from the context's clock."""
        return self.clock()

    def today(self) -> date:
        """Today's date (UTC) from the context's clock."""
        return self.clock().date()

    @cached_property
    def kb(self) -> KnowledgeBase:
        """The package knowledge base with the folder's own entries laid over it."""
        from amparo import knowledge

        overrides = self.folder / KNOWLEDGE_DIR if self.folder is not None else None
        return knowledge.load(overrides if overrides is not None and overrides.is_dir() else None)

    @cached_property
    def calendar(self) -> Calendar:
        """The package calendar with the folder's own sessions (``calendar.yaml``) laid over it."""
        from amparo.tracking.calendar import load_calendar

        user = self.folder / CALENDAR_FILE if self.folder is not None else None
        return load_calendar(user if user is not None and user.is_file() else None)

    @cached_property
    def avenue_names(self) -> dict[str, str]:
        """Short names of the avenues, for deadline titles and calendars."""
        return {a.id: a.short_name for a in self.kb.avenues}

    @cached_property
    def follow_up_windows(self) -> dict[str, int | None]:
        """Days before a follow-up is due, per avenue (knowledge base over the rules file)."""
        from amparo.tracking.rules import follow_up_windows

        return follow_up_windows(knowledge={a.id: a.follow_up_days for a in self.kb.avenues})
