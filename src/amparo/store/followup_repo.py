"""Follow-up: actions sent, responses received, changes in people's situation."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from amparo.model import vocabularies as vocab
from amparo.model.consent import Circle, circle
from amparo.model.errors import InvalidInput, Problem
from amparo.model.followup import Action, Response, SituationEvent
from amparo.store.records import Repository, case_event, chunks, dumps, new_id, require_case
from amparo.store.schema import actions, responses, situation_events


def _check(value: str, allowed: tuple[str, ...], path: str) -> None:
    if value not in allowed:
        raise InvalidInput(Problem(path, f"{value!r} is not one of {', '.join(allowed)}"))


def _snapshot_out(snapshot: Any) -> tuple[tuple[str, str | tuple[str, ...]], ...]:
    return tuple((ref, tuple(c) if isinstance(c, list) else c) for ref, c in snapshot)


def _action(row: Any) -> Action:
    return Action(id=row.id, case_id=row.case_id, avenue=row.avenue, action=row.action,
                  sent_on=row.sent_on, channel=row.channel, disclosure=Circle(row.disclosure),
                  draft_id=row.draft_id,
                  consent_snapshot=_snapshot_out(json.loads(row.consent_snapshot)),
                  note=row.note)


def _response(row: Any) -> Response:
    return Response(id=row.id, case_id=row.case_id, kind=row.kind, received_on=row.received_on,
                    from_avenue=row.from_avenue, action_id=row.action_id,
                    reference=row.reference, paragraph=row.paragraph, note=row.note)


def _event(row: Any) -> SituationEvent:
    return SituationEvent(id=row.id, case_id=row.case_id, kind=row.kind,
                          happened_on=row.happened_on, people=tuple(json.loads(row.people)),
                          note=row.note)


#: What a server seals of each follow-up record: the user's own words.
_SEALED = {"actions": ("note",), "responses": ("reference", "paragraph", "note"),
           "situation_events": ("note",)}


class FollowupRepository(Repository):
    """Record and list follow-up, per case or across all cases (for what is due)."""

    def _write(self, conn: Connection, table: sa.Table, values: dict[str, Any],
               verb: str, event: str, at: datetime) -> None:
        require_case(conn, values["case_id"])
        conn.execute(table.insert().values(**self._seal_values(conn, values, table.name, _SEALED[table.name])))
        case_event(conn, values["case_id"], event, at)
        self._store.audit.append(
            conn, [(verb, verb.split(".")[0], f"{values['case_id']}/{values['id']}")], at)

    def add_action(self, action: Action, *, now: datetime | None = None) -> str:
        """Record an action sent; returns its id (``action.id`` if given, else a new one)."""
        _check(action.channel, vocab.ACTION_CHANNELS, "channel")
        disclosure = circle(action.disclosure).value
        values = {
            "id": action.id or new_id("A"), "case_id": action.case_id, "avenue": action.avenue,
            "action": action.action, "sent_on": action.sent_on, "channel": action.channel,
            "disclosure": disclosure, "draft_id": action.draft_id,
            "consent_snapshot": dumps([[ref, list(c) if isinstance(c, tuple) else c]
                                       for ref, c in action.consent_snapshot]),
            "note": action.note,
        }
        with self._unit() as conn:
            self._write(conn, actions, values, "action.add", "action-recorded",
                        self._store.now(now))
        return values["id"]

    def add_response(self, response: Response, *, now: datetime | None = None) -> str:
        """Record a response received; returns its id."""
        _check(response.kind, vocab.RESPONSE_KINDS, "kind")
        values = {
            "id": response.id or new_id("R"), "case_id": response.case_id, "kind": response.kind,
            "received_on": response.received_on, "from_avenue": response.from_avenue,
            "action_id": response.action_id, "reference": response.reference,
            "paragraph": response.paragraph, "note": response.note,
        }
        with self._unit() as conn:
            if response.action_id is not None:
                owner = conn.execute(sa.select(actions.c.case_id)
                                     .where(actions.c.id == response.action_id)).scalar()
                if owner != response.case_id:
                    raise InvalidInput(Problem(
                        "action_id", f"{response.action_id} is not an action of this case"))
            self._write(conn, responses, values, "response.add", "response-recorded",
                        self._store.now(now))
        return values["id"]

    def add_event(self, event: SituationEvent, *, now: datetime | None = None) -> str:
        """Record a change in the situation of people in the case; returns its id."""
        _check(event.kind, vocab.SITUATION_EVENTS, "kind")
        values = {
            "id": event.id or new_id("S"), "case_id": event.case_id, "kind": event.kind,
            "happened_on": event.happened_on, "people": dumps(list(event.people)),
            "note": event.note,
        }
        with self._unit() as conn:
            self._write(conn, situation_events, values, "situation.add", "situation-recorded",
                        self._store.now(now))
        return values["id"]

    def _list(self, table: sa.Table, order: sa.Column[Any], case_id: str | None) -> list[Any]:
        query = sa.select(table).where(self._visible(table.c.case_id)).order_by(order, table.c.id)
        with self._reads() as conn:
            if case_id is not None:
                require_case(conn, case_id)
                query = query.where(table.c.case_id == case_id)
            return [self._open_row(conn, r, table.name, _SEALED[table.name]) for r in conn.execute(query)]

    def list_actions(self, case_id: str | None = None) -> list[Action]:
        """Actions of one case, or of all cases, by date sent."""
        return [_action(r) for r in self._list(actions, actions.c.sent_on, case_id)]

    def list_responses(self, case_id: str | None = None) -> list[Response]:
        """Responses of one case, or of all cases, by date received."""
        return [_response(r) for r in self._list(responses, responses.c.received_on, case_id)]

    def list_events(self, case_id: str | None = None) -> list[SituationEvent]:
        """Situation events of one case, or of all cases, by date."""
        return [_event(r) for r in
                self._list(situation_events, situation_events.c.happened_on, case_id)]

    def for_cases(self, case_ids: Iterable[str] | None = None) -> dict[str, CaseFollowup]:
        """Actions, responses and events grouped by case, for many cases in three queries
        (``None``: every case). Cases with nothing recorded are absent from the result."""
        wanted = None if case_ids is None else list(dict.fromkeys(case_ids))
        out: dict[str, CaseFollowup] = {}

        def rows(table: sa.Table, order: sa.Column[Any]) -> list[Any]:
            query = sa.select(table).where(self._visible(table.c.case_id)).order_by(order, table.c.id)
            if wanted is None:
                found = list(conn.execute(query).all())
            else:
                found = []
                for part in chunks(wanted):
                    found += conn.execute(query.where(table.c.case_id.in_(part))).all()
            if self._store.fields is not None:
                self._store.fields.load(conn, {r.case_id for r in found})
            return [self._open_row(conn, r, table.name, _SEALED[table.name]) for r in found]

        with self._reads() as conn:
            for r in rows(actions, actions.c.sent_on):
                out.setdefault(r.case_id, CaseFollowup()).actions.append(_action(r))
            for r in rows(responses, responses.c.received_on):
                out.setdefault(r.case_id, CaseFollowup()).responses.append(_response(r))
            for r in rows(situation_events, situation_events.c.happened_on):
                out.setdefault(r.case_id, CaseFollowup()).events.append(_event(r))
        return out


@dataclass
class CaseFollowup:
    """What was sent, what came back and what happened, for one case."""

    actions: list[Action] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    events: list[SituationEvent] = field(default_factory=list)
