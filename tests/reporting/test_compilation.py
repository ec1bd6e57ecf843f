"""Every number of the compilation against a count made independently over the fixtures."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import date

import pytest
from reporting_fixtures import END, FOLLOW_UP, IN_PERIOD, START, Fixture, fill

from amparo.reporting import compile_period
from amparo.store.repository import Store


def _in(day: date) -> bool:
    return START <= day <= END


def expected(fx: Fixture) -> dict[str, object]:
    """The compilation's numbers, counted in Python from the fixture values."""
    period = {k: c for k, c in fx.cases.items() if any(_in(r.date) for r in c.reprisals)}
    assert sorted(period) == sorted(IN_PERIOD)
    people = [p for c in period.values() for p in c.people]
    types_cases: Counter[str] = Counter()
    types_acts: Counter[str] = Counter()
    for c in period.values():
        inside = [r for r in c.reprisals if _in(r.date)]
        types_acts.update(r.type for r in inside)
        types_cases.update({r.type for r in inside})
    months: Counter[str] = Counter(min(r.date for r in c.reprisals if _in(r.date)).strftime("%Y-%m")
                                   for c in period.values())
    by_id = {fx.ids[k]: k for k in fx.cases}
    sent = [a for a in fx.actions if _in(a.sent_on)]
    avenues = {}
    for avenue in {a.avenue for a in sent} | {r.from_avenue for r in fx.responses
                                              if _in(r.received_on) and r.kind != "no-response"}:
        mine = [a for a in sent if a.avenue == avenue]
        spans = []
        for a in mine:
            answers = [r.received_on for r in fx.responses if r.action_id == a.id and r.kind != "no-response"]
            if answers:
                spans.append((min(answers) - a.sent_on).days)
        received = [r for r in fx.responses if r.from_avenue == avenue and _in(r.received_on)
                    and r.kind != "no-response"]
        avenues[avenue] = {"actions_sent": len(mine), "actions_answered": len(spans),
                           "response_rate": round(len(spans) / len(mine), 3) if mine else None,
                           "median_days_to_first_response": float(statistics.median(spans)) if spans else None,
                           "responses_received": len(received)}
    events = [e for e in fx.events if _in(e.happened_on)]
    return {
        "cases": len(period),
        "follow_up": sorted(FOLLOW_UP),
        "acts": sum(types_acts.values()),
        "countries": Counter(c.country for c in period.values()),
        "types": {t: (types_cases[t], types_acts[t]) for t in types_acts},
        "bodies": Counter(b for c in period.values() for b in {e.body for e in c.engagements}),
        "roles": Counter(p.role for p in people),
        "genders": Counter(p.gender for p in people),
        "locations": Counter(p.location for p in people),
        "months": months,
        "avenues": avenues,
        "events": {k: (n, len({e.case_id for e in events if e.kind == k}))
                   for k, n in Counter(e.kind for e in events).items()},
        "closures": Counter(o for o, d in fx.closures.values() if _in(d)),
        "by_id": by_id,
    }


def check(compilation, fx: Fixture) -> None:
    want = expected(fx)
    t = compilation.totals
    assert t["cases"] == want["cases"]
    assert t["follow_up_cases"] == len(want["follow_up"])
    assert t["new_cases"] == want["cases"] - len(want["follow_up"])
    assert t["reprisal_acts"] == want["acts"]
    assert t["people"] == sum(want["roles"].values())
    assert t["countries"] == len(want["countries"])
    assert dict(compilation.table("countries").rows) == want["countries"]
    assert {r[0]: (r[1], r[2]) for r in compilation.table("reprisal-types").rows} == want["types"]
    assert dict(compilation.table("bodies").rows) == want["bodies"]
    assert dict(compilation.table("roles").rows) == want["roles"]
    assert dict(compilation.table("genders").rows) == want["genders"]
    assert dict(compilation.table("locations").rows) == want["locations"]
    assert dict(compilation.table("new-and-follow-up").rows) == {
        "new": want["cases"] - len(want["follow_up"]), "follow-up": len(want["follow_up"])}
    per_month = dict(compilation.table("cases-per-month").rows)
    assert len(per_month) == 12 and {m: n for m, n in per_month.items() if n} == want["months"]
    avenues = {r["avenue"]: {k: v for k, v in r.items() if k != "avenue"}
               for r in compilation.table("avenues").to_json()}
    assert avenues == want["avenues"]
    assert t["actions_sent"] == sum(a["actions_sent"] for a in want["avenues"].values())
    assert {r[0]: (r[1], r[2]) for r in compilation.table("outcomes").rows} == want["events"]
    assert dict(compilation.table("closures").rows) == want["closures"]


def test_compilation_matches_python_counts_through_the_workspace(workspace):
    ws, fx = workspace
    check(ws.reports.compile("2025-05-01", "2026-04-30"), fx)


def test_follow_up_cases_are_those_reported_before_the_period(workspace):
    ws, fx = workspace
    new, follow = ws.store.stats.case_ids(START, END)
    assert follow == [fx.ids["G"]]
    assert sorted(new) == sorted(fx.ids[k] for k in IN_PERIOD if k != "G")
    # F has a UN reference dated before the period but no reprisal in it: not a period case,
    # yet reported earlier.
    assert fx.ids["F"] in ws.store.stats.reported_before(START)


def test_straight_sql_agrees_on_countries_and_acts(workspace):
    import sqlalchemy as sa

    ws, _ = workspace
    with ws.store.engine.connect() as conn:
        countries = dict(conn.execute(sa.text(
            "SELECT country, COUNT(*) FROM cases WHERE id IN (SELECT case_id FROM case_reprisals "
            "WHERE date >= :s AND date <= :e) GROUP BY country"), {"s": START, "e": END}).all())
        acts = conn.execute(sa.text("SELECT COUNT(*) FROM case_reprisals WHERE date >= :s AND date <= :e"),
                            {"s": START, "e": END}).scalar()
    c = ws.reports.compile(START, END)
    assert dict(c.table("countries").rows) == countries
    assert c.totals["reprisal_acts"] == acts


def test_default_period_is_the_sg_period_containing_today(workspace):
    ws, _ = workspace  # the clock says 2026-11-28
    c = ws.reports.compile()
    assert (c.start, c.end) == (date(2026, 5, 1), date(2027, 4, 30))
    assert c.totals["cases"] == 1  # only H has a reprisal in it
    assert ws.reports.period("2025-06-01", None) == (date(2025, 6, 1), date(2026, 4, 30))


def test_same_numbers_on_postgresql(pg_engine):
    store = Store(pg_engine, actor="tester")
    fx = fill(store)
    check(compile_period(store.stats.aggregates(START, END)), fx)


def test_json_has_the_same_numbers_and_no_names(workspace):
    import json

    ws, fx = workspace
    c = ws.reports.compile(START, END)
    data = c.to_json()
    assert data["totals"] == c.totals
    assert data["tables"]["countries"] == [{"country": k, "cases": n} for k, n in c.table("countries").rows]
    text = json.dumps(data)
    for case in fx.cases.values():
        for p in case.people:
            assert p.name.split()[0] not in text
    for case_id in fx.ids.values():
        assert case_id not in text


@pytest.mark.parametrize(("start", "end", "where"), [
    ("2026-05-01", "2025-05-01", "--from"),
    ("2026-02-30", None, "--from"),
    (None, "yesterday", "--to"),
])
def test_bad_periods_are_refused_with_the_option_named(workspace, start, end, where):
    from amparo.model import InvalidInput

    ws, _ = workspace
    with pytest.raises(InvalidInput) as err:
        ws.reports.compile(start, end)
    assert err.value.problems[0].path == where
