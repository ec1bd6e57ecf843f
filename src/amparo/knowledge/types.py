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
    drafting must not invent an address. ``address`` is the ``To`` of a message sent
    through this channel and ``cc`` the addresses to copy (OHCHR asks that
    reprisals@ohchr.org be copied on every reprisals submission). ``purpose`` says in
    plain words what the channel is for ("urgent appeals", "individual complaints").
    """

    kind: str  # email | online-form | post | via-secretariat | in-person | other
    address: str | None = None
    note: str | None = None
    verified: bool = True
    sources: tuple[Source, ...] = ()
    cc: tuple[str, ...] = ()
    purpose: str | None = None
    #: The address is only copied on submissions (reprisals@ohchr.org), never written to.
    copy: bool = False
    #: The actions this channel serves (e.g. petitions only for individual complaints);
    #: empty means every action of the avenue.
    actions: tuple[str, ...] = ()
    #: Written to before the other email channels that serve the same action (a
    #: mandate's own address before the shared urgent-action desk).
    preferred: bool = False

    def serves(self, action_id: str) -> bool:
        """Whether a letter for ``action_id`` may be sent through this channel."""
        return not self.actions or action_id in self.actions


@dataclass(frozen=True, slots=True)
class Milestone:
    """A dated step in an avenue's life: created, last renewed, ended, not started.

    ``date`` is an ISO date, possibly partial ("2024-04-04", "2025-10", "2011");
    ``by`` the resolution or decision (a UN symbol), when known; ``until`` the date the
    mandate runs to, when the resolution says; ``verified`` False when the sources do not
    confirm this step (the note says what to check).
    """

    date: str | None = None
    by: str | None = None
    until: str | None = None
    note: str | None = None
    verified: bool = True

    @property
    def year(self) -> int | None:
        """The year of ``date`` (None when undated)."""
        return int(self.date[:4]) if self.date else None

    def to_json(self) -> dict[str, object]:
        """A JSON-ready mapping."""
        return {"date": self.date, "by": self.by, "until": self.until, "note": self.note,
                "verified": self.verified}


#: What an action discloses about people: "people" (it identifies whom the case is
#: about, subject to consent) or "nobody" (general information about a pattern).
IDENTIFIES_VALUES: tuple[str, ...] = ("people", "nobody")


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
    #: When this action's facts were last checked against its sources (None: the
    #: avenue's own ``reviewed`` date applies).
    reviewed: date | None = None
    #: The id of the action of the same avenue that this one is a protective variant of
    #: (e.g. a communication with the identity withheld from the public report).
    variant_of: str | None = None
    #: One plain sentence: what the variant protects.
    protects: str | None = None
    #: What the request cannot guarantee (the body decides; the State already knows…).
    limits: str | None = None
    #: "people" (default): the action identifies the people it is about, and consent
    #: decides; "nobody": general information about a pattern that identifies no one.
    identifies: str = "people"
    #: The avenue's confidential first notification (every avenue's first action).
    first_notification: bool = False

    @property
    def identifies_nobody(self) -> bool:
        """True for general information about a pattern, which names and describes no one."""
        return self.identifies == "nobody"

    @property
    def circles(self) -> tuple[Circle, ...]:
        """Every circle the action reaches, now and later: what the consent gate checks."""
        return (self.disclosure, self.later) if self.later else (self.disclosure,)

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
    #: Where the ``countries`` list comes from (a membership list is its own fact).
    countries_sources: tuple[Source, ...] = ()
    #: Names of this entry's fields whose values are not confirmed by its sources
    #: (e.g. "languages", "countries"), while the entry as a whole may be.
    unverified: tuple[str, ...] = ()
    #: Lifecycle (docs/knowledge-base.md, "Lifecycle"): when the body was created, last
    #: renewed, ended; a mandate created on paper that never started (``not_started``);
    #: the avenues that took over from it; the usual term of a renewal, in years.
    established: Milestone | None = None
    renewed: Milestone | None = None
    ended: Milestone | None = None
    not_started: Milestone | None = None
    succeeded_by: tuple[str, ...] = ()
    term_years: int | None = None
    #: The only avenues on the ground that can offer physical protection (peace
    #: operations with a protection mandate): the plan's "no physical protection" note
    #: is not shown for them.
    offers_physical_protection: bool = False
    #: The treaty whose States parties the body serves (a key of ratifications.yaml,
    #: e.g. "CAT", "OP-CAT", "ICCPR"); None for bodies that need no ratification.
    treaty: str | None = None

    @property
    def active(self) -> bool:
        """Whether the avenue can be offered: not ended, and not a post never started."""
        return self.ended is None and self.not_started is None

    @property
    def status(self) -> str:
        """"active", "ended" or "not-started"."""
        if self.ended is not None:
            return "ended"
        if self.not_started is not None:
            return "not-started"
        return "active"

    @property
    def first_notification(self) -> AvenueAction | None:
        """The avenue's confidential first notification, when it has one."""
        for a in self.actions:
            if a.first_notification:
                return a
        return None

    def variants(self, action_id: str) -> tuple[AvenueAction, ...]:
        """The protective variants of action ``action_id``."""
        return tuple(a for a in self.actions if a.variant_of == action_id)

    def action(self, action_id: str) -> AvenueAction:
        """The action with id ``action_id`` (KeyError if this avenue cannot take it)."""
        for a in self.actions:
            if a.id == action_id:
                return a
        raise KeyError(action_id)

    def covers(self, country: str) -> bool:
        """Whether the avenue can act on a case in ``country``."""
        return not self.countries or country in self.countries


@dataclass(frozen=True, slots=True)
class PrecedentResponse:
    """One thing an avenue did in a public case: which avenue, which action, when."""

    avenue: str  # an Avenue id, e.g. "tb:CAT"
    action: str  # an AvenueAction id of that avenue, e.g. "confidential-letter"
    #: ISO date, possibly partial ("2016-08-12", "2016-08", "2017"); None when unknown.
    date: str | None
    note: str
    verified: bool = True
    sources: tuple[Source, ...] = ()

    def to_json(self) -> dict[str, object]:
        """A JSON-ready mapping."""
        return {
            "avenue": self.avenue, "action": self.action, "date": self.date,
            "note": self.note, "verified": self.verified,
            "sources": [_source_json(s) for s in self.sources],
        }


@dataclass(frozen=True, slots=True)
class Precedent:
    """A public case story: what happened to someone and what the UN (or a region) did.

    Triage shows the precedents most like a case, so the user sees what bodies did
    before in a similar situation. Public names may appear in ``known_as``: these
    stories are public; ``summary`` is in Amparo's own words.
    """

    id: str
    title: str
    known_as: str | None
    country: str  # ISO alpha-2
    year: int
    #: UN regional group of the country: african | asia-pacific | eastern-european |
    #: latin-american-caribbean | western-european-others
    region: str
    bodies: tuple[str, ...]  # engagement body slugs ("sp:extreme-poverty", "upr"...)
    engagement_kinds: tuple[str, ...]
    reprisal_types: tuple[str, ...]
    responses: tuple[PrecedentResponse, ...]
    summary: str
    sources: tuple[Source, ...]
    reviewed: date
    verified: bool = True
    notes: tuple[str, ...] = ()
    origin: str = "package"

    def avenues(self) -> tuple[str, ...]:
        """The avenues that acted, in the order they first appear."""
        return tuple(dict.fromkeys(r.avenue for r in self.responses))

    def to_json(self) -> dict[str, object]:
        """A JSON-ready mapping (dates as ISO strings)."""
        return {
            "id": self.id, "title": self.title, "known_as": self.known_as,
            "country": self.country, "year": self.year, "region": self.region,
            "bodies": list(self.bodies), "engagement_kinds": list(self.engagement_kinds),
            "reprisal_types": list(self.reprisal_types),
            "responses": [r.to_json() for r in self.responses],
            "summary": self.summary,
            "sources": [_source_json(s) for s in self.sources],
            "reviewed": self.reviewed.isoformat(), "verified": self.verified,
            "notes": list(self.notes), "origin": self.origin,
        }


def _source_json(source: Source) -> dict[str, str | None]:
    return {"ref": source.ref, "note": source.note}
