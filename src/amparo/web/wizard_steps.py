"""The triage wizard's questions, and how its answers become case facts.

Six steps in plain language. Nothing is stored while the wizard runs: each step's answers
travel in the form (hidden fields), never in a URL, and vanish when the tab is closed.
The answers become a case-facts document that the service validates exactly like an
import; a problem it finds is shown beside the question it comes from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from amparo.web.forms import Errors

PEOPLE = 3  # person slots offered; most cases concern one person and a relative or colleague
REPRISALS = 2


@dataclass(frozen=True, slots=True)
class Step:
    """One page of the wizard: its question and the fields it asks for."""

    number: int
    question: str
    fields: tuple[str, ...]


def _people_fields(*suffixes: str) -> tuple[str, ...]:
    return tuple(f"p{i}_{s}" for i in range(1, PEOPLE + 1) for s in suffixes)


def _reprisal_fields() -> tuple[str, ...]:
    return tuple(f"r{i}_{s}" for i in range(1, REPRISALS + 1)
                 for s in ("type", "date", "perpetrator", "people", "description", "link"))


STEPS: tuple[Step, ...] = (
    Step(1, "What did you do with the UN?", ("body", "kind", "session", "eng_description")),
    Step(2, "When?", ("eng_date",)),
    Step(3, "What happened to you, and to whom?",
         (*_people_fields("name", "role", "gender"), *_reprisal_fields())),
    Step(4, "Where are you now?", ("country", *_people_fields("location"))),
    Step(5, "Who knows about this case?", ("already_public", "steps_taken", "un_reference")),
    Step(6, "What do you agree to be said, and to whom?",
         (*_people_fields("consent"), "consent_method", "title")),
)
ALL_FIELDS: tuple[str, ...] = tuple(f for s in STEPS for f in s.fields)
MULTI = frozenset(f"r{i}_people" for i in range(1, REPRISALS + 1))


def step_of(field: str) -> int:
    """The step that asks for ``field``."""
    for s in STEPS:
        if field in s.fields:
            return s.number
    return STEPS[-1].number


def answers_from(get: Callable[[str], str], get_all: Callable[[str], list[str]]) -> dict[str, Any]:
    """The wizard's answers from a posted form (every step's fields, visible or hidden)."""
    return {f: (get_all(f) if f in MULTI else get(f)) for f in ALL_FIELDS}


def people_given(answers: dict[str, Any]) -> list[int]:
    """The person slots filled in (by name)."""
    return [i for i in range(1, PEOPLE + 1) if answers.get(f"p{i}_name")]


def check_step(number: int, a: dict[str, Any], _: Callable[[str], str]) -> Errors:
    """Missing or malformed answers of one step (the service checks the rest at the end)."""
    errors: Errors = {}

    def need(name: str, message: str) -> None:
        if not a.get(name):
            errors[name] = message

    def a_date(name: str) -> None:
        value = a.get(name)
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                errors[name] = _("Write the date as year-month-day, for example 2026-03-02.")

    if number == 1:
        need("body", _("Pick the UN body."))
        need("kind", _("Pick what you did."))
    elif number == 2:
        need("eng_date", _("Give the date, even approximately."))
        a_date("eng_date")
    elif number == 3:
        need("p1_name", _("Give the name of the person targeted (it stays in this vault)."))
        need("r1_type", _("Pick what happened."))
        need("r1_date", _("Give the date, even approximately."))
        a_date("r1_date")
        a_date("r2_date")
        if a.get("r2_date") and not a.get("r2_type"):
            errors["r2_type"] = _("Pick what happened.")
    elif number == 4:
        need("country", _("Pick the country."))
    elif number == 6:
        for i in people_given(a):
            need(f"p{i}_consent", _("Pick how far this person agrees that the case may go."))
    return errors


def facts_from(a: dict[str, Any], *, today: date, default_title: str) -> dict[str, Any]:
    """A case-facts document built from the answers (validated later by the service)."""
    people = []
    for i in people_given(a):
        person: dict[str, Any] = {
            "ref": f"p{i}", "name": a[f"p{i}_name"], "role": a.get(f"p{i}_role") or "defender",
            "gender": a.get(f"p{i}_gender") or "undisclosed",
            "location": a.get(f"p{i}_location") or "unknown",
            "consent": a.get(f"p{i}_consent") or "none",
            "consent_record": {"given_on": today.isoformat(), "method": a.get("consent_method") or "in-person"},
        }
        if i > 1 and person["role"] == "family-member":
            person["relation_to"] = "p1"
        people.append(person)
    refs = [p["ref"] for p in people]
    engagement: dict[str, Any] = {"body": a.get("body"), "kind": a.get("kind"), "date": a.get("eng_date"),
                                  "people": ["p1"]}
    for key, name in (("session", "session"), ("eng_description", "description")):
        if a.get(key):
            engagement[name] = a[key]
    reprisals = []
    for i in range(1, REPRISALS + 1):
        if not a.get(f"r{i}_type"):
            continue
        who = [r for r in (a.get(f"r{i}_people") or []) if r in refs] or ["p1"]
        r: dict[str, Any] = {"type": a[f"r{i}_type"], "date": a.get(f"r{i}_date"), "people": who,
                             "perpetrator": a.get(f"r{i}_perpetrator") or "unknown"}
        for key in ("description", "link"):
            if a.get(f"r{i}_{key}"):
                r[key] = a[f"r{i}_{key}"]
        reprisals.append(r)
    facts: dict[str, Any] = {
        "title": a.get("title") or default_title, "country": a.get("country"), "people": people,
        "engagements": [engagement], "reprisals": reprisals,
        "already_public": a.get("already_public") == "yes",
    }
    steps = [line.strip() for line in (a.get("steps_taken") or "").splitlines() if line.strip()]
    if steps:
        facts["steps_taken"] = steps
    if a.get("un_reference"):
        facts["un_references"] = [{"symbol": a["un_reference"]}]
    return facts


_PATHS = (
    (re.compile(r"^people\[(\d+)\]\.(name|role|gender|location|consent)"), "p{n}_{f}"),
    (re.compile(r"^reprisals\[(\d+)\]\.(type|date|perpetrator|people|description|link)"), "r{n}_{f}"),
    (re.compile(r"^engagements\[\d+\]\.date"), "eng_date"),
    (re.compile(r"^engagements\[\d+\]\.(body|kind)"), "{f}"),
    (re.compile(r"^engagements\[\d+\]\.session"), "session"),
    (re.compile(r"^country"), "country"),
    (re.compile(r"^title"), "title"),
)


def field_for(path: str, answers: dict[str, Any]) -> str | None:
    """The wizard field a case-facts problem path points at (None: shown at the top).

    ``people[1]`` is the second person *given*, not the second slot: with slot 2 left
    empty it is slot 3 (likewise for acts), so the index is mapped through the answers.
    """
    slots = {"p": people_given(answers),
             "r": [i for i in range(1, REPRISALS + 1) if answers.get(f"r{i}_type")]}
    for pattern, template in _PATHS:
        m = pattern.match(path)
        if m:
            groups = m.groups()
            if len(groups) == 2:
                given = slots[template[0]]
                index = int(groups[0])
                if index >= len(given):
                    return None
                return template.format(n=given[index], f=groups[1])
            return template.format(f=groups[0] if groups else "")
    return None
