"""Properties over generated case facts, with consents in both forms (level and set)."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from amparo.guidance import triage
from amparo.model import parse_case_facts
from amparo.model import vocabularies as vocab
from amparo.model.consent import CIRCLE_VALUES, CONSENT_LEVELS, Circle

TODAY = date(2026, 11, 28)
BODIES = ("hrc", "upr", "ohchr", "un-country-team", "sp:extreme-poverty", "sp:human-rights-defenders",
          "sp:country-bi", "tb:CAT", "tb:CCPR", "rg:iachr", "rg:achpr")
COUNTRIES = ("HN", "BI", "CN", "BH", "FR")

consents = st.one_of(
    st.sampled_from(CONSENT_LEVELS),
    st.lists(st.sampled_from(CIRCLE_VALUES), unique=True, max_size=4),
)
days = st.integers(min_value=0, max_value=700).map(lambda n: (TODAY - timedelta(days=n)).isoformat())


@st.composite
def case_facts(draw):
    n = draw(st.integers(min_value=1, max_value=4))
    refs = [f"p{i}" for i in range(1, n + 1)]
    people = [{
        "ref": ref, "name": f"Person {ref}",
        "role": draw(st.sampled_from(vocab.ROLES)),
        "gender": draw(st.sampled_from(vocab.GENDERS)),
        "location": draw(st.sampled_from(vocab.LOCATIONS)),
        "consent": draw(consents),
    } for ref in refs]
    some = st.lists(st.sampled_from(refs), min_size=1, max_size=n, unique=True)
    engagements = draw(st.lists(st.fixed_dictionaries({
        "body": st.sampled_from(BODIES), "kind": st.sampled_from(vocab.ENGAGEMENT_KINDS),
        "date": days, "people": some}), max_size=3))
    reprisals = draw(st.lists(st.fixed_dictionaries({
        "type": st.sampled_from(vocab.REPRISAL_TYPES), "date": days, "people": some}), max_size=4))
    return {"title": "generated", "country": draw(st.sampled_from(COUNTRIES)), "people": people,
            "engagements": engagements, "reprisals": reprisals, "already_public": draw(st.booleans())}


@settings(max_examples=150, deadline=None)
@given(facts=case_facts())
def test_no_allowed_action_reaches_a_circle_outside_anyones_consent(kb, facts):
    case = parse_case_facts(facts, today=TODAY)
    consent = case.consents
    plan = triage(case, kb, today=TODAY)
    for avenue in plan.avenues:
        # Blocked actions stay listed: the plan shows every action the avenue can take.
        assert len(avenue.actions) == len(kb.get(avenue.id).actions)
        for action in avenue.actions:
            everyone = set(action.identifies) | set(action.described) | set(action.left_out)
            assert everyone == set(consent) and len(everyone) == len(action.identifies) + len(
                action.described) + len(action.left_out)
            assert not action.described or action.anonymous_form or Circle.PUBLIC_NAMED not in action.circles
            assert {n.person for n in action.needs} <= set(action.left_out)
            if action.allowed and not action.identifies_nobody:
                assert (set(action.identifies) | set(action.described)) & set(case.targeted)
            for ref in action.identifies:
                for circle in action.circles:
                    assert consent[ref].allows(circle), (avenue.id, action.id, ref, circle)
            for ref in action.described:  # described, not named: still disclosed, without the name
                for circle in action.circles:
                    circle = Circle.PUBLIC_ANONYMOUS if circle == Circle.PUBLIC_NAMED else circle
                    assert consent[ref].allows(circle), (avenue.id, action.id, ref, circle)


@settings(max_examples=100, deadline=None)
@given(facts=case_facts())
def test_someone_with_consent_none_is_identified_by_no_allowed_action(kb, facts):
    case = parse_case_facts(facts, today=TODAY)
    nobody = {p.ref for p in case.people if not p.consent.circles}
    plan = triage(case, kb, today=TODAY)
    for avenue in plan.avenues:
        for action in avenue.actions:
            if action.allowed:
                assert not nobody & (set(action.identifies) | set(action.described))


@settings(max_examples=60, deadline=None)
@given(facts=case_facts())
def test_the_same_input_gives_the_same_plan(kb, facts):
    first = json.dumps(triage(parse_case_facts(facts, today=TODAY), kb, today=TODAY).to_json())
    again = json.dumps(triage(parse_case_facts(facts, today=TODAY), kb, today=TODAY).to_json())
    assert first == again
    plan = json.loads(first)
    ids = [a["id"] for a in plan["avenues"]]
    assert len(ids) == len(set(ids))
    # The report and the senior official take cooperation with the UN (res. 12/2): they are
    # in every plan with a UN engagement, and in none without one; retaliation against UN
    # staff alone is outside the resolution (it goes to the Ethics Office).
    un = (any(not e["body"].startswith("rg:") for e in facts["engagements"])
          and any(p["role"] != "un-staff" for p in facts["people"]))
    assert ("sg:report" in ids and "sg:senior-official" in ids) is un
