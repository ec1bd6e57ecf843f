"""Urgency: when a person is held, disappeared or facing imminent harm.

An urgent case puts the urgent channels first: a Special Procedures urgent appeal is for
a violation "ongoing or imminent" (OHCHR, the defenders mandate's complaints page), the
working groups on detention and disappearances act on individual cases, and regional
systems have precautionary or interim measures (IACHR Art. 25, ECtHR Rule 39).
"""

from __future__ import annotations

from datetime import date

from amparo.guidance.plan import Sentence, sentence
from amparo.guidance.risk_notes import role_words
from amparo.knowledge.types import Avenue
from amparo.model.case import Case

URGENT_APPEAL_SOURCE = "http://www.ohchr.org/EN/Issues/SRHRDefenders/Pages/Complaints.aspx"
REGIONAL_MEASURES_SOURCES = (
    "https://www.oas.org/en/iachr/mandate/Basics/rulesiachr.asp",
    "https://readkong.com/page/interim-measures-echr-coe-int-6483839",
)

#: Where people are when the case is urgent, and how the reason says it.
URGENT_LOCATIONS = {"in-custody": "is in custody", "disappeared": "has disappeared"}
#: The same, as message ids of the knowledge catalog (refs and roles as parameters).
URGENT_LOCATION_SENTENCES = {"in-custody": "{person} ({role}) is in custody",
                             "disappeared": "{person} ({role}) has disappeared"}
URGENT_ALWAYS_SENTENCE = "{reprisal} on {date} against {people}"
URGENT_RECENT_SENTENCE = "{reprisal} on {date} ({days} days ago) against {people}"

#: Reprisals that make a case urgent when they happened within ``RECENT_DAYS`` of today.
#: ``threats`` is here because older case files do not tell a death threat from another
#: threat, and a recent threat is the "imminent harm" the urgent appeal exists for.
URGENT_REPRISALS = frozenset({
    "arbitrary-arrest", "arbitrary-detention", "enforced-disappearance", "torture-ill-treatment",
    "physical-attack", "killing", "threats",
})
RECENT_DAYS = 30
#: Urgent whatever their date: a death threat is a threat to life until it is lifted, and
#: an urgent appeal exists for a violation "ongoing or imminent" (URGENT_APPEAL_SOURCE).
ALWAYS_URGENT = frozenset({"death-threat"})

#: Avenues that are urgent channels whatever their action list says (REFERENCE.md §4).
URGENT_AVENUES = frozenset({"sp:arbitrary-detention", "sp:enforced-disappearances", "sp:urgent-action"})
_URGENT_ACTION_WORDS = ("urgent", "precautionary", "interim")


def urgency(case: Case, *, today: date) -> str | None:
    """Why the case is urgent, in plain words with refs only; None when it is not."""
    parts = [english for english, _ in _urgent_parts(case, today)]
    if not parts:
        return None
    return "Urgent: " + "; ".join(dict.fromkeys(parts)) + "."


def urgency_sentences(case: Case, *, today: date) -> tuple[Sentence, ...]:
    """The parts of ``urgency`` as message ids and parameters (empty when not urgent)."""
    return tuple(dict.fromkeys(s for _, s in _urgent_parts(case, today)))


def _urgent_parts(case: Case, today: date) -> list[tuple[str, Sentence]]:
    parts: list[tuple[str, Sentence]] = []
    for person in case.people:
        where = URGENT_LOCATIONS.get(person.location)
        if where:
            parts.append((f"{person.ref} ({role_words(person.role)}) {where}",
                          sentence(URGENT_LOCATION_SENTENCES[person.location],
                                   person=("refs", (person.ref,)), role=("role", person.role))))
    for r in case.reprisals:
        age = (today - r.date).days
        refs = ", ".join(r.people)
        said = {"reprisal": ("reprisal-types", (r.type,)), "date": ("date", r.date.isoformat()),
                "people": ("refs", tuple(r.people))}
        if r.type in ALWAYS_URGENT and age >= 0:
            parts.append((f"{r.type} on {r.date.isoformat()} against {refs}",
                          sentence(URGENT_ALWAYS_SENTENCE, **said)))
        elif r.type in URGENT_REPRISALS and 0 <= age <= RECENT_DAYS:
            parts.append((f"{r.type} on {r.date.isoformat()} ({age} days ago) against {refs}",
                          sentence(URGENT_RECENT_SENTENCE, **said, days=("number", age))))
    return parts


def is_urgent_channel(avenue: Avenue) -> bool:
    """Whether ``avenue`` offers a channel for urgent cases."""
    if avenue.id in URGENT_AVENUES:
        return True
    for action in avenue.actions:
        if action.urgent:
            return True
        if avenue.family in ("sp", "rg") and any(w in action.id for w in _URGENT_ACTION_WORDS):
            return True
    return False


def is_dedicated_urgent_channel(avenue: Avenue) -> bool:
    """Whether ``avenue`` exists for urgent cases of this kind (the working groups on
    detention and disappearances, regional precautionary or interim measures)."""
    if avenue.id in URGENT_AVENUES:
        return True
    return avenue.family == "rg" and any(
        w in a.id for a in avenue.actions for w in ("precautionary", "interim"))


def is_urgent_action(avenue: Avenue, action_id: str) -> bool:
    """Whether the action is one of the avenue's urgent channels (moved first in urgent cases)."""
    action = avenue.action(action_id)
    return action.urgent or (avenue.family in ("sp", "rg")
                             and any(w in action.id for w in _URGENT_ACTION_WORDS))
