"""Status derived from actions, responses and deadlines, never typed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from tracking_demo import BH, BI, CN, DEMO_TODAY, HN

from amparo.model.errors import InvalidInput
from amparo.model.followup import Response
from amparo.tracking.deadlines import compute_deadlines
from amparo.tracking.status import CaseStatus, Outcome, case_status


def status_of(d, calendar, today=DEMO_TODAY, closed=None, **kw):
    r = d.record
    deadlines = compute_deadlines(d.id, d.case, r.actions, r.responses, r.events, today=today,
                                  calendar=calendar, closed=closed is not None, **kw)
    return case_status(r.actions, r.responses, deadlines, closed=closed, today=today)


def test_demo_statuses_on_the_demo_day(demo, calendar):
    assert status_of(demo[BI], calendar).value == "follow-up-due"
    assert status_of(demo[BI], calendar).due == ("bi-a3",)
    # CN: only the SG-report submission is unanswered, and it has no follow-up window.
    cn = status_of(demo[CN], calendar)
    assert (cn.value, cn.awaiting) == ("awaiting-response", ("cn-a3",))
    # BH: acknowledged, so still awaiting, not yet due.
    assert status_of(demo[BH], calendar).value == "awaiting-response"
    assert status_of(demo[HN], calendar).value == "open"  # everything answered


def test_status_moves_with_the_clock(demo, calendar):
    # The BH follow-up falls due on 2026-12-05: due that day, not before.
    assert status_of(demo[BH], calendar, today=date(2026, 12, 4)).value == "awaiting-response"
    assert status_of(demo[BH], calendar, today=date(2026, 12, 5)).value == "follow-up-due"


def test_closed_wins_over_everything(demo, calendar):
    closed = status_of(demo[BI], calendar,
                       closed=Outcome("no-further-action", date(2026, 11, 27)))
    assert closed == CaseStatus("closed", outcome="no-further-action")
    assert str(closed) == "closed (no-further-action)"


def test_a_response_changes_the_status(demo, calendar):
    d = demo[BI]
    reply = Response("bi-r9", d.id, "meeting-with-delegation", date(2026, 11, 20),
                     from_avenue="sg:senior-official", action_id="bi-a3")
    answered = replace(d, record=replace(d.record, responses=(*d.record.responses, reply)))
    # bi-a2 (sg:report) is still owed its answer, the report itself.
    assert status_of(answered, calendar).value == "awaiting-response"


def test_unknown_outcome_is_refused():
    with pytest.raises(InvalidInput, match="outcome"):
        Outcome("won", date(2026, 11, 1))


def test_status_json(demo, calendar):
    assert status_of(demo[BI], calendar).to_json() == {
        "status": "follow-up-due", "outcome": None, "awaiting": ["bi-a2", "bi-a3"],
        "follow_up_due": ["bi-a3"]}
