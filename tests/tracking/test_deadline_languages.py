"""Deadline titles and the iCalendar export in each UN language: tracking gives each
deadline a message id and parameters (ids, refs, roles, dates), the service says it in the
user's language, and the calendar still parses and names nobody (issue 18)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from icalendar import Calendar
from test_consent_review_deadlines import _with_review
from test_tracking_ics import NAMES, all_deadlines
from tracking_demo import DEMO_TODAY, HN, people_names

from amparo.model.consent import Consent
from amparo.model.errors import Message
from amparo.service.followup import deadline_title, say_deadline
from amparo.tracking.deadlines import compute_deadlines
from amparo.tracking.ics import to_ics

LANGUAGES = ("fr", "es", "ar", "zh", "ru")
#: English words of the titles and descriptions that no translation keeps.
ENGLISH = re.compile(r"\b(follow up with|no answer after|review the (case|consent)|probably public|before the "
                     r"period ends|passed its review date|opens|Computed by Amparo|Case:|Kind:|Avenue:|Rule:)\b")


def _unfolded(data: bytes) -> str:
    return data.replace(b"\r\n ", b"").decode("utf-8")


def test_every_deadline_has_its_message_and_the_title_is_its_english(demo, calendar):
    deadlines = all_deadlines(demo, calendar)
    kinds = {d.kind for d in deadlines}
    assert {"follow-up", "review", "session"} <= kinds
    for d in deadlines:
        assert d.wording is not None and str(d.wording) == d.title
        # Said in English, the same sentence with the date written out ("20 October 2026").
        assert deadline_title(d, "en").split(" ")[:3] == d.title.split(" ")[:3]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_titles_are_in_the_user_language_with_ids_and_dates(demo, calendar, lang):
    for d in all_deadlines(demo, calendar):
        title = deadline_title(d, lang)
        assert title != d.title and not ENGLISH.search(title), title
        assert d.case_id in title  # the case id stays, so the row can be found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_calendar_parses_in_each_language_and_names_nobody(demo, calendar, lang):
    deadlines = all_deadlines(demo, calendar)
    data = to_ics(deadlines, avenue_names=NAMES, say=lambda m: say_deadline(m, lang),
                  calendar_name=Message("Amparo — follow-up"))
    cal = Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert len(events) == len(deadlines)
    assert str(cal["X-WR-CALNAME"]) != "Amparo — follow-up"
    for event in events:
        summary, description = str(event["SUMMARY"]), str(event["DESCRIPTION"])
        assert not ENGLISH.search(summary) and not ENGLISH.search(description), (summary, description)
    text = _unfolded(data)
    for d in demo.values():
        for name in people_names(d.case):
            assert name not in text, name


def test_a_consent_review_names_the_role_in_words_not_its_id(demo, calendar):
    d = demo[HN]
    # One review ahead (p1) and one expired (p2): both kinds of consent deadline.
    case = _with_review(d, "p1", date(2027, 3, 1))
    case = replace(case, people=tuple(replace(p, consent=Consent(p.consent.circles, review_on=date(2026, 1, 1)))
                                      if p.ref != "p1" else p for p in case.people))
    reviews = [x for x in compute_deadlines(d.id, case, d.record.actions, d.record.responses, d.record.events,
                                            today=DEMO_TODAY, calendar=calendar) if x.person]
    assert {x.kind for x in reviews} == {"consent-review", "consent-expired"}
    for lang in LANGUAGES:
        for d in reviews:
            title = deadline_title(d, lang)
            assert d.person in title
            role = d.wording.params["role"]
            assert f"({role})" not in title, title
