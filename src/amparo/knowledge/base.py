"""The loaded knowledge base: look avenues up by id, family, country; list precedents.

Ended mandates stay in the base, marked (``Avenue.active`` is False), so that an old slug
in a stored case, an override file or a recorded action still means something:
``resolve`` turns it into the avenue that took over, ``lineage`` gives every slug the same
mandate has had. Whatever offers avenues to a person uses ``active_avenues`` (and the
lookups below, which only return active ones): an ended mandate is never offered.
"""

from __future__ import annotations

import difflib
from datetime import date

from amparo.knowledge.check import CheckReport, check_base
from amparo.knowledge.ratifications import Ratification, RatificationTable
from amparo.knowledge.types import Avenue, Precedent
from amparo.model.errors import NotFound


class KnowledgeBase:
    """Every avenue and precedent, as loaded from the package and a workspace's overrides.

    Immutable: a workspace that changes its overrides loads a new one.
    """

    def __init__(self, avenues: tuple[Avenue, ...], precedents: tuple[Precedent, ...] = (),
                 ratifications: RatificationTable | None = None):
        self._avenues = tuple(avenues)
        self._precedents = tuple(precedents)
        self._by_id = {a.id: a for a in self._avenues}
        self._active = tuple(a for a in self._avenues if a.active)
        self.ratifications = ratifications or RatificationTable()

    @property
    def avenues(self) -> tuple[Avenue, ...]:
        """Every avenue, in file order (Council, Special Procedures, treaty bodies, SG,
        regional, then a workspace's own additions), ended ones included and marked."""
        return self._avenues

    def active_avenues(self) -> tuple[Avenue, ...]:
        """The avenues that can be offered: not ended, not a post that never started."""
        return self._active

    def resolve(self, slug: str) -> tuple[Avenue, str | None]:
        """The avenue an id stands for today, and why it differs, if it does.

        An active id gives ``(avenue, None)``. An ended one gives its successor (followed
        to the first active one; the first listed when there are several) and a plain
        note: "sp:trafficking ended (2025-10, …): its work goes on in …". An ended id
        without an active successor gives itself, with a note saying it ended. Raises
        ``NotFound`` (with the nearest ids) for an id the base has never had.
        """
        start = self.avenue(slug)
        current, seen = start, {start.id}
        while not current.active:
            nxt = next((self._by_id[s] for s in current.succeeded_by
                        if s in self._by_id and s not in seen), None)
            if nxt is None:
                break
            seen.add(nxt.id)
            current = nxt
        if current is start and start.active:
            return start, None
        return current, _resolution_note(start, current, self)

    def lineage(self, slug: str) -> frozenset[str]:
        """Every slug that is the same mandate over time: ``slug``, what it became and
        what it came from (a merged mandate's lineage holds both predecessors), so that an
        action recorded to ``sp:trafficking`` is found from ``sp:slavery-and-trafficking``."""
        before: dict[str, set[str]] = {}
        for a in self._avenues:
            for s in a.succeeded_by:
                before.setdefault(s, set()).add(a.id)
        found = {slug}

        def walk(start: str, step) -> None:
            todo = [start]
            while todo:
                for nxt in step(todo.pop()):
                    if nxt not in found:
                        found.add(nxt)
                        todo.append(nxt)

        walk(slug, lambda s: self._by_id[s].succeeded_by if s in self._by_id else ())
        walk(slug, lambda s: before.get(s, ()))
        return frozenset(found)

    def is_party(self, country: str, treaty: str) -> bool | None:
        """Whether ``country`` is a State party to ``treaty`` (a key such as "CAT",
        "OP-CAT", "ICCPR"): None when the shipped table does not confirm it either way."""
        return self.ratifications.is_party(country, treaty)

    def accepts_communications(self, country: str, treaty: str) -> bool | None:
        """Whether ``country`` accepted the treaty's individual communications procedure;
        None when unconfirmed."""
        return self.ratifications.accepts_communications(country, treaty)

    def ratification(self, country: str, treaty: str) -> Ratification | None:
        """The table's entry (confirmed or not, with its note), for display."""
        return self.ratifications.get(country, treaty)

    @property
    def precedents(self) -> tuple[Precedent, ...]:
        """The public case stories (and any a workspace added)."""
        return self._precedents

    def get(self, avenue_id: str) -> Avenue | None:
        """The avenue with this id, or None."""
        return self._by_id.get(avenue_id)

    def avenue(self, avenue_id: str) -> Avenue:
        """The avenue with this id; ``NotFound`` names it and the nearest known ids."""
        found = self._by_id.get(avenue_id)
        if found is None:
            near = self.nearest(avenue_id)
            hint = f"; nearest known: {', '.join(near)}" if near else ""
            raise NotFound(f"unknown avenue {avenue_id!r}{hint}")
        return found

    def nearest(self, avenue_id: str, n: int = 3) -> list[str]:
        """Up to ``n`` known avenue ids closest to ``avenue_id`` (for "did you mean")."""
        # Compare case-insensitively ("tb:cat" should find "tb:CAT") but return real ids.
        lowered: dict[str, str] = {}
        for known in self._by_id:
            lowered.setdefault(known.lower(), known)
        matches = difflib.get_close_matches(str(avenue_id).lower(), list(lowered), n=n, cutoff=0.6)
        return [lowered[m] for m in matches]

    def family(self, name: str) -> tuple[Avenue, ...]:
        """The avenues of one family: ``hrc``, ``sp``, ``tb``, ``sg``, ``rg`` or ``org``."""
        return tuple(a for a in self._avenues if a.family == name)

    def country_mandate(self, country: str) -> Avenue | None:
        """The active Special Procedures country mandate for ``country`` (ISO alpha-2)."""
        for a in self._active:
            if a.family == "sp" and a.countries and country in a.countries:
                return a
        return None

    def country_bodies(self, country: str) -> tuple[Avenue, ...]:
        """The active investigative bodies (``ib:``) that cover ``country``."""
        return tuple(a for a in self._active
                     if a.family == "ib" and a.countries and country in a.countries)

    def regional_for(self, country: str) -> tuple[Avenue, ...]:
        """The active regional avenues whose members include ``country`` (ISO alpha-2)."""
        return tuple(a for a in self._active
                     if a.family == "rg" and a.countries and country in a.countries)

    def first_for(self, body: str) -> tuple[Avenue, ...]:
        """The active avenues to notify first for reprisals linked to engagement ``body``."""
        return tuple(a for a in self._active if body in a.first_for)

    def check(self, today: date) -> CheckReport:
        """Sources present, references resolve, entries reviewed within 12 months of
        ``today``, renewals within their term; unconfirmed entries are counted as
        information, not failures."""
        return check_base(self._avenues, self._precedents, today, self.ratifications)

    def __len__(self) -> int:
        return len(self._avenues)

    def __contains__(self, avenue_id: object) -> bool:
        return avenue_id in self._by_id

    def __repr__(self) -> str:
        return f"KnowledgeBase({len(self._avenues)} avenues, {len(self._precedents)} precedents)"


def _resolution_note(old: Avenue, new: Avenue, kb: KnowledgeBase) -> str:
    step = old.ended or old.not_started
    when = ""
    if step is not None:
        bits = [b for b in (step.date, step.by) if b]
        when = f" ({', '.join(bits)})" if bits else ""
    if old.not_started is not None and old.ended is None:
        head = f"{old.id} was created but never started{when}"
    else:
        head = f"{old.id} ended{when}"
    if new is old:
        return f"{head}; no body took over its work."
    others = [s for s in old.succeeded_by if s != new.id and s in kb]
    tail = f" (also: {', '.join(others)})" if others else ""
    return f"{head}: its work goes on in {new.id}, {new.name}{tail}."
