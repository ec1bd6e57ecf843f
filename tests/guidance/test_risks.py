"""Risk notes: one test per rule, and no names in any message."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from amparo.guidance import risks, triage
from amparo.model import parse_case_facts

TODAY = date(2026, 11, 28)

BASE = {
    "title": "t", "country": "HN",
    "people": [{"ref": "p1", "name": "Zyx Quorr", "role": "defender", "location": "unknown",
                "consent": "public-named"}],
    "engagements": [{"body": "hrc", "kind": "session-participation", "date": "2026-03-01", "people": ["p1"]}],
    "reprisals": [{"type": "harassment", "date": "2026-03-05", "people": ["p1"]}],
}


def case(people=None, reprisals=None, **top):
    data = copy.deepcopy(BASE)
    if people is not None:
        data["people"] = people
    if reprisals is not None:
        data["reprisals"] = reprisals
    data.update(top)
    return parse_case_facts(data, today=TODAY)


def person(ref="p1", **fields):
    return {"ref": ref, "name": f"Name {ref} Surname", "role": "defender", "consent": "public-named", **fields}


def codes(c, today=TODAY, ids=("sg:report",)):
    return [n.code for n in risks(c, today=today, avenue_ids=ids)]


def note(c, code, **kw):
    (found,) = [n for n in risks(c, today=TODAY, avenue_ids=kw.get("ids", ("sg:report",))) if n.code == code]
    return found


def test_every_case_is_told_that_publicity_cuts_both_ways_and_protects_nobody_physically():
    found = codes(case())
    assert "publicity-both-ways" in found and "no-physical-protection" in found
    assert note(case(), "publicity-both-ways").sources == (
        "https://academy.ishr.ch/security/what-to-do-if-you-face-reprisals-when-engaging-with-the-un",)


@pytest.mark.parametrize("rtype", ["hacking", "surveillance"])
def test_hacking_or_surveillance_says_which_other_channels_to_use(rtype):
    n = note(case(reprisals=[{"type": rtype, "date": "2026-03-05", "people": ["p1"]}]), "compromised-channel")
    assert rtype in n.message
    for kind in ("new account", "device not known to be compromised", "encrypted messenger",
                 "reprisals@ohchr.org"):
        assert kind in n.message
    assert n.people == ("p1",) and n.sources


def test_no_channel_warning_without_digital_reprisals():
    assert "compromised-channel" not in codes(case())


def test_family_members_and_relations_are_flagged_as_exposed():
    people = [person(), person("p2", role="family-member", relation_to="p1", consent="state")]
    n = note(case(people=people), "exposed-relations")
    assert "p2 (family member, related to p1)" in n.message
    targeted = case(people=[person(), person("p2", role="ngo-staff")],
                    reprisals=[{"type": "family-targeted", "date": "2026-03-05", "people": ["p2"]}])
    assert note(targeted, "exposed-relations").people == ("p2",)
    assert "exposed-relations" not in codes(case())


def test_in_country_and_abroad_get_different_notes():
    people = [person(location="in-country"), person("p2", location="in-exile"), person("p3", location="abroad")]
    c = case(people=people)
    assert note(c, "in-country").people == ("p1",)
    assert note(c, "abroad-or-exile").people == ("p2", "p3")
    assert "transnational repression" in note(c, "abroad-or-exile").message
    assert not {"in-country", "abroad-or-exile"} & set(codes(case()))


def test_an_already_public_case_is_flagged_and_un_references_are_asked_for():
    c = case(already_public=True, un_references=[{"symbol": "A/HRC/99/1"}])
    assert "already-public" in codes(c)
    assert "A/HRC/99/1" in note(c, "raised-before").message
    assert "already-public" not in codes(case())


def test_working_group_submitter_restriction_only_when_they_are_in_the_plan():
    c = case()
    assert "submitter-restriction" not in codes(c, ids=("sg:report", "sp:torture"))
    found = [n for n in risks(c, today=TODAY, avenue_ids=("sp:arbitrary-detention", "sp:enforced-disappearances"))
             if n.code == "submitter-restriction"]
    assert len(found) == 1
    assert "Arbitrary Detention" in found[0].message and "Disappearances" in found[0].message
    assert "family or their representative" in found[0].message


@pytest.mark.parametrize(("today", "warned"), [
    (date(2027, 2, 28), False),  # 61 days before 30 April
    (date(2027, 3, 1), True),  # 60 days before
    (date(2027, 4, 30), True),
    (date(2027, 5, 20), True),  # period over, the call's cut-off may still be open
    (date(2027, 6, 1), False),
    (date(2026, 11, 28), False),
])
def test_the_sg_cut_off_warning_comes_within_60_days_of_30_april(today, warned):
    c = case()
    assert ("sg-cutoff-near" in codes(c, today=today)) is warned


def test_the_sg_cut_off_warning_says_the_date_and_that_the_call_sets_the_exact_one():
    n = next(x for x in risks(case(), today=date(2027, 4, 10), avenue_ids=("sg:report",))
             if x.code == "sg-cutoff-near")
    assert "2027-04-30" in n.message and "20 days" in n.message and "May" in n.message


def test_a_person_with_no_consent_cannot_be_named_anywhere():
    c = case(people=[person(), person("p2", consent="none")])
    n = note(c, "consent-none")
    assert n.people == ("p2",) and "cannot name" in n.message


def test_consent_given_through_someone_else_is_to_be_confirmed():
    c = case(people=[person(consent_record={"method": "by-relative"})])
    assert "through a relative" in note(c, "consent-indirect").message


def test_detention_is_flagged_from_location_or_reprisal():
    assert note(case(people=[person(location="in-custody")]), "detention").people == ("p1",)
    arrested = case(reprisals=[{"type": "arbitrary-arrest", "date": "2026-03-05", "people": ["p1"]}])
    assert "detention" in codes(arrested)
    assert "detention" not in codes(case())


def test_no_risk_message_contains_a_name(kb, demo_data):
    for country in ("CN", "BI", "BH", "HN"):
        facts = demo_data(country)
        plan = triage(parse_case_facts(facts, today=TODAY), kb, today=TODAY)
        text = " ".join(n.message for n in plan.risks)
        for p in facts["people"]:
            assert p["name"] not in text
            assert p["name"].split()[-1] not in text
        assert all(n.sources for n in plan.risks)
