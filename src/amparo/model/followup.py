"""What was sent, what came back, and what falls due: the follow-up types.

Dates here are calendar dates. Rules that compute deadlines live in ``amparo.tracking``;
these are only the values they work on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from amparo.model.consent import Circle
from amparo.model.errors import Message


@dataclass(frozen=True, slots=True)
class Action:
    """Something sent to an avenue on a case."""

    id: str
    case_id: str
    avenue: str  # avenue id in the knowledge base, e.g. "sp:human-rights-defenders"
    action: str | None  # the avenue action asked for, e.g. "urgent-appeal"
    sent_on: date
    channel: str  # vocabularies.ACTION_CHANNELS
    disclosure: Circle
    #: The draft sent, when it was made with Amparo.
    draft_id: str | None = None
    #: Each person's consent (facts form) at the moment it was sent.
    consent_snapshot: tuple[tuple[str, str | tuple[str, ...]], ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Response:
    """Something that came back from an avenue, or from the State."""

    id: str
    case_id: str
    kind: str  # vocabularies.RESPONSE_KINDS
    received_on: date
    from_avenue: str | None = None
    action_id: str | None = None
    #: A document symbol or communication reference, e.g. "UA CHN 13/2016", "A/HRC/36/31".
    reference: str | None = None
    paragraph: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class SituationEvent:
    """A change in a person's situation: released, charged, left the country…"""

    id: str
    case_id: str
    kind: str  # vocabularies.SITUATION_EVENTS
    happened_on: date
    people: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Deadline:
    """A date by which something should happen, computed from a sourced rule."""

    case_id: str | None
    due_on: date
    kind: str  # e.g. "follow-up", "sg-report-cutoff", "session", "review"
    title: str  # never a person's name
    rule: str  # the rule id in the knowledge base
    avenue: str | None = None
    action_id: str | None = None
    source: str | None = None
    #: The person (by ref, never by name) a deadline is about: a consent to review.
    person: str | None = None
    #: The title as a message id and its parameters (``title`` is its English form), so that
    #: the service says it in the user's language: in a due list, in an iCalendar file.
    wording: Message | None = field(default=None, compare=False)
