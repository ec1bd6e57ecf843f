"""The answers to OHCHR's Special Procedures questionnaire: the form's fields, the same consent gate."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from drafting_files import searchable
from drafting_fixtures import WITHHELD_ORG, evidence, named_at, three_people_case

from amparo.drafting import build_document, render, suggested_filename
from amparo.knowledge import load
from amparo.model.errors import InvalidInput
from amparo.model.profile import WriterProfile

KB = load()
SP = sorted(a.id for a in KB.avenues if a.family == "sp" and a.active)
TODAY = date(2026, 11, 28)
PROFILE = WriterProfile(organisation="Red Andina", contact="Ana Quispe", email="ana@red.example")
FIELDS = ("Alleged victims", "Alleged perpetrators", "Source of the information (confidential)",
          "Information that must remain confidential", "Date of the incidents", "Place of the incidents",
          "Description of the incidents", "Steps taken at the national level", "Consent of the alleged victims")


def _doc(avenue_id, **kw):
    avenue = KB.avenue(avenue_id)
    case = three_people_case()
    if avenue.countries:
        case = dataclasses.replace(case, country=avenue.countries[0])
    return build_document(case, avenue, today=TODAY, evidence=evidence(), profile=PROFILE, **kw)


@pytest.mark.parametrize("avenue_id", SP)
def test_the_questionnaire_names_nobody_beyond_consent(avenue_id):
    doc = _doc(avenue_id)
    text = searchable("sp-questionnaire", render(doc, "sp-questionnaire"))
    shown, hidden = named_at(doc.purpose.circle)
    for name in hidden:
        for part in [name, *name.split()]:
            assert part.casefold() not in text.casefold()
    assert WITHHELD_ORG.casefold() not in text.casefold()
    for name in shown:
        assert name in text


def test_the_answers_follow_the_form_field_by_field():
    text = render(_doc("sp:human-rights-defenders"), "sp-questionnaire").decode()
    positions = [text.index(f"## {field}") for field in FIELDS]
    assert positions == sorted(positions)
    # The source is given (anonymous communications are not considered), in confidence.
    source = text.split("## Source of the information (confidential)")[1].split("##")[0]
    assert "Red Andina" in source and "ana@red.example" in source
    assert "The identity of the source must remain confidential." in text
    # The consenting person named to the State says yes; the one who is not, no.
    assert "Halina Wróblewska: agrees that a letter naming them be sent to the Government: Yes" in text
    assert "Tomasz Brzezinski: agrees that a letter naming them be sent to the Government: No" in text
    assert "Do not disclose to the State the identity of: Tomasz Brzezinski." in text


def test_the_questionnaire_is_for_special_procedures_only_and_named_as_markdown():
    with pytest.raises(InvalidInput) as caught:
        render(_doc_for("tb:CAT"), "sp-questionnaire")
    assert "sp:" in str(caught.value)
    assert suggested_filename(_doc("sp:torture"), "sp-questionnaire").endswith(".md")


def _doc_for(avenue_id):
    return build_document(three_people_case(), KB.avenue(avenue_id), today=TODAY, profile=PROFILE)
