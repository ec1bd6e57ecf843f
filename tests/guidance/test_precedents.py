"""Precedent matching: same body, shared reprisal kinds, region, country; top three with reasons."""

from __future__ import annotations

from datetime import date

from amparo.guidance import match_precedents, region_of, triage

TODAY = date(2026, 11, 28)


def test_each_demo_case_is_matched_first_with_its_own_story(kb, demo):
    expected = {"CN": "cn-lawyer", "BI": "bi-lawyers", "BH": "bh-upr", "HN": "hn-airport"}
    for country, story in expected.items():
        matches = match_precedents(demo(country), kb.precedents)
        assert matches[0].precedent.id == story
        assert len(matches) <= 3


def test_a_match_says_why(kb, demo):
    best = match_precedents(demo("BI"), kb.precedents)[0]
    assert best.reasons == (
        "same body engaged: tb:CAT",
        "same country: BI",
        "same kinds of reprisal: professional-sanction, confiscation",
        "same region: african",
    )


def test_same_kind_of_body_and_region_count_for_less_than_the_same_body(kb, demo):
    matches = match_precedents(demo("BI"), kb.precedents)
    assert [m.precedent.id for m in matches][:2] == ["bi-lawyers", "ke-other"]
    assert matches[0].score > matches[1].score
    assert "the same kind of body engaged as tb:CAT" in matches[1].reasons


def test_precedents_sharing_nothing_are_left_out(kb, demo):
    ids = [m.precedent.id for m in match_precedents(demo("HN"), kb.precedents)]
    assert "ke-other" not in ids and "bi-lawyers" not in ids


def test_the_plan_carries_the_matches_with_their_responses(kb, demo):
    data = triage(demo("CN"), kb, today=TODAY).to_json()
    first = data["precedents"][0]
    assert first["id"] == "cn-lawyer" and first["reasons"] and first["score"] > 0
    assert first["responses"][0]["avenue"] == "sp:extreme-poverty"


def test_an_organisations_own_precedents_are_matched_too(kb, demo):
    from dataclasses import replace

    own = replace(kb.precedents[1], id="own-bi", year=2025, origin="workspace")
    plan = triage(demo("BI"), kb, today=TODAY, own_precedents=[own])
    # Same score as the package's story; the more recent one first.
    assert [m.precedent.id for m in plan.precedents][:2] == ["own-bi", "bi-lawyers"]


def test_region_table_uses_the_un_regional_groups():
    assert region_of("BH") == "asia-pacific"
    assert region_of("hn") == "latin-american-caribbean"
    assert region_of("BI") == "african"
    assert region_of("PL") == "eastern-european"
    assert region_of("CA") == "western-european-others"
    assert region_of("AQ") is None
