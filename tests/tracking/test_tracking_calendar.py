"""The UN calendar: shipped Council sessions, user-entered treaty-body sessions."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from amparo.model.errors import InvalidInput
from amparo.tracking.calendar import load_calendar


def test_three_council_sessions_a_year_for_2026_and_2027_marked_unverified(calendar):
    hrc = [s for s in calendar.sessions if s.body == "hrc"]
    assert Counter(s.start.year for s in hrc) == {2026: 3, 2027: 3}
    for s in hrc:
        assert s.verified is False and s.taken_for == s.start.year
        assert "60/251" in s.source and "update me" in s.source
    # Feb–Apr, Jun–Jul, Sep–Oct (A/RES/60/251 para 10 as practised).
    assert [(s.start.month, s.end.month) for s in hrc[:3]] == [(2, 4), (6, 7), (9, 10)]


def test_next_session_is_the_one_under_way_or_next(calendar):
    assert calendar.next_session("hrc", date(2026, 11, 28)).start == date(2027, 2, 22)
    running = calendar.next_session("hrc", date(2026, 6, 20))
    assert running.start <= date(2026, 6, 20) <= running.end


USER_FILE = """
sessions:
  - body: tb:CAT
    name: Committee against Torture, 86th session
    start: 2027-04-12
    end: 2027-05-07
    countries: [BI, cn]
  - body: hrc
    name: Human Rights Council, 64th regular session
    start: "2027-02-22"
    end: "2027-04-02"
    verified: true
    source: programme of work
"""


def test_user_file_merges_and_replaces_a_shipped_session(tmp_path):
    path = tmp_path / "calendar.yaml"
    path.write_text(USER_FILE, encoding="utf-8")
    cal = load_calendar(path)
    cat = cal.reviewing("BI", date(2026, 11, 28))
    assert [s.name for s in cat] == ["Committee against Torture, 86th session"]
    assert cal.reviewing("CN", date(2026, 11, 28))[0].countries == ("BI", "CN")
    assert cal.reviewing("HN", date(2026, 11, 28)) == []
    hrc64 = [s for s in cal.sessions if s.name.startswith("Human Rights Council, 64th")]
    assert len(hrc64) == 1 and hrc64[0].verified and hrc64[0].origin == "workspace"
    assert [s.start for s in cal.sessions] == sorted(s.start for s in cal.sessions)


@pytest.mark.parametrize(("entry", "path"), [
    ("  - {body: tb:XYZ, name: x, start: 2027-01-01, end: 2027-01-02}", "sessions[0].body"),
    ("  - {body: tb:CAT, name: x, start: 2027-13-01, end: 2027-01-02}", "sessions[0].start"),
    ("  - {body: tb:CAT, name: x, start: 2027-01-05, end: 2027-01-02}", "sessions[0].end"),
    ("  - {body: tb:CAT, name: x, start: 2027-01-01, end: 2027-01-02, countries: [Burundi]}",
     "sessions[0].countries[0]"),
    ("  - {body: tb:CAT, start: 2027-01-01, end: 2027-01-02}", "sessions[0].name"),
    ("  - {body: tb:CAT, name: x, start: 2027-01-01, end: 2027-01-02, where: Geneva}",
     "sessions[0].where"),
])
def test_malformed_user_file_names_file_and_entry(tmp_path, entry, path):
    f = tmp_path / "my-calendar.yaml"
    f.write_text("sessions:\n" + entry + "\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        load_calendar(f)
    assert err.value.source == str(f)
    assert path in {p.path for p in err.value.problems}
    assert str(f) in str(err.value)


def test_unreadable_or_invalid_yaml_is_a_clear_error(tmp_path):
    with pytest.raises(InvalidInput, match="cannot read"):
        load_calendar(tmp_path / "missing.yaml")
    f = tmp_path / "broken.yaml"
    f.write_text("sessions: [\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="not valid YAML"):
        load_calendar(f)
