"""Cases: the case-facts JSON as the source of truth, side tables for lists and filters.

Every person's consent is also written to ``consent_history`` when the case is created
and whenever it changes, so a withdrawn or narrowed consent never erases the one before.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

import amparo.store.search as fulltext
from amparo.model.case import Case, ConsentRecord, Person
from amparo.model.consent import Consent
from amparo.model.errors import NotFound
from amparo.model.facts_document import case_from_trusted_facts, case_to_facts
from amparo.store import blob_keys
from amparo.store.records import Repository, chunks, dumps, insert_many, new_id
from amparo.store.schema import (
    CASE_CHILD_TABLES,
    case_engagements,
    case_events,
    case_people,
    case_reprisals,
    cases,
    consent_history,
    evidence,
    notes,
)
from amparo.store.server_schema import case_access


@dataclass(frozen=True, slots=True)
class ConsentChange:
    """One entry of a person's consent history: the consent then in force, and how given."""

    person_ref: str
    consent: str | list[str]  # the case-facts form: a level, or a list of circles
    changed_at: datetime
    given_on: date | None = None
    method: str | None = None
    recorded_by: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class StoredCase:
    """A case as the vault holds it: the facts plus id, times and histories."""

    id: str
    case: Case
    created_at: datetime
    updated_at: datetime
    consent_history: list[ConsentChange]
    #: (when, what) for each change: "created", "edited", "consent-changed", "note-added"…
    history: list[tuple[datetime, str]]


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """One line of a case list, read from the side tables (no JSON parsed)."""

    id: str
    title: str
    country: str
    fictional: bool
    created_at: datetime
    updated_at: datetime
    people_count: int
    reprisal_types: tuple[str, ...]
    bodies: tuple[str, ...]
    #: The latest engagement or reprisal date.
    latest_event: date | None


def _record_fields(record: ConsentRecord | None) -> dict[str, Any]:
    record = record or ConsentRecord()
    return {"given_on": record.given_on, "method": record.method,
            "recorded_by": record.recorded_by, "note": record.note}


def _side_rows(case_id: str, case: Case) -> dict[sa.Table, list[dict[str, Any]]]:
    return {
        case_people: [
            {"case_id": case_id, "ref": p.ref, "position": i, "role": p.role,
             "gender": p.gender, "location": p.location, "consent": dumps(p.consent.to_facts())}
            for i, p in enumerate(case.people)
        ],
        case_engagements: [
            {"case_id": case_id, "position": i, "body": e.body, "kind": e.kind, "date": e.date}
            for i, e in enumerate(case.engagements)
        ],
        case_reprisals: [
            {"case_id": case_id, "position": i, "type": x.type, "date": x.date,
             "perpetrator": x.perpetrator}
            for i, x in enumerate(case.reprisals)
        ],
    }


def _consent_row(case_id: str, person: Person, at: datetime) -> dict[str, Any]:
    return {"case_id": case_id, "person_ref": person.ref,
            "consent": dumps(person.consent.to_facts()), "changed_at": at,
            **_record_fields(person.consent_record)}


def _consent_changed(before: Case, after: Case) -> list[Person]:
    """People whose consent or consent record differs (or who are new) in ``after``."""
    old = {p.ref: p for p in before.people}
    return [p for p in after.people
            if p.ref not in old or old[p.ref].consent != p.consent
            or old[p.ref].consent_record != p.consent_record]


def parse_stored(facts_json: str, case_id: str) -> Case:
    """The Case held in a ``facts_json`` column, with its id set.

    The facts were validated on the way in (``add``/``update`` take a ``Case``, which only
    ``parse_case_facts`` makes from outside data), so they are read back without checks.
    """
    return case_from_trusted_facts(json.loads(facts_json), case_id=case_id)


class CaseRepository(Repository):
    """Add, read, list, edit and delete cases."""

    def add(self, case: Case, *, now: datetime | None = None) -> str:
        """Store a new case; returns its new id (any ``case.id`` is ignored)."""
        return self.add_many([case], now=now)[0]

    def add_many(self, new_cases: Iterable[Case], *, now: datetime | None = None) -> list[str]:
        """Store several cases in one transaction with batched inserts; returns their ids."""
        batch = list(new_cases)
        at = self._store.now(now)
        with self._unit() as conn:
            ids = self._fresh_ids(conn, len(batch))
            fields = self._store.fields
            if fields is not None:
                fields.new_keys(conn, ids)
            rows: dict[sa.Table, list[dict[str, Any]]] = {
                cases: [], case_people: [], case_engagements: [], case_reprisals: [],
                consent_history: [], case_events: [],
            }
            entries = []
            for case_id, case in zip(ids, batch, strict=True):
                facts = case_to_facts(case)
                rows[cases].append({
                    "id": case_id, "title": self._seal(conn, case_id, "cases.title", case.title),
                    "country": case.country, "fictional": case.fictional,
                    "facts_json": self._seal(conn, case_id, "cases.facts_json", dumps(facts)),
                    "created_at": at, "updated_at": at,
                })
                for table, side in _side_rows(case_id, case).items():
                    rows[table].extend(side)
                rows[consent_history].extend(self._sealed_consent(conn, _consent_row(case_id, p, at))
                                             for p in case.people)
                rows[case_events].append({"case_id": case_id, "at": at, "verb": "created"})
                entries.append((case_id, fulltext.case_text(facts)))
            for table, table_rows in rows.items():
                insert_many(conn, table, table_rows)
            fulltext.index(conn, entries, fields)
            self._store.audit.append(conn, [("case.create", "case", i) for i in ids], at)
        return ids

    def _fresh_ids(self, conn: Connection, n: int) -> list[str]:
        ids: list[str] = []
        while len(ids) < n:
            wanted = {new_id("C") for _ in range(n - len(ids))} - set(ids)
            taken = set(conn.execute(sa.select(cases.c.id).where(cases.c.id.in_(wanted)))
                        .scalars())
            ids.extend(sorted(wanted - taken))
        return ids

    def _row(self, conn: Connection, case_id: str) -> sa.Row[Any]:
        row = conn.execute(sa.select(cases).where(cases.c.id == case_id)).first()
        if row is None:
            raise NotFound(f"case {case_id} not found")
        return row

    def _facts_json(self, conn: Connection, case_id: str) -> str:
        """The case's facts JSON text, opened."""
        return self._open(conn, case_id, "cases.facts_json", self._row(conn, case_id).facts_json) or "{}"

    def _sealed_consent(self, conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
        return self._seal_values(conn, row, "consent_history", ("note",))

    def get(self, case_id: str) -> StoredCase:
        """The case with its id, times, consent history and history of changes."""
        with self._reads() as conn:
            row = self._row(conn, case_id)
            facts_json = self._open(conn, case_id, "cases.facts_json", row.facts_json) or "{}"
            consents = [self._open_row(conn, c, "consent_history", ("note",)) for c in conn.execute(
                sa.select(consent_history).where(consent_history.c.case_id == case_id)
                .order_by(consent_history.c.id)).all()]
            events = conn.execute(
                sa.select(case_events.c.at, case_events.c.verb)
                .where(case_events.c.case_id == case_id).order_by(case_events.c.id)).all()
        return StoredCase(
            id=case_id,
            case=parse_stored(facts_json, case_id),
            created_at=row.created_at,
            updated_at=row.updated_at,
            consent_history=[
                ConsentChange(person_ref=c.person_ref, consent=json.loads(c.consent),
                              changed_at=c.changed_at, given_on=c.given_on, method=c.method,
                              recorded_by=c.recorded_by, note=c.note)
                for c in consents
            ],
            history=[(e.at, e.verb) for e in events],
        )

    def exists(self, case_id: str) -> bool:
        """Whether a case with this id is in the store."""
        with self._reads() as conn:
            return conn.execute(sa.select(cases.c.id).where(cases.c.id == case_id)).first() is not None

    def list(self, *, country: str | None = None, reprisal_type: str | None = None,
             body: str | None = None, text: str | None = None,
             limit: int | None = None, offset: int = 0) -> list[CaseSummary]:
        """Cases matching every filter given, most recently changed first; ``offset`` skips
        that many of them first (the next page, cut in SQL: only the rows shown are read
        and decrypted).

        A text search without other filters follows the search index's own order (the
        order in which cases' facts or notes last changed) with the limit applied there:
        sorting every match of a common word by ``updated_at`` instead reads each matching
        row of the wide, encrypted cases table (~0.2 s for 20,000 cases vs ~1 ms).
        """
        query = sa.select(cases.c.id, cases.c.title, cases.c.country, cases.c.fictional,
                          cases.c.created_at, cases.c.updated_at)
        filtered = bool(country or reprisal_type or body or self._store.scope)
        query = query.where(self._visible(cases.c.id))
        if country:
            query = query.where(cases.c.country == country.upper())
        if reprisal_type:
            query = query.where(sa.exists().where(case_reprisals.c.case_id == cases.c.id,
                                                  case_reprisals.c.type == reprisal_type))
        if body:
            query = query.where(sa.exists().where(case_engagements.c.case_id == cases.c.id,
                                                  case_engagements.c.body == body))
        with self._reads() as conn:
            ranked: list[str] | None = None
            if text is not None and not filtered:
                ranked = fulltext.search(conn, text, limit, self._store.fields,
                                         offset=offset)  # already in change order
                query = query.where(cases.c.id.in_(ranked))
            elif text is not None:
                found = fulltext.matching(conn, text, self._store.fields)
                if found is None:
                    return []
                query = query.where(cases.c.id.in_(found))
            if ranked is None:
                query = query.order_by(cases.c.updated_at.desc(), cases.c.id)
                if limit is not None:
                    query = query.limit(limit)
                if offset:
                    query = query.offset(offset)
            heads = conn.execute(query).all()
            if ranked is not None:
                position = {case_id: i for i, case_id in enumerate(ranked)}
                heads.sort(key=lambda h: position[h.id])
            details = self._details(conn, [h.id for h in heads])
            if self._store.fields is not None:
                self._store.fields.load(conn, [h.id for h in heads])
            titles = {h.id: self._open(conn, h.id, "cases.title", h.title) or "" for h in heads}
        return [CaseSummary(id=h.id, title=titles[h.id], country=h.country, fictional=h.fictional,
                            created_at=h.created_at, updated_at=h.updated_at, **details[h.id])
                for h in heads]

    def _details(self, conn: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {
            i: {"people_count": 0, "reprisal_types": {}, "bodies": {}, "latest_event": None}
            for i in ids}

        def later(case_id: str, day: date) -> None:
            current = out[case_id]["latest_event"]
            if current is None or day > current:
                out[case_id]["latest_event"] = day

        for part in chunks(ids):
            for case_id, n in conn.execute(
                    sa.select(case_people.c.case_id, sa.func.count())
                    .where(case_people.c.case_id.in_(part)).group_by(case_people.c.case_id)):
                out[case_id]["people_count"] = n
            for case_id, kind, day in conn.execute(
                    sa.select(case_reprisals.c.case_id, case_reprisals.c.type, case_reprisals.c.date)
                    .where(case_reprisals.c.case_id.in_(part)).order_by(case_reprisals.c.position)):
                out[case_id]["reprisal_types"].setdefault(kind, None)
                later(case_id, day)
            for case_id, body, day in conn.execute(
                    sa.select(case_engagements.c.case_id, case_engagements.c.body,
                              case_engagements.c.date)
                    .where(case_engagements.c.case_id.in_(part))
                    .order_by(case_engagements.c.date, case_engagements.c.position)):
                out[case_id]["bodies"].setdefault(body, None)
                later(case_id, day)
        for detail in out.values():
            detail["reprisal_types"] = tuple(detail["reprisal_types"])
            detail["bodies"] = tuple(detail["bodies"])
        return out

    def update(self, case_id: str, case: Case, *, now: datetime | None = None) -> None:
        """Replace the case's facts; consent changes are appended to its history."""
        at = self._store.now(now)
        with self._unit() as conn:
            before = parse_stored(self._facts_json(conn, case_id), case_id)
            self._rewrite(conn, case_id, before, case, at, edit=True)

    def set_consent(self, case_id: str, person_ref: str, consent: Consent | str | list[str],
                    record: ConsentRecord | None = None, *, now: datetime | None = None) -> None:
        """Record a new consent for one person (given, narrowed or withdrawn)."""
        at = self._store.now(now)
        new_consent = Consent.parse(consent)
        with self._unit() as conn:
            before = parse_stored(self._facts_json(conn, case_id), case_id)
            if person_ref not in {p.ref for p in before.people}:
                raise NotFound(f"person {person_ref} not found in case {case_id}")
            people = tuple(replace(p, consent=new_consent, consent_record=record)
                           if p.ref == person_ref else p for p in before.people)
            self._rewrite(conn, case_id, before, replace(before, people=people), at, edit=False)

    def _rewrite(self, conn: Connection, case_id: str, before: Case, after: Case,
                 at: datetime, *, edit: bool) -> None:
        changed = _consent_changed(before, after)
        if not edit and not changed:
            return
        facts = case_to_facts(after)
        conn.execute(cases.update().where(cases.c.id == case_id).values(
            title=self._seal(conn, case_id, "cases.title", after.title), country=after.country,
            fictional=after.fictional, facts_json=self._seal(conn, case_id, "cases.facts_json", dumps(facts)),
            updated_at=at))
        for table, side in _side_rows(case_id, after).items():
            conn.execute(table.delete().where(table.c.case_id == case_id))
            insert_many(conn, table, side)
        insert_many(conn, consent_history, [self._sealed_consent(conn, _consent_row(case_id, p, at))
                                            for p in changed])
        verbs = (["edited"] if edit else []) + (["consent-changed"] if changed else [])
        insert_many(conn, case_events, [{"case_id": case_id, "at": at, "verb": v} for v in verbs])
        self.reindex(conn, case_id, facts)
        audit = [("case.edit", "case", case_id)] if edit else []
        audit += [("consent.change", "person", f"{case_id}/{p.ref}") for p in changed]
        self._store.audit.append(conn, audit, at)

    def reindex(self, conn: Connection, case_id: str, facts: dict[str, Any] | None = None) -> None:
        """Rewrite the case's search entry (after its facts or notes changed)."""
        if facts is None:
            facts = json.loads(self._facts_json(conn, case_id))
        texts = [self._open(conn, case_id, "notes.text", t) or "" for t in conn.execute(
            sa.select(notes.c.text).where(notes.c.case_id == case_id)
            .order_by(notes.c.created_at, notes.c.id)).scalars()]
        fulltext.index(conn, [(case_id, fulltext.case_text(facts, texts))], self._store.fields)

    def delete(self, case_id: str, *, now: datetime | None = None) -> list[str]:
        """Remove the case and everything recorded on it (notes, follow-up, drafts,
        evidence rows and their blob keys, histories); returns the evidence blob ids.

        The blob keys are shredded in the same transaction, so the files are undecryptable
        from the commit on; with ``blobs`` the files are removed after the commit, otherwise
        at the next open. The audit log keeps its entries on the case: ids and verbs only.
        """
        at = self._store.now(now)
        with self._unit() as conn:
            self._row(conn, case_id)
            blobs = list(conn.execute(sa.select(evidence.c.blob_id)
                                      .where(evidence.c.case_id == case_id)).scalars())
            fulltext.forget(conn, [case_id])
            for table in CASE_CHILD_TABLES:
                conn.execute(table.delete().where(table.c.case_id == case_id))
            conn.execute(case_access.delete().where(case_access.c.case_id == case_id))
            blob_keys.shred(conn, blobs)
            conn.execute(cases.delete().where(cases.c.id == case_id))
            if self._store.fields is not None:
                self._store.fields.shred(conn, case_id)
            self._store.audit.append(conn, [("case.delete", "case", case_id)], at)
            files = self._store.blobs
            if files is not None and blobs:
                self._store.after_commit(lambda: files.discard_files(blobs))
        return blobs

    def search(self, text: str, limit: int | None = 50) -> list[str]:
        """Ids of the cases containing every word of ``text`` (best first on SQLite).

        User text is never query syntax: quotes, AND, NEAR( and the like are words.
        """
        with self._reads() as conn:
            if self._store.scope is None:
                return fulltext.search(conn, text, limit, self._store.fields)
            found = fulltext.matching(conn, text, self._store.fields)
            if found is None:
                return []
            query = (sa.select(cases.c.id).where(cases.c.id.in_(found), self._visible(cases.c.id))
                     .order_by(cases.c.updated_at.desc(), cases.c.id))
            if limit is not None:
                query = query.limit(limit)
            return list(conn.execute(query).scalars())

    def count(self) -> int:
        """How many cases the store holds."""
        with self._reads() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(cases)
                                .where(self._visible(cases.c.id))).scalar_one()

    def ids(self) -> list[str]:
        """Every case id, in id order."""
        with self._reads() as conn:
            return list(conn.execute(sa.select(cases.c.id).where(self._visible(cases.c.id))
                                     .order_by(cases.c.id)).scalars())

    def all(self, case_ids: Iterable[str] | None = None) -> list[Case]:
        """Every case (or those of ``case_ids`` that exist), with ids set, in id order:
        one query per 500 ids, for due lists, status columns and reports."""
        query = (sa.select(cases.c.id, cases.c.facts_json).where(self._visible(cases.c.id))
                 .order_by(cases.c.id))
        with self._reads() as conn:
            if case_ids is None:
                rows = list(conn.execute(query).all())
            else:
                rows = []
                for part in chunks(list(dict.fromkeys(case_ids))):
                    rows += conn.execute(query.where(cases.c.id.in_(part))).all()
            if self._store.fields is not None:
                self._store.fields.load(conn, [r.id for r in rows])
            texts = [(r.id, self._open(conn, r.id, "cases.facts_json", r.facts_json) or "{}") for r in rows]
        return [parse_stored(text, case_id) for case_id, text in texts]
