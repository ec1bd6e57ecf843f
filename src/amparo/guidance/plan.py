"""The Plan that triage returns: ranked avenues, gated actions, risk notes, precedents.

Values only. ``Plan.to_json()`` is the machine-readable face (``amparo triage --json``,
the API); its keys are the interchange contract of issue 3 part 5. Nothing here carries
a person's name: people appear by their case reference (``p1``) only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from amparo.knowledge.types import Avenue, Precedent
from amparo.model.consent import Circle


class KnowledgeView(Protocol):
    """What guidance reads from the knowledge base: ``amparo.knowledge.KnowledgeBase``
    (from ``load()``) satisfies it, and so does a test's stand-in."""

    @property
    def avenues(self) -> Sequence[Avenue]: ...

    def get(self, avenue_id: str) -> Avenue | None: ...

    def nearest(self, avenue_id: str, n: int = 3) -> Sequence[Any]: ...

    def country_mandate(self, country: str) -> Avenue | None: ...

    def regional_for(self, country: str) -> Sequence[Avenue]: ...

    def active_avenues(self) -> Sequence[Avenue]: ...

    def resolve(self, slug: str) -> tuple[Avenue, str | None]: ...

    def is_party(self, country: str, treaty: str) -> bool | None: ...

    def accepts_communications(self, country: str, treaty: str) -> bool | None: ...

    def country_bodies(self, country: str) -> Sequence[Avenue]: ...

    @property
    def precedents(self) -> Sequence[Precedent]: ...


#: The kinds of a sentence's parameters, and how a reader's language shows each
#: (``amparo.language.knowledge_text``): person refs (a face puts names in their place),
#: vocabulary values, country codes, ISO dates, numbers, avenue or engagement-body ids,
#: an English phrase of the knowledge catalog, other sentences, text kept as it is.
PARAM_KINDS = ("refs", "role", "reprisal-types", "country", "countries", "date", "number",
               "avenues", "body", "phrase", "sentences", "sentence", "kb-text", "verbatim")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A generated sentence as a message id and parameters, translated where it is shown.

    ``template`` is the English ``str.format`` template, which is also the message id in
    the ``knowledge`` catalog; ``params`` are ``(name, kind, value)`` with a kind of
    ``PARAM_KINDS``. Guidance never formats for a language: the ``text`` fields beside a
    sentence keep the English it always wrote.
    """

    template: str
    params: tuple[tuple[str, str, Any], ...] = ()


def sentence(template: str, **params: tuple[str, Any]) -> Sentence:
    """``sentence("{people} is held", people=("refs", ("p1",)))``."""
    return Sentence(template, tuple((name, kind, value) for name, (kind, value) in params.items()))


@dataclass(frozen=True, slots=True)
class Reason:
    """One rule that selected an avenue, in plain words, with its sources."""

    rule: str
    text: str
    sources: tuple[str, ...]
    #: The people (by ref) the rule fired for, when it fired for some and not others.
    people: tuple[str, ...] = ()
    #: ``text`` as a message id and parameters (None: ``text`` is the message id).
    said: Sentence | None = None

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "text": self.text, "people": list(self.people),
                "sources": list(self.sources)}


@dataclass(frozen=True, slots=True)
class Need:
    """Consent that would open a step to someone: ``person`` (a ref) would have to accept ``circle``.

    ``expired``: the person's consent would allow it, but its review date has passed.
    """

    person: str
    circle: Circle
    expired: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"person": self.person, "circle": self.circle.value, "expired": self.expired}


@dataclass(frozen=True, slots=True)
class PlannedAction:
    """One thing an avenue can do, whom it would tell, and whom it leaves out.

    A step identifies only the people whose consent allows it; everyone else is left
    out (a document for it mentions them, if at all, in terms that identify no one). A
    step is allowed when it can say what happened to at least one person the reprisals
    concern, named or (in its anonymised form) described, or when it identifies nobody
    by nature (general information about a pattern).
    """

    id: str
    name: str
    description: str
    disclosure: Circle
    later: Circle | None
    later_after_days: int | None
    later_note: str | None
    urgent: bool
    anonymous_form: bool
    allowed: bool
    #: The people (refs) the step may name: their consent holds every circle it reaches.
    identifies: tuple[str, ...]
    #: The people it describes without their name (its anonymised form): they accept an
    #: anonymous public mention, not a named one.
    described: tuple[str, ...]
    #: The people it leaves out.
    left_out: tuple[str, ...]
    #: What consent, from whom, would bring each left-out person in. For a blocked step,
    #: only the people the reprisals concern: their agreement is what opens it.
    needs: tuple[Need, ...]
    sources: tuple[str, ...]
    verified: bool
    #: The action this one is a protective variant of, what it protects, what it cannot promise.
    variant_of: str | None = None
    protects: str | None = None
    limits: str | None = None
    #: The confidential first notification every avenue starts with.
    first_notification: bool = False
    #: General information that identifies no one by nature.
    identifies_nobody: bool = False
    #: Whether the plan offers this member of its group (an action and its variants):
    #: the one the people's consent allows, identifying the most of them.
    offered: bool = True

    @property
    def circles(self) -> tuple[Circle, ...]:
        """Every circle the action reaches, the immediate one first."""
        if self.later is None or self.later == self.disclosure:
            return (self.disclosure,)
        return (self.disclosure, self.later)

    @property
    def group(self) -> str:
        """The id of the action this step is a form of (its own id for a base action)."""
        return self.variant_of or self.id

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "disclosure": self.disclosure.value,
            "later": self.later.value if self.later else None,
            "later_after_days": self.later_after_days,
            "later_note": self.later_note,
            "urgent": self.urgent,
            "anonymous_form": self.anonymous_form,
            "allowed": self.allowed,
            "identifies": list(self.identifies),
            "described": list(self.described),
            "left_out": list(self.left_out),
            "needs": [n.to_json() for n in self.needs],
            "variant_of": self.variant_of,
            "protects": self.protects,
            "limits": self.limits,
            "first_notification": self.first_notification,
            "identifies_nobody": self.identifies_nobody,
            "offered": self.offered,
            "sources": list(self.sources),
            "verified": self.verified,
        }


@dataclass(frozen=True, slots=True)
class PlannedAvenue:
    """An avenue in the plan: why it fits, how to reach it, what it can do."""

    id: str
    rank: int
    family: str
    name: str
    short_name: str
    summary: str
    why: tuple[Reason, ...]
    sources: tuple[str, ...]
    verified: bool
    #: The avenue offers a channel for urgent cases (urgent appeal, interim measures…).
    urgent_channel: bool
    actions: tuple[PlannedAction, ...]
    channels: tuple[dict[str, Any], ...] = ()
    submitters: str | None = None

    @property
    def rules(self) -> tuple[str, ...]:
        """The ids of the rules that selected this avenue."""
        return tuple(r.rule for r in self.why)

    def action(self, action_id: str) -> PlannedAction:
        """The planned action ``action_id`` (KeyError if the avenue has none)."""
        for a in self.actions:
            if a.id == action_id:
                return a
        raise KeyError(action_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rank": self.rank,
            "family": self.family,
            "name": self.name,
            "short_name": self.short_name,
            "summary": self.summary,
            "why": [r.to_json() for r in self.why],
            "rules": list(self.rules),
            "sources": list(self.sources),
            "verified": self.verified,
            "urgent_channel": self.urgent_channel,
            "submitters": self.submitters,
            "channels": [dict(c) for c in self.channels],
            "actions": [a.to_json() for a in self.actions],
        }


@dataclass(frozen=True, slots=True)
class RiskNote:
    """A warning from a stated rule. ``message`` names people by ref or role only."""

    code: str
    message: str
    rule: str
    sources: tuple[str, ...]
    people: tuple[str, ...] = ()
    #: ``message`` as a message id and parameters (None: ``message`` is the message id).
    said: Sentence | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "rule": self.rule,
            "source": self.sources[0] if self.sources else None,
            "sources": list(self.sources),
            "people": list(self.people),
        }


@dataclass(frozen=True, slots=True)
class PrecedentMatch:
    """A public precedent like the case, with why it was matched."""

    precedent: Precedent
    score: int
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        # The knowledge base's own form (the one ``amparo kb show`` prints), plus the match.
        return {**self.precedent.to_json(), "score": self.score, "reasons": list(self.reasons)}


@dataclass(frozen=True, slots=True)
class Plan:
    """What triage found: every avenue that fits, ranked, and what each step would cost."""

    urgent: bool
    urgent_reason: str | None
    #: How the avenues are ordered, in plain words (the plan explains itself).
    order_note: str
    avenues: tuple[PlannedAvenue, ...]
    risks: tuple[RiskNote, ...]
    precedents: tuple[PrecedentMatch, ...]
    fictional: bool = False
    #: Why the case is urgent, as sentences (``urgent_reason`` without "Urgent: ").
    urgent_parts: tuple[Sentence, ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        """The avenue ids, in rank order."""
        return tuple(a.id for a in self.avenues)

    def avenue(self, avenue_id: str) -> PlannedAvenue:
        """The planned avenue ``avenue_id`` (KeyError if the plan does not list it)."""
        for a in self.avenues:
            if a.id == avenue_id:
                return a
        raise KeyError(avenue_id)

    def to_json(self) -> dict[str, Any]:
        """The plan as JSON-ready data (the keys of issue 3 part 5, and a few more)."""
        return {
            "urgent": self.urgent,
            "urgent_reason": self.urgent_reason,
            "order_note": self.order_note,
            "fictional": self.fictional,
            "avenues": [a.to_json() for a in self.avenues],
            "risks": [r.to_json() for r in self.risks],
            "precedents": [p.to_json() for p in self.precedents],
        }
