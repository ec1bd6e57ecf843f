"""Which States are parties to which treaty, and which accept individual communications.

A treaty body can act only on a State party, and take an individual communication only
where the State accepted that procedure (an optional protocol, or a declaration under an
article of the treaty). ``data/ratifications.yaml`` holds a dated table with its
sources; a workspace may correct or extend it (``ratifications:`` in an override file).

The table answers three ways, never by guessing: True or False where the entry is
confirmed by its sources, None where the country or the treaty is not in the table or the
entry is marked ``verified: false``. Guidance keeps a treaty body offered, marked
unconfirmed, when the answer is None; it drops one only on a confirmed False.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from amparo.knowledge.types import Source
from amparo.model.errors import Problem

TOP_KEYS = ("as_of", "reviewed", "sources", "note", "treaties", "countries")
TREATY_KEYS = ("name", "body", "communications")
COUNTRY_KEYS = ("verified", "note", "sources", "treaties")
ENTRY_KEYS = ("party", "since", "communications", "verified", "note")


@dataclass(frozen=True, slots=True)
class Treaty:
    """A treaty of the table: its name, the body that monitors it, the communications
    procedure a State must accept (None when the treaty has none)."""

    key: str
    name: str
    body: str
    communications: str | None = None


@dataclass(frozen=True, slots=True)
class Ratification:
    """One country and one treaty: party or not, since when, communications accepted."""

    country: str
    treaty: str
    party: bool | None
    since: str | None = None
    communications: bool | None = None
    verified: bool = True
    note: str | None = None
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True)
class RatificationTable:
    """The shipped table (plus a workspace's corrections), with its date and sources."""

    as_of: date | None = None
    reviewed: date | None = None
    sources: tuple[Source, ...] = ()
    treaties: Mapping[str, Treaty] = field(default_factory=dict)
    entries: Mapping[tuple[str, str], Ratification] = field(default_factory=dict)
    origin: str = "package"
    note: str | None = None

    def get(self, country: str, treaty: str) -> Ratification | None:
        """The entry for ``country`` (ISO alpha-2) and ``treaty`` (a key), or None."""
        return self.entries.get((country, treaty))

    def is_party(self, country: str, treaty: str) -> bool | None:
        """Confirmed True/False, or None when the table does not confirm it."""
        entry = self.get(country, treaty)
        if entry is None or not entry.verified:
            return None
        return entry.party

    def accepts_communications(self, country: str, treaty: str) -> bool | None:
        """Whether the State accepted the treaty's individual communications procedure:
        confirmed True/False, or None when unconfirmed. A State that is not a party
        accepts nothing (False, when that is confirmed)."""
        entry = self.get(country, treaty)
        if entry is None or not entry.verified:
            return None
        if entry.party is False:
            return False
        return entry.communications

    def treaty_for(self, body: str) -> Treaty | None:
        """The treaty a body (``tb:CAT``) monitors, when the table lists it."""
        for t in self.treaties.values():
            if t.body == body:
                return t
        return None

    @property
    def countries(self) -> tuple[str, ...]:
        """The countries the table has entries for, sorted."""
        return tuple(sorted({c for c, _ in self.entries}))


def _sources(raw: object) -> tuple[Source, ...]:
    from amparo.knowledge.entries import sources

    return sources(raw)


def problems(raw: object, where: str = "ratifications", *, partial: bool = False,
             treaties: Mapping[str, Any] | None = None) -> list[Problem]:
    """Schema problems of a ratification table (``partial``: a workspace's corrections,
    which may omit the header and name only treaties the package defines)."""
    from amparo.knowledge.schema import _keys, a_date, boolean, is_country, optional_text, partial_date

    out: list[Problem] = []
    required = () if partial else ("as_of", "reviewed", "sources", "treaties", "countries")
    if not _keys(raw, required, TOP_KEYS, where, out):  # type: ignore[arg-type]
        return out
    assert isinstance(raw, Mapping)
    for key in ("as_of", "reviewed"):
        if raw.get(key) is not None and a_date(raw[key]):
            out.append(Problem(f"{where}.{key}", "must be a date written YYYY-MM-DD"))
    known = dict(treaties or {})
    for key, t in (raw.get("treaties") or {}).items():
        here = f"{where}.treaties.{key}"
        if _keys(t, ("name", "body"), TREATY_KEYS, here, out):
            known[key] = t
    for country, c in (raw.get("countries") or {}).items():
        here = f"{where}.countries.{country}"
        if isinstance(country, bool) or not is_country(country):
            shown = "NO (put it in quotes: \"NO\")" if country is False else repr(country)
            out.append(Problem(here, f"{shown} is not an ISO 3166-1 alpha-2 country code"))
            continue
        if not _keys(c, ("treaties",), COUNTRY_KEYS, here, out):
            continue
        if "verified" in c and boolean(c["verified"]):
            out.append(Problem(f"{here}.verified", "must be true or false"))
        for treaty, e in (c.get("treaties") or {}).items():
            spot = f"{here}.treaties.{treaty}"
            if treaty not in known:
                out.append(Problem(spot, f"{treaty!r} is not a treaty of the table "
                                         f"(known: {', '.join(sorted(known))})"))
                continue
            if not _keys(e, ("party",), ENTRY_KEYS, spot, out):
                continue
            for key in ("party", "communications"):
                if e.get(key) is not None and boolean(e[key]):
                    out.append(Problem(f"{spot}.{key}", "must be true, false or null"))
            if e.get("since") is not None and partial_date(e["since"]):
                out.append(Problem(f"{spot}.since", "must be YYYY, YYYY-MM or YYYY-MM-DD"))
            if "verified" in e and boolean(e["verified"]):
                out.append(Problem(f"{spot}.verified", "must be true or false"))
            if optional_text(e.get("note")):
                out.append(Problem(f"{spot}.note", "must be a non-empty text"))
            if e.get("communications") is True and e.get("party") is False:
                out.append(Problem(f"{spot}.communications", "a State that is not a party accepts no procedure"))
    return out


def merge(base: Mapping[str, Any] | None, extra: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with a workspace's corrections: header fields replaced, treaties added,
    countries merged treaty by treaty (a correction replaces one entry, not the country)."""
    import copy

    out = copy.deepcopy(dict(base or {}))
    for key, value in extra.items():
        if key == "countries":
            countries = out.setdefault("countries", {})
            for code, c in value.items():
                mine = countries.setdefault(code, {"treaties": {}})
                for k, v in c.items():
                    if k == "treaties":
                        mine.setdefault("treaties", {}).update(copy.deepcopy(v))
                    else:
                        mine[k] = copy.deepcopy(v)
        elif key == "treaties":
            out.setdefault("treaties", {}).update(copy.deepcopy(value))
        else:
            out[key] = copy.deepcopy(value)
    return out


def build(raw: Mapping[str, Any] | None, origin: str = "package") -> RatificationTable:
    """The table from a validated mapping (None: an empty table that confirms nothing)."""
    if not raw:
        return RatificationTable(origin=origin)

    def day(value: object) -> date | None:
        if value is None:
            return None
        return value if isinstance(value, date) else date.fromisoformat(str(value))

    def text(value: object) -> str | None:
        return " ".join(str(value).split()) if value else None

    def partial(value: object) -> str | None:
        if value is None:
            return None
        return value.isoformat() if isinstance(value, date) else str(value)

    treaties = {k: Treaty(k, str(t["name"]), str(t["body"]), t.get("communications"))
                for k, t in (raw.get("treaties") or {}).items()}
    entries: dict[tuple[str, str], Ratification] = {}
    for country, c in (raw.get("countries") or {}).items():
        country_ok = bool(c.get("verified", True))
        country_sources = _sources(c.get("sources"))
        for treaty, e in (c.get("treaties") or {}).items():
            entries[(country, treaty)] = Ratification(
                country=country, treaty=treaty, party=e.get("party"), since=partial(e.get("since")),
                communications=e.get("communications"),
                verified=country_ok and bool(e.get("verified", True)),
                note=text(e.get("note")) or text(c.get("note")), sources=country_sources,
            )
    return RatificationTable(as_of=day(raw.get("as_of")), reviewed=day(raw.get("reviewed")),
                             sources=_sources(raw.get("sources")), treaties=treaties,
                             entries=entries, origin=origin, note=text(raw.get("note")))
