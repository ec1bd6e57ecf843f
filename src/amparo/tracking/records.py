"""The follow-up JSON format: a case's actions, responses and events, to and from JSON.

Used by the demo (``service/demo/followup.json``), imports and exports. Shape checks only
(fields, types, dates, vocabularies); the checks that need the case or the knowledge base
(avenue known, response dated after its action, reference shapes) are in ``validate``.

Format of one case's record::

    {"actions": [{"id", "avenue", "action"?, "sent_on", "channel", "disclosure",
                  "consent_snapshot"?: {"p1": "public-named", …}, "draft_id"?, "note"?}],
     "responses": [{"id", "kind", "received_on", "from_avenue"?, "action_id"?,
                    "reference"?, "paragraph"?, "note"?}],
     "events": [{"id", "kind", "happened_on", "people"?: ["p1"], "note"?}]}

``consent_snapshot`` names the people the action identifies, with the consent each had
when it was sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from amparo.model import vocabularies as vocab
from amparo.model.consent import CIRCLE_VALUES, Circle, Consent, ConsentValueError
from amparo.model.errors import InvalidInput, Message, Problem
from amparo.model.followup import Action, Response, SituationEvent

ACTION_KEYS = {"id", "avenue", "action", "sent_on", "channel", "disclosure", "consent_snapshot",
               "draft_id", "note"}
RESPONSE_KEYS = {"id", "kind", "received_on", "from_avenue", "action_id", "reference",
                 "paragraph", "note"}
EVENT_KEYS = {"id", "kind", "happened_on", "people", "note"}


@dataclass(frozen=True, slots=True)
class FollowUpRecord:
    """What was sent on one case, what came back, and what happened to the people."""

    actions: tuple[Action, ...] = ()
    responses: tuple[Response, ...] = ()
    events: tuple[SituationEvent, ...] = ()


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def keys(self, obj: Any, path: str, allowed: set[str]) -> bool:
        if not isinstance(obj, dict):
            self.fail(path, "expected an object")
            return False
        for key in obj:
            if key not in allowed:
                self.fail(f"{path}.{key}", f"unknown field; known fields are {', '.join(sorted(allowed))}")
        return True

    def text(self, obj: dict, path: str, key: str, *, required: bool = False,
             limit: int = 10_000) -> str | None:
        value = obj.get(key)
        if value is None:
            if required:
                self.fail(f"{path}.{key}", "is required")
            return None
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            self.fail(f"{path}.{key}", f"expected text of 1 to {limit} characters")
            return None
        return value.strip()

    def day(self, obj: dict, path: str, key: str) -> date | None:
        value = obj.get(key)
        if isinstance(value, str) and len(value) == 10:
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(f"{path}.{key}", "is required: a date as YYYY-MM-DD")
        return None

    def choice(self, obj: dict, path: str, key: str, choices: tuple[str, ...]) -> str | None:
        value = obj.get(key)
        if value not in choices:
            self.fail(f"{path}.{key}", f"is required: one of {', '.join(choices)}")
            return None
        return value


def parse_followup(data: Any, *, case_id: str, source: str | None = None) -> FollowUpRecord:
    """Read one case's follow-up record; ``InvalidInput`` lists every problem with its path."""
    r = _Reader()
    if not r.keys(data, "(top level)", {"actions", "responses", "events"}):
        raise InvalidInput(r.problems, source=source)
    actions = [a for i, raw in enumerate(data.get("actions") or [])
               if (a := _action(r, raw, f"actions[{i}]", case_id)) is not None]
    responses = [x for i, raw in enumerate(data.get("responses") or [])
                 if (x := _response(r, raw, f"responses[{i}]", case_id)) is not None]
    events = [e for i, raw in enumerate(data.get("events") or [])
              if (e := _event(r, raw, f"events[{i}]", case_id)) is not None]
    ids = [x.id for x in (*actions, *responses, *events)]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        r.fail("id", f"{dup} is used more than once")
    if r.problems:
        raise InvalidInput(r.problems, source=source)
    return FollowUpRecord(tuple(actions), tuple(responses), tuple(events))


def parse_followup_cases(data: Any, *, source: str | None = None) -> dict[str, FollowUpRecord]:
    """Read a file of several cases' records: ``{"cases": {case_id: record, …}}``.

    Other top-level keys (``about``, ``fictional``) are descriptive and ignored.
    """
    if not isinstance(data, dict) or not isinstance(data.get("cases"), dict):
        raise InvalidInput(Problem("cases", Message("expected an object of case id to record")),
                           source=source)
    problems: list[Problem] = []
    out: dict[str, FollowUpRecord] = {}
    for case_id, raw in data["cases"].items():
        try:
            out[case_id] = parse_followup(raw, case_id=case_id)
        except InvalidInput as exc:
            problems += [Problem(f"cases.{case_id}.{p.path}", p.message) for p in exc.problems]
    if problems:
        raise InvalidInput(problems, source=source)
    return out


def _action(r: _Reader, raw: Any, path: str, case_id: str) -> Action | None:
    if not r.keys(raw, path, ACTION_KEYS):
        return None
    before = len(r.problems)
    snapshot: list[tuple[str, str | tuple[str, ...]]] = []
    snap = raw.get("consent_snapshot") or {}
    if not isinstance(snap, dict):
        r.fail(f"{path}.consent_snapshot", "expected an object of person ref to consent")
    else:
        for ref, value in snap.items():
            try:
                facts = Consent.parse(value).to_facts()
            except ConsentValueError as exc:
                r.fail(f"{path}.consent_snapshot.{ref}", str(exc))
                continue
            snapshot.append((ref, facts if isinstance(facts, str) else tuple(facts)))
    action = Action(
        id=r.text(raw, path, "id", required=True, limit=64) or "",
        case_id=case_id,
        avenue=r.text(raw, path, "avenue", required=True, limit=64) or "",
        action=r.text(raw, path, "action", limit=64),
        sent_on=r.day(raw, path, "sent_on") or date.min,
        channel=r.choice(raw, path, "channel", vocab.ACTION_CHANNELS) or "other",
        disclosure=Circle(r.choice(raw, path, "disclosure", CIRCLE_VALUES) or "un-confidential"),
        draft_id=r.text(raw, path, "draft_id", limit=64),
        consent_snapshot=tuple(snapshot),
        note=r.text(raw, path, "note"),
    )
    return action if len(r.problems) == before else None


def _response(r: _Reader, raw: Any, path: str, case_id: str) -> Response | None:
    if not r.keys(raw, path, RESPONSE_KEYS):
        return None
    before = len(r.problems)
    response = Response(
        id=r.text(raw, path, "id", required=True, limit=64) or "",
        case_id=case_id,
        kind=r.choice(raw, path, "kind", vocab.RESPONSE_KINDS) or "other",
        received_on=r.day(raw, path, "received_on") or date.min,
        from_avenue=r.text(raw, path, "from_avenue", limit=64),
        action_id=r.text(raw, path, "action_id", limit=64),
        reference=r.text(raw, path, "reference", limit=80),
        paragraph=r.text(raw, path, "paragraph", limit=20),
        note=r.text(raw, path, "note"),
    )
    return response if len(r.problems) == before else None


def _event(r: _Reader, raw: Any, path: str, case_id: str) -> SituationEvent | None:
    if not r.keys(raw, path, EVENT_KEYS):
        return None
    before = len(r.problems)
    people = raw.get("people") or []
    if not isinstance(people, list) or not all(isinstance(p, str) for p in people):
        r.fail(f"{path}.people", "expected a list of person refs")
        people = []
    event = SituationEvent(
        id=r.text(raw, path, "id", required=True, limit=64) or "",
        case_id=case_id,
        kind=r.choice(raw, path, "kind", vocab.SITUATION_EVENTS) or "other",
        happened_on=r.day(raw, path, "happened_on") or date.min,
        people=tuple(people),
        note=r.text(raw, path, "note"),
    )
    return event if len(r.problems) == before else None


def _prune(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v not in (None, (), [], {})}


def followup_to_json(record: FollowUpRecord) -> dict[str, Any]:
    """The record in the format ``parse_followup`` reads."""
    return {
        "actions": [_prune({
            "id": a.id, "avenue": a.avenue, "action": a.action, "sent_on": a.sent_on.isoformat(),
            "channel": a.channel, "disclosure": a.disclosure.value,
            "consent_snapshot": {ref: list(c) if isinstance(c, tuple) else c
                                 for ref, c in a.consent_snapshot},
            "draft_id": a.draft_id, "note": a.note,
        }) for a in record.actions],
        "responses": [_prune({
            "id": x.id, "kind": x.kind, "received_on": x.received_on.isoformat(),
            "from_avenue": x.from_avenue, "action_id": x.action_id, "reference": x.reference,
            "paragraph": x.paragraph, "note": x.note,
        }) for x in record.responses],
        "events": [_prune({
            "id": e.id, "kind": e.kind, "happened_on": e.happened_on.isoformat(),
            "people": list(e.people), "note": e.note,
        }) for e in record.events],
    }
