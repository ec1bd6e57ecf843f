"""Small-cell suppression of public figures: no small count published, none recoverable.

The property tests draw random vaults (cases as values, built like reporting_fixtures
does, with random consents, reprisals, actions and answers), select and compile them as
``ws.reports.compile(audience="public")`` does, and check the published compilation
against its own unsuppressed figures. The lines below (which column adds up to which
total) are written out here again, and checked against the unsuppressed figures, so a
wrong declaration in ``reporting.suppression`` cannot hide a recoverable cell.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reporting_fixtures import END, START, case, person

from amparo.model import Action, Circle, Engagement, Reprisal, Response, SituationEvent
from amparo.model.errors import InvalidInput
from amparo.reporting import SUPPRESSED, compile_period
from amparo.reporting.public import AvenueFigures, CaseRecord, PublicFigures, compile_public, public_figures, select
from amparo.reporting.suppression import suppress

TODAY = date(2026, 11, 28)
#: (table, column, total): the column adds up to the total (checked on the true figures).
SUMS = (("countries", "cases", "cases"), ("cases-per-month", "cases", "cases"),
        ("new-and-follow-up", "cases", "cases"), ("roles", "people", "people"),
        ("genders", "people", "people"), ("locations", "people", "people"),
        ("reprisal-types", "acts", "reprisal_acts"), ("avenues", "actions_sent", "actions_sent"),
        ("avenues", "actions_answered", "actions_answered"))
#: Columns that are not counts of anything (ratios, medians).
NOT_COUNTS = {"response_rate", "median_days_to_first_response"}
#: Per-row bounds a reader knows: column ≥ other, column ≤ other.
AT_LEAST = {("reprisal-types", "acts"): "cases", ("avenues", "actions_sent"): "actions_answered"}
AT_MOST = {("avenues", "actions_answered"): "actions_sent"}

COUNTRIES = ("HN", "GT", "CN", "BI", "CO")
TYPES = ("threats", "surveillance", "arbitrary-arrest", "smear-campaign", "travel-ban")
AVENUES = ("sp:human-rights-defenders", "tb:CAT", "sp:torture", "rg:iachr")
CONSENTS = ("public-named", "public-anonymous", "public-anonymous", "state", "none")
DAYS = st.integers(-60, (END - START).days + 60).map(lambda d: START + timedelta(days=d))


@st.composite
def a_record(draw: st.DrawFn, number: int, consents: tuple[str, ...] = CONSENTS) -> tuple[CaseRecord, bool]:
    """One random case with its follow-up, and whether it was reported before the period."""
    refs = [f"p{j}" for j in range(draw(st.integers(1, 3)))]
    people = tuple(person(r, f"Person {number}-{r}", draw(st.sampled_from(consents)),
                          role=draw(st.sampled_from(("defender", "lawyer", "journalist", "family-member"))),
                          gender=draw(st.sampled_from(("woman", "man", "non-binary"))),
                          location=draw(st.sampled_from(("in-country", "in-exile", "in-custody"))))
                   for r in refs)
    who = st.lists(st.sampled_from(refs), min_size=1, max_size=len(refs), unique=True).map(tuple)
    reprisals = tuple(Reprisal(draw(st.sampled_from(TYPES)), draw(DAYS), draw(who))
                      for _ in range(draw(st.integers(1, 3))))
    engagements = tuple(Engagement(body=draw(st.sampled_from(("hrc", "upr", "tb:CAT"))), kind="written-submission",
                                   date=START - timedelta(days=draw(st.integers(1, 300))), people=draw(who))
                        for _ in range(draw(st.integers(0, 2))))
    c = replace(case(f"Case {number}", draw(st.sampled_from(COUNTRIES)), people, reprisals, engagements),
                id=f"C{number:03d}")
    actions, responses = [], []
    for k in range(draw(st.integers(0, 3))):
        a = Action(id=f"A{number}-{k}", case_id=c.id, avenue=draw(st.sampled_from(AVENUES)), action=None,
                   sent_on=draw(DAYS), channel="email", disclosure=Circle.UN_CONFIDENTIAL)
        actions.append(a)
        if draw(st.booleans()):
            responses.append(Response(id=f"R{number}-{k}", case_id=c.id,
                                      kind=draw(st.sampled_from(("acknowledgment", "state-reply", "no-response"))),
                                      received_on=a.sent_on + timedelta(days=draw(st.integers(0, 90))),
                                      from_avenue=a.avenue, action_id=a.id))
    events = [SituationEvent(id=f"E{number}", case_id=c.id, kind=draw(st.sampled_from(("released", "charged"))),
                             happened_on=draw(DAYS), people=draw(who))] if draw(st.booleans()) else []
    closure = (("released", draw(DAYS)) if draw(st.integers(0, 4)) == 0 else None)
    return CaseRecord(c, actions, responses, events, closure), draw(st.integers(0, 4)) == 0


def _split(records: list[tuple[CaseRecord, bool]]) -> tuple[list[CaseRecord], list[CaseRecord]]:
    """(new, earlier) as the store gives them: new = in the period and not reported before."""
    def in_period(r: CaseRecord) -> bool:
        return any(START <= x.date <= END for x in r.case.reprisals)

    return ([r for r, before in records if not before and in_period(r)], [r for r, before in records if before])


@st.composite
def a_vault(draw: st.DrawFn, consents: tuple[str, ...] = CONSENTS) -> list[tuple[CaseRecord, bool]]:
    n = draw(st.integers(0, 24))
    return [draw(a_record(i, consents)) for i in range(n)]


def _published(table, row, column):
    return row[table.columns.index(column)]


def _true_values(truth, compilation):
    """(table, row key, column) → true value, and the published value for the same key."""
    out = []
    for t in compilation.tables:
        real = {row[0]: row for row in truth.table(t.name).rows}
        assert set(real) == {row[0] for row in t.rows}  # rows are only reordered
        for row in t.rows:
            for col, v in zip(t.columns[1:], row[1:], strict=True):
                out.append((t.name, row[0], col, v, real[row[0]][t.columns.index(col)]))
    return out


def check_published(compilation, truth, min_cell: int) -> None:
    """Every rule a published compilation keeps, against its true (unsuppressed) figures."""
    # The declared sums hold on the true figures (else the checks below would prove nothing).
    for table, column, total in SUMS:
        assert sum(truth.table(table).column(column)) == truth.totals[total], (table, column)
    # 1. Nothing published is wrong, and no count from 1 to min_cell - 1 is published.
    for table, _key, col, shown, real in _true_values(truth, compilation):
        if shown is not SUPPRESSED:
            assert shown == real, (table, col)
            if col not in NOT_COUNTS:
                assert not 0 < real < min_cell, (table, col, real)
    for name, shown in compilation.totals.items():
        if shown is not SUPPRESSED:
            assert shown == truth.totals[name]
            assert name == "countries" or not 0 < shown < min_cell, name
    # 2. Derived cells are published only with what they are computed from.
    for row in compilation.table("avenues").to_json():
        if row["response_rate"] not in ("suppressed", None):
            assert "suppressed" not in (row["actions_sent"], row["actions_answered"])
        if row["median_days_to_first_response"] not in ("suppressed", None):
            assert row["actions_answered"] != "suppressed"
    for row in compilation.table("reprisal-types").to_json():
        assert row["acts"] == "suppressed" or row["cases"] != "suppressed"
    # 3. No suppressed cell can be worked out from its line's published total and the
    #    published cells of the line and of its row.
    for table, column, total in SUMS:
        t = compilation.table(table)
        cells = t.rows
        hidden = [r for r in cells if _published(t, r, column) is SUPPRESSED]
        if compilation.totals[total] is SUPPRESSED:
            # ... and a suppressed total cannot be added up from a fully published line.
            assert hidden or not cells or truth.totals[total] == 0, (table, total)
            continue
        if not hidden:
            continue
        rest = compilation.totals[total] - sum(_published(t, r, column) for r in cells if r not in hidden)
        lows, highs = [], []
        for r in hidden:
            low, high = 1, math.inf
            other = AT_LEAST.get((table, column))
            if other and _published(t, r, other) is not SUPPRESSED:
                low = max(low, _published(t, r, other))
            other = AT_MOST.get((table, column))
            if other and _published(t, r, other) is not SUPPRESSED:
                high = _published(t, r, other)
            lows.append(low)
            highs.append(high)
        for k in range(len(hidden)):
            least = max(lows[k], rest - (sum(highs) - highs[k]))
            most = min(highs[k], rest - (sum(lows) - lows[k]))
            assert least < most, (table, column, hidden[k][0], least, most)
    # 4. Ranked rows keep no order that would bound a suppressed row: suppressed rows last.
    for name in ("countries", "reprisal-types", "roles", "genders", "locations", "bodies", "closures"):
        t = compilation.table(name)
        flags = [row[1] is SUPPRESSED for row in t.rows]
        assert flags == sorted(flags), name


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vault=a_vault(), min_cell=st.integers(2, 6))
def test_no_small_cell_is_published_and_none_can_be_recomputed(vault, min_cell):
    new, earlier = _split(vault)
    selection = select(START, END, new=new, earlier=earlier, today=TODAY)
    truth = compile_period(public_figures(selection, today=TODAY))
    published = compile_public(selection, today=TODAY, min_cell=min_cell)
    assert published.public and published.min_cell == min_cell
    check_published(published, truth, min_cell)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vault=a_vault(), withheld=a_vault(consents=("state", "none", "un-confidential")))
def test_cases_without_public_consent_change_nothing_but_the_withheld_count(vault, withheld):
    # The same vault with more cases whose people do not consent to a public mention:
    # the public figures are identical; only the number withheld grows, by those of the
    # added cases that are cases of the period (a reprisal dated in it).
    renumbered = [(CaseRecord(replace(r.case, id=f"W{r.case.id}"), r.actions, r.responses, r.events, r.closure), b)
                  for r, b in withheld]
    new, earlier = _split(vault)
    plain = select(START, END, new=new, earlier=earlier, today=TODAY)
    new, earlier = _split(vault + renumbered)
    more = select(START, END, new=new, earlier=earlier, today=TODAY)
    a, b = compile_public(plain, today=TODAY), compile_public(more, today=TODAY)
    assert (a.totals, a.tables) == (b.totals, b.tables)
    of_period = [r for r, _ in renumbered if any(START <= x.date <= END for x in r.case.reprisals)]
    assert b.withheld - a.withheld == len(of_period)


def _figures(**kw) -> PublicFigures:
    base = dict(start=START, end=END, cases=0, reprisal_acts=0, people=0, follow_up_cases=0, countries=(),
                reprisal_types=(), bodies=(), roles=(), genders=(), locations=(), first_days=(), avenues=(),
                events=(), closures=())
    return PublicFigures(**(base | kw))


def _cells(compilation, table: str, column: str = "cases") -> dict[str, object]:
    t = compilation.table(table)
    return {row[0]: row[t.columns.index(column)] for row in t.rows}


def test_a_small_country_is_hidden_with_the_smallest_other_one_and_the_order_says_nothing():
    days = ((date(2025, 5, 2), 5), (date(2025, 6, 2), 5))
    c = suppress(compile_period(_figures(cases=10, countries=(("HN", 5), ("CN", 4), ("GT", 1)), first_days=days)))
    assert _cells(c, "countries") == {"HN": 5, "CN": SUPPRESSED, "GT": SUPPRESSED}
    assert c.totals["cases"] == 10
    assert [r[0] for r in c.table("countries").rows] == ["HN", "CN", "GT"]  # hidden last, by code


def test_cells_that_are_all_ones_hide_their_total():
    # Four countries with one case each: 4 hidden cells adding up to a published 4 would
    # each be 1. The total goes, and the monthly line (all shown: 4 in May) must then lose
    # a cell too, or the total would be added up from it.
    c = suppress(compile_period(_figures(cases=4, countries=(("BI", 1), ("CN", 1), ("GT", 1), ("HN", 1)),
                                         first_days=((date(2025, 5, 3), 4),))))
    assert set(_cells(c, "countries").values()) == {SUPPRESSED}
    assert c.totals["cases"] is SUPPRESSED
    assert _cells(c, "cases-per-month")["2025-05"] is SUPPRESSED
    assert c.totals["new_cases"] is SUPPRESSED  # new = cases - 0 follow-up: hidden with its cell


def test_a_fully_answered_complement_does_not_give_the_small_one_away():
    # sent: A 1 (small), B 5 with 5 answered. Hiding B's 5 next to A's 1 is not enough: B
    # sent at least its 5 published answers, so the total 6 would pin both.
    avenues = (AvenueFigures("sp:a", 1, 0, 0), AvenueFigures("sp:b", 5, 5, 5, (3, 3, 4, 5, 9)),
               AvenueFigures("sp:c", 7, 0, 0))
    c = suppress(compile_period(_figures(avenues=avenues)))
    sent = _cells(c, "avenues", "actions_sent")
    assert sent["sp:a"] is SUPPRESSED
    hidden = [k for k, v in sent.items() if v is SUPPRESSED]
    assert len(hidden) == 3 or c.totals["actions_sent"] is SUPPRESSED
    assert _cells(c, "avenues", "response_rate")["sp:a"] is SUPPRESSED


@pytest.mark.parametrize("bad", [1, 0, -3, 1001, "3", True])
def test_a_threshold_that_would_hide_nothing_is_refused_naming_the_option(bad):
    with pytest.raises(InvalidInput) as err:
        suppress(compile_period(_figures()), bad)
    assert err.value.problems[0].path == "--min-cell"
