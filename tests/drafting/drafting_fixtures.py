"""Test data for drafting: avenues of every family, and a case with three consent levels."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from amparo.knowledge.types import Avenue, AvenueAction, Channel, Source
from amparo.model.case import (
    Case,
    ConsentRecord,
    Engagement,
    Evidence,
    Person,
    Reprisal,
    Writer,
)
from amparo.model.consent import Circle, Consent

#: Names chosen so that no part of one is a part of another or a word of the templates.
WITHHELD = "Zofia Kowalczyk"  # consent none
CONFIDENTIAL = "Tomasz Brzezinski"  # consent un-confidential
PUBLIC = "Halina Wróblewska"  # consent public-named
WITHHELD_ORG = "Kowalczyk Foundation for Civic Voices"


def _action(id_: str, circle: Circle, **kw) -> AvenueAction:
    return AvenueAction(id=id_, name=id_.replace("-", " ").capitalize(), description="…",
                        disclosure=circle, **kw)


def _avenue(id_: str, family: str, name: str, actions, channels, **kw) -> Avenue:
    return Avenue(id=id_, family=family, name=name, short_name=id_, summary="…", triggers=(),
                  actions=tuple(actions), channels=tuple(channels), languages=("en", "fr", "es"),
                  sources=(Source("test"),), reviewed=date(2026, 11, 1), **kw)


AVENUES = {
    "sg:report": _avenue(
        "sg:report", "sg", "Secretary-General's annual report on reprisals (through OHCHR)",
        [_action("named-case", Circle.PUBLIC_NAMED, anonymous_form=True),
         _action("confidential-follow-up", Circle.UN_CONFIDENTIAL)],
        [Channel("email", "reprisals@ohchr.org")]),
    "sp:human-rights-defenders": _avenue(
        "sp:human-rights-defenders", "sp",
        "Special Rapporteur on the situation of human rights defenders",
        [_action("communication", Circle.STATE, later=Circle.PUBLIC_NAMED, later_after_days=60),
         _action("press-release", Circle.PUBLIC_NAMED, anonymous_form=True)],
        [Channel("online-form", None, note="The exact address is not confirmed.", verified=False),
         Channel("email", "urgent-action@ohchr.org")],
        first_for=("sp:human-rights-defenders",)),
    "tb:CAT": _avenue(
        "tb:CAT", "tb", "Committee against Torture",
        [_action("letter-to-state", Circle.STATE),
         _action("concluding-observations", Circle.PUBLIC_ANONYMOUS)],
        [Channel("via-secretariat", None, note="Through the Committee's secretariat.")],
        first_for=("tb:CAT",)),
    "hrc:president": _avenue(
        "hrc:president", "hrc", "President of the Human Rights Council",
        [_action("raise-with-delegation", Circle.STATE),
         _action("public-statement", Circle.PUBLIC_NAMED)],
        [Channel("via-secretariat", None)], first_for=("hrc", "upr")),
    "sg:senior-official": _avenue(
        "sg:senior-official", "sg", "Assistant Secretary-General for Human Rights",
        [_action("confidential-letter", Circle.UN_CONFIDENTIAL)],
        [Channel("email", "reprisals@ohchr.org")]),
    "rg:iachr": _avenue(
        "rg:iachr", "rg", "Inter-American Commission on Human Rights",
        [_action("precautionary-measures", Circle.STATE)],
        [Channel("online-form", None)], countries=("HN", "CO")),
}


def three_people_case(country: str = "CO") -> Case:
    """One person with consent none, one un-confidential, one public-named."""
    record = ConsentRecord(given_on=date(2026, 6, 1), method="in-person", recorded_by="cw")
    people = (
        Person(ref="p1", name=WITHHELD, role="ngo-staff", gender="woman",
               organisation=WITHHELD_ORG, location="in-country", consent=Consent.none()),
        Person(ref="p2", name=CONFIDENTIAL, role="lawyer", gender="man", location="in-exile",
               consent=Consent.up_to("un-confidential"), consent_record=record),
        Person(ref="p3", name=PUBLIC, role="defender", gender="woman", location="in-custody",
               organisation="Civic Monitor (fictional)", consent=Consent.up_to("public-named"),
               consent_record=dataclasses.replace(record, method="by-relative")),
    )
    return Case(
        id="case-7", title=f"Case of {PUBLIC}", country=country, people=people, fictional=True,
        engagements=(
            Engagement(body="tb:CAT", kind="written-submission", date=date(2026, 5, 2),
                       people=("p1", "p2", "p3"), session="CAT 80th session",
                       description=f"{PUBLIC} and {CONFIDENTIAL} co-wrote the report with "
                                   f"{WITHHELD} of the {WITHHELD_ORG}."),
            Engagement(body="hrc", kind="session-participation", date=date(2026, 6, 20),
                       people=("p3",), session="Human Rights Council, 62nd session"),
        ),
        reprisals=(
            Reprisal(type="arbitrary-detention", date=date(2026, 7, 1), people=("p3",),
                     perpetrator="police", place="the capital",
                     description=f"{PUBLIC} was arrested; officers asked about Kowalczyk.",
                     link="Officers asked what she told Geneva."),
            Reprisal(type="threats", date=date(2026, 5, 20), people=("p1", "p2"),
                     perpetrator="unknown",
                     description="Calls to ZOFIA and to Mr Brzezinski: 'stop talking to the UN'."),
        ),
        steps_taken=(f"A complaint was filed on behalf of {WITHHELD}.",),
        writer=Writer(name="Test Network (fictional)", capacity="NGO", contact="a secure channel"),
    )


def evidence() -> tuple[Evidence, ...]:
    at = datetime(2026, 7, 2, 9, 0)
    return (
        Evidence(id="ev1", case_id="case-7", filename="arrest-warrant.pdf",
                 media_type="application/pdf", size=3, sha256="0" * 64, received_at=at,
                 description="Copy of the warrant", names_people=("p3",)),
        Evidence(id="ev2", case_id="case-7", filename="Zofia_Kowalczyk_statement.pdf",
                 media_type="application/pdf", size=3, sha256="1" * 64, received_at=at,
                 description=f"Statement by {WITHHELD}", names_people=("p1",)),
    )


def named_at(circle: Circle) -> tuple[list[str], list[str]]:
    """(names that must appear, names that must not) for a draft at ``circle``."""
    case = three_people_case()
    shown = [p.name for p in case.people if p.consent.allows(circle)]
    hidden = [p.name for p in case.people if not p.consent.allows(circle)]
    return shown, hidden
