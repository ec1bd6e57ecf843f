"""Triage ranking: first notify, the SG report and senior official, fitting mandates, regional."""

from __future__ import annotations

import copy
import json
import re
from datetime import date

import pytest

from amparo.guidance import Plan, check_bodies, triage
from amparo.model import InvalidInput, parse_case_facts

TODAY = date(2026, 11, 28)

BASE = {
    "title": "t", "country": "HN",
    "people": [{"ref": "p1", "name": "Zyx Quorr", "role": "defender", "gender": "man",
                "location": "in-country", "consent": "public-named"}],
    "engagements": [{"body": "hrc", "kind": "session-participation", "date": "2026-03-01", "people": ["p1"]}],
    "reprisals": [{"type": "harassment", "date": "2026-03-05", "people": ["p1"]}],
}


def case_with(**changes):
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        data[key] = value
    return parse_case_facts(data, today=TODAY)


def plan_for(kb, **changes) -> Plan:
    return triage(case_with(**changes), kb, today=TODAY)


def engage(*bodies: str, date: str = "2026-03-01") -> list[dict]:
    return [{"body": b, "kind": "other", "date": date, "people": ["p1"]} for b in bodies]


def hit(rtype: str, date: str = "2026-03-05") -> list[dict]:
    return [{"type": rtype, "date": date, "people": ["p1"]}]


def test_special_procedures_cooperation_notifies_the_mandate_then_defenders_committee_president(kb):
    plan = plan_for(kb, engagements=engage("sp:extreme-poverty"))
    assert plan.ids[:4] == ("sp:extreme-poverty", "sp:human-rights-defenders", "sp:coordination-committee",
                            "hrc:president")
    assert plan.avenues[0].rules == ("first-notify-sp",)


@pytest.mark.parametrize("body", ["hrc", "upr"])
def test_council_and_upr_cooperation_notifies_the_council_president_first(kb, body):
    plan = plan_for(kb, engagements=engage(body))
    assert plan.ids[0] == "hrc:president"
    assert plan.avenues[0].rules == (f"first-notify-{body}",)


def test_a_treaty_body_engaged_is_the_first_avenue_even_when_engaged_later(kb):
    engagements = engage("hrc", date="2026-01-01") + engage("tb:CCPR", date="2026-02-01")
    plan = plan_for(kb, engagements=engagements)
    assert plan.ids[:2] == ("tb:CCPR", "hrc:president")


@pytest.mark.parametrize("body", ["ohchr", "un-country-team", "un-peace-mission"])
def test_un_presences_route_to_the_sg_report_and_say_why(kb, body):
    # The stand-in has no OHCHR office or peace operation: the report comes first.
    plan = plan_for(kb, engagements=engage(body))
    assert plan.ids[:2] == ("sg:report", "sg:senior-official")
    reason = plan.avenues[0].why[0]
    assert reason.rule == "first-notify-un-presence"
    assert "first notify the UN presence itself" in reason.text
    assert "{body}" not in reason.text


def test_a_regional_body_engaged_is_notified_first_when_it_covers_the_country(kb):
    plan = plan_for(kb, engagements=engage("rg:iachr"))
    assert plan.ids[0] == "rg:iachr"
    assert plan.avenues[0].rules == ("first-notify-regional", "regional")


def test_bodies_that_do_not_cover_the_country_are_never_listed(kb):
    # A Burundi country mandate and the African Commission for a case in Honduras.
    plan = plan_for(kb, engagements=engage("sp:country-bi", "rg:achpr"))
    assert "sp:country-bi" not in plan.ids and "rg:achpr" not in plan.ids
    assert "rg:ecthr" not in plan.ids


def test_sg_report_and_senior_official_follow_the_first_notified_mechanism(kb):
    plan = plan_for(kb, engagements=engage("upr"))
    assert plan.ids[1:3] == ("sg:report", "sg:senior-official")


@pytest.mark.parametrize(("rtype", "role", "gender", "avenue"), [
    ("arbitrary-arrest", "defender", "man", "sp:arbitrary-detention"),
    ("arbitrary-detention", "defender", "man", "sp:arbitrary-detention"),
    ("enforced-disappearance", "defender", "man", "sp:enforced-disappearances"),
    ("torture-ill-treatment", "defender", "man", "sp:torture"),
    ("sexual-violence", "defender", "man", "sp:torture"),
    ("sexual-violence", "defender", "woman", "sp:violence-against-women"),
    ("professional-sanction", "lawyer", "man", "sp:independence-judges-lawyers"),
    ("hacking", "defender", "man", "sp:privacy"),
    ("surveillance", "defender", "man", "sp:privacy"),
    ("smear-campaign", "journalist", "man", "sp:freedom-of-expression"),
    ("ngo-deregistration", "ngo-staff", "man", "sp:assembly-and-association"),
    ("restrictive-law", "defender", "man", "sp:assembly-and-association"),
    ("funding-restriction", "defender", "man", "sp:assembly-and-association"),
    ("killing", "defender", "man", "sp:extrajudicial-executions"),
])
def test_mandates_that_fit_the_reprisal_are_listed(kb, rtype, role, gender, avenue):
    person = {**BASE["people"][0], "role": role, "gender": gender}
    plan = plan_for(kb, people=[person], reprisals=hit(rtype))
    assert avenue in plan.ids
    fit = plan.avenue(avenue).why
    assert all(r.sources for r in fit)
    assert any(r.people == ("p1",) for r in fit)


@pytest.mark.parametrize(("rtype", "role", "gender", "avenue"), [
    ("sexual-violence", "defender", "man", "sp:violence-against-women"),
    ("professional-sanction", "ngo-staff", "man", "sp:independence-judges-lawyers"),
    ("smear-campaign", "defender", "man", "sp:freedom-of-expression"),
    ("harassment", "defender", "man", "sp:privacy"),
])
def test_mandates_need_the_person_the_rule_names(kb, rtype, role, gender, avenue):
    person = {**BASE["people"][0], "role": role, "gender": gender}
    assert avenue not in plan_for(kb, people=[person], reprisals=hit(rtype)).ids


def test_a_person_held_or_disappeared_brings_in_the_working_groups_without_a_reprisal_entry(kb):
    held = {**BASE["people"][0], "location": "in-custody"}
    gone = {**BASE["people"][0], "ref": "p2", "location": "disappeared"}
    plan = plan_for(kb, people=[held, gone])
    assert {"sp:arbitrary-detention", "sp:enforced-disappearances"} <= set(plan.ids)


def test_each_avenue_appears_once_with_every_reason_merged(kb):
    plan = plan_for(kb, engagements=engage("sp:extreme-poverty"), reprisals=hit("hacking"))
    assert len(plan.ids) == len(set(plan.ids))
    assert plan.avenue("sp:human-rights-defenders").rules == ("first-notify-sp", "fit-defenders")


def test_country_mandate_and_regional_system_come_last(kb, demo):
    plan = triage(demo("BI"), kb, today=TODAY)
    assert "sp:country-bi" in plan.ids
    assert plan.ids[-1] == "rg:achpr"
    assert plan.avenue("sp:country-bi").rules == ("fit-country-mandate",)


def test_every_reason_cites_a_source_and_every_avenue_its_own(kb, demo):
    for country in ("CN", "BI", "BH", "HN"):
        plan = triage(demo(country), kb, today=TODAY)
        for avenue in plan.avenues:
            assert avenue.sources
            assert avenue.why and all(r.sources and r.text for r in avenue.why)


def test_ranks_are_consecutive(kb, demo):
    plan = triage(demo("HN"), kb, today=TODAY)
    assert [a.rank for a in plan.avenues] == list(range(1, len(plan.avenues) + 1))


# --- unknown engagement bodies -------------------------------------------------------

def test_an_unknown_body_is_reported_by_path_with_the_nearest_known_slugs(kb):
    case = case_with(engagements=engage("sp:human-rights-defender"))
    with pytest.raises(InvalidInput) as exc:
        check_bodies(case, kb)
    (problem,) = exc.value.problems
    assert problem.path == "engagements[0].body"
    assert "'sp:human-rights-defender' is not in the knowledge base" in problem.message
    assert "nearest: sp:human-rights-defenders" in problem.message
    assert problem.message.count(",") <= 2  # at most three suggestions


def test_triage_refuses_an_unknown_body_and_names_every_one(kb):
    case = case_with(engagements=engage("tb:CED", "rg:asean"))
    with pytest.raises(InvalidInput) as exc:
        triage(case, kb, today=TODAY)
    assert [p.path for p in exc.value.problems] == ["engagements[0].body", "engagements[1].body"]
    assert "rg:" in exc.value.problems[1].message.split("nearest:")[1]


@pytest.mark.parametrize("body", ["hrc", "upr", "ohchr", "un-country-team", "un-peace-mission"])
def test_plain_bodies_are_known_though_they_are_not_avenues(kb, body):
    check_bodies(case_with(engagements=engage(body)), kb)


# --- the JSON face ------------------------------------------------------------------

def test_json_has_the_issue_keys(kb, demo):
    data = triage(demo("BI"), kb, today=TODAY).to_json()
    assert {"urgent", "urgent_reason", "avenues", "risks", "precedents"} <= set(data)
    avenue = data["avenues"][0]
    assert {"id", "rank", "name", "why", "sources", "verified", "actions"} <= set(avenue)
    action = avenue["actions"][0]
    assert {"id", "name", "disclosure", "later", "later_after_days", "allowed", "needs"} <= set(action)
    assert {"code", "message", "source"} <= set(data["risks"][0])
    json.dumps(data)  # serialisable as is


def test_json_never_contains_a_persons_name(kb, demo_data):
    for country in ("CN", "BI", "BH", "HN"):
        facts = demo_data(country)
        text = json.dumps(triage(parse_case_facts(facts, today=TODAY), kb, today=TODAY).to_json())
        for person in facts["people"]:
            for part in person["name"].split():
                assert not re.search(rf"\b{re.escape(part)}\b", text), (country, person["ref"])


def test_identify_limits_the_people_an_action_would_identify(kb, demo):
    plan = triage(demo("HN"), kb, today=TODAY, identify={"p1"})
    letter = plan.avenue("hrc:president").action("raise-with-delegation")
    assert letter.identifies == ("p1",) and letter.allowed
    with pytest.raises(InvalidInput):
        triage(demo("HN"), kb, today=TODAY, identify={"p9"})
