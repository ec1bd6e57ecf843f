"""The case-facts JSON format: validation into a ``Case`` and back.

This is the interchange format that import, export, triage and drafting accept
(docs/case-facts.md, and the JSON Schema shipped as ``case-facts.schema.json``).
Validation collects every problem with its path, so that a person fixing a file sees
them all at once; messages never quote a name or a narrative.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pycountry

from amparo.model import vocabularies as vocab
from amparo.model.case import (
    Case,
    ConsentRecord,
    Engagement,
    Person,
    Reprisal,
    UNReference,
    Writer,
)
from amparo.model.consent import Consent, ConsentValueError
from amparo.model.errors import InvalidInput, Problem

_REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_TEXT = 100_000  # a narrative longer than this is almost surely a pasted file

TOP_KEYS = {
    "title", "country", "people", "engagements", "reprisals", "notes", "already_public",
    "un_references", "steps_taken", "writer", "fictional",
}
# Keys that ``case show --json`` adds; accepted and ignored on import so that an export
# can be imported again as a new case.
IGNORED_TOP_KEYS = {"$schema", "id", "status", "history", "consent_history", "created_at", "updated_at"}
PERSON_KEYS = {
    "ref", "name", "role", "gender", "organisation", "location", "consent", "relation_to",
    "description", "consent_record",
}
ENGAGEMENT_KEYS = {"body", "kind", "date", "people", "session", "description"}
REPRISAL_KEYS = {"type", "date", "people", "perpetrator", "description", "place", "link"}
CONSENT_RECORD_KEYS = {"given_on", "method", "recorded_by", "note"}
UN_REFERENCE_KEYS = {"symbol", "date", "note"}
WRITER_KEYS = {"name", "capacity", "contact"}


class _Reader:
    """Walks one facts document, collecting problems instead of stopping at the first."""

    def __init__(self, today: date):
        self.today = today
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def keys(self, obj: Any, path: str, allowed: set[str], ignored: set[str] = frozenset()) -> bool:
        if not isinstance(obj, dict):
            self.fail(path or "(top level)", f"expected an object, got {_kind(obj)}")
            return False
        for key in obj:
            if key not in allowed and key not in ignored:
                self.fail(_join(path, key), f"unknown field; known fields are {', '.join(sorted(allowed))}")
        return True

    def text(self, obj: dict, path: str, key: str, *, required: bool = False) -> str | None:
        value = obj.get(key)
        if value is None:
            if required:
                self.fail(_join(path, key), "is required")
            return None
        if not isinstance(value, str):
            self.fail(_join(path, key), f"expected text, got {_kind(value)}")
            return None
        value = value.strip()
        if required and not value:
            self.fail(_join(path, key), "must not be empty")
            return None
        if len(value) > MAX_TEXT:
            self.fail(_join(path, key), f"is longer than {MAX_TEXT} characters")
            return None
        return value or None

    def choice(self, obj: dict, path: str, key: str, choices: tuple[str, ...],
               default: str | None = None) -> str | None:
        value = obj.get(key)
        if value is None:
            if default is None:
                self.fail(_join(path, key), f"is required; one of {', '.join(choices)}")
            return default
        if value not in choices:
            self.fail(_join(path, key), f"{_show(value)} is not one of {', '.join(choices)}")
            return default
        return value

    def day(self, obj: dict, path: str, key: str, *, required: bool = True) -> date | None:
        value = obj.get(key)
        where = _join(path, key)
        if value is None:
            if required:
                self.fail(where, "is required (a date as YYYY-MM-DD)")
            return None
        if not isinstance(value, str) or not _DATE.match(value):
            self.fail(where, f"{_show(value)} is not a date as YYYY-MM-DD")
            return None
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            self.fail(where, f"{_show(value)} is not a real calendar date")
            return None
        if parsed > self.today:
            self.fail(where, f"{value} is in the future")
            return None
        return parsed

    def refs(self, obj: dict, path: str, known: set[str], *, required: bool = True) -> tuple[str, ...]:
        value = obj.get("people")
        where = _join(path, "people")
        if value is None:
            if required:
                self.fail(where, "is required: the refs of the people concerned")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(where, "expected a list of person refs")
            return ()
        if required and not value:
            self.fail(where, "must name at least one person ref")
        for i, ref in enumerate(value):
            if ref not in known:
                self.fail(f"{where}[{i}]", f"{_show(ref)} is not the ref of a person in this case")
        return tuple(dict.fromkeys(value))

    def items(self, obj: dict, key: str, read: Callable[[Any, str], Any]) -> tuple:
        value = obj.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(key, f"expected a list, got {_kind(value)}")
            return ()
        out = []
        for i, item in enumerate(value):
            parsed = read(item, f"{key}[{i}]")
            if parsed is not None:
                out.append(parsed)
        return tuple(out)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false",
            int: "a number", float: "a number", type(None): "null"}.get(type(value), "a value")


_ECHOABLE = re.compile(r"^[A-Za-z0-9:_./-]{1,40}$")


def _show(value: Any) -> str:
    # Only identifier-shaped values are echoed: anything with spaces may be a name or a
    # narrative typed into the wrong field, and error messages end up in terminals and logs.
    if isinstance(value, str) and _ECHOABLE.match(value):
        return repr(value)
    if isinstance(value, str):
        return "this text"
    return _kind(value)


def country_code(value: object) -> str | None:
    """The ISO 3166-1 alpha-2 code for ``value`` (case-insensitive), or None if unknown."""
    if not isinstance(value, str) or len(value) != 2:
        return None
    code = value.upper()
    return code if pycountry.countries.get(alpha_2=code) else None


def parse_case_facts(data: Any, *, today: date | None = None, source: str | None = None) -> Case:
    """Validate a case-facts document and return the ``Case`` it describes.

    Raises ``InvalidInput`` listing every problem found, each with its path.
    ``today`` is the date after which no event may lie (a parameter, for tests).
    """
    r = _Reader(today or date.today())
    if not r.keys(data, "", TOP_KEYS, IGNORED_TOP_KEYS):
        raise InvalidInput(r.problems, source=source)

    title = r.text(data, "", "title", required=True)
    country = data.get("country")
    code = country_code(country)
    if country is None:
        r.fail("country", "is required (ISO 3166-1 alpha-2 code, e.g. HN)")
    elif code is None:
        r.fail("country", f"{_show(country)} is not an ISO 3166-1 alpha-2 country code")

    people_raw = data.get("people")
    if not isinstance(people_raw, list) or not people_raw:
        r.fail("people", "is required: a list of at least one person")
        people_raw = []
    refs: set[str] = set()
    for i, p in enumerate(people_raw):
        ref = p.get("ref") if isinstance(p, dict) else None
        if isinstance(ref, str) and _REF.match(ref):
            if ref in refs:
                r.fail(f"people[{i}].ref", f"{ref!r} is used by another person")
            refs.add(ref)
        elif isinstance(p, dict):
            r.fail(f"people[{i}].ref", "is required: letters, digits, - or _, at most 32")

    def read_person(p: Any, path: str) -> Person | None:
        if not r.keys(p, path, PERSON_KEYS):
            return None
        try:
            consent = Consent.parse(p.get("consent", "none"))
        except ConsentValueError as exc:
            r.fail(_join(path, "consent"), str(exc))
            consent = Consent.none()
        relation = p.get("relation_to")
        if relation is not None and (relation not in refs or relation == p.get("ref")):
            r.fail(_join(path, "relation_to"), f"{_show(relation)} is not the ref of another person")
            relation = None
        record = None
        raw_record = p.get("consent_record")
        if raw_record is not None:
            rpath = _join(path, "consent_record")
            if r.keys(raw_record, rpath, CONSENT_RECORD_KEYS):
                method = raw_record.get("method")
                if method is not None and method not in vocab.CONSENT_METHODS:
                    r.fail(_join(rpath, "method"),
                           f"{_show(method)} is not one of {', '.join(vocab.CONSENT_METHODS)}")
                    method = None
                record = ConsentRecord(
                    given_on=r.day(raw_record, rpath, "given_on", required=False),
                    method=method,
                    recorded_by=r.text(raw_record, rpath, "recorded_by"),
                    note=r.text(raw_record, rpath, "note"),
                )
        return Person(
            ref=p.get("ref", ""),
            name=r.text(p, path, "name", required=True) or "",
            role=r.choice(p, path, "role", vocab.ROLES) or "other",
            gender=r.choice(p, path, "gender", vocab.GENDERS, "undisclosed") or "undisclosed",
            organisation=r.text(p, path, "organisation"),
            location=r.choice(p, path, "location", vocab.LOCATIONS, "unknown") or "unknown",
            consent=consent,
            relation_to=relation,
            description=r.text(p, path, "description"),
            consent_record=record,
        )

    def read_body(e: dict, path: str) -> str:
        body = e.get("body")
        if not isinstance(body, str) or not vocab.is_body_slug(body):
            r.fail(_join(path, "body"),
                   f"{_show(body)} is not a body slug (hrc, upr, ohchr, sp:<mandate>, "
                   f"tb:<{'|'.join(vocab.TREATY_BODIES)}>, rg:<body>, un-country-team, un-peace-mission)")
            return "other"
        return body

    def read_engagement(e: Any, path: str) -> Engagement | None:
        if not r.keys(e, path, ENGAGEMENT_KEYS):
            return None
        return Engagement(
            body=read_body(e, path),
            kind=r.choice(e, path, "kind", vocab.ENGAGEMENT_KINDS) or "other",
            date=r.day(e, path, "date") or date.min,
            people=r.refs(e, path, refs),
            session=r.text(e, path, "session"),
            description=r.text(e, path, "description"),
        )

    def read_reprisal(x: Any, path: str) -> Reprisal | None:
        if not r.keys(x, path, REPRISAL_KEYS):
            return None
        return Reprisal(
            type=r.choice(x, path, "type", vocab.REPRISAL_TYPES) or "other",
            date=r.day(x, path, "date") or date.min,
            people=r.refs(x, path, refs),
            perpetrator=r.choice(x, path, "perpetrator", vocab.PERPETRATORS, "unknown") or "unknown",
            description=r.text(x, path, "description"),
            place=r.text(x, path, "place"),
            link=r.text(x, path, "link"),
        )

    def read_reference(u: Any, path: str) -> UNReference | None:
        if not r.keys(u, path, UN_REFERENCE_KEYS):
            return None
        return UNReference(
            symbol=r.text(u, path, "symbol", required=True) or "",
            date=r.day(u, path, "date", required=False),
            note=r.text(u, path, "note"),
        )

    people = r.items({"people": people_raw}, "people", read_person)
    engagements = r.items(data, "engagements", read_engagement)
    reprisals = r.items(data, "reprisals", read_reprisal)
    references = r.items(data, "un_references", read_reference)

    steps_raw = data.get("steps_taken", [])
    steps: tuple[str, ...] = ()
    if not isinstance(steps_raw, list) or not all(isinstance(s, str) for s in steps_raw):
        r.fail("steps_taken", "expected a list of text")
    else:
        steps = tuple(s.strip() for s in steps_raw if s.strip())

    writer = None
    if data.get("writer") is not None and r.keys(data["writer"], "writer", WRITER_KEYS):
        writer = Writer(
            name=r.text(data["writer"], "writer", "name"),
            capacity=r.text(data["writer"], "writer", "capacity"),
            contact=r.text(data["writer"], "writer", "contact"),
        )
    flags = {}
    for key in ("already_public", "fictional"):
        value = data.get(key, False)
        if not isinstance(value, bool):
            r.fail(key, f"expected true or false, got {_kind(value)}")
            value = False
        flags[key] = value

    if r.problems:
        raise InvalidInput(r.problems, source=source)
    return Case(
        title=title or "",
        country=code or "",
        people=people,
        engagements=tuple(sorted(engagements, key=lambda e: e.date)),
        reprisals=tuple(sorted(reprisals, key=lambda x: x.date)),
        notes=r.text(data, "", "notes"),
        already_public=flags["already_public"],
        un_references=references,
        steps_taken=steps,
        writer=writer,
        fictional=flags["fictional"],
    )


def load_case_facts(path: str | Path, *, today: date | None = None) -> Case:
    """Read and validate a case-facts file; errors name the file and the position."""
    p = Path(path)
    label = p.name
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read the file ({exc.strerror or 'unreadable'})", source=label) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidInput("the file is not UTF-8 text", source=label) from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", source=label
        ) from None
    return parse_case_facts(data, today=today, source=label)
