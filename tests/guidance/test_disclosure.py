"""The gate over every circle an action reaches: both consent forms, anonymised forms, needs."""

from __future__ import annotations

from amparo.guidance.disclosure import plan_action
from amparo.knowledge.types import AvenueAction
from amparo.model.consent import Circle, Consent


def action(disclosure, later=None, anonymous=False):
    return AvenueAction(id="a", name="a", description="a", disclosure=Circle(disclosure),
                        later=Circle(later) if later else None, anonymous_form=anonymous)


def consents(**forms):
    return {ref: Consent.parse(value) for ref, value in forms.items()}


def test_a_state_step_published_later_needs_both_circles_not_only_the_widest():
    # She accepts an anonymised public mention but refuses that the State be told it is her.
    c = consents(p1=["un-confidential", "public-anonymous"])
    planned = plan_action(action("state", later="public-anonymous"), ["p1"], c)
    assert not planned.allowed
    assert [(n.person, n.circle) for n in planned.needs] == [("p1", Circle.STATE)]


def test_the_explicit_set_allows_what_it_lists():
    c = consents(p1=["un-confidential", "public-anonymous"])
    assert plan_action(action("public-anonymous"), ["p1"], c).allowed
    assert plan_action(action("un-confidential"), ["p1"], c).allowed


def test_the_shorthand_level_allows_every_narrower_circle():
    c = consents(p1="public-anonymous")
    assert plan_action(action("state", later="public-anonymous"), ["p1"], c).allowed
    blocked = plan_action(action("state", later="public-named"), ["p1"], c)
    assert [(n.person, n.circle.value) for n in blocked.needs] == [("p1", "public-named")]


def test_an_anonymised_form_describes_without_naming_but_still_needs_public_anonymous():
    a = action("un-confidential", later="public-named", anonymous=True)
    c = consents(p1="public-named", p2="public-anonymous", p3="un-confidential")
    planned = plan_action(a, ["p1", "p2", "p3"], c)
    assert not planned.allowed
    assert planned.anonymised == ("p2",)
    # The cheapest consent that unblocks it: an anonymised mention, not a named one.
    assert [(n.person, n.circle.value) for n in planned.needs] == [("p3", "public-anonymous")]
    assert planned.allowed_without == ("p3",)
    assert plan_action(a, ["p1", "p2"], c).allowed


def test_nobody_can_be_anonymised_out_of_a_step_that_tells_the_state_who_they_are():
    a = action("state", later="public-named", anonymous=True)
    c = consents(p1=["un-confidential", "public-anonymous"])
    planned = plan_action(a, ["p1"], c)
    assert not planned.allowed
    assert [(n.person, n.circle.value) for n in planned.needs] == [("p1", "state")]


def test_consent_none_blocks_every_circle_and_needs_name_refs_only():
    planned = plan_action(action("un-confidential"), ["p1", "p2"], consents(p1="none", p2="public-named"))
    assert not planned.allowed
    assert [n.to_json() for n in planned.needs] == [{"person": "p1", "circle": "un-confidential"}]
    assert planned.allowed_without == ("p1",)


def test_leaving_out_everyone_is_not_offered_as_an_option():
    planned = plan_action(action("public-named"), ["p1"], consents(p1="state"))
    assert not planned.allowed and planned.allowed_without == ()


def test_disclosure_timing_is_kept_on_the_planned_action():
    a = AvenueAction(id="ua", name="ua", description="d", disclosure=Circle.STATE, later=Circle.PUBLIC_NAMED,
                     later_after_days=60, later_note="published in the communications report")
    planned = plan_action(a, ["p1"], consents(p1="public-named"))
    data = planned.to_json()
    assert (data["disclosure"], data["later"], data["later_after_days"]) == ("state", "public-named", 60)
    assert planned.circles == (Circle.STATE, Circle.PUBLIC_NAMED)
