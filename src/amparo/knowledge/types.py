"""The knowledge base's value types: avenues, the actions they can take, and sources.

The data lives in YAML files beside this module (one per family of mechanisms); the
loader validates them into these types. Every avenue and every action carries sources
and the date it was last reviewed; a fact that ../shared/domain/ marks unconfirmed is
``verified=False`` and every face shows that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from amparo.model.consent import Circle, widest


@dataclass(frozen=True, slots=True)
class Source:
    """A URL or a UN document symbol, with an optional note on what it supports."""

    ref: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Channel:
    """One way to reach an avenue: an email address, an online form, the post…

    ``address`` is None when the sources do not give one; ``note`` then says so, and
    drafting must not invent an address.
    """

    kind: str  # email | online-form | post | via-secretariat | in-person | other
    address: str | None = None
    note: str | None = None
    verified: bool = True
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True)
class AvenueAction:
    """Something an avenue can do about a case, and whom it would tell."""

    id: str  # e.g. "urgent-appeal", "letter-to-state", "press-release"
    name: str
    description: str
    #: The circle reached when the action is taken.
    disclosure: Circle
    #: A wider circle reached later (e.g. a communication published in the
    #: communications report), with the usual delay in days when known.
    later: Circle | None = None
    later_after_days: int | None = None
    later_note: str | None = None
    urgent: bool = False
    #: The action can describe people without naming them (an anonymised form).
    anonymous_form: bool = False
    sources: tuple[Source, ...] = ()
    verified: bool = True

    @property
    def widest(self) -> Circle:
        """The circle the consent gate must check: the widest one ever reached."""
        return widest([self.disclosure, self.later] if self.later else [self.disclosure])


@dataclass(frozen=True, slots=True)
class Avenue:
    """A body or channel a defender can notify of a reprisal."""

    id: str  # "hrc:president", "sp:human-rights-defenders", "tb:CAT", "sg:report", "rg:iachr"
    family: str  # hrc | sp | tb | sg | rg | org (an organisation's own entry)
    name: str
    short_name: str
    summary: str  # what it is and what it can do, in plain words
    triggers: tuple[str, ...]  # when it fits, in plain words
    actions: tuple[AvenueAction, ...]
    channels: tuple[Channel, ...]
    languages: tuple[str, ...]  # ISO 639-1 codes it works in
    sources: tuple[Source, ...]
    reviewed: date
    verified: bool = True
    #: Countries covered (ISO alpha-2): a country mandate's country, a regional
    #: system's members. Empty means every country.
    countries: tuple[str, ...] = ()
    #: Engagement bodies whose reprisals this avenue is the first to notify (e.g.
    #: hrc:president for "hrc" and "upr"; a mandate for its own "sp:" slug).
    first_for: tuple[str, ...] = ()
    #: Who may submit, when restricted (e.g. WGAD: the person, family or representative).
    submitters: str | None = None
    #: Usual days before a follow-up is due when nothing came back.
    follow_up_days: int | None = None
    notes: tuple[str, ...] = ()
    #: Where the entry came from: "package" or the workspace override file.
    origin: str = "package"
    extra: dict[str, object] = field(default_factory=dict)

    def action(self, action_id: str) -> AvenueAction:
        """The action with id ``action_id`` (KeyError if this avenue cannot take it)."""
        for a in self.actions:
            if a.id == action_id:
                return a
        raise KeyError(action_id)

    def covers(self, country: str) -> bool:
        """Whether the avenue can act on a case in ``country``."""
        return not self.countries or country in self.countries
