"""A named defender and a withheld relative often share a surname.

Before: the withheld brother's surname was replaced inside his consenting sister's
organisation ("Salvesen Legal Aid Bureau" → "(another person) Legal Aid Bureau"), which an
officer cannot read and which says that someone else shares the name. The organisation as a
whole now keeps its name; the brother's own name, alone or in part, is still replaced.
"""

from __future__ import annotations

from amparo.disclosure.redaction import plan_redaction
from amparo.language.i18n import Language
from amparo.model.case import Case, Person
from amparo.model.consent import Circle, Consent


def _case(organisation: str) -> Case:
    return Case(title="t", country="BY", people=(
        Person(ref="p1", name="Ingrid Salvesen", role="lawyer", organisation=organisation,
               consent=Consent.up_to("un-confidential")),
        Person(ref="p2", name="Magnus Salvesen", role="family-member", consent=Consent.none()),
    ))


def test_the_named_persons_organisation_keeps_a_surname_she_shares_with_a_withheld_relative():
    redactor = plan_redaction(_case("Salvesen Legal Aid Bureau"), Circle.UN_CONFIDENTIAL, Language("en"))
    out = redactor.text("Ingrid Salvesen works at Salvesen Legal Aid Bureau.")
    assert out == "Ingrid Salvesen works at Salvesen Legal Aid Bureau."


def test_the_withheld_relatives_name_is_still_replaced_alone_and_in_part():
    redactor = plan_redaction(_case("Salvesen Legal Aid Bureau"), Circle.UN_CONFIDENTIAL, Language("en"))
    for text in ("Magnus Salvesen was questioned.", "Magnus was questioned.", "Mr Salvesen was questioned."):
        out = redactor.text(text)
        assert "Magnus" not in out and "Mr Salvesen" not in out, out


def test_an_organisation_holding_the_withheld_persons_full_name_is_not_kept_whole():
    redactor = plan_redaction(_case("Magnus Salvesen Foundation"), Circle.UN_CONFIDENTIAL, Language("en"))
    assert "Magnus" not in redactor.text("She works at Magnus Salvesen Foundation.")
