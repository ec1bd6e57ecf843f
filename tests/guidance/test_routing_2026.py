"""Routing against the package's knowledge base after the review of 2026-12-01."""

from __future__ import annotations

import dataclasses
from datetime import date

from hypothesis import given, settings
from test_properties import case_facts

from amparo.guidance import triage
from amparo.knowledge import load
from amparo.model import parse_case_facts

TODAY = date(2026, 11, 28)
KB = load()
BASE = {
    "title": "t", "country": "HN",
    "people": [{"ref": "p1", "name": "Zyx Quorr", "role": "defender", "gender": "man",
                "location": "in-country", "consent": "public-named"}],
    "engagements": [{"body": "hrc", "kind": "session-participation", "date": "2026-03-01", "people": ["p1"]}],
    "reprisals": [{"type": "harassment", "date": "2026-03-05", "people": ["p1"]}],
}


def plan(**changes):
    return triage(parse_case_facts({**BASE, **changes}, today=TODAY), KB, today=TODAY)


@settings(max_examples=80, deadline=None)
@given(facts=case_facts())
def test_no_ended_mandate_in_any_plan_and_every_avenue_sourced_and_dated(facts):
    for avenue in triage(parse_case_facts(facts, today=TODAY), KB, today=TODAY).avenues:
        known = KB.avenue(avenue.id)
        assert known.active, avenue.id
        assert avenue.sources and known.reviewed, avenue.id


def test_an_old_slug_in_an_engagement_resolves_to_its_successor_with_a_reason():
    """HRC60 merged the trafficking and slavery mandates (UN Geneva summary)."""
    p = plan(engagements=[{"body": "sp:trafficking", "kind": "other", "date": "2025-01-01", "people": ["p1"]}])
    assert "sp:trafficking" not in p.ids and p.ids[0] == "sp:slavery-and-trafficking"
    assert "resolved-successor" in p.avenue("sp:slavery-and-trafficking").rules


def test_a_regional_only_case_has_no_sg_report_and_says_why():
    """Res. 12/2 covers cooperation with the UN, its representatives and mechanisms."""
    p = plan(engagements=[{"body": "rg:iachr", "kind": "other", "date": "2026-01-01", "people": ["p1"]}])
    assert p.ids[0] == "rg:iachr"
    assert "sg:report" not in p.ids and "sg:senior-official" not in p.ids
    assert "out-of-scope-regional-only" in [n.code for n in p.risks]


def test_un_staff_go_to_the_ethics_office_outside_res_12_2():
    """ST/SGB/2017/2/Rev.1; the Ethics Office's protection against retaliation."""
    case = parse_case_facts(BASE, today=TODAY)
    case = dataclasses.replace(case, people=(dataclasses.replace(case.people[0], role="un-staff"),))
    p = triage(case, KB, today=TODAY)
    assert "un:ethics-office" in p.ids and "sg:report" not in p.ids
    assert "out-of-scope-un-staff" in [n.code for n in p.risks]


def test_treaty_bodies_by_ratification():
    """China has not ratified the ICCPR (HRIC); Burundi accepts CAT complaints (art. 22, 2003)
    but not ICCPR complaints (OHCHR compilation tables)."""
    cn = triage(parse_case_facts({**BASE, "country": "CN", "engagements": [
        {"body": "tb:CCPR", "kind": "other", "date": "2026-01-01", "people": ["p1"]}]}, today=TODAY), KB, today=TODAY)
    assert "treaty-not-ratified" in cn.avenue("tb:CCPR").rules
    bi = triage(parse_case_facts({**BASE, "country": "BI", "engagements": [
        {"body": "tb:CCPR", "kind": "other", "date": "2026-01-01", "people": ["p1"]},
        {"body": "tb:CAT", "kind": "other", "date": "2026-01-01", "people": ["p1"]}]}, today=TODAY), KB, today=TODAY)
    assert "individual-complaint" not in [a.id for a in bi.avenue("tb:CCPR").actions]
    assert "individual-complaint" in [a.id for a in bi.avenue("tb:CAT").actions]
    bh = triage(parse_case_facts({**BASE, "country": "BH", "engagements": [
        {"body": "tb:CAT", "kind": "other", "date": "2026-01-01", "people": ["p1"]}]}, today=TODAY), KB, today=TODAY)
    assert "treaty-unconfirmed" in bh.avenue("tb:CAT").rules  # kept, marked, never hidden


def test_the_peace_operation_changes_the_physical_protection_note():
    p = plan(engagements=[{"body": "un-peace-mission", "kind": "other", "date": "2026-01-01", "people": ["p1"]}])
    assert p.ids[0] == "un:peace-operations"
    note = next(n for n in p.risks if n.code == "no-physical-protection")
    assert note.message.startswith("Apart from")


def test_group_and_law_fits_read_the_new_fields_defensively():
    """Res. 54/24 (counter-terrorism and national-security laws); HRI/MC/2015/6."""
    case = parse_case_facts({**BASE, "country": "BI"}, today=TODAY)
    person = case.people[0]
    try:
        person = dataclasses.replace(person, groups=("child", "indigenous"))
    except TypeError:  # the model has no Person.groups yet (another branch)
        return
    p = triage(dataclasses.replace(case, people=(person,)), KB, today=TODAY)
    assert {"tb:CRC", "sp:indigenous-peoples", "hrc:emrip"} <= set(p.ids)
