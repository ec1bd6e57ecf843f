"""Which cases a public report may count, and the public compilation of a period (pure).

Everything published (the contribution, public charts, CSV and JSON) counts only the
cases of the period the contribution may describe: those whose
``contribution.public_view`` exists (the consent gate, avenue ``sg:report``) and keeps a
reprisal dated in the period. Every other case of the period (a reprisal dated in it)
is *withheld*: its number is given, once, and nothing else of it. Inside a counted case
only what its public view keeps is counted: its kept reprisals and engagements, the
people it identifies, the events about people who consent; and its own actions,
responses and closure. The figures are then suppressed below a threshold
(``reporting.suppression``). Earlier cases enter the follow-up section when their public
view changed in the period (``contribution.changes_in``), and are counted only if they
are cases of the period. The definitions are in docs/reporting.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from amparo.model.case import Case
from amparo.model.followup import Action, Response, SituationEvent
from amparo.reporting import contribution as c
from amparo.reporting.compilation import PUBLIC, Compilation, compile_period
from amparo.reporting.suppression import DEFAULT_MIN_CELL, suppress

NO_RESPONSE = "no-response"


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """One case with what the vault recorded on it (the service reads these)."""

    case: Case
    actions: Sequence[Action] = ()
    responses: Sequence[Response] = ()
    events: Sequence[SituationEvent] = ()
    closure: tuple[str, date] | None = None


@dataclass(frozen=True, slots=True)
class PublicCase:
    """A case a public report may mention: its record, its public view, what was left out."""

    record: CaseRecord
    view: Case
    left_out: int
    #: Reported before the period (the follow-up section's, and "already reported").
    earlier: bool
    #: A reprisal the view keeps is dated in the period: the figures count the case.
    counted: bool


@dataclass(frozen=True, slots=True)
class Selection:
    """The cases of a period as a public report sees them."""

    start: date
    end: date
    #: New cases to describe, in the order given.
    described: tuple[PublicCase, ...]
    #: Earlier cases with a public change in the period (the follow-up section).
    followed: tuple[PublicCase, ...]
    #: Cases of the period that no figure counts and no summary describes.
    withheld: int
    #: Whether any case of the period, or any earlier case changed in it, is a demo case.
    fictional: bool = False

    @property
    def counted(self) -> list[PublicCase]:
        """The cases the figures count (described, or followed up with a public act in the period)."""
        return [p for p in (*self.described, *self.followed) if p.counted]


def _in(day: date, start: date, end: date) -> bool:
    return start <= day <= end


def _touched(record: CaseRecord, start: date, end: date) -> bool:
    """Whether anything at all was recorded on the case in the period (public or not)."""
    closed = record.closure
    return (any(_in(r.date, start, end) for r in record.case.reprisals)
            or any(_in(r.received_on, start, end) for r in record.responses)
            or any(_in(e.happened_on, start, end) for e in record.events)
            or (closed is not None and _in(closed[1], start, end)))


def select(start: date, end: date, *, new: Iterable[CaseRecord], earlier: Iterable[CaseRecord],
           today: date) -> Selection:
    """Sort the period's records into described, followed up and withheld.

    ``new`` are the period's cases not reported before it; ``earlier`` the cases reported
    before it: the period's (always) and the others (for the follow-up section only).
    """
    described, followed, withheld, fictional = [], [], 0, False
    for record in new:
        fictional |= record.case.fictional
        view = c.public_view(record.case, today=today)
        if view is not None and _has_act(view[0], start, end):
            described.append(PublicCase(record, view[0], view[1], earlier=False, counted=True))
        else:
            withheld += 1
    for record in earlier:
        of_period = _has_act(record.case, start, end)
        if not (of_period or _touched(record, start, end)):
            continue  # nothing happened in the period: no follow-up to give
        fictional |= record.case.fictional
        view = c.public_view(record.case, today=today)
        counted = view is not None and _has_act(view[0], start, end)
        if of_period and not counted:
            withheld += 1
        if view is not None and c.changes_in(view[0], start=start, end=end, responses=record.responses,
                                             events=record.events, closure=record.closure, today=today):
            followed.append(PublicCase(record, view[0], view[1], earlier=True, counted=counted))
    return Selection(start, end, tuple(described), tuple(followed), withheld, fictional)


def _has_act(case: Case, start: date, end: date) -> bool:
    return any(_in(r.date, start, end) for r in case.reprisals)


def _ranked(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counter.items(), key=lambda r: (-r[1], r[0])))


@dataclass(frozen=True, slots=True)
class AvenueFigures:
    """Per avenue, over the counted cases (the shape ``compile_period`` reads)."""

    avenue: str
    sent: int
    answered: int
    responses: int
    days_to_first: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class PublicFigures:
    """The period's counts over the selection (``compilation.PeriodFigures``)."""

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
    avenues: tuple[AvenueFigures, ...]
    events: tuple[tuple[str, int, int], ...]
    closures: tuple[tuple[str, int], ...]


def public_figures(selection: Selection, *, today: date) -> PublicFigures:
    """The same counts as ``store.stats`` gives, over the cases a public report may count.

    Every figure counts ``selection.counted`` only: its actions, responses, events and
    closures too (the internal figures count those of any case).
    """
    start, end = selection.start, selection.end
    counted = selection.counted
    countries: Counter[str] = Counter()
    type_cases: Counter[str] = Counter()
    type_acts: Counter[str] = Counter()
    bodies: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    genders: Counter[str] = Counter()
    locations: Counter[str] = Counter()
    first_days: Counter[date] = Counter()
    for p in counted:
        inside = [r for r in p.view.reprisals if _in(r.date, start, end)]
        countries[p.view.country] += 1
        type_acts.update(r.type for r in inside)
        type_cases.update({r.type for r in inside})
        bodies.update({e.body for e in p.view.engagements})
        first_days[min(r.date for r in inside)] += 1
        for ref in c.identified(p.view):
            person = p.view.person(ref)
            roles[person.role] += 1
            genders[person.gender] += 1
            locations[person.location] += 1

    sent: Counter[str] = Counter()
    spans: dict[str, list[int]] = {}
    received: Counter[str] = Counter()
    event_counts: Counter[str] = Counter()
    event_cases: Counter[str] = Counter()
    closures: Counter[str] = Counter()
    for p in counted:
        record = p.record
        answers: dict[str, date] = {}
        for r in record.responses:
            if r.kind == NO_RESPONSE:
                continue
            if r.action_id is not None and (r.action_id not in answers or r.received_on < answers[r.action_id]):
                answers[r.action_id] = r.received_on
            if r.from_avenue is not None and _in(r.received_on, start, end):
                received[r.from_avenue] += 1
        for a in record.actions:
            if _in(a.sent_on, start, end):
                sent[a.avenue] += 1
                if a.id in answers:
                    spans.setdefault(a.avenue, []).append(max(0, (answers[a.id] - a.sent_on).days))
        events = [e for e in c.public_events(p.view, record.events, today=today) if _in(e.happened_on, start, end)]
        event_counts.update(e.kind for e in events)
        event_cases.update({e.kind for e in events})
        if record.closure is not None and _in(record.closure[1], start, end):
            closures[record.closure[0]] += 1

    avenues = tuple(AvenueFigures(avenue=a, sent=sent[a], answered=len(spans.get(a, ())), responses=received[a],
                                  days_to_first=tuple(sorted(spans.get(a, ()))))
                    for a in sorted(set(sent) | set(received)))
    return PublicFigures(
        start=start, end=end, cases=len(counted), reprisal_acts=sum(type_acts.values()),
        people=sum(roles.values()), follow_up_cases=sum(1 for p in counted if p.earlier),
        countries=_ranked(countries),
        reprisal_types=tuple(sorted(((t, type_cases[t], n) for t, n in type_acts.items()),
                                    key=lambda r: (-r[1], -r[2], r[0]))),
        bodies=_ranked(bodies), roles=_ranked(roles), genders=_ranked(genders), locations=_ranked(locations),
        first_days=tuple(sorted(first_days.items())), avenues=avenues,
        events=tuple(sorted(((k, n, event_cases[k]) for k, n in event_counts.items()), key=lambda r: (-r[1], r[0]))),
        closures=_ranked(closures))


def compile_public(selection: Selection, *, today: date, min_cell: int = DEFAULT_MIN_CELL) -> Compilation:
    """The public compilation: the selection's counts, small cells suppressed."""
    compilation = compile_period(public_figures(selection, today=today))
    return suppress(replace(compilation, audience=PUBLIC, withheld=selection.withheld), min_cell)
