"""The .ics export parses back and carries no name from the case."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar
from tracking_demo import BI, DEMO_TODAY, people_names

from amparo.tracking.deadlines import compute_deadlines
from amparo.tracking.ics import to_ics
from amparo.tracking.rules import load_rules

NAMES = load_rules().avenue_names


def all_deadlines(demo, calendar):
    out = []
    for d in demo.values():
        r = d.record
        out += compute_deadlines(d.id, d.case, r.actions, r.responses, r.events,
                                 today=DEMO_TODAY, calendar=calendar)
    return out


def test_ics_parses_back_one_all_day_event_per_deadline(demo, calendar):
    deadlines = all_deadlines(demo, calendar)
    data = to_ics(deadlines, avenue_names=NAMES)
    cal = Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert len(events) == len(deadlines)
    assert str(cal["X-WR-CALNAME"]) == "Amparo — follow-up"
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    overdue = next(e for e in events if "bi-a3" in str(e["SUMMARY"]))
    start = overdue.decoded("DTSTART")
    assert start == date(2026, 10, 16) and not isinstance(start, datetime)
    assert overdue.decoded("DTEND") == date(2026, 10, 17)
    description = str(overdue["DESCRIPTION"])
    assert f"Case: {BI}" in description and "(sg:senior-official)" in description


def test_ics_contains_no_name_from_any_case(demo, calendar):
    data = to_ics(all_deadlines(demo, calendar), avenue_names=NAMES)
    # Unfold long lines first: a name could be split across a fold.
    text = data.replace(b"\r\n ", b"").decode("utf-8")
    for d in demo.values():
        for name in people_names(d.case):
            assert name not in text, name
        for p in d.case.people:
            if p.organisation:
                assert p.organisation not in text


def test_uid_is_stable_when_an_acknowledgment_moves_the_date(demo, calendar):
    from dataclasses import replace

    deadlines = all_deadlines(demo, calendar)
    fu = next(x for x in deadlines if x.action_id == "bi-a3")
    moved = replace(fu, due_on=date(2026, 12, 20))

    def uid(x):
        return str(Calendar.from_ical(to_ics([x], avenue_names=NAMES)).walk("VEVENT")[0]["UID"])

    assert uid(fu) == uid(moved)


def test_same_deadlines_give_the_same_bytes_and_stamp_is_passed_in(demo, calendar):
    deadlines = all_deadlines(demo, calendar)
    assert to_ics(deadlines, avenue_names=NAMES) == to_ics(list(reversed(deadlines)),
                                                          avenue_names=NAMES)
    stamp = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    cal = Calendar.from_ical(to_ics(deadlines[:1], avenue_names=NAMES, stamp=stamp))
    assert cal.walk("VEVENT")[0].decoded("DTSTAMP") == stamp
