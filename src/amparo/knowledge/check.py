"""``amparo kb check``: is every entry sourced, resolvable and recently reviewed?

Errors fail the check (CI runs it): an avenue or action without a source (a protective
variant included), a variant whose ``variant_of`` names no action of its avenue, an avenue
whose first action is not its confidential notification, a precedent that names an
avenue or action that does not exist. Warnings do not: an entry whose ``reviewed`` date is
more than 12 months before ``today``; a mandate whose last renewal is older than its term
(the Council may have renewed it since, or let it end: check); a ratification table
reviewed more than 12 months ago. Unconfirmed facts (``verified: false``) are information
only: the sources say what they say, and every face shows the flag.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from amparo.knowledge.types import Avenue, Milestone, Precedent
from amparo.model.errors import Problem

if TYPE_CHECKING:
    from amparo.knowledge.ratifications import RatificationTable

#: The id every avenue's first action has: a confidential notification to the body.
FIRST_NOTIFICATION = "notify-confidentially"


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What ``check`` found: ``errors`` fail it, ``warnings`` and ``info`` do not."""

    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    info: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def to_json(self) -> dict[str, object]:
        """A JSON-ready mapping for ``--json``."""
        return {
            "ok": self.ok,
            "errors": [{"path": p.path, "message": p.message} for p in self.errors],
            "warnings": [{"path": p.path, "message": p.message} for p in self.warnings],
            "info": list(self.info),
        }


def _twelve_months_before(today: date) -> date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def _milestone_day(step: Milestone | None, field: str = "date") -> date | None:
    value = getattr(step, field, None) if step is not None else None
    if not value:
        return None
    parts = [int(x) for x in value.split("-")]
    # A partial date counts from its last possible day: "2025-04" is taken as the end
    # of April, so a renewal is never reported overdue too early.
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        following = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    return date(*parts)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def renewal_due(avenue: Avenue) -> date | None:
    """When the avenue's current term runs out: the renewal's ``until`` when given,
    otherwise its date (or the creation's) plus ``term_years``; None when unknown."""
    if not avenue.active:
        return None
    until = _milestone_day(avenue.renewed, "until")
    if until is not None:
        return until
    last = _milestone_day(avenue.renewed) or _milestone_day(avenue.established)
    if last is None or not avenue.term_years:
        return None
    return _add_years(last, avenue.term_years)


def check_base(
    avenues: Iterable[Avenue], precedents: Iterable[Precedent], today: date,
    ratifications: RatificationTable | None = None,
) -> CheckReport:
    """Check loaded entries against ``today`` (passed in: the check must be repeatable)."""
    avenues, precedents = tuple(avenues), tuple(precedents)
    errors: list[Problem] = []
    warnings: list[Problem] = []
    stale_before = _twelve_months_before(today)
    by_id = {a.id: a for a in avenues}

    def stale(where: str, reviewed: date | None, origin: str) -> None:
        if reviewed is not None and reviewed < stale_before:
            warnings.append(Problem(where, f"last reviewed {reviewed.isoformat()}, more than "
                                           f"12 months before {today.isoformat()} ({origin})"))

    for a in avenues:
        if not a.sources:
            errors.append(Problem(f"{a.id}.sources", f"no source given ({a.origin})"))
        if not a.actions:
            warnings.append(Problem(f"{a.id}.actions", "lists no action"))
        elif a.family != "org" and not (a.actions[0].id == FIRST_NOTIFICATION
                                        and a.actions[0].first_notification):
            # An organisation's own entry is not a UN body: it may start as it likes.
            errors.append(Problem(f"{a.id}.actions[{a.actions[0].id}]",
                                  f"the first action must be the confidential notification "
                                  f"'{FIRST_NOTIFICATION}' (first_notification: true) ({a.origin})"))
        stale(a.id, a.reviewed, a.origin)
        ids = {act.id for act in a.actions}
        for act in a.actions:
            where = f"{a.id}.actions[{act.id}]"
            if not act.sources:
                kind = "protective variant" if act.variant_of else "action"
                errors.append(Problem(f"{where}.sources", f"no source given for this {kind} ({a.origin})"))
            if act.variant_of is not None and act.variant_of not in ids:
                errors.append(Problem(f"{where}.variant_of",
                                      f"{act.variant_of!r} is not an action of {a.id} ({a.origin})"))
            if act.reviewed != a.reviewed:
                stale(where, act.reviewed, a.origin)
        if not a.channels:
            warnings.append(Problem(f"{a.id}.channels", "gives no way to reach the avenue"))
        due = renewal_due(a)
        if due is not None and due < today:
            step = a.renewed or a.established
            what = ", ".join(b for b in (step.date, step.by) if b) if step else "undated"
            warnings.append(Problem(f"{a.id}.renewed",
                                    f"last renewed {what} for {a.term_years} year(s): the term ran out on "
                                    f"{due.isoformat()}; check whether the Council renewed it or let it end "
                                    f"({a.origin})"))

    for p in precedents:
        if not p.sources:
            errors.append(Problem(f"{p.id}.sources", f"no source given ({p.origin})"))
        stale(p.id, p.reviewed, p.origin)
        for i, r in enumerate(p.responses):
            avenue = by_id.get(r.avenue)
            if avenue is None:
                errors.append(Problem(f"{p.id}.responses[{i}].avenue",
                                      f"{r.avenue!r} is not a known avenue"))
            elif r.action not in {act.id for act in avenue.actions}:
                errors.append(Problem(f"{p.id}.responses[{i}].action",
                                      f"{r.action!r} is not an action of {r.avenue}"))

    info = _unverified_counts(avenues, precedents)
    if ratifications is not None:
        if ratifications.reviewed is not None:
            stale("ratifications", ratifications.reviewed, ratifications.origin)
        confirmed = sum(1 for e in ratifications.entries.values() if e.verified)
        info.append(
            f"ratification table as of {ratifications.as_of.isoformat() if ratifications.as_of else 'no date'}: "
            f"{len(ratifications.countries)} countries, {confirmed} of {len(ratifications.entries)} "
            "entries confirmed by their sources (the others say 'unconfirmed'); any other country is unconfirmed")
    return CheckReport(tuple(errors), tuple(warnings), tuple(info))


def _unverified_counts(avenues: tuple[Avenue, ...], precedents: tuple[Precedent, ...]) -> list[str]:
    entries = sum(1 for a in avenues if not a.verified)
    fields = sum(1 for a in avenues if a.unverified)
    actions = sum(1 for a in avenues for act in a.actions if not act.verified)
    channels = sum(1 for a in avenues for c in a.channels if not c.verified)
    no_address = sum(1 for a in avenues if a.channels and all(c.address is None for c in a.channels))
    responses = sum(1 for p in precedents for r in p.responses if not r.verified)
    ended = sum(1 for a in avenues if not a.active)
    variants = sum(1 for a in avenues for act in a.actions if act.variant_of)
    return [
        f"{len(avenues)} avenues ({len(avenues) - ended} active, {ended} ended or never started), "
        f"{sum(len(a.actions) for a in avenues)} actions ({variants} protective variants), "
        f"{len(precedents)} precedents",
        f"{entries} avenues marked unverified (the sources do not confirm them)",
        f"{fields} avenues with an unconfirmed field (languages, countries...)",
        f"{actions} actions and {channels} channels marked unverified",
        f"{no_address} avenues with no address in the sources (channels say so)",
        f"{responses} precedent responses marked unverified",
    ]
