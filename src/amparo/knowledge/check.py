"""``amparo kb check``: is every entry sourced, resolvable and recently reviewed?

Errors fail the check (CI runs it): an avenue or action without a source, a precedent
that names an avenue or action that does not exist. Warnings do not: an entry whose
``reviewed`` date is more than 12 months before ``today``. Unconfirmed facts
(``verified: false``) are information only: the sources say what they say, and every
face shows the flag.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from amparo.knowledge.types import Avenue, Precedent
from amparo.model.errors import Problem


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


def check_base(
    avenues: Iterable[Avenue], precedents: Iterable[Precedent], today: date
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
        stale(a.id, a.reviewed, a.origin)
        for act in a.actions:
            where = f"{a.id}.actions[{act.id}]"
            if not act.sources:
                errors.append(Problem(f"{where}.sources", f"no source given ({a.origin})"))
            if act.reviewed != a.reviewed:
                stale(where, act.reviewed, a.origin)
        if not a.channels:
            warnings.append(Problem(f"{a.id}.channels", "gives no way to reach the avenue"))

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
    return CheckReport(tuple(errors), tuple(warnings), tuple(info))


def _unverified_counts(avenues: tuple[Avenue, ...], precedents: tuple[Precedent, ...]) -> list[str]:
    entries = sum(1 for a in avenues if not a.verified)
    fields = sum(1 for a in avenues if a.unverified)
    actions = sum(1 for a in avenues for act in a.actions if not act.verified)
    channels = sum(1 for a in avenues for c in a.channels if not c.verified)
    no_address = sum(1 for a in avenues if a.channels and all(c.address is None for c in a.channels))
    responses = sum(1 for p in precedents for r in p.responses if not r.verified)
    return [
        f"{len(avenues)} avenues, {sum(len(a.actions) for a in avenues)} actions, "
        f"{len(precedents)} precedents",
        f"{entries} avenues marked unverified (the sources do not confirm them)",
        f"{fields} avenues with an unconfirmed field (languages, countries...)",
        f"{actions} actions and {channels} channels marked unverified",
        f"{no_address} avenues with no address in the sources (channels say so)",
        f"{responses} precedent responses marked unverified",
    ]
