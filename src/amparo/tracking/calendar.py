"""The UN calendar: Human Rights Council sessions shipped as data, treaty-body sessions
entered by the user.

Session dates change every year and the shipped ones are approximate (``verified:
false``), so the calendar is a data file the user can update: the package file merged
with a workspace file of the same format. A session in the user file with the same body
and name as a shipped one replaces it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from amparo.model import vocabularies as vocab
from amparo.model.errors import InvalidInput, Message, Problem
from amparo.model.facts import country_code
from amparo.tracking.datafile import read_data

SESSION_KEYS = {"body", "name", "start", "end", "countries", "taken_for", "verified", "source",
                "note"}
_MAX_TEXT = 300


@dataclass(frozen=True, slots=True)
class Session:
    """One session of a UN body, and the countries it reviews (ISO alpha-2)."""

    body: str  # "hrc", "tb:CAT", …
    name: str
    start: date
    end: date
    countries: tuple[str, ...] = ()
    taken_for: int | None = None
    verified: bool = True
    source: str | None = None
    note: str | None = None
    origin: str = "package"  # "package" or "workspace"

    def reviews(self, country: str) -> bool:
        """Whether the session reviews ``country``."""
        return country.upper() in self.countries

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready mapping in the calendar file's own format."""
        out: dict[str, Any] = {
            "body": self.body, "name": self.name, "start": self.start.isoformat(),
            "end": self.end.isoformat(), "countries": list(self.countries),
            "verified": self.verified, "origin": self.origin,
        }
        for key in ("taken_for", "source", "note"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out


@dataclass(frozen=True, slots=True)
class Calendar:
    """Every known session, in date order."""

    sessions: tuple[Session, ...] = ()

    def upcoming(self, body: str, today: date) -> list[Session]:
        """Sessions of ``body`` that have not ended by ``today``, soonest first."""
        return [s for s in self.sessions if s.body == body and s.end >= today]

    def next_session(self, body: str, today: date) -> Session | None:
        """The session of ``body`` under way on ``today`` or the next one to open."""
        found = self.upcoming(body, today)
        return found[0] if found else None

    def reviewing(self, country: str, today: date, *, bodies: Iterable[str] | None = None
                  ) -> list[Session]:
        """Sessions not yet ended that review ``country`` (optionally only of ``bodies``)."""
        wanted = set(bodies) if bodies is not None else None
        return [
            s for s in self.sessions
            if s.end >= today and s.reviews(country) and (wanted is None or s.body in wanted)
        ]


def parse_calendar(data: Any, *, source: str, origin: str = "workspace") -> tuple[Session, ...]:
    """Validate a calendar document; ``InvalidInput`` names the file and every bad entry."""
    problems: list[Problem] = []
    if data is None:
        return ()
    if not isinstance(data, dict) or not isinstance(data.get("sessions", []), list):
        raise InvalidInput(Problem("sessions", Message("expected a list of sessions")), source=source)
    for key in data:
        if key != "sessions":
            problems.append(Problem(key, Message("unknown field; a calendar file has only `sessions`")))
    sessions = []
    for i, raw in enumerate(data.get("sessions") or []):
        session = _session(raw, f"sessions[{i}]", problems, origin)
        if session is not None:
            sessions.append(session)
    if problems:
        raise InvalidInput(problems, source=source)
    return tuple(sessions)


def _session(raw: Any, path: str, problems: list[Problem], origin: str) -> Session | None:
    if not isinstance(raw, dict):
        problems.append(Problem(path, Message("expected a mapping with body, name, start, end")))
        return None
    before = len(problems)
    for key in raw:
        if key not in SESSION_KEYS:
            problems.append(Problem(f"{path}.{key}",
                                    Message("unknown field; known fields are {choices}",
                                            choices=', '.join(sorted(SESSION_KEYS)))))
    body = raw.get("body")
    if not isinstance(body, str) or not vocab.is_body_slug(body):
        problems.append(Problem(f"{path}.body",
                                Message("{body!r} is not a body id such as hrc or tb:CAT",
                                        body=body)))
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > _MAX_TEXT:
        problems.append(Problem(f"{path}.name", Message("is required text of at most {MAX_TEXT} characters",
                                                        MAX_TEXT=_MAX_TEXT)))
    start = _date(raw.get("start"), f"{path}.start", problems)
    end = _date(raw.get("end"), f"{path}.end", problems)
    if start and end and end < start:
        problems.append(Problem(f"{path}.end", Message("{value} is before the start",
                                                       value=end.isoformat())))
    countries_raw = raw.get("countries") or []
    countries: list[str] = []
    if not isinstance(countries_raw, list):
        problems.append(Problem(f"{path}.countries", Message("expected a list of ISO alpha-2 codes")))
    else:
        for j, c in enumerate(countries_raw):
            code = country_code(c)
            if code is None:
                problems.append(Problem(f"{path}.countries[{j}]",
                                        Message("{c!r} is not an ISO 3166-1 alpha-2 country code",
                                                c=c)))
            else:
                countries.append(code)
    taken_for = raw.get("taken_for")
    if taken_for is not None and (isinstance(taken_for, bool) or not isinstance(taken_for, int)):
        problems.append(Problem(f"{path}.taken_for", Message("{taken_for!r} is not a year",
                                                             taken_for=taken_for)))
    verified = raw.get("verified", True)
    if not isinstance(verified, bool):
        problems.append(Problem(f"{path}.verified", Message("expected true or false")))
    for key in ("source", "note"):
        value = raw.get(key)
        if value is not None and (not isinstance(value, str) or len(value) > _MAX_TEXT):
            problems.append(Problem(f"{path}.{key}", Message("expected text of at most {MAX_TEXT} characters",
                                                             MAX_TEXT=_MAX_TEXT)))
    if len(problems) > before:
        return None
    return Session(
        body=body, name=name.strip(), start=start, end=end, countries=tuple(countries),
        taken_for=taken_for, verified=verified, source=raw.get("source"), note=raw.get("note"),
        origin=origin,
    )


def _date(value: Any, path: str, problems: list[Problem]) -> date | None:
    if isinstance(value, date):  # a caller that parsed the file itself
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(Problem(path, Message("{value!r} is not a date as YYYY-MM-DD",
                                          value=value)))
    return None


@lru_cache(maxsize=1)
def _package_sessions() -> tuple[Session, ...]:
    source = "amparo/tracking/data/calendar.yaml"
    text = resources.files("amparo.tracking").joinpath("data/calendar.yaml").read_text("utf-8")
    return parse_calendar(read_data(text, source), source=source, origin="package")


def load_calendar(path: Path | None = None) -> Calendar:
    """The shipped calendar merged with the user's calendar file at ``path`` (if given).

    The user file has the same format (YAML or JSON: ``sessions`` with body, name, start,
    end, countries). A malformed file raises ``InvalidInput`` naming the file and entry.
    A user session with the same body and name as a shipped one replaces it.
    """
    sessions: dict[tuple[str, str], Session] = {(s.body, s.name): s for s in _package_sessions()}
    if path is not None:
        source = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise InvalidInput(Message("cannot read the calendar file ({strerror})",
                                       strerror=exc.strerror),
                               source=source) from None
        for s in parse_calendar(read_data(text, source), source=source, origin="workspace"):
            sessions[(s.body, s.name)] = s
    ordered = sorted(sessions.values(), key=lambda s: (s.start, s.end, s.body, s.name))
    return Calendar(sessions=tuple(ordered))
