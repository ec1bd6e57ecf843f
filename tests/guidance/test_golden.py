"""Golden tests: the four demo cases against the package's own knowledge base.

Each demo case is modelled on a public story (REFERENCE.md §8); its plan's first avenue
is the body the story's people cooperated with (issue 3, Checks).
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from amparo.guidance import triage
from amparo.knowledge import load

TODAY = date(2026, 11, 28)
FIRST = {"CN": "sp:extreme-poverty", "BI": "tb:CAT", "BH": "hrc:president", "HN": "hrc:president"}


@pytest.fixture(scope="module")
def package_kb():
    return load()


@pytest.fixture(scope="module")
def plans(package_kb, demo):
    return {country: triage(demo(country), package_kb, today=TODAY) for country in FIRST}


@pytest.mark.parametrize("country", list(FIRST))
def test_first_avenue_is_the_body_the_story_cooperated_with(plans, country):
    assert plans[country].ids[0] == FIRST[country]


@pytest.mark.parametrize("country", list(FIRST))
def test_the_annual_report_and_the_senior_official_are_in_every_plan(plans, country):
    assert {"sg:report", "sg:senior-official"} <= set(plans[country].ids)


def test_the_disappeared_lawyer_is_urgent_with_the_urgent_channels_on_top(plans):
    plan = plans["CN"]
    assert plan.urgent and "p1" in plan.urgent_reason
    top = [a for a in plan.avenues if a.urgent_channel]
    assert plan.avenues[: len(top)] == tuple(top)
    ids = [a.id for a in top]
    assert "sp:arbitrary-detention" in ids and "sp:enforced-disappearances" in ids
    assert plan.ids.index("sp:enforced-disappearances") < plan.ids.index("sg:report")
    # The urgent appeal leads the mandate's actions.
    assert plan.avenue("sp:enforced-disappearances").actions[0].urgent


@pytest.mark.parametrize("country", ["BI", "BH", "HN"])
def test_the_other_stories_are_not_urgent_and_keep_the_first_notify_order(plans, country):
    plan = plans[country]
    assert not plan.urgent
    assert plan.ids[1:3] == ("sg:report", "sg:senior-official")


def test_the_treaty_body_case_brings_in_the_lawyers_mandate_and_the_regional_commission(plans):
    plan = plans["BI"]
    assert "sp:independence-judges-lawyers" in plan.ids
    assert "rg:achpr" in plan.ids and "rg:iachr" not in plan.ids
    assert plan.ids[-1] == "rg:achpr"


def test_the_upr_smear_campaign_against_a_journalist_brings_in_freedom_of_expression(plans):
    assert "sp:freedom-of-expression" in plans["BH"].ids


def test_the_hacked_coordinator_is_warned_about_her_channels_and_reaches_the_iachr(plans):
    plan = plans["HN"]
    assert "sp:privacy" in plan.ids and "rg:iachr" in plan.ids
    assert "compromised-channel" in [n.code for n in plan.risks]


def test_consent_none_is_left_out_of_every_action_and_never_identified(plans):
    # BI: p4 still in the country wants no disclosure: no action identifies or describes
    # her, each says what she would need to accept to be included, and the others go ahead.
    for avenue in plans["BI"].avenues:
        for action in avenue.actions:
            assert "p4" in action.left_out
            assert "p4" not in action.identifies and "p4" not in action.described
            assert action.identifies_nobody or any(n.person == "p4" for n in action.needs)
    first = plans["BI"].avenues[0].actions[0]
    assert first.first_notification and first.allowed


def test_each_plan_matches_its_own_public_story_first(plans):
    for country, plan in plans.items():
        assert plan.precedents, country
        assert plan.precedents[0].precedent.country == country


@pytest.mark.parametrize("country", list(FIRST))
def test_every_avenue_and_action_in_the_plan_has_sources(plans, country):
    for avenue in plans[country].avenues:
        assert avenue.sources and all(r.sources for r in avenue.why)
        assert all(a.sources for a in avenue.actions)


def test_plans_are_deterministic(package_kb, demo):
    for country in FIRST:
        one = json.dumps(triage(demo(country), package_kb, today=TODAY).to_json())
        two = json.dumps(triage(demo(country), package_kb, today=TODAY).to_json())
        assert one == two


def test_a_misspelt_mandate_is_named_with_the_nearest_real_slugs(package_kb, demo_data):
    from amparo.guidance import check_bodies
    from amparo.model import InvalidInput, parse_case_facts

    facts = demo_data("CN")
    facts = {**facts, "engagements": [{**facts["engagements"][0], "body": "sp:human-rights-defender"}]}
    with pytest.raises(InvalidInput) as exc:
        check_bodies(parse_case_facts(facts, today=TODAY), package_kb)
    message = str(exc.value)
    assert message.startswith("engagements[0].body: 'sp:human-rights-defender' is not in the knowledge base")
    assert "nearest: sp:human-rights-defenders" in message
