"""The aggregate queries a period's compilation needs, in SQLAlchemy Core.

Every query groups and counts in the database and returns a few dozen rows at most, the
same on SQLite/SQLCipher and PostgreSQL (no date functions, no JSON functions: dates are
compared as dates and months are formed in Python from per-day rows).

Which cases belong to a period ``[start, end]``: a case with at least one reprisal dated
inside it (both ends included). Shared definitions are documented in docs/reporting.md.
Rows carry codes and counts only, never a name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from amparo.store.records import Repository
from amparo.store.schema import (
    actions,
    case_closures,
    case_engagements,
    case_people,
    case_reprisals,
    cases,
    responses,
    situation_events,
)

#: A response that says the case went into the Secretary-General's annual report.
REPORT_INCLUSION = "annual-report-inclusion"
#: A "response" that records silence: it does not answer an action.
NO_RESPONSE = "no-response"

Counted = tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class AvenueRow:
    """Per avenue: actions sent in the period, how many got an answer, responses received."""

    avenue: str
    sent: int
    answered: int
    responses: int
    #: Days from sending to the first answer, one value per answered action.
    days_to_first: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class PeriodAggregates:
    """The counts of one period, as the database gives them (codes and numbers only)."""

    start: date
    end: date
    cases: int
    reprisal_acts: int
    people: int
    follow_up_cases: int
    countries: Counted
    reprisal_types: tuple[tuple[str, int, int], ...]  # (type, cases, acts)
    bodies: Counted
    roles: Counted
    genders: Counted
    locations: Counted
    #: (first reprisal day in the period, number of cases whose first one it is)
    first_days: tuple[tuple[date, int], ...]
    avenues: tuple[AvenueRow, ...]
    events: tuple[tuple[str, int, int], ...]  # (kind, events, cases)
    closures: Counted
    extra: dict[str, Any] = field(default_factory=dict)


def _in(column: sa.ColumnElement[Any], start: date, end: date) -> sa.ColumnElement[bool]:
    return column.between(start, end)


class PeriodStats(Repository):
    """Aggregate queries over a reporting period (``store.stats``)."""

    def period_cases(self, start: date, end: date) -> sa.Subquery:
        """The ids of the cases that belong to the period (a reprisal dated inside it),
        among those the store's scope may see."""
        return (sa.select(case_reprisals.c.case_id)
                .where(_in(case_reprisals.c.date, start, end), self._visible(case_reprisals.c.case_id))
                .distinct().subquery("period_cases"))

    def follow_up_ids(self, conn: Connection, start: date, end: date) -> set[str]:
        """Period cases already reported before ``start``.

        Already reported: an ``annual-report-inclusion`` response received before the
        period, or a UN reference (``un_references`` of the case facts) dated before it.
        UN references live only in the facts JSON, so the few cases whose JSON mentions
        any are read and checked here; the rest are never parsed.
        """
        period = self.period_cases(start, end)
        by_response = conn.execute(
            sa.select(responses.c.case_id).distinct()
            .where(responses.c.kind == REPORT_INCLUSION, responses.c.received_on < start,
                   responses.c.case_id.in_(sa.select(period.c.case_id)))).scalars()
        found = set(by_response)
        rows = self._facts_with_references(conn, cases.c.id.in_(sa.select(period.c.case_id)))
        for case_id, text in rows:
            if case_id in found:
                continue
            for ref in json.loads(text).get("un_references") or ():
                day = ref.get("date")
                if day and date.fromisoformat(day[:10]) < start:
                    found.add(case_id)
                    break
        return found

    def _facts_with_references(self, conn: Connection, where: sa.ColumnElement[bool]) -> list[tuple[str, str]]:
        """(id, facts JSON) of the cases under ``where`` whose facts may hold UN references.

        The embedded vault filters on the text; sealed facts (a server) are opened first.
        """
        if self._store.fields is None:
            return list(conn.execute(sa.select(cases.c.id, cases.c.facts_json)
                                     .where(where, cases.c.facts_json.like('%"un_references"%'))).all())
        rows = conn.execute(sa.select(cases.c.id, cases.c.facts_json).where(where)).all()
        self._store.fields.load(conn, [r.id for r in rows])
        opened = [(r.id, self._open(conn, r.id, "cases.facts_json", r.facts_json) or "{}") for r in rows]
        return [(i, t) for i, t in opened if '"un_references"' in t]

    def aggregates(self, start: date, end: date) -> PeriodAggregates:
        """Every count of the period, in one read transaction."""
        with self._unit() as conn:
            return self._aggregates(conn, start, end)

    def _aggregates(self, conn: Connection, start: date, end: date) -> PeriodAggregates:
        period = self.period_cases(start, end)
        ids = sa.select(period.c.case_id)

        def counted(column: sa.ColumnElement[Any], table: sa.Table,
                    distinct: sa.ColumnElement[Any] | None = None) -> Counted:
            n = sa.func.count(sa.distinct(distinct)) if distinct is not None else sa.func.count()
            rows = conn.execute(sa.select(column, n).select_from(table)
                                .where(table.c.case_id.in_(ids)).group_by(column))
            return tuple(sorted(((k, int(v)) for k, v in rows), key=lambda r: (-r[1], r[0])))

        total = conn.execute(sa.select(sa.func.count()).select_from(period)).scalar_one()
        acts = conn.execute(sa.select(sa.func.count()).select_from(case_reprisals)
                            .where(_in(case_reprisals.c.date, start, end),
                                   self._visible(case_reprisals.c.case_id))).scalar_one()
        countries = tuple(sorted(
            ((k, int(v)) for k, v in conn.execute(
                sa.select(cases.c.country, sa.func.count()).where(cases.c.id.in_(ids))
                .group_by(cases.c.country))), key=lambda r: (-r[1], r[0])))
        types = conn.execute(
            sa.select(case_reprisals.c.type, sa.func.count(sa.distinct(case_reprisals.c.case_id)),
                      sa.func.count())
            .where(_in(case_reprisals.c.date, start, end), self._visible(case_reprisals.c.case_id))
            .group_by(case_reprisals.c.type))
        reprisal_types = tuple(sorted(((t, int(c), int(a)) for t, c, a in types),
                                      key=lambda r: (-r[1], -r[2], r[0])))
        bodies = counted(case_engagements.c.body, case_engagements, case_engagements.c.case_id)
        roles = counted(case_people.c.role, case_people)
        genders = counted(case_people.c.gender, case_people)
        locations = counted(case_people.c.location, case_people)
        people = sum(n for _, n in roles)

        first = (sa.select(case_reprisals.c.case_id, sa.func.min(case_reprisals.c.date).label("day"))
                 .where(_in(case_reprisals.c.date, start, end), self._visible(case_reprisals.c.case_id))
                 .group_by(case_reprisals.c.case_id).subquery("first"))
        first_days = tuple(
            (day, int(n)) for day, n in conn.execute(
                sa.select(first.c.day, sa.func.count()).group_by(first.c.day).order_by(first.c.day)))

        events = conn.execute(
            sa.select(situation_events.c.kind, sa.func.count(),
                      sa.func.count(sa.distinct(situation_events.c.case_id)))
            .where(_in(situation_events.c.happened_on, start, end),
                   self._visible(situation_events.c.case_id))
            .group_by(situation_events.c.kind))
        closures = conn.execute(
            sa.select(case_closures.c.outcome, sa.func.count())
            .where(_in(case_closures.c.closed_on, start, end), self._visible(case_closures.c.case_id))
            .group_by(case_closures.c.outcome))

        return PeriodAggregates(
            start=start, end=end, cases=int(total), reprisal_acts=int(acts), people=people,
            follow_up_cases=len(self.follow_up_ids(conn, start, end)),
            countries=countries, reprisal_types=reprisal_types, bodies=bodies, roles=roles,
            genders=genders, locations=locations, first_days=first_days,
            avenues=self._avenues(conn, start, end),
            events=tuple(sorted(((k, int(n), int(c)) for k, n, c in events),
                                key=lambda r: (-r[1], r[0]))),
            closures=tuple(sorted(((k, int(n)) for k, n in closures), key=lambda r: (-r[1], r[0]))),
        )

    def _avenues(self, conn: Connection, start: date, end: date) -> tuple[AvenueRow, ...]:
        """Actions sent in the period per avenue, their first answers, responses received.

        An action is answered when a response linked to it (``action_id``) of any kind
        but ``no-response`` exists, whenever it came; its first answer is the earliest.
        """
        sent = dict(conn.execute(
            sa.select(actions.c.avenue, sa.func.count())
            .where(_in(actions.c.sent_on, start, end), self._visible(actions.c.case_id))
            .group_by(actions.c.avenue)).all())
        first = (sa.select(responses.c.action_id, sa.func.min(responses.c.received_on).label("first_on"))
                 .where(responses.c.action_id.is_not(None), responses.c.kind != NO_RESPONSE)
                 .group_by(responses.c.action_id).subquery("first_answer"))
        # One row per (avenue, sent day, first answer day): a few hundred at most, and the
        # median needs the spread of values, which SQL does not give on both backends.
        spans = conn.execute(
            sa.select(actions.c.avenue, actions.c.sent_on, first.c.first_on, sa.func.count())
            .join(first, first.c.action_id == actions.c.id)
            .where(_in(actions.c.sent_on, start, end), self._visible(actions.c.case_id))
            .group_by(actions.c.avenue, actions.c.sent_on, first.c.first_on))
        days: dict[str, list[int]] = {}
        for avenue, sent_on, first_on, n in spans:
            days.setdefault(avenue, []).extend([max(0, (first_on - sent_on).days)] * int(n))
        received = dict(conn.execute(
            sa.select(responses.c.from_avenue, sa.func.count())
            .where(_in(responses.c.received_on, start, end), responses.c.kind != NO_RESPONSE,
                   responses.c.from_avenue.is_not(None), self._visible(responses.c.case_id))
            .group_by(responses.c.from_avenue)).all())
        out = []
        for avenue in sorted(set(sent) | set(received)):
            spread = tuple(sorted(days.get(avenue, ())))
            out.append(AvenueRow(avenue=avenue, sent=int(sent.get(avenue, 0)), answered=len(spread),
                                 responses=int(received.get(avenue, 0)), days_to_first=spread))
        return tuple(out)

    def case_ids(self, start: date, end: date) -> tuple[list[str], list[str]]:
        """(new, follow-up) ids of the period's cases, each sorted (for the contribution)."""
        with self._unit() as conn:
            period = self.period_cases(start, end)
            every = sorted(conn.execute(sa.select(period.c.case_id)).scalars())
            earlier = self.follow_up_ids(conn, start, end)
        return [c for c in every if c not in earlier], [c for c in every if c in earlier]

    def reported_before(self, start: date) -> list[str]:
        """Every case already reported before ``start`` (inclusion response or dated UN reference)."""
        with self._unit() as conn:
            found = set(conn.execute(
                sa.select(responses.c.case_id).distinct()
                .where(responses.c.kind == REPORT_INCLUSION, responses.c.received_on < start,
                       self._visible(responses.c.case_id))).scalars())
            for case_id, text in self._facts_with_references(conn, self._visible(cases.c.id)):
                if case_id not in found and any(
                        r.get("date") and date.fromisoformat(r["date"][:10]) < start
                        for r in json.loads(text).get("un_references") or ()):
                    found.add(case_id)
        return sorted(found)
