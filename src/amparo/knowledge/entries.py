"""Turn validated raw entries into the knowledge base's value types.

Only called on mappings that ``schema`` found sound, so it converts without checking.
The ``{codes, verified, note, sources}`` forms of ``languages`` and ``countries`` are
flattened here: an unconfirmed list puts the field's name into ``Avenue.unverified``,
its note joins the entry's notes, and a country list's sources go to
``countries_sources``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from amparo.knowledge.types import (
    Avenue,
    AvenueAction,
    Channel,
    Milestone,
    Precedent,
    PrecedentResponse,
    Source,
)
from amparo.model.consent import circle


def sources(raw: object) -> tuple[Source, ...]:
    """Sources from a list of strings or ``{ref, note}`` mappings."""
    out = []
    for item in raw or []:  # type: ignore[attr-defined]
        if isinstance(item, str):
            out.append(Source(item.strip()))
        else:
            out.append(Source(str(item["ref"]).strip(), item.get("note")))
    return tuple(out)


def _date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _coded(raw: object) -> tuple[tuple[str, ...], bool, str | None, tuple[Source, ...]]:
    if isinstance(raw, Mapping):
        return (tuple(raw["codes"]), bool(raw.get("verified", True)), raw.get("note"),
                sources(raw.get("sources")))
    return tuple(raw or ()), True, None, ()  # type: ignore[arg-type]


def action(raw: Mapping[str, Any], reviewed: date) -> AvenueAction:
    """One action; without its own ``reviewed`` it takes its avenue's date."""
    later = raw.get("later")
    return AvenueAction(
        id=raw["id"],
        name=raw["name"].strip(),
        description=" ".join(raw["description"].split()),
        disclosure=circle(raw["disclosure"]),
        later=circle(later) if later else None,
        later_after_days=raw.get("later_after_days"),
        later_note=raw.get("later_note"),
        urgent=bool(raw.get("urgent", False)),
        anonymous_form=bool(raw.get("anonymous_form", False)),
        sources=sources(raw.get("sources")),
        verified=bool(raw.get("verified", True)),
        reviewed=_date(raw["reviewed"]) if raw.get("reviewed") else reviewed,
        variant_of=raw.get("variant_of"),
        protects=_text(raw.get("protects")),
        limits=_text(raw.get("limits")),
        identifies=raw.get("identifies", "people"),
        first_notification=bool(raw.get("first_notification", False)),
    )


def _text(value: object) -> str | None:
    return " ".join(str(value).split()) if value else None


def milestone(raw: object) -> Milestone | None:
    """A lifecycle step from ``{date, by, until, note, verified}`` (None stays None)."""
    if not isinstance(raw, Mapping):
        return None
    return Milestone(
        date=_partial_date(raw.get("date")),
        by=raw.get("by"),
        until=_partial_date(raw.get("until")),
        note=_text(raw.get("note")),
        verified=bool(raw.get("verified", True)),
    )


def channel(raw: Mapping[str, Any]) -> Channel:
    """One way to reach an avenue."""
    return Channel(
        kind=raw["kind"],
        address=raw.get("address"),
        note=" ".join(raw["note"].split()) if raw.get("note") else None,
        verified=bool(raw.get("verified", True)),
        sources=sources(raw.get("sources")),
        cc=tuple(raw.get("cc") or ()),
        purpose=_text(raw.get("purpose")),
        copy=bool(raw.get("copy", False)),
        actions=tuple(raw.get("actions") or ()),
        preferred=bool(raw.get("preferred", False)),
    )


def avenue(raw: Mapping[str, Any], origin: str) -> Avenue:
    """An Avenue from a validated entry; ``origin`` is "package" or an override file."""
    reviewed = _date(raw["reviewed"])
    languages, languages_ok, languages_note, languages_sources = _coded(raw["languages"])
    countries, countries_ok, countries_note, countries_sources = _coded(raw.get("countries"))
    unverified = list(raw.get("unverified", []))
    notes = [" ".join(n.split()) for n in raw.get("notes", [])]
    if not languages_ok:
        unverified.append("languages")
    if not countries_ok:
        unverified.append("countries")
    if languages_note:
        notes.append("Languages: " + " ".join(languages_note.split()))
    if countries_note:
        notes.append("Countries: " + " ".join(countries_note.split()))
    own_sources = sources(raw.get("sources"))
    extra_sources = tuple(s for s in languages_sources if s.ref not in {o.ref for o in own_sources})
    return Avenue(
        id=raw["id"],
        family=raw["family"],
        name=raw["name"].strip(),
        short_name=raw["short_name"].strip(),
        summary=" ".join(raw["summary"].split()),
        triggers=tuple(" ".join(t.split()) for t in raw.get("triggers", [])),
        actions=tuple(action(a, reviewed) for a in raw.get("actions", [])),
        channels=tuple(channel(c) for c in raw.get("channels", [])),
        languages=languages,
        sources=own_sources + extra_sources,
        reviewed=reviewed,
        verified=bool(raw.get("verified", True)),
        countries=countries,
        first_for=tuple(dict.fromkeys(raw.get("first_for", []))),
        submitters=raw.get("submitters"),
        follow_up_days=raw.get("follow_up_days"),
        notes=tuple(dict.fromkeys(notes)),
        origin=origin,
        extra=dict(raw.get("extra") or {}),
        countries_sources=countries_sources,
        unverified=tuple(dict.fromkeys(unverified)),
        established=milestone(raw.get("established")),
        renewed=milestone(raw.get("renewed")),
        ended=milestone(raw.get("ended")),
        not_started=milestone(raw.get("not_started")),
        succeeded_by=tuple(raw.get("succeeded_by") or ()),
        term_years=raw.get("term_years"),
        offers_physical_protection=bool(raw.get("offers_physical_protection", False)),
        treaty=raw.get("treaty"),
    )


def _partial_date(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def precedent(raw: Mapping[str, Any], origin: str) -> Precedent:
    """A Precedent from a validated entry."""
    return Precedent(
        id=raw["id"],
        title=raw["title"].strip(),
        known_as=raw.get("known_as"),
        country=raw["country"],
        year=raw["year"],
        region=raw["region"],
        bodies=tuple(raw["bodies"]),
        engagement_kinds=tuple(raw.get("engagement_kinds", [])),
        reprisal_types=tuple(raw["reprisal_types"]),
        responses=tuple(
            PrecedentResponse(
                avenue=r["avenue"], action=r["action"], date=_partial_date(r.get("date")),
                note=" ".join(r["note"].split()), verified=bool(r.get("verified", True)),
                sources=sources(r.get("sources")),
            )
            for r in raw["responses"]
        ),
        summary=" ".join(raw["summary"].split()),
        sources=sources(raw["sources"]),
        reviewed=_date(raw["reviewed"]),
        verified=bool(raw.get("verified", True)),
        notes=tuple(" ".join(n.split()) for n in raw.get("notes", [])),
        origin=origin,
    )
