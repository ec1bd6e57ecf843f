"""Whom each step identifies, describes or leaves out: the consent gate applied per person.

The gate (``amparo.model.consent.gate``) is asked once per step for everyone in the case;
its ``cleared`` list is who the step may name. A step can reach two circles (a Special
Procedures communication goes to the State at once and is published later), and consent
is a set: every circle must be in a person's consent for them to be named.

A step identifies only the people whose consent allows it; the others are left out. That
is what makes the way forward real for the usual case: a defender who consents to "the UN
only, in confidence" is named in the confidential notification, while her daughter, who
consents to nothing, is left out of it. A step is allowed when it can still say what
happened to someone the reprisals concern (named, or described in its anonymised form),
or when it identifies nobody by nature (general information about a pattern).

An action with an anonymised form (``anonymous_form``) can describe a person without
naming them: where it would publish names, a person who accepts ``public-anonymous`` but
not ``public-named`` is described, not named. An anonymised mention still discloses the
case, so it still needs ``public-anonymous`` (and the action's other circles) from each
person it describes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from amparo.guidance.plan import Need, PlannedAction
from amparo.knowledge.types import AvenueAction
from amparo.model.consent import Circle, Consent, gate, widest


def _anonymised(circles: tuple[Circle, ...]) -> tuple[Circle, ...]:
    """The circles of an anonymised form: a public text without names instead of with them."""
    return tuple(dict.fromkeys(Circle.PUBLIC_ANONYMOUS if c == Circle.PUBLIC_NAMED else c for c in circles))


def plan_action(action: AvenueAction, people: Sequence[str], consents: Mapping[str, Consent], *,
                subjects: Sequence[str] | None = None, avenue: str | None = None,
                today: date | None = None) -> PlannedAction:
    """The action marked by the gate for ``people`` (refs, in case order).

    ``subjects`` are the people the reprisals concern (default: everyone): a step that
    can identify none of them has nobody to act for. ``avenue`` and ``today`` let the
    gate apply consents scoped to an avenue and consents past their review date.
    """
    refs = list(people)
    about = set(subjects) if subjects is not None else set(refs)
    if action.identifies_nobody:
        return _planned(action, allowed=True, identifies=(), described=(), left_out=tuple(refs), needs=())
    circles = tuple(action.circles)
    everyone = {ref: consents[ref] for ref in refs}
    # What naming someone takes, and the least that describing them without a name takes.
    naming, minimum = circles, circles
    if Circle.PUBLIC_NAMED in circles and action.anonymous_form:
        minimum = _anonymised(circles)
    elif widest(circles) == Circle.PUBLIC_ANONYMOUS:
        # A public text without names: the letter for it may be printed as received
        # (the annual report's annexes are), so it names only who accepts being named.
        naming = (*circles, Circle.PUBLIC_NAMED)
    named = set(gate(naming, everyone, avenue=avenue, today=today).cleared)
    rest = {ref: c for ref, c in everyone.items() if ref not in named}
    described = set(gate(minimum, rest, avenue=avenue, today=today).cleared) if rest and minimum != naming \
        else set()
    left_out = [ref for ref in refs if ref not in named and ref not in described]
    allowed = bool((named | described) & about)
    # What each left-out person would have to accept to be included at all (described,
    # where the action has an anonymised form; named otherwise). A blocked step opens only
    # when someone the reprisals concern agrees: a relative whom no reprisal touched
    # agreeing alone would give the step nobody to act for, so only they are listed.
    wanted = left_out if allowed else [ref for ref in left_out if ref in about]
    missing = gate(minimum, {ref: everyone[ref] for ref in wanted}, avenue=avenue, today=today) if wanted \
        else None
    needs = tuple(Need(b.person, b.needs, b.expired) for b in missing.blockers) if missing else ()
    return _planned(action, allowed=allowed, identifies=tuple(r for r in refs if r in named),
                    described=tuple(r for r in refs if r in described), left_out=tuple(left_out), needs=needs)


def _planned(action: AvenueAction, *, allowed: bool, identifies: tuple[str, ...], described: tuple[str, ...],
             left_out: tuple[str, ...], needs: tuple[Need, ...]) -> PlannedAction:
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
        identifies=identifies,
        described=described,
        left_out=left_out,
        needs=needs,
        sources=tuple(s.ref for s in action.sources),
        verified=action.verified,
        variant_of=action.variant_of,
        protects=action.protects,
        limits=action.limits,
        first_notification=action.first_notification,
        identifies_nobody=action.identifies_nobody,
    )


def offer_variants(steps: Sequence[PlannedAction], subjects: Sequence[str]) -> tuple[PlannedAction, ...]:
    """Mark, in each group of an action and its variants, the one the plan offers.

    The offered one is allowed and says what happened to the most people the reprisals
    concern (named counting before described); on a tie, the base action, then the
    knowledge base's order. When no member is allowed, the base action is offered, so the
    plan shows what it would take.
    """
    from dataclasses import replace

    about = set(subjects)
    groups: dict[str, list[PlannedAction]] = {}
    for step in steps:
        groups.setdefault(step.group, []).append(step)
    chosen: dict[str, str] = {}
    for group, members in groups.items():
        allowed = [m for m in members if m.allowed]
        if allowed:
            best = max(allowed, key=lambda m: (len(about & set(m.identifies)),
                                               len(about & set(m.described)), m.id == group,
                                               -members.index(m)))
            chosen[group] = best.id
        else:
            base = next((m for m in members if m.id == group), members[0])
            chosen[group] = base.id
    return tuple(replace(s, offered=chosen[s.group] == s.id) for s in steps)
