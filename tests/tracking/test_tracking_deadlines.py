"""Deadline rules, with a fixed clock, on the four demo cases."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from tracking_demo import BH, BI, CN, DEMO_TODAY, HN, people_names

from amparo.model.followup import Response
from amparo.tracking.calendar import Calendar, Session
from amparo.tracking.deadlines import compute_deadlines, due, is_overdue


def deadlines_of(d, calendar, today=DEMO_TODAY, **kw):
    r = d.record
    return compute_deadlines(d.id, d.case, r.actions, r.responses, r.events, today=today,
                             calendar=calendar, **kw)


def follow_ups(deadlines):
    return {x.action_id: x for x in deadlines if x.kind == "follow-up"}


def test_unanswered_action_is_overdue_after_its_window(demo, calendar):
    fu = follow_ups(deadlines_of(demo[BI], calendar))
    # Sent 2026-09-01 to the senior official, nothing back, sg family window 45 days.
    assert fu["bi-a3"].due_on == date(2026, 10, 16)
    assert is_overdue(fu["bi-a3"], DEMO_TODAY)
    assert fu["bi-a3"].avenue == "sg:senior-official"
    assert "Amparo default" in fu["bi-a3"].source


def test_answered_actions_have_no_follow_up(demo, calendar):
    assert follow_ups(deadlines_of(demo[HN], calendar)) == {}
    cn = follow_ups(deadlines_of(demo[CN], calendar))
    assert "cn-a1" not in cn and "cn-a2" not in cn  # communications to the State came back
    assert "bi-a1" not in follow_ups(deadlines_of(demo[BI], calendar))


def test_sg_report_submission_gets_no_follow_up_by_default(demo, calendar):
    assert "cn-a3" not in follow_ups(deadlines_of(demo[CN], calendar))
    # …unless a setting (or the knowledge base) gives sg:report a window.
    fu = follow_ups(deadlines_of(demo[CN], calendar, windows={"sg:report": 60}))
    assert fu["cn-a3"].due_on == date(2026, 11, 19)


def test_acknowledgment_restarts_the_window_without_closing_it(demo, calendar):
    fu = follow_ups(deadlines_of(demo[BH], calendar))
    # Sent 2026-09-25, acknowledged 2026-10-06: 60 days (sp family) from the ack.
    assert fu["bh-a3"].due_on == date(2026, 12, 5)
    assert "acknowledged 2026-10-06" in fu["bh-a3"].title
    assert not is_overdue(fu["bh-a3"], DEMO_TODAY)


def test_a_closing_response_clears_the_follow_up(demo, calendar):
    d = demo[BI]
    reply = Response("x-r", d.id, "meeting-with-delegation", date(2026, 11, 20),
                     from_avenue="sg:senior-official", action_id="bi-a3")
    answered = replace(d, record=replace(d.record, responses=(*d.record.responses, reply)))
    assert "bi-a3" not in follow_ups(deadlines_of(answered, calendar))
    # A request for more information does not close it: the window runs again.
    ask = replace(reply, kind="request-for-information")
    pending = replace(d, record=replace(d.record, responses=(*d.record.responses, ask)))
    assert follow_ups(deadlines_of(pending, calendar))["bi-a3"].due_on == date(2027, 1, 4)


def test_windows_from_settings_override_the_rules(demo, calendar):
    fu = follow_ups(deadlines_of(demo[BH], calendar, windows={"sp:human-rights-defenders": 14}))
    assert fu["bh-a3"].due_on == date(2026, 10, 20)
    no_reminder = deadlines_of(demo[BI], calendar, windows={"sg:senior-official": None})
    assert "bi-a3" not in follow_ups(no_reminder)


def sg_cutoff(deadlines):
    found = [x for x in deadlines if x.kind == "sg-report-cutoff"]
    return found[0] if found else None


def test_sg_cutoff_for_a_reprisal_after_the_last_submission(demo, calendar):
    cn = sg_cutoff(deadlines_of(demo[CN], calendar))
    # Charged 2026-10-20, after the submission of 2026-09-20; period ends 2027-04-30.
    assert cn.due_on == date(2027, 3, 31)
    assert "2027-04-30" in cn.title and "OHCHR's yearly call" in cn.title
    assert "A/HRC/45/36" in cn.source
    assert sg_cutoff(deadlines_of(demo[BI], calendar)) is not None  # reprisals after 08-05


def test_no_sg_cutoff_when_covered_or_when_nobody_consents(demo, calendar):
    assert sg_cutoff(deadlines_of(demo[BH], calendar)) is None  # all before the submission
    # HN: the coordinator consents to the State being told, not to any public mention.
    assert sg_cutoff(deadlines_of(demo[HN], calendar)) is None


def test_sg_cutoff_belongs_to_the_period_containing_today(demo, calendar):
    # On 2026-04-01 the period is 2025-05-01..2026-04-30: the BI reprisals (July 2026 on)
    # are not in it yet.
    early = deadlines_of(demo[BI], calendar, today=date(2026, 4, 1))
    assert sg_cutoff(early) is None


def test_hrc_session_for_cases_that_went_to_the_council(demo, calendar):
    for cid in (BH, HN):
        sessions = [x for x in deadlines_of(demo[cid], calendar) if x.rule == "hrc-session"]
        assert [x.due_on for x in sessions] == [date(2027, 2, 22)]
        assert "approximate" in sessions[0].title
    for cid in (CN, BI):
        assert not [x for x in deadlines_of(demo[cid], calendar) if x.rule == "hrc-session"]


def test_treaty_body_session_reviewing_the_country(demo, calendar):
    cat = Session("tb:CAT", "Committee against Torture, 86th session", date(2027, 4, 12),
                  date(2027, 5, 7), countries=("BI",), origin="workspace")
    past = replace(cat, name="Committee against Torture, 84th session",
                   start=date(2026, 7, 6), end=date(2026, 7, 31))
    cal = Calendar(sessions=(past, *calendar.sessions, cat))
    tb = [x for x in deadlines_of(demo[BI], cal) if x.rule == "treaty-body-session"]
    assert [(x.due_on, x.avenue) for x in tb] == [(date(2027, 4, 12), "tb:CAT")]
    assert "reviews BI" in tb[0].title
    assert not [x for x in deadlines_of(demo[CN], cal) if x.rule == "treaty-body-session"]


def test_publication_reminder_ahead_of_time_only(demo, calendar):
    early = [x for x in deadlines_of(demo[CN], calendar, today=date(2026, 9, 1))
             if x.kind == "publication"]
    assert {x.due_on for x in early} == {date(2026, 10, 27)}
    assert all("UA CHN 9/2026" in x.title and "not confirmed" in x.title for x in early)
    assert not [x for x in deadlines_of(demo[CN], calendar) if x.kind == "publication"]


def test_stale_review_counts_from_the_last_thing_recorded(demo, calendar):
    review = next(x for x in deadlines_of(demo[HN], calendar) if x.kind == "review")
    assert review.due_on == date(2026, 10, 30) + timedelta(days=60)
    later = next(x for x in deadlines_of(demo[HN], calendar, today=date(2027, 3, 1))
             if x.kind == "review")
    assert is_overdue(later, date(2027, 3, 1))
    shorter = next(x for x in deadlines_of(demo[HN], calendar, stale_after_days=20)
               if x.kind == "review")
    assert shorter.due_on == date(2026, 11, 19) and is_overdue(shorter, DEMO_TODAY)


def test_a_closed_case_has_no_deadlines(demo, calendar):
    assert deadlines_of(demo[BI], calendar, closed=True) == []


def test_titles_carry_ids_and_avenue_names_never_people(demo, calendar):
    names = {"sg:senior-official": "Senior official on reprisals (KB name)"}
    for d in demo.values():
        for x in deadlines_of(d, calendar, avenue_names=names):
            assert x.title.startswith(d.id + ":")
            for name in people_names(d.case):
                assert name not in x.title
    bi = follow_ups(deadlines_of(demo[BI], calendar, avenue_names=names))
    assert "Senior official on reprisals (KB name)" in bi["bi-a3"].title


def test_due_lists_soonest_first_with_overdue_and_within(demo, calendar):
    everything = [x for d in demo.values() for x in deadlines_of(d, calendar)]
    listed = due(everything, today=DEMO_TODAY, within=None)
    assert [x.due_on for x in listed] == sorted(x.due_on for x in everything)
    assert len(listed) == len(everything)
    fortnight = due(everything, today=DEMO_TODAY, within=timedelta(days=14))
    assert fortnight[0].action_id == "bi-a3" and is_overdue(fortnight[0], DEMO_TODAY)
    assert {x.action_id for x in fortnight if x.kind == "follow-up"} == {"bi-a3", "bh-a3"}
    assert all(x.due_on <= DEMO_TODAY + timedelta(days=14) for x in fortnight)


@pytest.mark.parametrize(("days_after_due", "overdue"), [(-1, False), (0, False), (1, True)])
def test_is_overdue_only_after_the_due_date(demo, calendar, days_after_due, overdue):
    x = deadlines_of(demo[BI], calendar)[0]
    assert is_overdue(x, x.due_on + timedelta(days=days_after_due)) is overdue
