"""The format is defined once, by the models: the domain types, the writer, both readers and
the schema agree on every field, for any valid document."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import jsonschema
import pytest
from facts_samples import TODAY, minimal
from hypothesis import given, settings
from hypothesis import strategies as st

from amparo.model import Case, case_to_facts, parse_case_facts
from amparo.model import vocabularies as vocab
from amparo.model.consent import CIRCLE_VALUES, CONSENT_LEVELS
from amparo.model.facts.models import (
    CaseFacts,
    ConsentRecordFacts,
    EngagementFacts,
    FactsModel,
    PersonFacts,
    ReprisalFacts,
    UNReferenceFacts,
    WriterFacts,
)
from amparo.model.facts_document import case_from_trusted_facts
from amparo.model.schema import shipped_schema

MODELS = (CaseFacts, PersonFacts, ConsentRecordFacts, EngagementFacts, ReprisalFacts, UNReferenceFacts,
          WriterFacts)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_each_model_has_the_fields_of_its_domain_type_in_the_same_order(model: type[FactsModel]):
    fields = [f.name for f in dataclasses.fields(model.domain) if f.name != "id"]
    assert list(model.model_fields) == fields


def test_the_writer_leaves_out_what_is_absent_but_keeps_the_lists_of_events():
    facts = case_to_facts(Case(title="t", country="HN", people=parse_case_facts(minimal(), today=TODAY).people))
    assert facts["engagements"] == [] and facts["reprisals"] == []
    assert not {"notes", "already_public", "fictional", "writer", "un_references", "steps_taken"} & set(facts)
    assert facts["people"][0] == {"ref": "p1", "name": "Zyx Quorr", "role": "defender", "gender": "undisclosed",
                                  "location": "unknown", "consent": "state"}


def test_a_stored_document_without_its_optional_keys_reads_with_their_defaults():
    stored = {"title": "t", "country": "HN",
              "people": [{"ref": "p1", "name": "n", "role": "lawyer", "consent": "state"}],
              "reprisals": [{"type": "threats", "date": "2020-01-01", "people": ["p1"]}]}
    case = case_from_trusted_facts(stored, case_id="C-1")
    assert case.id == "C-1" and case.engagements == ()
    assert case.people[0].groups == () and case.people[0].gender == "undisclosed"
    assert case.reprisals[0].law is None and case.reprisals[0].perpetrator == "unknown"


def test_the_trusted_reader_ignores_a_key_it_does_not_know():
    stored = case_to_facts(parse_case_facts(minimal(), today=TODAY)) | {"added_later": 1}
    assert case_from_trusted_facts(stored) == parse_case_facts(minimal(), today=TODAY)


texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn")), max_size=12)
days = st.integers(min_value=0, max_value=3000).map(lambda n: (TODAY - timedelta(days=n)).isoformat())
circles = st.one_of(st.sampled_from(CONSENT_LEVELS), st.lists(st.sampled_from(CIRCLE_VALUES), unique=True))
consents = st.one_of(circles, st.fixed_dictionaries(
    {"circles": circles},
    optional={"per_avenue": st.dictionaries(st.sampled_from(["sg:report", "sp:*", "tb:CAT", "rg:iachr"]), circles),
              "review_on": st.integers(0, 400).map(lambda n: (TODAY + timedelta(days=n)).isoformat())}))


@st.composite
def documents(draw: st.DrawFn) -> dict:
    refs = [f"p{i}" for i in range(1, draw(st.integers(1, 3)) + 1)]
    some = st.lists(st.sampled_from(refs), min_size=1, unique=True)
    people = [draw(st.fixed_dictionaries(
        {"ref": st.just(ref), "name": texts.filter(str.strip), "role": st.sampled_from(vocab.ROLES)},
        optional=dict(
            gender=st.sampled_from(vocab.GENDERS), location=st.sampled_from(vocab.LOCATIONS), consent=consents,
            organisation=texts, description=texts, groups=st.lists(st.sampled_from(vocab.PERSON_GROUPS)),
            identifying_terms=st.lists(texts, max_size=3),
            consent_record=st.fixed_dictionaries({}, optional=dict(
                given_on=days, method=st.sampled_from(vocab.CONSENT_METHODS), recorded_by=texts, note=texts)),
        ))) for ref in refs]
    return draw(st.fixed_dictionaries(
        {"title": texts.filter(str.strip), "country": st.sampled_from(["HN", "bi", "CN", "FR"]),
         "people": st.just(people)},
        optional=dict(
            engagements=st.lists(st.fixed_dictionaries(
                {"body": st.sampled_from(["hrc", "upr", "tb:CAT", "sp:torture", "rg:iachr"]),
                 "kind": st.sampled_from(vocab.ENGAGEMENT_KINDS), "date": days, "people": some},
                optional=dict(session=texts, description=texts)), max_size=3),
            reprisals=st.lists(st.fixed_dictionaries(
                {"type": st.sampled_from(vocab.REPRISAL_TYPES), "date": days, "people": some},
                optional=dict(perpetrator=st.sampled_from(vocab.PERPETRATORS), description=texts,
                                   place=texts, link=texts, country=st.sampled_from(["ES", "us"]),
                                   law=st.sampled_from(vocab.LAWS))), max_size=3),
            notes=texts, already_public=st.booleans(), fictional=st.booleans(),
            steps_taken=st.lists(texts, max_size=2),
            un_references=st.lists(st.fixed_dictionaries(
                {"symbol": texts.filter(str.strip)}, optional=dict(date=days, note=texts)), max_size=2),
            writer=st.fixed_dictionaries({}, optional=dict(name=texts, capacity=texts, contact=texts)),
        )))


@settings(max_examples=200, deadline=None)
@given(documents())
def test_any_valid_document_round_trips_through_the_writer_and_both_readers(document):
    case = parse_case_facts(document, today=TODAY)
    facts = case_to_facts(case)
    assert parse_case_facts(facts, today=TODAY) == case
    assert case_from_trusted_facts(facts) == case
    assert case_from_trusted_facts(facts, case_id="C-X") == dataclasses.replace(case, id="C-X")
    jsonschema.Draft202012Validator(shipped_schema()).validate(document)
    jsonschema.Draft202012Validator(shipped_schema()).validate(facts)
