"""Which planned avenue a draft may be written to, and which mandates it also addresses.

An avenue "fits" a case when triage lists it for that case: a draft to a treaty body the
person never engaged with, or to a country mandate of another country, is refused with
the avenues that do fit. A Special Procedures submission can be addressed to several
mandates at once (they often act jointly on reprisals: REFERENCE.md §4, the joint urgent
appeal UA CHN 13/2016), so it names the other mandates the plan found for the case.
"""

from __future__ import annotations

from amparo.guidance.plan import Plan, PlannedAvenue
from amparo.model.errors import InvalidInput, Message, Problem

#: Special Procedures entries that are not mandates: a submission is not "also addressed"
#: to the committee that coordinates the mandates, nor to the shared urgent-action desk.
NOT_MANDATES = frozenset({"sp:coordination-committee", "sp:urgent-action"})
_SHOWN = 12


def fitting_avenue(plan: Plan, avenue_id: str) -> PlannedAvenue:
    """The planned avenue ``avenue_id``; ``InvalidInput`` lists the avenues that fit otherwise."""
    for planned in plan.avenues:
        if planned.id == avenue_id:
            return planned
    fitting = [a.id for a in plan.avenues]
    more = " …" if len(fitting) > _SHOWN else ""
    raise InvalidInput(Problem(
        "avenue", Message("{avenue_id} does not fit this case (its engagements, country and "
                          "reprisals); avenues that fit: {choices}{more}",
                          avenue_id=avenue_id, choices=', '.join(fitting[:_SHOWN]), more=more)))


def co_addressed(plan: Plan, avenue: PlannedAvenue) -> tuple[str, ...]:
    """The other mandates a Special Procedures submission to ``avenue`` is addressed to."""
    if avenue.family != "sp":
        return ()
    return tuple(a.id for a in plan.avenues
                 if a.family == "sp" and a.id != avenue.id and a.id not in NOT_MANDATES)
