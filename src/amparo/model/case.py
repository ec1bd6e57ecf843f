"""The domain types of a reprisal case.

Values, not records: frozen dataclasses that the pure layers (triage, drafting, tracking,
reporting) take and return. The store gives them ids and history; the model does not
know about disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from amparo.model.consent import Consent


@dataclass(frozen=True, slots=True)
class ConsentRecord:
    """When and how a person gave (or withdrew) the consent now in force."""

    given_on: date | None = None
    method: str | None = None  # one of vocabularies.CONSENT_METHODS
    recorded_by: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """Someone the case is about, or who would be exposed by it (family, colleagues)."""

    ref: str
    name: str
    role: str
    gender: str = "undisclosed"
    organisation: str | None = None
    location: str = "unknown"
    consent: Consent = field(default_factory=Consent.none)
    relation_to: str | None = None
    #: How drafts describe the person where consent withholds the name, e.g.
    #: "a woman lawyer from the capital". Generated from role and gender when empty.
    description: str | None = None
    consent_record: ConsentRecord | None = None
    #: Groups that change which bodies fit (vocabularies.PERSON_GROUPS): a child, indigenous…
    groups: tuple[str, ...] = ()
    #: Words that identify the person besides the name (a nickname, her village, "the
    #: lawyer's wife"): treated like the name wherever the name is withheld or hidden.
    identifying_terms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Engagement:
    """One act of cooperation with the UN (or a regional body)."""

    body: str
    kind: str
    date: date
    people: tuple[str, ...]
    #: The session or review, e.g. "HRC 34th session", "CAT 58th session", "UPR 13th".
    session: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Reprisal:
    """One act of intimidation or reprisal."""

    type: str
    date: date
    people: tuple[str, ...]
    perpetrator: str = "unknown"
    description: str | None = None
    place: str | None = None
    #: Why it is linked to the cooperation: timing, words used, questions asked.
    link: str | None = None
    #: Where the act happened when not in the case's country (transnational repression:
    #: an attack in the country of exile); ISO 3166-1 alpha-2.
    country: str | None = None
    #: The kind of law the charges, detention or restriction rely on (vocabularies.LAWS).
    law: str | None = None


@dataclass(frozen=True, slots=True)
class UNReference:
    """A UN document or communication that already raised the case (the SG call asks)."""

    symbol: str
    date: date | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Writer:
    """Who writes to the UN on the case, and how to reach them safely."""

    name: str | None = None
    capacity: str | None = None
    contact: str | None = None


@dataclass(frozen=True, slots=True)
class Case:
    """A reprisal case: the people, their cooperation, the acts against them."""

    title: str
    country: str
    people: tuple[Person, ...]
    engagements: tuple[Engagement, ...] = ()
    reprisals: tuple[Reprisal, ...] = ()
    notes: str | None = None
    already_public: bool = False
    un_references: tuple[UNReference, ...] = ()
    steps_taken: tuple[str, ...] = ()
    writer: Writer | None = None
    #: Demo and training cases say so in every view and document.
    fictional: bool = False
    id: str | None = None

    def person(self, ref: str) -> Person:
        """The person with reference ``ref`` (KeyError if absent)."""
        for p in self.people:
            if p.ref == ref:
                return p
        raise KeyError(ref)

    @property
    def consents(self) -> dict[str, Consent]:
        """Each person's consent by reference: what the gate needs."""
        return {p.ref: p.consent for p in self.people}

    @property
    def bodies(self) -> tuple[str, ...]:
        """The bodies engaged with, in the order of first engagement."""
        seen: dict[str, None] = {}
        for e in sorted(self.engagements, key=lambda e: e.date):
            seen.setdefault(e.body, None)
        return tuple(seen)

    @property
    def reprisal_types(self) -> tuple[str, ...]:
        """The forms of reprisal suffered, without repetition."""
        return tuple(dict.fromkeys(r.type for r in self.reprisals))

    @property
    def targeted(self) -> tuple[str, ...]:
        """The people (refs) the reprisals concern, in case order; everyone when none is recorded.

        A step about the case must be able to say what happened to at least one of them.
        """
        hit = {ref for r in self.reprisals for ref in r.people}
        refs = tuple(p.ref for p in self.people if p.ref in hit)
        return refs or tuple(p.ref for p in self.people)


@dataclass(frozen=True, slots=True)
class Evidence:
    """An evidence file kept encrypted in the vault (metadata only; never the content)."""

    id: str
    case_id: str
    filename: str
    media_type: str
    size: int
    sha256: str
    received_at: datetime
    added_by: str | None = None
    description: str | None = None
    #: People (by ref) that the file names or shows; drafts warn when they attach it.
    names_people: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Note:
    """A free-text note on a case (kept encrypted, never logged)."""

    id: str
    case_id: str
    text: str
    created_at: datetime
    author: str | None = None
