"""The reporting fixture: cases with mixed consents and follow-up, as values and in a store.

The cases are built here as values, so every expected count is computed in Python from
the same values (``Fixture``), independently of the store's SQL.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from amparo.model import Action, Case, Circle, Consent, Engagement, Person, Reprisal, Response, SituationEvent
from amparo.model.case import UNReference

# matplotlib must write no cache into the home folder of whoever runs the tests.
os.environ.setdefault("MPLCONFIGDIR", tempfile.mkdtemp(prefix="amparo-test-mpl-"))

START, END = date(2025, 5, 1), date(2026, 4, 30)
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def person(ref: str, name: str, consent: object, role: str = "defender", gender: str = "woman",
           location: str = "in-country", **kw: object) -> Person:
    return Person(ref=ref, name=name, role=role, gender=gender, location=location,
                  consent=Consent.parse(consent), **kw)  # type: ignore[arg-type]


def case(title: str, country: str, people: tuple[Person, ...], reprisals: tuple[Reprisal, ...],
         engagements: tuple[Engagement, ...] = (), **kw: object) -> Case:
    return Case(title=title, country=country, people=people, reprisals=reprisals,
                engagements=engagements, fictional=True, **kw)  # type: ignore[arg-type]


def cases() -> dict[str, Case]:
    """Cases keyed by a letter; names and narratives carry markers the leak scan looks for."""
    hrc = Engagement(body="hrc", kind="session-participation", date=date(2025, 3, 10), people=("p1",),
                     description="Spoke at the Council.")
    cat = Engagement(body="tb:CAT", kind="review-dialogue", date=date(2025, 4, 20), people=("p1",))
    return {
        "A": case("Named defender", "HN", (person("p1", "Anabel Publicnamed", "public-named"),),
                  (Reprisal("threats", date(2025, 5, 10), ("p1",), "police", description="Threatened at home.",
                            link="Officers cited her speech in Geneva."),
                   Reprisal("surveillance", date(2025, 6, 2), ("p1",), "state-security")), (hrc,),
                  steps_taken=("Complaint filed with the prosecutor.",)),
        "B": case("Anonymous lawyer", "GT",
                  (person("p1", "Bruno Anonsecret", "public-anonymous", role="lawyer", gender="man",
                          organisation="Bufete Quetzal Secreto"),),
                  (Reprisal("arbitrary-arrest", date(2025, 7, 1), ("p1",), "police",
                            description="Bruno Anonsecret was arrested outside Bufete Quetzal Secreto."),),
                  (cat,)),
        "C": case("State-only", "CN", (person("p1", "Chen Stateonly", "state", location="in-custody"),),
                  (Reprisal("arbitrary-detention", date(2025, 8, 1), ("p1",),
                            description="NARRATIVE-C-SECRET detention."),)),
        "D": case("Mixed record", "CN",
                  (person("p1", "Dario Publicnamed", "public-named", gender="man"),
                   person("p2", "Dora Noconsent", "none", role="family-member")),
                  (Reprisal("family-targeted", date(2025, 9, 1), ("p1", "p2"),
                            description="NARRATIVE-D-SECRET visit."),)),
        "E": case("Left-out relative", "HN",
                  (person("p1", "Esteban Anonymous", "public-anonymous", gender="man", location="in-exile"),
                   person("p2", "Elena Unconfidential", "un-confidential", role="family-member",
                          description="a relative")),
                  (Reprisal("smear-campaign", date(2025, 10, 5), ("p1",),
                            description="Posts named Elena Unconfidential as his informant."),
                   Reprisal("harassment", date(2025, 10, 9), ("p2",), description="NARRATIVE-E2-SECRET calls.")),
                  (Engagement(body="upr", kind="written-submission", date=date(2025, 1, 15), people=("p1",)),)),
        "F": case("Reported earlier, named", "HN", (person("p1", "Fatima Followup", "public-named"),),
                  (Reprisal("criminal-charges", date(2024, 6, 1), ("p1",)),),
                  un_references=(UNReference("A/HRC/57/60", date(2024, 9, 1)),)),
        "G": case("Reported earlier, state only", "BI",
                  (person("p1", "Gaspard Stateonly", "state", gender="man", location="abroad"),),
                  (Reprisal("physical-attack", date(2025, 11, 3), ("p1",), description="NARRATIVE-G-SECRET."),
                   Reprisal("threats", date(2024, 7, 1), ("p1",)))),
        "H": case("Outside the period", "HN", (person("p1", "Hugo Outside", "public-named"),),
                  (Reprisal("threats", date(2026, 5, 2), ("p1",)),)),
    }


#: Letters of the cases with a reprisal in the period, the follow-up ones, the described ones.
IN_PERIOD = ("A", "B", "C", "D", "E", "G")
FOLLOW_UP = ("G",)
DESCRIBED = ("A", "B", "E")
SECRETS = ("NARRATIVE-C-SECRET", "NARRATIVE-D-SECRET", "NARRATIVE-E2-SECRET", "NARRATIVE-G-SECRET",
           "Chen", "Stateonly", "Bruno", "Anonsecret", "Quetzal", "Dora", "Noconsent", "Elena",
           "Unconfidential", "Esteban", "Gaspard")
PUBLIC_NAMES = ("Anabel Publicnamed", "Fatima Followup")


@dataclass
class Fixture:
    ids: dict[str, str]
    cases: dict[str, Case]
    actions: list[Action] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    events: list[SituationEvent] = field(default_factory=list)
    closures: dict[str, tuple[str, date]] = field(default_factory=dict)


def fill(store) -> Fixture:  # store: amparo.store.Store
    """Put the cases and their follow-up into ``store``; returns what was put."""
    made = cases()
    ids = {k: store.cases.add(c, now=NOW) for k, c in made.items()}
    fx = Fixture(ids=ids, cases=made)

    def act(letter: str, avenue: str, sent: date) -> str:
        a = Action(id="", case_id=ids[letter], avenue=avenue, action=None, sent_on=sent, channel="email",
                   disclosure=Circle.UN_CONFIDENTIAL)
        a_id = store.followup.add_action(a, now=NOW)
        fx.actions.append(replace(a, id=a_id))
        return a_id

    def respond(letter: str, kind: str, on: date, avenue: str | None, action_id: str | None = None,
                reference: str | None = None) -> None:
        r = Response(id="", case_id=ids[letter], kind=kind, received_on=on, from_avenue=avenue,
                     action_id=action_id, reference=reference)
        store.followup.add_response(r, now=NOW)
        fx.responses.append(r)

    a1 = act("A", "sp:human-rights-defenders", date(2025, 5, 12))
    respond("A", "acknowledgment", date(2025, 5, 14), "sp:human-rights-defenders", a1)
    respond("A", "communication-to-state", date(2025, 6, 1), "sp:human-rights-defenders", a1, "UA HND 1/2025")
    a2 = act("B", "sp:human-rights-defenders", date(2025, 7, 3))
    respond("B", "acknowledgment", date(2025, 7, 13), "sp:human-rights-defenders", a2)
    a3 = act("C", "sp:human-rights-defenders", date(2025, 8, 5))
    respond("C", "no-response", date(2025, 10, 5), "sp:human-rights-defenders", a3)
    a4 = act("D", "tb:CAT", date(2025, 9, 3))
    respond("D", "acknowledgment", date(2026, 6, 1), "tb:CAT", a4)  # answered after the period
    act("E", "tb:CAT", date(2025, 10, 6))
    act("A", "sg:report", date(2024, 12, 1))  # before the period: not counted
    respond("G", "annual-report-inclusion", date(2024, 9, 15), "sg:report", reference="A/HRC/57/60")
    respond("F", "state-reply", date(2025, 12, 1), "sp:human-rights-defenders", reference="Reply NARR-F")
    for letter, kind, on, people in (("F", "released", date(2025, 8, 20), ("p1",)),
                                     ("C", "charged", date(2025, 9, 1), ("p1",)),
                                     ("A", "left-country", date(2026, 1, 2), ("p1",)),
                                     ("B", "left-country", date(2026, 7, 1), ("p1",))):
        e = SituationEvent(id="", case_id=ids[letter], kind=kind, happened_on=on, people=people)
        store.followup.add_event(e, now=NOW)
        fx.events.append(e)
    store.closures.close(ids["F"], "released", date(2025, 9, 1), now=NOW)
    fx.closures[ids["F"]] = ("released", date(2025, 9, 1))
    return fx


