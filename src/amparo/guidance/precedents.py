"""Precedents: the public cases most like this one, so the user sees what the UN did before.

Scoring (issue 3, part 4): the same body engaged weighs most, then the same country, then
each kind of reprisal in common, then the same region. The weights are small integers so
that a person can follow why one precedent ranks above another; every match says why.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

from amparo.guidance.plan import PrecedentMatch
from amparo.knowledge.types import Precedent
from amparo.model.case import Case

SAME_BODY = 3
SAME_KIND_OF_BODY = 1
SAME_COUNTRY = 2
PER_REPRISAL_TYPE = 1
SAME_REGION = 1


@cache
def _regions() -> dict[str, str]:
    text = resources.files("amparo.guidance").joinpath("regions.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {row["country"]: row["region"] for row in rows}


def region_of(country: str | None) -> str | None:
    """The UN regional group of an ISO alpha-2 country code (``african``, ``asia-pacific``,
    ``eastern-european``, ``latin-american-caribbean``, ``western-european-others``), or None
    for a territory outside the groups."""
    if not country:
        return None
    return _regions().get(country.upper())


def _kind_of_body(body: str) -> str:
    # The Council and its review are one kind of body; otherwise the slug's family.
    if body in ("hrc", "upr"):
        return "council"
    return body.split(":", 1)[0]


def _norm(value: Any) -> str:
    return str(value or "").strip().lower().replace(" ", "-").replace("_", "-")


def score(case: Case, precedent: Precedent) -> tuple[int, tuple[str, ...]]:
    """How alike ``case`` and ``precedent`` are, and the reasons, in plain words."""
    points = 0
    reasons: list[str] = []
    bodies = precedent.bodies
    same = [b for b in case.bodies if b in bodies]
    if same:
        points += SAME_BODY
        reasons.append(f"same body engaged: {', '.join(same)}")
    else:
        kinds = {_kind_of_body(b) for b in bodies}
        alike = [b for b in case.bodies if _kind_of_body(b) in kinds]
        if alike:
            points += SAME_KIND_OF_BODY
            reasons.append(f"the same kind of body engaged as {', '.join(alike)}")
    country = precedent.country
    if country and country.upper() == case.country:
        points += SAME_COUNTRY
        reasons.append(f"same country: {case.country}")
    types = set(precedent.reprisal_types)
    shared = [t for t in case.reprisal_types if t in types]
    if shared:
        points += PER_REPRISAL_TYPE * len(shared)
        reasons.append(f"same kinds of reprisal: {', '.join(shared)}")
    # The precedent's own region first (an organisation may place a case differently);
    # our table when it gives none.
    theirs = _norm(precedent.region) or region_of(country)
    ours = region_of(case.country)
    if ours and theirs == ours:
        points += SAME_REGION
        reasons.append(f"same region: {ours}")
    return points, tuple(reasons)


def match_precedents(case: Case, precedents: Iterable[Precedent], *, n: int = 3) -> tuple[PrecedentMatch, ...]:
    """The ``n`` precedents most like ``case`` (none that share nothing), best first.

    Ties go to the more recent precedent, then by country and id, so the order is stable.
    """
    scored = []
    for p in precedents:
        points, reasons = score(case, p)
        if points > 0:
            scored.append(PrecedentMatch(p, points, reasons))
    scored.sort(key=lambda m: (-m.score, -m.precedent.year, m.precedent.country, m.precedent.id))
    return tuple(scored[:n])
