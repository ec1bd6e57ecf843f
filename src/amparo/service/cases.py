"""Cases: read, validate, import, edit, consent, notes, export, delete (``ws.cases``).

Validation is one function, ``read_facts``, used both before a vault is unlocked (the
faces check a file first, so that bad input costs nothing, not even an unlock entry in the
audit log) and inside the workspace.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from amparo.model import Case, ConsentRecord, InvalidInput, Problem, case_to_facts, load_case_facts, parse_case_facts
from amparo.model.errors import Message
from amparo.model.text_fields import (
    IDENTIFIER,
    NARRATIVE,
    SEARCH,
    check_text_fields,
    structure_problems,
    text_problems,
)

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from amparo.service.context import Context
    from amparo.service.followup import FollowupService
    from amparo.store.cases import CaseSummary, StoredCase
    from amparo.store.repository import Store


def read_facts(ctx: Context, data: Any, *, source: str | None = None, stored: Case | None = None) -> Case:
    """Validate case facts (a dict, or a path to a JSON file) against the model and the knowledge base.

    Engagement bodies must be known, and a consent scoped to an avenue must name one the
    knowledge base knows: a misspelt ``sp:tortur`` would otherwise silently fall back to
    the person's general consent.
    """
    from amparo.guidance import check_bodies, check_consent_scopes

    if isinstance(data, str | Path):
        case = load_case_facts(Path(data), today=ctx.today())
    else:
        kept = {p.consent.review_on for p in stored.people if p.consent.review_on} if stored else ()
        case = parse_case_facts(data, today=ctx.today(), source=source, kept_reviews=kept)
    check_bodies(case, ctx.kb)
    check_consent_scopes(case, ctx.kb)
    return case


def _set_path(facts: dict[str, Any], path: str, raw: str) -> None:
    """Apply one ``--set`` edit, e.g. ``people[p1].location=in-exile`` or ``title=…``.

    List items are addressed by person ref (``people[p1]``) or by index
    (``reprisals[0]``); the value is JSON when it parses as JSON, else text.
    """
    try:
        value: Any = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    target: Any = facts
    parts = path.replace("]", "").replace("[", ".").split(".")
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if isinstance(target, list):
            if part.isdigit() and int(part) < len(target):
                index = int(part)
            else:
                matches = [n for n, item in enumerate(target)
                           if isinstance(item, dict) and item.get("ref") == part]
                if not matches:
                    raise InvalidInput(Problem(path, Message("no item {part!r} in this list",
                                                             part=part)))
                index = matches[0]
            if last:
                target[index] = value
            else:
                target = target[index]
        elif isinstance(target, dict):
            if last:
                target[part] = value
            else:
                target = target.setdefault(part, {} if not parts[i + 1].isdigit() else [])
        else:
            raise InvalidInput(Problem(path, Message("this field has no sub-fields")))


class CaseService:
    """Everything that reads or changes a case's facts, its consent and its notes."""

    def __init__(self, ctx: Context, store: Store, followup: FollowupService):
        self.ctx = ctx
        self.store = store
        self._followup = followup
        from amparo.service.policy import Guard

        self.guard = Guard(ctx.actor, store)

    def parse(self, data: Any, *, source: str | None = None, stored: Case | None = None) -> Case:
        """Validate case facts (a dict or a path) without storing them.

        ``stored``: the case these facts replace, whose consents already past their
        review date may stay as they are (expired, so blocking) while the rest is edited.
        """
        return read_facts(self.ctx, data, source=source, stored=stored)

    def add(self, data: Any, *, source: str | None = None) -> str:
        """Validate and store a case in one transaction; returns the new id."""
        from amparo.service.policy import ASSIGNED, CREATE, OWNER

        self.guard.require(CREATE)
        case = data if isinstance(data, Case) else self.parse(data, source=source)
        with self.store.transaction():
            case_id = self.store.cases.add(case, now=self.ctx.now())
            if self.ctx.actor.role != OWNER:
                # Whoever brings a case in is responsible for it until someone else is assigned.
                self.store.accounts.grant(case_id, self.ctx.actor.id, ASSIGNED, now=self.ctx.now())
        return case_id

    def get(self, case_id: str) -> Case:
        """The case's facts, with its id set (``NotFound`` names the id only)."""
        check_text_fields(("case", case_id, IDENTIFIER))  # ids come from URLs and argv: quoted in NotFound
        self._require("case.read", case_id)
        return self.store.cases.get(case_id).case

    def stored(self, case_id: str) -> StoredCase:
        """The case as the vault holds it: facts, times, history, consent history."""
        check_text_fields(("case", case_id, IDENTIFIER))
        self._require("case.read", case_id)
        return self.store.cases.get(case_id)

    def list(self, *, country: str | None = None, reprisal_type: str | None = None,
             body: str | None = None, text: str | None = None, limit: int | None = None,
             offset: int = 0) -> list[CaseSummary]:
        """Cases matching every filter given, most recently changed first (in server mode,
        the cases the actor may see; a reviewer's list shows ids, never titles); ``offset``
        skips that many first (the next page)."""
        check_text_fields(("country", country, IDENTIFIER), ("reprisal_type", reprisal_type, IDENTIFIER),
                          ("body", body, IDENTIFIER), ("search", text, SEARCH))
        import dataclasses

        self.guard.require("case.list")
        if text is not None and not self.guard.sees_content:
            # Searching the words of cases is reading them: refused (and audited) for a reviewer.
            self.guard.require("case.read")
        found = self.store.cases.list(country=country, reprisal_type=reprisal_type, body=body,
                                      text=text, limit=limit, offset=max(0, offset))
        if self.guard.sees_content:
            return found
        return [dataclasses.replace(s, title=s.id) for s in found]

    def count(self) -> int:
        """How many cases the vault holds (in server mode: the actor may see)."""
        self.guard.require("case.list")
        return self.store.cases.count()

    def replace(self, case_id: str, data: Any, *, source: str | None = None) -> None:
        """Replace a case's facts with a new, validated version (consent changes stay in its history)."""
        self._require("case.write", case_id)
        case = data if isinstance(data, Case) else self.parse(data, source=source, stored=self.get(case_id))
        self.store.cases.update(case_id, case, now=self.ctx.now())

    def edit(self, case_id: str, edits: list[str]) -> Case:
        """Apply ``PATH=VALUE`` edits, validate the result, and store it, all or nothing."""
        self._require("case.write", case_id)
        check_text_fields(*((f"--set[{i}]", e, NARRATIVE) for i, e in enumerate(edits)))
        stored = self.get(case_id)
        facts = case_to_facts(stored)
        for i, edit in enumerate(edits):
            path, sep, raw = edit.partition("=")
            if not sep or not path.strip():
                raise InvalidInput(Problem(f"--set[{i}]", Message(
                    "expected PATH=VALUE, e.g. people[p1].location=in-exile")))
            _set_path(facts, path.strip(), raw)
        case = self.parse(facts, source="edited case", stored=stored)
        self.store.cases.update(case_id, case, now=self.ctx.now())
        return case

    def set_consent(self, case_id: str, person_ref: str, consent: Any, *, method: str | None = None,
                    given_on: date | None = None, note: str | None = None) -> None:
        """Record a person's new consent, explicitly, with when and how it was given.

        The earlier consent stays in the case's history; the actor who recorded it is the
        context's. A consent scoped to an unknown avenue, or with a review date already
        past, is refused (``check_consent``), with every other fault of the same call.
        """
        from amparo.model.vocabularies import CONSENT_METHODS
        from amparo.service.consent import check_consent

        self._require("case.write", case_id)
        problems = structure_problems("consent", consent)
        problems += text_problems([("person", person_ref, IDENTIFIER), ("method", method, IDENTIFIER),
                                   ("note", note, NARRATIVE)])
        if problems:
            raise InvalidInput(problems)  # before anything is read or written
        case = self.get(case_id)  # NotFound first
        today = self.ctx.today()
        parsed = None
        try:
            parsed = check_consent(self.ctx, consent, case=case)
        except InvalidInput as exc:
            problems += exc.problems
        if method is not None and method not in CONSENT_METHODS:
            problems.append(Problem("method", Message("{method!r} is not one of {choices}",
                                                      method=method, choices=', '.join(CONSENT_METHODS))))
        if given_on is not None and given_on > today:
            problems.append(Problem("given_on", Message("{given_on} is in the future",
                                                        given_on=given_on)))
        if problems or parsed is None:
            raise InvalidInput(problems)
        record = ConsentRecord(given_on=given_on or today, method=method, recorded_by=self.ctx.actor.id, note=note)
        self.store.cases.set_consent(case_id, person_ref, parsed, record, now=self.ctx.now())

    def delete(self, case_id: str) -> None:
        """Delete a case with everything recorded on it; its evidence files' keys are shredded with it."""
        self._require("case.delete", case_id)
        self.store.cases.delete(case_id, now=self.ctx.now())

    def shred(self, case_id: str) -> Any:
        """Crypto-shred the case (server mode): deleted, its keys destroyed, a signed record kept.

        For a person's request to be forgotten, or a case under threat of seizure. Returns
        the signed, dated ``ShredRecord`` (ids and times only).
        """
        from amparo.store.shred import shred_case

        self._require("case.delete", case_id)
        return shred_case(self.store, case_id, now=self.ctx.now())

    def shred_record(self, case_id: str) -> Any:
        """The signed record of a shredded case."""
        from amparo.store.shred import shred_record

        self.guard.require("audit.verify")
        return shred_record(self.store, case_id)

    def export(self, case_id: str, *, audience: str | None = None) -> dict[str, Any]:
        """The case taken out of the vault: audited.

        Without ``audience``: the user's own full copy (every name, with status and
        history). With an audience circle: the case-facts document that circle may see,
        every person redacted through the consent gate (``amparo.disclosure``).
        """
        check_text_fields(("audience", audience, IDENTIFIER))
        self._require("case.export" if audience is None else "case.export-redacted", case_id)
        if audience is None:
            out = self.document(case_id)
            self.store.audit.record("case.export", "case", case_id)
            return out
        from amparo.disclosure import facts_for_audience

        try:
            out = facts_for_audience(self.store.cases.get(case_id).case, audience, today=self.ctx.today())
        except ValueError as exc:
            raise InvalidInput(Problem("audience", str(exc))) from None
        self.store.audit.record("case.export-redacted", "case", case_id)
        return out

    def document(self, case_id: str) -> dict[str, Any]:
        """The case in the case-facts format plus id, status, history and consent history."""
        self._require("case.read", case_id)
        stored = self.stored(case_id)
        out = {"id": stored.id, **case_to_facts(stored.case)}
        out["status"] = self._followup.status(case_id).to_json()
        out["history"] = [{"at": at.isoformat(), "event": verb} for at, verb in stored.history]
        out["consent_history"] = [
            {"person": c.person_ref, "consent": c.consent, "changed_at": c.changed_at.isoformat(),
             "given_on": c.given_on.isoformat() if c.given_on else None, "method": c.method,
             "recorded_by": c.recorded_by}
            for c in stored.consent_history
        ]
        return out

    def add_note(self, case_id: str, text: str) -> str:
        """Add a note (kept encrypted in the vault, found by search)."""
        check_text_fields(("note", text, NARRATIVE))
        self._require("case.write", case_id)
        if not text.strip():
            raise InvalidInput(Problem("note", Message("must not be empty")))
        return self.store.notes.add(case_id, text.strip(), author=self.ctx.actor.id, now=self.ctx.now())

    def notes(self, case_id: str) -> list[Any]:
        """The case's notes, oldest first."""
        self._require("case.read", case_id)
        return self.store.notes.list(case_id)

    def reading(self) -> AbstractContextManager[None]:
        """A block of reads (one page): inside it, each access question about a case is
        answered once, not once per service call. Never wrap a change to the access list."""
        from amparo.service.policy import decisions_kept

        return decisions_kept()

    def _require(self, action: str, case_id: str) -> None:
        self.guard.case(action, case_id)
