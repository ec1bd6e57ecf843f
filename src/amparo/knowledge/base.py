"""The loaded knowledge base: look avenues up by id, family, country; list precedents."""

from __future__ import annotations

import difflib
from datetime import date

from amparo.knowledge.check import CheckReport, check_base
from amparo.knowledge.types import Avenue, Precedent
from amparo.model.errors import NotFound


class KnowledgeBase:
    """Every avenue and precedent, as loaded from the package and a workspace's overrides.

    Immutable: a workspace that changes its overrides loads a new one.
    """

    def __init__(self, avenues: tuple[Avenue, ...], precedents: tuple[Precedent, ...] = ()):
        self._avenues = tuple(avenues)
        self._precedents = tuple(precedents)
        self._by_id = {a.id: a for a in self._avenues}

    @property
    def avenues(self) -> tuple[Avenue, ...]:
        """Every avenue, in file order (Council, Special Procedures, treaty bodies, SG,
        regional, then a workspace's own additions)."""
        return self._avenues

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
        """The Special Procedures country mandate for ``country`` (ISO alpha-2), if any."""
        for a in self._avenues:
            if a.family == "sp" and a.countries and country in a.countries:
                return a
        return None

    def regional_for(self, country: str) -> tuple[Avenue, ...]:
        """The regional avenues whose members include ``country`` (ISO alpha-2)."""
        return tuple(a for a in self._avenues
                     if a.family == "rg" and a.countries and country in a.countries)

    def first_for(self, body: str) -> tuple[Avenue, ...]:
        """The avenues to notify first for reprisals linked to engagement ``body``."""
        return tuple(a for a in self._avenues if body in a.first_for)

    def check(self, today: date) -> CheckReport:
        """Sources present, references resolve, entries reviewed within 12 months of
        ``today``; unconfirmed entries are counted as information, not failures."""
        return check_base(self._avenues, self._precedents, today)

    def __len__(self) -> int:
        return len(self._avenues)

    def __contains__(self, avenue_id: object) -> bool:
        return avenue_id in self._by_id

    def __repr__(self) -> str:
        return f"KnowledgeBase({len(self._avenues)} avenues, {len(self._precedents)} precedents)"
