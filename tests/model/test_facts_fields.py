"""The fields and vocabularies added to case facts: person groups and identifying terms, a
reprisal's country and law, death threats and spyware, and consent scoped per avenue."""

from __future__ import annotations

from datetime import date, timedelta

import jsonschema
import pytest
from facts_samples import NAME, TODAY, minimal, problems

from amparo.model import case_to_facts, consent_scopes, parse_case_facts
from amparo.model import vocabularies as vocab
from amparo.model.consent import Circle
from amparo.model.facts_document import case_from_trusted_facts
from amparo.model.schema import shipped_schema

#: Every identifier users' files may hold, as of the first release: none may be renamed.
RELEASED_REPRISAL_TYPES = (
    "threats", "harassment", "smear-campaign", "surveillance", "hacking", "travel-ban",
    "airport-interrogation", "arbitrary-arrest", "arbitrary-detention", "criminal-charges",
    "conviction", "enforced-disappearance", "torture-ill-treatment", "sexual-violence",
    "denial-of-medical-care", "physical-attack", "property-damage", "killing",
    "professional-sanction", "ngo-deregistration", "funding-restriction", "restrictive-law",
    "family-targeted", "confiscation", "other",
)


def everything() -> dict:
    data = minimal()
    data["people"][0].update(
        groups=["indigenous", "child", "indigenous"], identifying_terms=["the teacher", "  ", "Río Blanco"],
        consent={"circles": "un-confidential", "per_avenue": {"sg:report": "public-anonymous", "sp:*": "none"},
                 "review_on": "2027-05-01"})
    data["reprisals"].append({"type": "spyware", "date": "2018-01-10", "people": ["p1"], "country": "es",
                              "law": "foreign-agents"})
    data["reprisals"].append({"type": "death-threat", "date": "2017-12-01", "people": ["p1", "p2"]})
    return data


def test_the_new_fields_are_read_into_the_case():
    case = parse_case_facts(everything(), today=TODAY)
    person = case.person("p1")
    assert person.groups == ("indigenous", "child")  # each group once, in the order given
    assert person.identifying_terms == ("the teacher", "Río Blanco")  # blank terms read as absent
    spyware = next(r for r in case.reprisals if r.type == "spyware")
    assert (spyware.country, spyware.law) == ("ES", "foreign-agents")
    assert [r.type for r in case.reprisals] == ["airport-interrogation", "death-threat", "spyware"]
    assert person.consent.circles_for("sg:report") == {Circle.UN_CONFIDENTIAL, Circle.STATE,
                                                       Circle.PUBLIC_ANONYMOUS}
    assert person.consent.circles_for("sp:torture") == set()
    assert person.consent.review_on == date(2027, 5, 1)


def test_the_new_fields_default_to_empty_and_leave_old_constructors_working():
    case = parse_case_facts(minimal(), today=TODAY)
    assert case.people[0].groups == () and case.people[0].identifying_terms == ()
    assert case.reprisals[0].country is None and case.reprisals[0].law is None
    assert "groups" not in case_to_facts(case)["people"][0]
    assert "country" not in case_to_facts(case)["reprisals"][0]


def test_the_new_fields_round_trip_through_the_writer_both_readers_and_the_schema():
    case = parse_case_facts(everything(), today=TODAY)
    facts = case_to_facts(case)
    assert parse_case_facts(facts, today=TODAY) == case
    assert case_from_trusted_facts(facts) == case
    assert facts["people"][0]["consent"] == {
        "circles": "un-confidential", "per_avenue": {"sg:report": "public-anonymous", "sp:*": "none"},
        "review_on": "2027-05-01"}
    jsonschema.Draft202012Validator(shipped_schema()).validate(facts)


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("groups", ["child", "elderly"], "people[0].groups[1]: 'elderly' is not one of child, indigenous, minority, "
                                     "lgbtiq, person-with-disability, migrant-or-refugee"),
    ("groups", "child", "people[0].groups: expected a list, got text"),
    ("identifying_terms", "the teacher", "people[0].identifying_terms: expected a list of text"),
    ("identifying_terms", [3], "people[0].identifying_terms: expected a list of text"),
    ("identifying_terms", ["x" * 501], "people[0].identifying_terms[0]: is longer than 500 characters"),
])
def test_bad_person_groups_and_terms_are_named(field, value, expected):
    data = minimal()
    data["people"][0][field] = value
    assert problems(data) == [expected]


def test_identifying_terms_are_treated_like_a_name_and_never_echoed():
    data = minimal()
    data["people"][0]["identifying_terms"] = [f"{NAME}\n", "Quorr", f"the wife of {NAME}\x07"]
    text = " ".join(problems(data))
    assert "people[0].identifying_terms[0]" in text and "people[0].identifying_terms[2]" in text
    assert "Zyx" not in text and "Quorr" not in text and "wife" not in text


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("country", "ZZ", "reprisals[0].country: 'ZZ' is not an ISO 3166-1 alpha-2 country code"),
    ("country", "Spain", "reprisals[0].country: this text is not an ISO 3166-1 alpha-2 country code"),
    ("law", "sedition", "reprisals[0].law: 'sedition' is not one of counter-terrorism, extremism, "
                        "national-security, foreign-agents, defamation-or-false-news, other"),
    ("type", "death-threats", "reprisals[0].type: 'death-threats' is not one of threats, death-threat,"),
])
def test_bad_reprisal_country_law_and_type_are_named(field, value, expected):
    data = minimal()
    data["reprisals"][0][field] = value
    (problem,) = problems(data)
    assert problem.startswith(expected), problem


def test_every_released_reprisal_type_is_still_read_and_the_new_ones_too():
    assert set(RELEASED_REPRISAL_TYPES) <= set(vocab.REPRISAL_TYPES)
    assert {"death-threat", "spyware"} <= set(vocab.REPRISAL_TYPES)
    data = minimal()
    data["reprisals"] = [{"type": t, "date": "2020-01-01", "people": ["p1"]} for t in vocab.REPRISAL_TYPES]
    assert len(parse_case_facts(data, today=TODAY).reprisals) == len(vocab.REPRISAL_TYPES)


def test_every_law_and_group_is_read():
    data = minimal()
    data["people"][0]["groups"] = list(vocab.PERSON_GROUPS)
    data["reprisals"] = [{"type": "criminal-charges", "date": "2020-01-01", "people": ["p1"], "law": law}
                         for law in vocab.LAWS]
    case = parse_case_facts(data, today=TODAY)
    assert case.people[0].groups == vocab.PERSON_GROUPS
    assert tuple(r.law for r in case.reprisals) == vocab.LAWS


@pytest.mark.parametrize("consent", ["state", ["un-confidential", "public-anonymous"],
                                     {"circles": "state"},
                                     {"circles": ["un-confidential"], "per_avenue": {"tb:CAT": "state"}},
                                     {"circles": "none", "review_on": TODAY.isoformat()}])
def test_the_three_forms_of_consent_are_read_and_accepted_by_the_schema(consent):
    data = minimal()
    data["people"][0]["consent"] = consent
    case = parse_case_facts(data, today=TODAY)
    jsonschema.Draft202012Validator(shipped_schema()).validate(data)
    assert parse_case_facts(case_to_facts(case), today=TODAY) == case


def test_a_consent_review_date_in_the_past_is_a_problem_at_its_path():
    data = minimal()
    data["people"][0]["consent"] = {"circles": "state", "review_on": (TODAY - timedelta(days=1)).isoformat()}
    assert problems(data) == ["people[0].consent.review_on: is in the past: a consent to be reviewed must "
                              "have a review date ahead"]


@pytest.mark.parametrize(("consent", "where"), [
    ({"circles": "state", "per_avenue": {"sg:report": "press"}}, "people[0].consent.per_avenue.'sg:report': "),
    ({"circles": "state", "review_on": "next spring"}, "people[0].consent.review_on: "),
    ({"per_avenue": {}}, "people[0].consent.circles: "),
    ({"circles": "state", "until": "2027-01-01"}, "people[0].consent.'until': "),
])
def test_a_bad_scoped_consent_is_named_down_to_its_part(consent, where):
    data = minimal()
    data["people"][0]["consent"] = consent
    (problem,) = problems(data)
    assert problem.startswith(where), problem
    assert "spring" not in problem


def test_the_schema_refuses_what_the_reader_refuses_in_the_new_fields():
    validator = jsonschema.Draft202012Validator(shipped_schema())
    for field, value in (("groups", ["elderly"]), ("identifying_terms", ["x" * 501])):
        data = minimal()
        data["people"][0][field] = value
        assert not validator.is_valid(data), field
    for field, value in (("law", "sedition"), ("country", "Spain")):
        data = minimal()
        data["reprisals"][0][field] = value
        assert not validator.is_valid(data), field
    data = minimal()
    data["people"][0]["consent"] = {"circles": "state", "per_avenue": {"Avenue": "state"}}
    assert not validator.is_valid(data)


def test_consent_scopes_lists_every_avenue_key_with_its_path():
    data = everything()
    data["people"][1]["consent"] = {"circles": "none", "per_avenue": {"rg:iachr": "state"}}
    case = parse_case_facts(data, today=TODAY)
    assert consent_scopes(case) == [
        ("people[0].consent.per_avenue.'sg:report'", "sg:report"),
        ("people[0].consent.per_avenue.'sp:*'", "sp:*"),
        ("people[1].consent.per_avenue.'rg:iachr'", "rg:iachr"),
    ]
    assert consent_scopes(parse_case_facts(minimal(), today=TODAY)) == []
