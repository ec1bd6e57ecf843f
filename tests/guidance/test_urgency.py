"""Urgency: people held, disappeared or recently harmed raise the urgent channels to the top."""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pytest

from amparo.guidance import triage
from amparo.guidance.urgency import urgency
from amparo.model import parse_case_facts

TODAY = date(2026, 11, 28)

BASE = {
    "title": "t", "country": "HN",
    "people": [{"ref": "p1", "name": "Zyx Quorr", "role": "defender", "location": "in-country",
                "consent": "public-named"}],
    "engagements": [{"body": "upr", "kind": "side-event", "date": "2026-03-01", "people": ["p1"]}],
    "reprisals": [{"type": "harassment", "date": "2026-03-05", "people": ["p1"]}],
}


def case(location="in-country", reprisal=None, days_ago=0):
    data = copy.deepcopy(BASE)
    data["people"][0]["location"] = location
    if reprisal:
        when = (TODAY - timedelta(days=days_ago)).isoformat()
        data["reprisals"].append({"type": reprisal, "date": when, "people": ["p1"]})
    return parse_case_facts(data, today=TODAY)


@pytest.mark.parametrize("location", ["in-custody", "disappeared"])
def test_a_person_held_or_disappeared_makes_the_case_urgent(location):
    reason = urgency(case(location), today=TODAY)
    assert reason and "p1" in reason


@pytest.mark.parametrize("rtype", ["arbitrary-arrest", "arbitrary-detention", "enforced-disappearance",
                                   "torture-ill-treatment", "physical-attack", "killing", "threats"])
def test_a_recent_act_of_harm_makes_the_case_urgent(rtype):
    assert urgency(case(reprisal=rtype, days_ago=30), today=TODAY)
    assert urgency(case(reprisal=rtype, days_ago=31), today=TODAY) is None


@pytest.mark.parametrize("rtype", ["smear-campaign", "professional-sanction", "hacking"])
def test_recent_reprisals_without_imminent_harm_are_not_urgent(rtype):
    assert urgency(case(reprisal=rtype, days_ago=1), today=TODAY) is None


def test_urgent_plan_says_so_and_puts_urgent_channels_first(kb):
    plan = triage(case("in-custody"), kb, today=TODAY)
    assert plan.urgent and "p1" in plan.urgent_reason
    assert "urgent" in plan.order_note
    channels = [a.urgent_channel for a in plan.avenues]
    # every avenue with an urgent channel before every avenue without one
    assert channels == sorted(channels, reverse=True)
    assert plan.ids.index("sp:arbitrary-detention") < plan.ids.index("sg:report")
    moved = plan.avenue("sp:arbitrary-detention")
    assert "urgent-to-top" in moved.rules


def test_within_the_urgent_group_the_first_notified_comes_first_then_the_working_groups(kb):
    data = copy.deepcopy(BASE)
    data["engagements"] = [{"body": "sp:extreme-poverty", "kind": "other", "date": "2026-03-01", "people": ["p1"]}]
    data["people"][0]["location"] = "disappeared"
    data["reprisals"].append({"type": "surveillance", "date": "2026-03-01", "people": ["p1"]})
    plan = triage(parse_case_facts(data, today=TODAY), kb, today=TODAY)
    assert plan.ids[:3] == ("sp:extreme-poverty", "sp:human-rights-defenders", "sp:enforced-disappearances")
    assert plan.ids.index("sp:enforced-disappearances") < plan.ids.index("sp:privacy")


def test_urgent_actions_come_first_within_an_avenue_only_when_urgent(kb):
    calm = triage(case(), kb, today=TODAY).avenue("sp:human-rights-defenders")
    assert [a.id for a in calm.actions][:2] == ["allegation-letter", "urgent-appeal"]
    hurried = triage(case("in-custody"), kb, today=TODAY).avenue("sp:human-rights-defenders")
    assert [a.id for a in hurried.actions][:2] == ["urgent-appeal", "allegation-letter"]


def test_regional_interim_measures_rise_in_an_urgent_case(kb):
    plan = triage(case("in-custody"), kb, today=TODAY)
    assert plan.ids.index("rg:iachr") < plan.ids.index("sg:report")
    assert plan.avenue("rg:iachr").actions[0].id == "precautionary-measures"


def test_the_shared_urgent_action_desk_is_offered_only_when_urgent(kb):
    assert "sp:urgent-action" in triage(case("disappeared"), kb, today=TODAY).ids
    assert "sp:urgent-action" not in triage(case(), kb, today=TODAY).ids


def test_a_calm_case_keeps_the_first_notify_order(kb):
    plan = triage(case(), kb, today=TODAY)
    assert not plan.urgent and plan.urgent_reason is None
    assert plan.ids[:3] == ("hrc:president", "sg:report", "sg:senior-official")
    assert plan.ids[-1] == "rg:iachr"
