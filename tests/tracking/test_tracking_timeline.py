"""The case timeline: date order, stable tie order, labels without names."""

from __future__ import annotations

import json
from datetime import date

from tracking_demo import CN, HN, people_names

from amparo.model.case import Case, Engagement, Person, Reprisal
from amparo.model.consent import Circle
from amparo.model.followup import Action, Response, SituationEvent
from amparo.tracking.timeline import KINDS, timeline, timeline_to_json


def of(d):
    return timeline(d.case, d.record.actions, d.record.responses, d.record.events)


def test_every_demo_timeline_is_in_date_order_and_complete(demo):
    for d in demo.values():
        entries = of(d)
        assert [e.date for e in entries] == sorted(e.date for e in entries)
        r = d.record
        assert len(entries) == (len(d.case.engagements) + len(d.case.reprisals) + len(r.actions)
                                + len(r.responses) + len(r.events))


def test_same_day_engagement_comes_before_the_reprisal(demo):
    # HN: stopped at the airport on the day she travelled to the session.
    same_day = [e.kind for e in of(demo[HN]) if e.date == date(2026, 2, 24)]
    assert same_day == ["engagement", "reprisal"]
    # CN: the two urgent appeals of 2026-08-16 keep the order they were recorded in.
    sent = [e.ids["action"] for e in of(demo[CN]) if e.date == date(2026, 8, 16)]
    assert sent == ["cn-a1", "cn-a2"]


def test_tie_order_of_all_five_kinds():
    day = date(2026, 6, 1)
    case = Case("t", "HN", (Person("p1", "Some Body", "defender"),),
                engagements=(Engagement("hrc", "side-event", day, ("p1",)),),
                reprisals=(Reprisal("threats", day, ("p1",)),))
    entries = timeline(
        case,
        [Action("a1", "c", "hrc:president", None, day, "email", Circle.STATE)],
        [Response("r1", "c", "acknowledgment", day, action_id="a1")],
        [SituationEvent("e1", "c", "relocated", day, ("p1",))],
    )
    # Given in any order, the result is fixed.
    assert [e.kind for e in entries] == list(KINDS)


def test_labels_show_refs_and_references_never_names_or_notes(demo):
    for d in demo.values():
        text = json.dumps(timeline_to_json(of(d)), ensure_ascii=False)
        for name in people_names(d.case):
            assert name not in text
        for r in d.case.reprisals:
            assert r.description not in text
    cn = of(demo[CN])
    assert any("UA CHN 9/2026" in e.label and e.ids["action"] == "cn-a1" for e in cn)
    assert any(e.kind == "event" and "charged (p1)" in e.label for e in cn)


def test_to_json_is_plain_json(demo):
    data = timeline_to_json(of(demo[CN]))
    assert json.loads(json.dumps(data)) == data
    assert data[0] == {"date": "2026-05-12", "kind": "engagement",
                       "label": "Engagement with sp:extreme-poverty: country-visit-meeting (p1)",
                       "ids": {"engagement": "engagements[0]", "body": "sp:extreme-poverty",
                               "engagement_kind": "country-visit-meeting", "people": ["p1"]}}
