"""The case timeline: engagements, reprisals, actions, responses and situation events in
date order.

Labels name kinds, bodies, avenue ids, references and person refs (``p1``), never a
person's name or a narrative: a timeline is shown on screens and exported as JSON.
On the same day the order is engagement < reprisal < action < response < event (the
order in which such things cause one another), then the order they were recorded in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from amparo.model.case import Case
from amparo.model.followup import Action, Response, SituationEvent

KINDS: tuple[str, ...] = ("engagement", "reprisal", "action", "response", "event")
_RANK = {k: i for i, k in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated line of a case's history."""

    date: date
    kind: str  # one of KINDS
    label: str
    #: Ids that locate the entry (an action or response id, the action answered, the
    #: index in the case facts such as ``reprisals[2]``, the person refs concerned) and
    #: the vocabulary ids it is made of, so that a face can word it in its own language.
    ids: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready mapping: date as YYYY-MM-DD, ids as given."""
        return {"date": self.date.isoformat(), "kind": self.kind, "label": self.label,
                "ids": {k: list(v) if isinstance(v, tuple) else v for k, v in self.ids.items()}}


def _people(refs: Sequence[str]) -> str:
    return f" ({', '.join(refs)})" if refs else ""


def timeline(
    case: Case,
    actions: Sequence[Action],
    responses: Sequence[Response],
    events: Sequence[SituationEvent],
) -> list[TimelineEntry]:
    """Every dated thing on the case, oldest first (stable tie order, see module doc)."""
    entries: list[TimelineEntry] = []
    for i, e in enumerate(case.engagements):
        entries.append(TimelineEntry(
            e.date, "engagement", f"Engagement with {e.body}: {e.kind}{_people(e.people)}",
            {"engagement": f"engagements[{i}]", "body": e.body, "engagement_kind": e.kind,
             "people": tuple(e.people)}))
    for i, r in enumerate(case.reprisals):
        entries.append(TimelineEntry(
            r.date, "reprisal", f"Reprisal: {r.type} by {r.perpetrator}{_people(r.people)}",
            {"reprisal": f"reprisals[{i}]", "reprisal_type": r.type, "perpetrator": r.perpetrator,
             "people": tuple(r.people)}))
    for a in actions:
        asked = f" ({a.action})" if a.action else ""
        entries.append(TimelineEntry(
            a.sent_on, "action",
            f"Sent to {a.avenue}{asked} by {a.channel}, disclosure {a.disclosure.value}",
            {"action": a.id, "avenue": a.avenue, "avenue_action": a.action, "channel": a.channel,
             "disclosure": a.disclosure.value, "people": tuple(ref for ref, _ in a.consent_snapshot)}))
    for r in responses:
        source = f" from {r.from_avenue}" if r.from_avenue else ""
        ref = f" {r.reference}" if r.reference else ""
        para = f" para. {r.paragraph}" if r.paragraph else ""
        answers = f", answering {r.action_id}" if r.action_id else ""
        ids: dict[str, Any] = {"response": r.id, "response_kind": r.kind}
        if r.action_id:
            ids["action"] = r.action_id
        if r.reference:
            ids["reference"] = r.reference + (f" para. {r.paragraph}" if r.paragraph else "")
        if r.from_avenue:
            ids["avenue"] = r.from_avenue
        entries.append(TimelineEntry(
            r.received_on, "response", f"Response{source}: {r.kind}{ref}{para}{answers}", ids))
    for ev in events:
        entries.append(TimelineEntry(
            ev.happened_on, "event", f"Situation: {ev.kind}{_people(ev.people)}",
            {"event": ev.id, "event_kind": ev.kind, "people": tuple(ev.people)}))
    # sorted() is stable, so entries of one kind on one day keep their recorded order.
    return sorted(entries, key=lambda t: (t.date, _RANK[t.kind]))


def timeline_to_json(entries: Sequence[TimelineEntry]) -> list[dict[str, Any]]:
    """The timeline as a JSON-ready list (``amparo timeline --json``)."""
    return [e.to_json() for e in entries]
