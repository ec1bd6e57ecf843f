"""``triage``: case facts and the knowledge base in, a ranked and gated Plan out.

Pure and deterministic: the same case, knowledge base and ``today`` give the same plan.
The plan shows every avenue that fits and every action each can take, blocked ones
included, with what consent would unblock them; it never chooses for the user.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date
from typing import Any

from amparo.guidance.bodies import check_bodies
from amparo.guidance.disclosure import offer_variants, plan_action
from amparo.guidance.plan import KnowledgeView, Plan, PlannedAction, PlannedAvenue, Reason
from amparo.guidance.precedents import match_precedents
from amparo.guidance.risk_notes import risks
from amparo.guidance.routing import Selection, route
from amparo.guidance.routing_rules import ISHR_FIRST_NOTIFY
from amparo.guidance.urgency import (
    REGIONAL_MEASURES_SOURCES,
    URGENT_APPEAL_SOURCE,
    is_dedicated_urgent_channel,
    is_urgent_action,
    is_urgent_channel,
    urgency,
    urgency_sentences,
)
from amparo.knowledge.types import Avenue
from amparo.model.case import Case
from amparo.model.errors import InvalidInput, Problem

ORDER_NORMAL = (
    "First the mechanism the person cooperated with (first notify it), then the "
    "Secretary-General's report and the senior official on reprisals, then the mandates "
    "that fit the reprisal itself and the country, then the regional systems."
)
ORDER_URGENT = (
    "The case is urgent: avenues with an urgent channel come first, each with its urgent "
    "actions first: the mechanism the person cooperated with, then the working groups on "
    "detention and disappearances and any precautionary or interim measures, then other "
    "urgent appeals. After them, the usual order: "
) + ORDER_NORMAL[0].lower() + ORDER_NORMAL[1:]

URGENT_RULE = "urgent-to-top"
URGENT_WHY = "Moved to the top because the case is urgent and this avenue has an urgent channel."


def triage(
    case: Case,
    kb: KnowledgeView,
    *,
    today: date,
    identify: Collection[str] | None = None,
    own_precedents: Iterable[Any] = (),
) -> Plan:
    """The plan for ``case``: ranked avenues, gated actions, risk notes, precedents.

    ``identify`` is the refs of the people the actions would identify; by default every
    person in the case (an action about the case describes all of them). ``own_precedents``
    are an organisation's own precedents (kept in its vault), matched with the package's.
    Raises ``InvalidInput`` when an engagement body is unknown to the knowledge base.
    """
    check_bodies(case, kb)
    consents = case.consents
    if identify is None:
        people = [p.ref for p in case.people]
    else:
        unknown = [ref for ref in identify if ref not in consents]
        if unknown:
            raise InvalidInput([Problem("identify", f"{ref!r} is not the ref of a person in this case")
                                for ref in sorted(unknown)])
        people = [p.ref for p in case.people if p.ref in identify]

    urgent_reason = urgency(case, today=today)
    selections = route(case, kb, urgent=urgent_reason is not None)
    if urgent_reason:
        selections = _urgent_first(selections)

    avenues = []
    for rank, sel in enumerate(selections, start=1):
        avenue = sel.avenue
        actions = list(plan_actions(case, avenue, today=today, people=people))
        if urgent_reason:
            actions.sort(key=lambda a: not is_urgent_action(avenue, a.id))
        avenues.append(PlannedAvenue(
            id=avenue.id,
            rank=rank,
            family=avenue.family,
            name=avenue.name,
            short_name=avenue.short_name,
            summary=avenue.summary,
            why=tuple(sel.reasons),
            sources=tuple(s.ref for s in avenue.sources),
            verified=avenue.verified,
            urgent_channel=is_urgent_channel(avenue),
            actions=tuple(actions),
            channels=tuple(_channel(c) for c in avenue.channels),
            submitters=avenue.submitters,
        ))

    ids = tuple(a.id for a in avenues)
    precedents = (*kb.precedents, *own_precedents)
    return Plan(
        urgent=urgent_reason is not None,
        urgent_reason=urgent_reason,
        order_note=ORDER_URGENT if urgent_reason else ORDER_NORMAL,
        avenues=tuple(avenues),
        risks=risks(case, today=today, avenue_ids=ids, kb=kb),
        precedents=match_precedents(case, precedents),
        fictional=case.fictional,
        urgent_parts=urgency_sentences(case, today=today) if urgent_reason else (),
    )


def plan_actions(case: Case, avenue: Avenue, *, today: date,
                 people: Sequence[str] | None = None) -> tuple[PlannedAction, ...]:
    """Every action of ``avenue`` marked by the consent gate for ``case`` (in the avenue's order).

    ``people`` are the refs the actions would identify (default: everyone in the case).
    What triage does for each avenue it lists, and what a draft to an avenue outside a
    plan (a test, a tool) needs.
    """
    refs = [p.ref for p in case.people] if people is None else list(people)
    consents = case.consents
    subjects = [r for r in case.targeted if r in refs]
    steps = tuple(plan_action(a, refs, consents, subjects=subjects, avenue=avenue.id, today=today)
                  for a in avenue.actions)
    return offer_variants(steps, subjects)


def _urgent_first(selections: list[Selection]) -> list[Selection]:
    """Avenues with an urgent channel first, each saying why it moved.

    Within that group: the mechanism cooperated with (first notify), then the channels
    that exist for urgent cases (the working groups on detention and disappearances,
    regional precautionary or interim measures), then the other urgent channels; the
    usual order otherwise (a stable sort).
    """
    top = [s for s in selections if is_urgent_channel(s.avenue)]
    rest = [s for s in selections if not is_urgent_channel(s.avenue)]
    top.sort(key=lambda s: 0 if s.tier == 1 else 1 if is_dedicated_urgent_channel(s.avenue) else 2)
    for s in top:
        sources = (URGENT_APPEAL_SOURCE, *REGIONAL_MEASURES_SOURCES) if s.avenue.family == "rg" \
            else (URGENT_APPEAL_SOURCE, ISHR_FIRST_NOTIFY)
        s.reasons.append(Reason(
            URGENT_RULE,
            URGENT_WHY,
            sources,
        ))
    return top + rest


def _channel(channel: Any) -> dict[str, Any]:
    return {
        "kind": channel.kind,
        "address": channel.address,
        "note": channel.note,
        "verified": channel.verified,
        "sources": [s.ref for s in channel.sources],
    }
