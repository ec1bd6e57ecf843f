"""The demo follow-up record: consistent, within consent, some answered, one overdue."""

from __future__ import annotations

import json
from dataclasses import replace

from tracking_demo import DEMO, DEMO_TODAY

from amparo.model.consent import Consent, gate
from amparo.tracking.deadlines import compute_deadlines, follow_up_from, is_overdue
from amparo.tracking.records import followup_to_json, parse_followup_cases
from amparo.tracking.rules import load_rules
from amparo.tracking.validate import action_decision, validate_action, validate_response

KNOWN = set(load_rules().avenue_names)


def test_every_demo_case_has_a_record(demo):
    assert len(demo) == 4
    for d in demo.values():
        assert d.record.actions, d.id


def test_every_demo_action_is_allowed_by_the_gate(demo):
    for d in demo.values():
        consents = d.case.consents
        for a in d.record.actions:
            identified = {ref: consents[ref] for ref, _ in a.consent_snapshot}
            assert identified, f"{a.id} identifies nobody"
            decision = gate(a.disclosure, identified)
            assert decision.allowed, (a.id, decision.needs)
            assert action_decision(a, d.case).allowed
            # The snapshot is the consent in force when it was sent: the current one.
            for ref, snap in a.consent_snapshot:
                assert Consent.parse(list(snap) if isinstance(snap, tuple) else snap) == consents[ref]


def test_every_demo_record_validates(demo):
    actions = [a for d in demo.values() for a in d.record.actions]
    for d in demo.values():
        case = replace(d.case, id=d.id)
        for a in d.record.actions:
            validate_action(a, case, KNOWN, today=DEMO_TODAY)
        for r in d.record.responses:
            validate_response(r, d.id, actions, known_avenues=KNOWN, today=DEMO_TODAY)
        refs = {p.ref for p in d.case.people}
        for e in d.record.events:
            assert set(e.people) <= refs and e.happened_on < DEMO_TODAY


def test_some_follow_ups_answered_and_at_least_one_overdue(demo, calendar):
    overdue, answered = [], []
    for d in demo.values():
        r = d.record
        deadlines = compute_deadlines(d.id, d.case, r.actions, r.responses, r.events,
                                      today=DEMO_TODAY, calendar=calendar)
        overdue += [x.action_id for x in deadlines
                    if x.kind == "follow-up" and is_overdue(x, DEMO_TODAY)]
        answered += [a.id for a in r.actions if follow_up_from(a, r.responses) is None]
    assert overdue == ["bi-a3"]
    assert {"cn-a1", "cn-a2", "bi-a1", "bh-a1", "hn-a1", "hn-a2", "hn-a3"} == set(answered)


def test_record_round_trips_through_json(demo):
    data = json.loads((DEMO / "followup.json").read_text("utf-8"))
    records = parse_followup_cases(data)
    for cid, rec in records.items():
        assert followup_to_json(rec) == {k: data["cases"][cid].get(k, []) for k in
                                         ("actions", "responses", "events")}


def test_a_malformed_record_lists_every_problem_with_its_path():
    import pytest

    from amparo.model.errors import InvalidInput

    bad = {"cases": {"c1": {
        "actions": [{"id": "a1", "avenue": "tb:CAT", "sent_on": "2026-13-01", "channel": "fax",
                     "disclosure": "everyone", "consent_snapshot": {"p1": "loud"}}],
        "responses": [{"id": "a1", "kind": "thanks", "received_on": "yesterday"}],
        "events": [{"id": "e1", "kind": "charged", "happened_on": "2026-10-01", "where": "x"}],
    }}}
    with pytest.raises(InvalidInput) as err:
        parse_followup_cases(bad, source="followup.json")
    found = {p.path for p in err.value.problems}
    assert {"cases.c1.actions[0].sent_on", "cases.c1.actions[0].channel",
            "cases.c1.actions[0].disclosure", "cases.c1.actions[0].consent_snapshot.p1",
            "cases.c1.responses[0].kind", "cases.c1.responses[0].received_on",
            "cases.c1.events[0].where"} <= found
    assert str(err.value).startswith("followup.json: ")
