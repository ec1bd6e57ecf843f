"""Redaction: who is named, how others are described, and scrubbing of the user's text."""

from __future__ import annotations

import dataclasses

import pytest
from drafting_fixtures import AVENUES, CONFIDENTIAL, PUBLIC, WITHHELD, three_people_case

from amparo.disclosure.redaction import plan_redaction
from amparo.drafting import build_document, render
from amparo.language.i18n import Language
from amparo.model.case import Person
from amparo.model.consent import Circle, Consent


def test_name_parts_any_case_and_without_accents_are_replaced():
    r = plan_redaction(three_people_case(), Circle.STATE, Language("en"))
    text = r.text("Seen: ZOFIA, kowalczyk, Mr Brzeziński, Zofia_Kowalczyk.pdf; Halina Wróblewska.")
    for part in ("zofia", "kowalczyk", "brzezi"):
        assert part not in text.casefold()
    assert PUBLIC in text  # the consenting person keeps her name


def test_a_surname_shared_with_a_named_person_does_not_erase_her_name():
    case = three_people_case()
    sister = Person(ref="p4", name="Anna Wróblewska", role="family-member", gender="woman",
                    consent=Consent.none())
    case = dataclasses.replace(case, people=(*case.people, sister))
    r = plan_redaction(case, Circle.PUBLIC_NAMED, Language("en"))
    out = r.text(f"{PUBLIC} and Anna Wróblewska were followed.")
    assert out.startswith(PUBLIC) and "Anna" not in out


def test_colliding_descriptions_are_numbered_and_consistent():
    case = three_people_case()
    people = tuple(dataclasses.replace(p, consent=Consent.none()) if p.ref != "p3" else p
                   for p in case.people)
    r = plan_redaction(dataclasses.replace(case, people=people), Circle.STATE, Language("en"))
    assert r.person("p1").endswith("(A)") and r.person("p2").endswith("(B)")
    assert r.text(WITHHELD) == r.person("p1") and r.text(CONFIDENTIAL) == r.person("p2")


def test_generated_description_uses_gender_role_and_location():
    r = plan_redaction(three_people_case(), Circle.STATE, Language("en"))
    assert r.person("p2") == "a lawyer, now in exile"
    fr = plan_redaction(three_people_case(), Circle.STATE, Language("fr"))
    assert fr.person("p2") == "un avocat, aujourd'hui en exil"


def test_consent_none_gets_a_description_that_says_nothing_about_them():
    case = three_people_case()
    people = tuple(dataclasses.replace(p, description="her sister from the capital")
                   if p.ref == "p1" else p for p in case.people)
    r = plan_redaction(dataclasses.replace(case, people=people), Circle.STATE, Language("en"))
    assert r.person("p1") == "a person whose identity is withheld"


def test_the_withheld_persons_organisation_is_replaced(case3, today):
    doc = build_document(case3, AVENUES["tb:CAT"], today=today)
    text = " ".join(render(doc, "txt").decode().split())
    assert "Kowalczyk" not in text
    assert "of the [organisation withheld]" in text
    assert "Civic Monitor (fictional)" in text  # the named person's organisation stays
    assert PUBLIC in text


@pytest.mark.parametrize("circle,named", [
    ("un-confidential", {"p2", "p3"}), ("state", {"p3"}), ("public-named", {"p3"}),
])
def test_named_people_are_those_whose_consent_reaches_the_circle(circle, named):
    r = plan_redaction(three_people_case(), Circle(circle), Language("en"))
    assert r.named == named
