"""The case-facts format: clear errors naming the field, and a lossless round trip."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from amparo.model import InvalidInput, case_to_facts, load_case_facts, parse_case_facts

DEMO = sorted((Path(__file__).parents[2] / "src/amparo/service/demo").glob("[0-9]-*.json"))
TODAY = date(2026, 11, 28)

MINIMAL = {
    "title": "t", "country": "HN",
    "people": [{"ref": "p1", "name": "Zyx Quorr", "role": "defender", "consent": "state"}],
    "engagements": [{"body": "hrc", "kind": "travel-to-session", "date": "2017-03-06", "people": ["p1"]}],
    "reprisals": [{"type": "airport-interrogation", "date": "2017-03-06", "people": ["p1"],
                   "perpetrator": "state-security", "description": "held at the airport"}],
}


def problems(data) -> list[str]:
    with pytest.raises(InvalidInput) as exc:
        parse_case_facts(data, today=TODAY)
    return [str(p) for p in exc.value.problems]


@pytest.mark.parametrize("path", DEMO, ids=lambda p: p.stem)
def test_demo_cases_round_trip(path):
    data = json.loads(path.read_text())
    case = parse_case_facts(data, today=TODAY)
    again = parse_case_facts(case_to_facts(case), today=TODAY)
    assert again == case
    assert case.fictional


def test_the_issue_s_own_example_message():
    data = copy.deepcopy(MINIMAL)
    data["people"][0]["consent"] = "public"
    assert problems(data) == [
        "people[0].consent: 'public' is not one of none, un-confidential, state, "
        "public-anonymous, public-named, or a list of circles"
    ]


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.update(country="ZZ"), "country: 'ZZ' is not an ISO 3166-1 alpha-2 country code"),
        (lambda d: d["reprisals"][0].update(type="jailed"), "reprisals[0].type: 'jailed' is not one of"),
        (lambda d: d["reprisals"][0].update(people=["p9"]), "reprisals[0].people[0]: 'p9' is not the ref"),
        (lambda d: d["engagements"][0].update(date="2031-01-01"), "engagements[0].date: 2031-01-01 is in the future"),
        (lambda d: d["engagements"][0].update(date="06/03/2017"), "engagements[0].date: '06/03/2017' is not a date"),
        (lambda d: d["engagements"][0].update(date="2017-02-30"), "is not a real calendar date"),
        (lambda d: d["engagements"][0].update(body="tb:XYZ"), "engagements[0].body: 'tb:XYZ' is not a body slug"),
        (lambda d: d["people"][0].update(relation_to="p1"), "people[0].relation_to"),
        (lambda d: d["people"].append(dict(d["people"][0])), "people[1].ref: 'p1' is used by another person"),
        (lambda d: d.update(colour="red"), "colour: unknown field"),
        (lambda d: d.pop("people"), "people: is required"),
    ],
)
def test_each_fault_is_named_with_its_path(mutate, expected):
    data = copy.deepcopy(MINIMAL)
    mutate(data)
    assert any(expected in p for p in problems(data)), problems(data)


def test_every_fault_is_reported_at_once():
    data = copy.deepcopy(MINIMAL)
    data["country"] = "XX"
    data["people"][0]["role"] = "hero"
    assert len(problems(data)) == 2


def test_messages_never_echo_a_name_or_a_narrative():
    data = copy.deepcopy(MINIMAL)
    data["people"][0]["role"] = "Zyx Quorr is a lawyer who was held at the airport"
    data["reprisals"][0]["people"] = ["Zyx Quorr"]
    text = " ".join(problems(data))
    assert "Zyx" not in text and "airport" not in text


def test_country_code_is_normalised_to_upper_case():
    data = copy.deepcopy(MINIMAL)
    data["country"] = "hn"
    assert parse_case_facts(data, today=TODAY).country == "HN"


def test_exported_fields_added_by_case_show_are_ignored_on_import():
    data = copy.deepcopy(MINIMAL) | {"id": "C-ABCD1234", "status": "open", "history": []}
    assert parse_case_facts(data, today=TODAY).title == "t"


def test_file_errors_name_the_file_and_position(tmp_path):
    bad = tmp_path / "case.json"
    bad.write_text('{"title": "t",\n "country": }')
    with pytest.raises(InvalidInput, match=r"case.json: not valid JSON at line 2, column 13"):
        load_case_facts(bad, today=TODAY)
    with pytest.raises(InvalidInput, match="cannot read the file"):
        load_case_facts(tmp_path / "missing.json", today=TODAY)
    bad.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(InvalidInput, match="not UTF-8"):
        load_case_facts(bad, today=TODAY)


@pytest.mark.parametrize("path", DEMO, ids=lambda p: p.stem)
def test_trusted_reading_of_stored_facts_gives_the_same_case(path):
    from amparo.model.facts_document import case_from_trusted_facts

    case = parse_case_facts(json.loads(path.read_text()), today=TODAY)
    assert case_from_trusted_facts(case_to_facts(case)) == case
    assert case_from_trusted_facts(case_to_facts(case), case_id="C-X").id == "C-X"


def test_the_four_demo_cases_are_found():
    # The parametrized tests above would pass vacuously on an empty glob.
    assert len(DEMO) == 4
