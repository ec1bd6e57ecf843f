"""Case commands: new, import, list, show, edit, consent, note, export, close, reopen, delete.

Declared in ``declarations/case.py``; this module is imported only when one of them runs,
after the arguments are checked and the passphrase is known.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from amparo.cli.output import console, print_json, text
from amparo.cli.vault_access import open_workspace

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path
    from typing import Any

    from amparo.cli.vault_access import VaultAccess


def new(vault: VaultAccess, json_out: bool) -> None:
    """Record a new case, step by step, in plain language."""
    from amparo.cli.interview import interview

    with open_workspace(vault) as ws:
        facts = interview(ws.ctx.today())
        case_id = ws.cases.add(facts, source="new case")
    if json_out:
        print_json({"id": case_id})
    else:
        console.print(f"Saved as case {text(case_id)}. Next: amparo triage {text(case_id)}")


def import_(file: Path, vault: VaultAccess, json_out: bool) -> None:
    """Import a case from a case-facts JSON file (checked before the prompt); print the new id."""
    with open_workspace(vault) as ws:
        case_id = ws.cases.add(file)
    if json_out:
        print_json({"id": case_id})
    else:
        console.print(text(case_id))


def list_(vault: VaultAccess, json_out: bool, country: str | None, reprisal: str | None, body: str | None,
          search: str | None) -> None:
    """List cases, most recently changed first (``search`` already gathered off the command line)."""
    from rich.table import Table

    with open_workspace(vault) as ws:
        rows = ws.cases.list(country=country, reprisal_type=reprisal, body=body, text=search)
        statuses = ws.followup.statuses([r.id for r in rows])
    if json_out:
        print_json([{"id": r.id, "title": r.title, "country": r.country, "fictional": r.fictional,
                     "status": statuses[r.id].value, "bodies": r.bodies,
                     "reprisal_types": r.reprisal_types, "people": r.people_count,
                     "updated_at": r.updated_at} for r in rows])
        return
    table = Table("id", "country", "status", "bodies", "title")
    for r in rows:
        table.add_row(text(r.id), text(r.country), text(statuses[r.id]), text(", ".join(r.bodies)), text(r.title))
    console.print(table)
    console.print(f"{len(rows)} case(s)")


def show(case_id: str, vault: VaultAccess, json_out: bool) -> None:
    """Show a case: people and their consent, engagements, reprisals, status, history."""
    from amparo.cli.case_view import print_case

    with open_workspace(vault) as ws:
        data = ws.cases.document(case_id)
        notes = ws.cases.notes(case_id)
        evidence = ws.evidence.list(case_id)
    if json_out:
        print_json(data)
    else:
        print_case(data, notes, evidence)


def edit(case_id: str, set_: list[str], from_file: Path | None, vault: VaultAccess) -> None:
    """Replace the facts ``--from`` a file, then apply the ``PATH=VALUE`` edits, all checked."""
    with open_workspace(vault) as ws:
        if from_file is not None:
            ws.cases.replace(case_id, from_file)
        if set_:
            ws.cases.edit(case_id, list(set_))
    console.print(f"Case {text(case_id)} updated.")


def consent(case_id: str, person: str, level: Any, method: str | None, given_on: date | None,
            vault: VaultAccess) -> None:
    """Record a person's new consent (given, narrowed or withdrawn); the old one stays in history.

    ``level`` is the consent value already made and checked from LEVEL, --avenue and
    --review-on (``consent_input``).
    """
    from amparo.cli.consent_input import options_message
    from amparo.cli.declare import CommandLineError
    from amparo.model import InvalidInput

    with open_workspace(vault) as ws:
        try:
            ws.cases.set_consent(case_id, person, level, method=method, given_on=given_on)
        except InvalidInput as exc:
            raise CommandLineError(options_message(exc)) from None
    console.print(f"Consent of {text(person)} on case {text(case_id)} recorded.")


def note(case_id: str, body: str, vault: VaultAccess) -> None:
    """Add a note (already typed at the prompt or read from --file) to a case."""
    with open_workspace(vault) as ws:
        ws.cases.add_note(case_id, body)
    console.print("Note added.")


def export(case_id: str, output: Path | None, force: bool, audience: str | None, vault: VaultAccess) -> None:
    """Export a case as case-facts JSON (to stdout, or -o FILE, made readable by you alone)."""
    from amparo.cli.output import json_text
    from amparo.service import write_file

    with open_workspace(vault) as ws:
        data = ws.cases.export(case_id, audience=audience)
    if output is None:
        print_json(data)
    else:
        write_file(output, (json_text(data) + "\n").encode())
        console.print(f"Written to {text(output)}.")


def close(case_id: str, outcome: str, vault: VaultAccess) -> None:
    """Close a case with its outcome."""
    with open_workspace(vault) as ws:
        ws.followup.close(case_id, outcome)
    console.print(f"Case {text(case_id)} closed ({text(outcome)}).")


def reopen(case_id: str, vault: VaultAccess) -> None:
    """Reopen a closed case."""
    with open_workspace(vault) as ws:
        ws.followup.reopen(case_id)
    console.print(f"Case {text(case_id)} reopened.")


def delete(case_id: str, vault: VaultAccess, yes: bool) -> int:
    """Delete a case with its notes, follow-up, drafts and evidence files (asks first unless ``yes``)."""
    from amparo.cli.prompts import confirm

    with open_workspace(vault) as ws:
        ws.cases.get(case_id)  # NotFound before asking
        if not yes and not confirm(f"Delete case {case_id} and everything recorded on it?"):
            console.print("Not deleted.")
            return 1
        ws.cases.delete(case_id)
    console.print(f"Case {text(case_id)} deleted.")
    return 0
