"""Compile a period: the store's aggregate rows made into named tables (pure).

A ``Compilation`` is what ``amparo report`` prints, ``--json`` gives, ``--csv`` writes
one file per table of, and the charts draw. It holds codes and counts only: no name, no
narrative, no case id. The definitions (which cases belong to a period, what "already
reported" means, what an answered action is) are the store's queries', documented in
docs/reporting.md.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from amparo.model.errors import InvalidInput, Problem
from amparo.reporting import wording as w

#: Who a compilation is for. Internal: every case of the vault, for the team. Public:
#: only cases whose people consent to a public mention, small counts suppressed
#: (``reporting.public`` and ``reporting.suppression``); the only kind published.
INTERNAL = "internal"
PUBLIC = "public"
AUDIENCES: tuple[str, ...] = (INTERNAL, PUBLIC)


class Suppressed:
    """The value of a cell that is not shown: below the threshold, or one that would reveal such a cell."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "SUPPRESSED"

    def __str__(self) -> str:
        return w.NOT_SHOWN  # what a table printed for people shows

    def __reduce__(self) -> str:
        return "SUPPRESSED"  # one instance, also after pickling


#: The one suppressed value: test with ``value is SUPPRESSED``.
SUPPRESSED = Suppressed()


def exported(value: Any) -> Any:
    """A cell as CSV and JSON carry it: a suppressed cell as its marker code."""
    return w.SUPPRESSED_CODE if value is SUPPRESSED else value


class PeriodFigures(Protocol):
    """What the compilation reads from the store (``amparo.store.stats.PeriodAggregates``)."""

    start: date
    end: date
    cases: int
    reprisal_acts: int
    people: int
    follow_up_cases: int
    countries: tuple[tuple[str, int], ...]
    reprisal_types: tuple[tuple[str, int, int], ...]
    bodies: tuple[tuple[str, int], ...]
    roles: tuple[tuple[str, int], ...]
    genders: tuple[tuple[str, int], ...]
    locations: tuple[tuple[str, int], ...]
    first_days: tuple[tuple[date, int], ...]
    avenues: tuple[Any, ...]
    events: tuple[tuple[str, int, int], ...]
    closures: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class Table:
    """One table of the compilation: a name (file and JSON key), a title, columns, rows."""

    name: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def to_json(self) -> list[dict[str, Any]]:
        """The rows as mappings keyed by column (a suppressed cell as ``"suppressed"``)."""
        return [dict(zip(self.columns, map(exported, row), strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Any]:
        """Every value of one column, in row order."""
        i = self.columns.index(name)
        return [row[i] for row in self.rows]


@dataclass(frozen=True, slots=True)
class Compilation:
    """A period's figures: totals and tables (codes and counts only), for one audience.

    A public compilation also says its threshold (``min_cell``) and how many cases of the
    period it leaves out for lack of consent (``withheld``); its suppressed cells and
    totals hold ``SUPPRESSED``.
    """

    start: date
    end: date
    totals: dict[str, Any]
    tables: tuple[Table, ...]
    audience: str = INTERNAL
    min_cell: int | None = None
    withheld: int = 0

    @property
    def public(self) -> bool:
        """Whether this compilation may be published."""
        return self.audience == PUBLIC

    @property
    def label(self) -> str:
        """The line every format of this compilation carries: internal, or public and its rule."""
        return w.PUBLIC_LABEL.format(min_cell=self.min_cell) if self.public else w.INTERNAL_LABEL

    def table(self, name: str) -> Table:
        """The table called ``name`` (KeyError if there is none)."""
        for t in self.tables:
            if t.name == name:
                return t
        raise KeyError(name)

    def to_json(self) -> dict[str, Any]:
        """The same numbers as the tables, JSON-ready, with the audience first."""
        head: dict[str, Any] = {"audience": self.audience, "notice": self.label}
        if self.public:
            head |= {"min_cell": self.min_cell, "suppressed_marker": w.SUPPRESSED_CODE,
                     "withheld_cases": self.withheld}
        return head | {
            "period": {"from": self.start.isoformat(), "to": self.end.isoformat()},
            "totals": {k: exported(v) for k, v in self.totals.items()},
            "tables": {t.name: t.to_json() for t in self.tables},
        }


def check_period(start: date, end: date) -> None:
    """Refuse a period whose start is after its end."""
    if start > end:
        raise InvalidInput(Problem("--from", f"the period starts on {start.isoformat()}, "
                                             f"after its end {end.isoformat()}"))


def months(start: date, end: date) -> list[date]:
    """The first day of every month the period touches, in order."""
    out = []
    day = start.replace(day=1)
    while day <= end:
        out.append(day)
        day = day.replace(year=day.year + 1, month=1) if day.month == 12 else day.replace(month=day.month + 1)
    return out


def _rate(answered: int, sent: int) -> float | None:
    return round(answered / sent, 3) if sent else None


def _median(values: tuple[int, ...]) -> float | None:
    return float(statistics.median(values)) if values else None


def compile_period(figures: PeriodFigures) -> Compilation:
    """The compilation of one period from the store's aggregate rows."""
    check_period(figures.start, figures.end)
    per_month: dict[date, int] = {m: 0 for m in months(figures.start, figures.end)}
    for day, n in figures.first_days:
        per_month[day.replace(day=1)] += n
    avenue_rows = tuple(
        (a.avenue, a.sent, a.answered, _rate(a.answered, a.sent), _median(a.days_to_first), a.responses)
        for a in sorted(figures.avenues, key=lambda a: (-a.sent, a.avenue)))
    new_cases = figures.cases - figures.follow_up_cases
    tables = (
        Table("countries", "Cases by country", ("country", "cases"), figures.countries),
        Table("reprisal-types", "Forms of reprisal", ("type", "cases", "acts"), figures.reprisal_types),
        Table("bodies", "Bodies engaged with", ("body", "cases"), figures.bodies),
        Table("roles", "People by role", ("role", "people"), figures.roles),
        Table("genders", "People by gender", ("gender", "people"), figures.genders),
        Table("locations", "People by location", ("location", "people"), figures.locations),
        Table("new-and-follow-up", "New cases and follow-up of cases already reported",
              ("kind", "cases"), (("new", new_cases), ("follow-up", figures.follow_up_cases))),
        Table("cases-per-month", "Cases by month of their first reprisal in the period",
              ("month", "cases"), tuple((m.strftime("%Y-%m"), n) for m, n in per_month.items())),
        Table("avenues", "Actions and responses by avenue",
              ("avenue", "actions_sent", "actions_answered", "response_rate",
               "median_days_to_first_response", "responses_received"), avenue_rows),
        Table("outcomes", "Changes in people's situation recorded in the period",
              ("kind", "events", "cases"), figures.events),
        Table("closures", "Cases closed in the period, by outcome", ("outcome", "cases"), figures.closures),
    )
    totals = {
        "cases": figures.cases, "new_cases": new_cases, "follow_up_cases": figures.follow_up_cases,
        "reprisal_acts": figures.reprisal_acts, "people": figures.people,
        "countries": len(figures.countries),
        "actions_sent": sum(a.sent for a in figures.avenues),
        "actions_answered": sum(a.answered for a in figures.avenues),
    }
    return Compilation(figures.start, figures.end, totals, tables)
