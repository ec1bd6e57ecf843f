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
    # Named, described, left out: each as far as their own consent goes.
    assert planned.allowed
    assert (planned.identifies, planned.described, planned.left_out) == (("p1",), ("p2",), ("p3",))
    # The cheapest consent that would bring p3 in: an anonymised mention, not a named one.
    assert [(n.person, n.circle.value) for n in planned.needs] == [("p3", "public-anonymous")]


def test_nobody_can_be_anonymised_out_of_a_step_that_tells_the_state_who_they_are():
    a = action("state", later="public-named", anonymous=True)
    c = consents(p1=["un-confidential", "public-anonymous"])
    planned = plan_action(a, ["p1"], c)
    assert not planned.allowed
    assert [(n.person, n.circle.value) for n in planned.needs] == [("p1", "state")]


def test_consent_none_is_left_out_and_the_step_goes_ahead_for_the_others():
    planned = plan_action(action("un-confidential"), ["p1", "p2"], consents(p1="none", p2="public-named"))
    assert planned.allowed
    assert planned.identifies == ("p2",) and planned.left_out == ("p1",)
    assert [n.to_json() for n in planned.needs] == [{"person": "p1", "circle": "un-confidential", "expired": False}]


def test_a_step_that_could_say_nothing_about_anyone_targeted_is_blocked():
    planned = plan_action(action("public-named"), ["p1"], consents(p1="state"))
    assert not planned.allowed and planned.left_out == ("p1",)
    # Naming a bystander is not enough: the step must be able to tell what happened to a target.
    two = plan_action(action("state"), ["p1", "p2"], consents(p1="none", p2="state"), subjects=["p1"])
    assert not two.allowed and two.identifies == ("p2",)


def test_information_about_a_pattern_identifies_nobody_and_is_always_possible():
    pattern = AvenueAction(id="pattern", name="pattern", description="d", disclosure=Circle.UN_CONFIDENTIAL,
                           identifies="nobody")
    planned = plan_action(pattern, ["p1", "p2"], consents(p1="none", p2="none"))
    assert planned.allowed and planned.identifies == () and planned.left_out == ("p1", "p2")
    assert planned.identifies_nobody and not planned.needs


def test_a_public_text_without_names_names_only_who_accepts_being_named():
    planned = plan_action(action("public-anonymous"), ["p1", "p2"], consents(p1="public-named",
                                                                            p2="public-anonymous"))
    assert planned.identifies == ("p1",) and planned.described == ("p2",)


def test_a_consent_scoped_to_another_avenue_and_an_expired_one():
    from datetime import date

    c = {"p1": Consent.parse({"circles": "state", "per_avenue": {"sp:*": "none"}}),
         "p2": Consent.parse({"circles": "public-named", "review_on": "2026-01-01"})}
    planned = plan_action(action("state"), ["p1", "p2"], c, avenue="sp:torture", today=date(2026, 11, 28))
    assert not planned.allowed and planned.left_out == ("p1", "p2")
    assert [(n.person, n.expired) for n in planned.needs] == [("p1", False), ("p2", True)]
    assert plan_action(action("state"), ["p1"], c, avenue="tb:CAT").allowed


def test_disclosure_timing_is_kept_on_the_planned_action():
    a = AvenueAction(id="ua", name="ua", description="d", disclosure=Circle.STATE, later=Circle.PUBLIC_NAMED,
                     later_after_days=60, later_note="published in the communications report")
    planned = plan_action(a, ["p1"], consents(p1="public-named"))
    data = planned.to_json()
    assert (data["disclosure"], data["later"], data["later_after_days"]) == ("state", "public-named", 60)
    assert planned.circles == (Circle.STATE, Circle.PUBLIC_NAMED)


def test_a_blocked_step_opens_only_with_the_consent_of_someone_the_reprisals_concern():
    # A detained lawyer (p1) and his sister (p2), whom no reprisal touched, both consent to
    # nothing. Before the fix the plan said the step "opens if p1 agrees, or p2 agrees":
    # p2 agreeing alone would leave the step nobody to act for.
    c = consents(p1="none", p2="none")
    blocked = plan_action(action("un-confidential"), ["p1", "p2"], c, subjects=["p1"])
    assert not blocked.allowed
    assert [n.person for n in blocked.needs] == ["p1"]
    # Once the step is open, what would bring the sister in is still said.
    c = consents(p1="un-confidential", p2="none")
    allowed = plan_action(action("un-confidential"), ["p1", "p2"], c, subjects=["p1"])
    assert allowed.allowed and allowed.left_out == ("p2",)
    assert [n.person for n in allowed.needs] == ["p2"]
