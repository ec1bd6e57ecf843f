"""The consent gate: both forms of consent, widest circle, blockers by reference."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amparo.model.consent import (
    CIRCLE_VALUES,
    Circle,
    Consent,
    ConsentValueError,
    gate,
    widest,
)


def test_shorthand_level_means_that_circle_and_every_narrower_one():
    assert Consent.parse("state").circles == {Circle.UN_CONFIDENTIAL, Circle.STATE}
    assert Consent.parse("public-named").circles == set(Circle)
    assert Consent.parse("none").circles == set()


def test_explicit_set_can_skip_a_circle():
    # Anonymised mention in the annual report, but the government must not be told it is her.
    c = Consent.parse(["un-confidential", "public-anonymous"])
    assert c.allows("public-anonymous")
    assert not c.allows("state")
    assert c.to_facts() == ["un-confidential", "public-anonymous"]


def test_to_facts_writes_the_shorthand_back_when_it_is_one():
    assert Consent.parse(["state", "un-confidential"]).to_facts() == "state"
    assert Consent.none().to_facts() == "none"


@pytest.mark.parametrize("bad", ["public", "", 3, None, ["state", "press"]])
def test_bad_consent_values_are_refused_with_the_allowed_values(bad):
    with pytest.raises(ConsentValueError) as exc:
        Consent.parse(bad)
    assert "un-confidential" in str(exc.value)


def test_gate_uses_the_widest_circle_of_an_action_published_later():
    consents = {"p1": Consent.parse("state")}
    # A communication goes to the State at once and is published later.
    decision = gate([Circle.STATE, Circle.PUBLIC_NAMED], consents)
    assert not decision.allowed
    assert decision.circle is Circle.PUBLIC_NAMED
    assert decision.needs == [{"person": "p1", "circle": "public-named"}]


def test_gate_names_every_blocker_and_only_them():
    consents = {
        "p1": Consent.parse("public-named"),
        "p2": Consent.parse("none"),
        "p3": Consent.parse(["un-confidential"]),
    }
    decision = gate("state", consents)
    assert [b.person for b in decision.blockers] == ["p2", "p3"]
    assert gate("un-confidential", {"p1": consents["p1"], "p3": consents["p3"]}).allowed


def test_every_circle_an_action_reaches_must_be_consented_not_only_the_widest():
    # She accepts a public anonymised mention but refuses that the State be told it is her:
    # a communication to the State that is published later must be blocked for her.
    her = {"p2": Consent.parse(["un-confidential", "public-anonymous"])}
    decision = gate(["state", "public-anonymous"], her)
    assert not decision.allowed
    assert decision.needs == [{"person": "p2", "circle": "state"}]
    assert gate(["un-confidential", "public-anonymous"], her).allowed


def test_an_action_that_identifies_nobody_is_allowed():
    assert gate("public-named", {}).allowed


def test_widest():
    assert widest(["state", "un-confidential"]) is Circle.STATE
    with pytest.raises(ValueError):
        widest([])


consent_values = st.one_of(
    st.sampled_from(["none", *CIRCLE_VALUES]),
    st.lists(st.sampled_from(CIRCLE_VALUES), unique=True),
)


@given(st.dictionaries(st.sampled_from(["p1", "p2", "p3"]), consent_values, min_size=1),
       st.lists(st.sampled_from(CIRCLE_VALUES), min_size=1, max_size=2))
def test_an_allowed_action_is_within_everyone_s_consent(people, circles):
    consents = {ref: Consent.parse(v) for ref, v in people.items()}
    decision = gate(circles, consents)
    assert decision.circle is widest(circles)
    assert decision.allowed == all(c.allows(x) for c in consents.values() for x in circles)
    for ref, value in people.items():
        if value == "none" or value == []:
            assert not decision.allowed
            assert ref in [b.person for b in decision.blockers]


def test_consent_scoped_per_avenue_yes_to_the_report_no_to_special_procedures():
    c = Consent.parse({"circles": "un-confidential",
                       "per_avenue": {"sg:report": "public-anonymous", "sp:*": "none"}})
    assert gate("public-anonymous", {"p1": c}, avenue="sg:report").allowed
    assert not gate("un-confidential", {"p1": c}, avenue="sp:torture").allowed
    assert gate("un-confidential", {"p1": c}, avenue="tb:CAT").allowed
    # An avenue's own scope wins over its family's.
    c2 = Consent.parse({"circles": "none", "per_avenue": {"sp:*": "none", "sp:torture": "state"}})
    assert gate("state", {"p1": c2}, avenue="sp:torture").allowed
    assert Consent.parse(c.to_facts()) == c


def test_consent_past_its_review_date_blocks_until_renewed():
    from datetime import date

    c = Consent.parse({"circles": "public-named", "review_on": "2026-06-01"})
    assert gate("public-named", {"p1": c}, today=date(2026, 6, 1)).allowed
    decision = gate("un-confidential", {"p1": c}, today=date(2026, 6, 2))
    assert not decision.allowed
    assert decision.blockers[0].expired
    assert "renewed" in decision.blockers[0].message()


@pytest.mark.parametrize("bad, where", [
    ({"per_avenue": {}}, "circles"),
    ({"circles": "state", "per_avenue": {"sg:report": "press"}}, "per_avenue.'sg:report'"),
    ({"circles": "state", "per_avenue": {"Daniela Mejía": "state"}}, "per_avenue.this value"),
    ({"circles": "state", "review_on": "next spring"}, "review_on"),
    ({"circles": "state", "until": "2027-01-01"}, "'until'"),
])
def test_bad_scoped_consent_names_where_and_never_echoes_a_name(bad, where):
    with pytest.raises(ConsentValueError) as exc:
        Consent.parse(bad)
    assert exc.value.path == where
    assert "Daniela" not in str(exc.value) and "spring" not in str(exc.value)


def test_gate_says_person_by_person_who_is_cleared():
    consents = {"p1": Consent.parse("state"), "p2": Consent.parse("none"), "p3": Consent.parse("public-named")}
    decision = gate(["state", "public-named"], consents)
    assert decision.cleared == ("p3",)
    assert decision.blocked == ("p1", "p2")
