"""A case's status, derived from what was sent, what came back and what is due.

Never a free field: a status typed by hand drifts from the facts. The only thing a user
records is the closing of a case, with its outcome (``Outcome``); everything else is
computed here.

Precedence, first match wins:

1. ``closed``: the case was closed (with an outcome), whatever else is pending.
2. ``follow-up-due``: a follow-up deadline falls on or before ``today``.
3. ``awaiting-response``: an action is unanswered (acknowledged counts as unanswered) but
   its follow-up is not due yet, or its avenue has no follow-up window (``sg:report``).
4. ``open``: nothing sent, or everything sent has been answered.

Session, publication, SG cut-off and review reminders do not change the status: they
are about the calendar, not about an avenue owing an answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from amparo.model.errors import InvalidInput, Message, Problem
from amparo.model.followup import Action, Deadline, Response
from amparo.tracking.deadlines import unanswered

STATUSES: tuple[str, ...] = ("open", "awaiting-response", "follow-up-due", "closed")

#: How a case can end. Interchange identifiers, like the other vocabularies.
OUTCOMES: tuple[str, ...] = (
    "resolved", "released", "protection-obtained", "no-further-action", "person-declined",
    "referred-elsewhere", "lost-contact", "other",
)


@dataclass(frozen=True, slots=True)
class Outcome:
    """Why and when a case was closed."""

    outcome: str  # one of OUTCOMES
    closed_on: date

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise InvalidInput(Problem("outcome", Message("{outcome!r} is not one of {choices}",
                                                          outcome=self.outcome, choices=', '.join(OUTCOMES))))


@dataclass(frozen=True, slots=True)
class CaseStatus:
    """The derived status, with what it rests on (ids only, for the faces to explain)."""

    value: str  # one of STATUSES
    outcome: str | None = None
    #: Actions still owed an answer (ids).
    awaiting: tuple[str, ...] = ()
    #: Follow-ups due or overdue (action ids).
    due: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"closed ({self.outcome})" if self.value == "closed" else self.value

    def to_json(self) -> dict[str, object]:
        """A JSON-ready mapping."""
        return {"status": self.value, "outcome": self.outcome, "awaiting": list(self.awaiting),
                "follow_up_due": list(self.due)}


def case_status(
    actions: Sequence[Action],
    responses: Sequence[Response],
    deadlines: Iterable[Deadline],
    *,
    closed: Outcome | None,
    today: date,
) -> CaseStatus:
    """The status of one case on ``today`` (precedence in the module docstring)."""
    if closed is not None:
        return CaseStatus("closed", outcome=closed.outcome)
    waiting = tuple(a.id for a in unanswered(actions, responses))
    due_now = tuple(
        d.action_id or "" for d in deadlines
        if d.kind == "follow-up" and d.due_on <= today and d.action_id in waiting
    )
    if due_now:
        return CaseStatus("follow-up-due", awaiting=waiting, due=due_now)
    if waiting:
        return CaseStatus("awaiting-response", awaiting=waiting)
    return CaseStatus("open")
