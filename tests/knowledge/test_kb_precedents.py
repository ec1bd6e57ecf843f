"""The public case stories, as data triage can match a case against."""

from __future__ import annotations

import json

import pytest

from amparo.knowledge import load
from amparo.model.vocabularies import REPRISAL_TYPES


@pytest.fixture(scope="module")
def stories():
    return {p.country: p for p in load().precedents}


def test_the_four_stories_with_their_bodies(stories):
    assert set(stories) == {"CN", "BI", "BH", "HN"}
    assert stories["CN"].bodies == ("sp:extreme-poverty",)
    assert stories["BI"].bodies == ("tb:CAT",)
    assert stories["BH"].bodies == ("upr",)
    assert stories["HN"].bodies == ("hrc",)
    for story in stories.values():
        assert set(story.reprisal_types) <= set(REPRISAL_TYPES)
        assert story.sources and story.summary


def test_responses_name_real_avenues_and_actions(stories):
    kb = load()
    for story in stories.values():
        for response in story.responses:
            assert response.action in {a.id for a in kb.avenue(response.avenue).actions}


def test_unconfirmed_responses_stay_flagged(stories):
    castro = stories["HN"]
    by_avenue = {r.avenue: r for r in castro.responses}
    assert by_avenue["sp:human-rights-defenders"].verified is False
    assert by_avenue["sg:senior-official"].verified is False
    assert by_avenue["rg:iachr"].verified is True and by_avenue["rg:iachr"].date == "2023-03-06"
    assert stories["BI"].avenues() == ("tb:CAT",)


def test_to_json_round_trips_through_json(stories):
    data = json.loads(json.dumps(stories["CN"].to_json()))
    assert data["country"] == "CN" and data["year"] == 2016
    assert data["responses"][0] == {
        "avenue": "sp:extreme-poverty", "action": "urgent-appeal", "date": "2016-12-02",
        "note": "Joint urgent appeal UA CHN 13/2016.", "verified": True,
        "sources": [{"ref": "https://docslib.org/doc/13549788/internal-communication-clearance-form",
                     "note": None}],
    }
    assert data["reviewed"] == "2026-11-28"
