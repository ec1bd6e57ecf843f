"""A consent with a review date: due for review before it, overdue once it has passed; the SG reminder honours it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from tracking_demo import BI, DEMO_TODAY, HN, people_names

from amparo.model.consent import Consent
from amparo.tracking.deadlines import compute_deadlines, deadline_key, is_overdue
from amparo.tracking.ics import to_ics
from amparo.tracking.rules import load_rules


def _with_review(demo_case, ref: str, review_on: date, circles: str = "state"):
    case = demo_case.case
    scoped = Consent(Consent.up_to(circles).circles, review_on=review_on)
    people = tuple(replace(p, consent=scoped) if p.ref == ref else p for p in case.people)
    return replace(case, people=people)


def _consent_deadlines(demo_case, case, calendar, today, **kw):
    r = demo_case.record
    found = compute_deadlines(demo_case.id, case, r.actions, r.responses, r.events, today=today,
                              calendar=calendar, **kw)
    return [d for d in found if d.rule == "consent-review"]


def test_the_review_window_is_a_labelled_amparo_default():
    rules = load_rules()
    rule = rules.rule("consent-review")
    assert rules.consent_review_days == 30
    assert rule.amparo_default and rule.source == "Amparo default (not a UN rule)"
    assert "Amparo default" in rule.note


def test_a_consent_is_due_for_review_thirty_days_before_its_review_date(demo, calendar):
    d = demo[HN]
    case = _with_review(d, "p1", date(2027, 3, 1))
    [due] = _consent_deadlines(d, case, calendar, DEMO_TODAY)
    assert due.kind == "consent-review" and due.person == "p1"
    assert due.due_on == date(2027, 1, 30)
    assert not is_overdue(due, DEMO_TODAY)
    assert due.title == (f"{HN}: review the consent of p1 (community-leader) with them before 2027-03-01 "
                         "(after that day it allows nothing until renewed)")
    # On the day it falls due, and after it until the review date: due, then overdue.
    [same] = _consent_deadlines(d, case, calendar, date(2027, 2, 15))
    assert same.kind == "consent-review" and is_overdue(same, date(2027, 2, 15))


def test_once_the_review_date_has_passed_the_consent_is_overdue_and_keeps_its_calendar_identity(demo, calendar):
    d = demo[HN]
    case = _with_review(d, "p1", date(2027, 3, 1))
    [before] = _consent_deadlines(d, case, calendar, date(2027, 3, 1))
    assert before.kind == "consent-review"  # the review date itself still allows
    [after] = _consent_deadlines(d, case, calendar, date(2027, 3, 2))
    assert after.kind == "consent-expired" and after.due_on == date(2027, 3, 1)
    assert is_overdue(after, date(2027, 3, 2))
    assert "passed its review date on 2027-03-01" in after.title and "blocked until it is renewed" in after.title
    assert deadline_key(before) == deadline_key(after)  # a calendar updates the event


def test_each_person_has_their_own_review_and_no_title_names_anyone(demo, calendar):
    d = demo[BI]
    case = _with_review(d, "p1", date(2027, 1, 10), "public-named")
    case = replace(case, people=tuple(replace(p, consent=Consent(p.consent.circles, review_on=date(2026, 11, 1)))
                                      if p.ref == "p3" else p for p in case.people))
    found = _consent_deadlines(d, case, calendar, DEMO_TODAY)
    assert {(x.person, x.kind) for x in found} == {("p1", "consent-review"), ("p3", "consent-expired")}
    assert len({deadline_key(x) for x in found}) == 2
    names = people_names(case)
    ics = to_ics(found, avenue_names={}).decode("utf-8")
    for x in found:
        assert not any(n in x.title for n in names)
    assert not any(n in ics for n in names)
    assert "Person: p3" in ics


def test_a_consent_without_review_date_and_a_closed_case_have_no_review(demo, calendar):
    d = demo[HN]
    assert _consent_deadlines(d, d.case, calendar, DEMO_TODAY) == []
    case = _with_review(d, "p1", date(2027, 3, 1))
    assert _consent_deadlines(d, case, calendar, DEMO_TODAY, closed=True) == []


def test_the_sg_report_reminder_needs_a_consent_still_in_force(demo, calendar):
    d = demo[BI]
    r = d.record
    today = date(2027, 3, 20)

    def cutoff(case):
        found = compute_deadlines(d.id, case, r.actions, r.responses, r.events, today=today, calendar=calendar)
        return [x for x in found if x.kind == "sg-report-cutoff"]

    # The only reprisal in the period after the last submission concerns p4 alone.
    rep = replace(d.case.reprisals[0], date=today - timedelta(days=10), people=("p4",))
    base = replace(d.case, reprisals=(rep,))
    p4 = base.person("p4")
    agreeing = replace(base, people=tuple(replace(p, consent=Consent.up_to("public-anonymous"))
                                          if p.ref == "p4" else p for p in base.people))
    assert cutoff(agreeing)
    expired = replace(base, people=tuple(
        replace(p, consent=Consent(Consent.up_to("public-anonymous").circles, review_on=today - timedelta(days=1)))
        if p.ref == "p4" else p for p in base.people))
    assert cutoff(expired) == []  # past its review date, the consent counts for nothing
    scoped_out = replace(base, people=tuple(
        replace(p, consent=Consent.parse({"circles": "public-anonymous", "per_avenue": {"sg:report": "none"}}))
        if p.ref == "p4" else p for p in base.people))
    assert cutoff(scoped_out) == []  # she said no to the report itself
    assert p4.consent.to_facts() == "none"
