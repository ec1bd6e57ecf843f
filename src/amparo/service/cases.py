"""Case operations of the Workspace: import, read, edit, consent, notes, export, delete."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from amparo.model import Case, ConsentRecord, InvalidInput, Problem, case_to_facts, parse_case_facts
from amparo.model.consent import Consent, ConsentValueError
from amparo.model.facts import load_case_facts

if TYPE_CHECKING:
    from amparo.service.workspace import Workspace
    from amparo.store.cases import CaseSummary, StoredCase


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
                    raise InvalidInput(Problem(path, f"no item {part!r} in this list"))
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
            raise InvalidInput(Problem(path, "this field has no sub-fields"))


def check_facts_file(path: Path, vault: Path | None = None) -> Case:
    """Validate a case-facts file without unlocking anything (model and knowledge base).

    The faces call this before asking for the passphrase, so that bad input is reported
    before the vault is even opened: nothing at all is written for it, not even the
    unlock entry of the audit log. ``vault`` adds the organisation's own knowledge-base
    entries kept in the vault folder (plain YAML, no case data).
    """
    from datetime import UTC, datetime

    from amparo import knowledge
    from amparo.guidance import check_bodies
    from amparo.service.workspace import KNOWLEDGE_DIR

    case = load_case_facts(path, today=datetime.now(UTC).date())
    overrides = vault / KNOWLEDGE_DIR if vault is not None else None
    check_bodies(case, knowledge.load(overrides if overrides and overrides.is_dir() else None))
    return case


class CaseOps:
    """Mixed into Workspace: everything that reads or changes a case's facts."""

    def parse_facts(self: Workspace, data: Any, *, source: str | None = None) -> Case:
        """Validate case facts (a dict or a path) against the model and the knowledge base."""
        from amparo.guidance import check_bodies

        if isinstance(data, str | Path):
            case = load_case_facts(data, today=self.today())
        else:
            case = parse_case_facts(data, today=self.today(), source=source)
        check_bodies(case, self.kb)
        return case

    def import_case(self: Workspace, data: Any, *, source: str | None = None) -> str:
        """Validate and store a case in one transaction; returns the new id."""
        case = data if isinstance(data, Case) else self.parse_facts(data, source=source)
        return self.store.cases.add(case, now=self.now())

    def get_case(self: Workspace, case_id: str) -> StoredCase:
        """The stored case (NotFound names the id only)."""
        return self.store.cases.get(case_id)

    def case(self: Workspace, case_id: str) -> Case:
        """The case's facts, with its id set."""
        return self.store.cases.get(case_id).case

    def list_cases(self: Workspace, *, country: str | None = None, reprisal_type: str | None = None,
                   body: str | None = None, text: str | None = None,
                   limit: int | None = None) -> list[CaseSummary]:
        """Cases matching every filter given, most recently changed first."""
        return self.store.cases.list(country=country, reprisal_type=reprisal_type, body=body,
                                     text=text, limit=limit)

    def replace_case(self: Workspace, case_id: str, data: Any, *, source: str | None = None) -> None:
        """Replace a case's facts with a new, validated version (consent changes are kept in its history)."""
        case = data if isinstance(data, Case) else self.parse_facts(data, source=source)
        self.store.cases.update(case_id, case, now=self.now())

    def edit_case(self: Workspace, case_id: str, edits: list[str]) -> Case:
        """Apply ``PATH=VALUE`` edits, validate the result, and store it, all or nothing."""
        facts = case_to_facts(self.case(case_id))
        for i, edit in enumerate(edits):
            path, sep, raw = edit.partition("=")
            if not sep or not path.strip():
                raise InvalidInput(Problem(f"--set[{i}]", "expected PATH=VALUE, e.g. people[p1].location=in-exile"))
            _set_path(facts, path.strip(), raw)
        case = self.parse_facts(facts, source="edited case")
        self.store.cases.update(case_id, case, now=self.now())
        return case

    def set_consent(self: Workspace, case_id: str, person_ref: str, consent: Any, *,
                    method: str | None = None, given_on: date | None = None,
                    note: str | None = None) -> None:
        """Record a person's new consent, explicitly, with when and how it was given.

        The earlier consent stays in the case's history; the actor who recorded it is the
        workspace's user.
        """
        from amparo.model.vocabularies import CONSENT_METHODS

        try:
            parsed = Consent.parse(consent)
        except ConsentValueError as exc:
            raise InvalidInput(Problem("consent", str(exc))) from None
        if method is not None and method not in CONSENT_METHODS:
            raise InvalidInput(Problem("method", f"{method!r} is not one of {', '.join(CONSENT_METHODS)}"))
        if given_on is not None and given_on > self.today():
            raise InvalidInput(Problem("given_on", f"{given_on} is in the future"))
        record = ConsentRecord(given_on=given_on or self.today(), method=method,
                               recorded_by=self.actor, note=note)
        self.store.cases.set_consent(case_id, person_ref, parsed, record, now=self.now())

    def delete_case(self: Workspace, case_id: str) -> None:
        """Delete a case with everything recorded on it, including its evidence files."""
        blobs = self.store.cases.delete(case_id, now=self.now())
        for blob_id in blobs:
            self.vault.evidence.delete(blob_id)

    def export_case(self: Workspace, case_id: str, *, audience: str | None = None) -> dict[str, Any]:
        """The case taken out of the vault: audited.

        Without ``audience``: the user's own full copy (every name, with status and
        history). With an audience circle: the case-facts document that circle may see,
        redacted through the consent of each person (``sharing.shared_facts``).
        """
        if audience is None:
            out = self.case_document(case_id)
            self.store.audit.record("case.export", "case", case_id)
        else:
            from amparo.service.sharing import shared_facts

            try:
                out = shared_facts(self.case(case_id), audience)
            except ValueError as exc:
                raise InvalidInput(Problem("audience", str(exc))) from None
            self.store.audit.record("case.export-redacted", "case", case_id)
        return out

    def case_document(self: Workspace, case_id: str) -> dict[str, Any]:
        """The case in the case-facts format plus id, status, history and consent history."""
        stored = self.get_case(case_id)
        out = case_to_facts(stored.case)
        out = {"id": stored.id, **out}
        out["status"] = self.case_status(case_id).to_json()
        out["history"] = [{"at": at.isoformat(), "event": verb} for at, verb in stored.history]
        out["consent_history"] = [
            {"person": c.person_ref, "consent": c.consent, "changed_at": c.changed_at.isoformat(),
             "given_on": c.given_on.isoformat() if c.given_on else None, "method": c.method,
             "recorded_by": c.recorded_by}
            for c in stored.consent_history
        ]
        return out

    def add_note(self: Workspace, case_id: str, text: str) -> str:
        """Add a note (kept encrypted in the vault, found by search)."""
        if not text.strip():
            raise InvalidInput(Problem("note", "must not be empty"))
        return self.store.notes.add(case_id, text.strip(), author=self.actor, now=self.now())

    def notes(self: Workspace, case_id: str) -> list[Any]:
        """The case's notes, oldest first."""
        return self.store.notes.list(case_id)
