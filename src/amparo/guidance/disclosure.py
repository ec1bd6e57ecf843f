"""Whether each action may be taken: the consent gate applied to every circle it reaches.

The gate (``amparo.model.consent.gate``) decides for one circle. An action can reach two:
a Special Procedures communication goes to the State at once and is published later. With
consent in the set form, checking only the widest circle is not enough: a person may
accept an anonymised public mention yet refuse that the State be told it is her
(DESIGN.md). So the gate is asked once for each circle the action reaches, about the
people it reaches there, and the action is allowed only when every answer is yes.

An action with an anonymised form (``anonymous_form``) can describe a person without
naming them: where it would publish names, a person who accepts ``public-anonymous`` but
not ``public-named`` is described, not named. An anonymised mention still discloses the
case, so it still needs ``public-anonymous`` from each person it describes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from amparo.guidance.plan import Need, PlannedAction
from amparo.knowledge.types import AvenueAction
from amparo.model.consent import Circle, Consent, gate, ordered, reached_circles


def plan_action(action: AvenueAction, people: Sequence[str], consents: Mapping[str, Consent], *,
                avenue: str | None = None, today: date | None = None) -> PlannedAction:
    """The action marked by the gate for ``people`` (refs, in case order).

    ``avenue`` and ``today`` let the gate apply consents scoped to an avenue and
    consents past their review date.
    """
    reached = reached_circles(action.circles)
    named_publicly = set(gate(Circle.PUBLIC_NAMED, {ref: consents[ref] for ref in people},
                              avenue=avenue, today=today).cleared) if action.anonymous_form else set()
    # Each person's circles: what the action would disclose about them.
    per_person: dict[str, list[Circle]] = {}
    anonymised: list[str] = []
    for ref in people:
        circles = list(reached)
        if action.anonymous_form and Circle.PUBLIC_NAMED in circles and ref not in named_publicly:
            circles = [Circle.PUBLIC_ANONYMOUS if c == Circle.PUBLIC_NAMED else c for c in circles]
            anonymised.append(ref)
        per_person[ref] = list(dict.fromkeys(circles))

    blocked: dict[str, list[Circle]] = {}
    for target in ordered({c for cs in per_person.values() for c in cs}):
        decision = gate(target, [(ref, consents[ref]) for ref in people if target in per_person[ref]],
                        avenue=avenue, today=today)
        for blocker in decision.blockers:
            blocked.setdefault(blocker.person, []).append(blocker.needs)

    needs = tuple(Need(ref, c) for ref in people for c in blocked.get(ref, ()))
    allowed = not needs
    without = tuple(ref for ref in people if ref in blocked)
    if allowed or len(without) == len(people):
        without = ()
    return PlannedAction(
        id=action.id,
        name=action.name,
        description=action.description,
        disclosure=action.disclosure,
        later=action.later,
        later_after_days=action.later_after_days,
        later_note=action.later_note,
        urgent=action.urgent,
        anonymous_form=action.anonymous_form,
        allowed=allowed,
        needs=needs,
        identifies=tuple(people),
        # Only people who would otherwise be named are listed as anonymised.
        anonymised=tuple(ref for ref in anonymised if ref not in blocked or
                         Circle.PUBLIC_ANONYMOUS not in blocked[ref]),
        allowed_without=without,
        sources=tuple(s.ref for s in action.sources),
        verified=action.verified,
    )
