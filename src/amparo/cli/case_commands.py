"""Case commands: new, import, list, show, edit, consent, note, export, close, delete."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from amparo.cli.options import JsonOpt, PassFileOpt, VaultOpt, open_workspace
from amparo.cli.output import console, print_json, text

CaseArg = Annotated[str, typer.Argument(help="The case id, e.g. C-K3VQ7M2A.")]


def register(app: typer.Typer) -> None:
    """Add the case commands to ``app``."""
    case = typer.Typer(help="Record, list, show, edit, export and delete cases.", no_args_is_help=True)
    for name, fn in (("new", new), ("import", import_), ("list", list_), ("show", show), ("edit", edit),
                     ("consent", consent), ("note", note), ("export", export), ("close", close),
                     ("reopen", reopen), ("delete", delete)):
        case.command(name)(fn)
    app.add_typer(case, name="case")


def new(vault: VaultOpt = None, passphrase_file: PassFileOpt = None, json_out: JsonOpt = False) -> None:
    """Record a new case, step by step, in plain language."""
    from amparo.cli.interview import interview

    with open_workspace(vault, passphrase_file) as ws:
        facts = interview(ws.ctx.today())
        case_id = ws.cases.add(facts, source="new case")
    if json_out:
        print_json({"id": case_id})
    else:
        console.print(f"Saved as case {case_id}. Next: amparo triage {case_id}")


def import_(file: Annotated[Path, typer.Argument(help="A case-facts JSON file.")],
            vault: VaultOpt = None, passphrase_file: PassFileOpt = None, json_out: JsonOpt = False) -> None:
    """Import a case from a case-facts JSON file (all or nothing); prints the new id.

    Example: amparo case import case.json --json
    """
    from amparo.cli.options import folder_context
    from amparo.service import read_facts

    read_facts(folder_context(vault), file)  # bad input is reported before the vault is opened
    with open_workspace(vault, passphrase_file) as ws:
        case_id = ws.cases.add(file)
    if json_out:
        print_json({"id": case_id})
    else:
        console.print(case_id)


def list_(vault: VaultOpt = None, passphrase_file: PassFileOpt = None, json_out: JsonOpt = False,
          country: Annotated[str | None, typer.Option(help="ISO country code, e.g. HN.")] = None,
          reprisal: Annotated[str | None, typer.Option(help="A reprisal type, e.g. travel-ban.")] = None,
          body: Annotated[str | None, typer.Option(help="A body engaged, e.g. tb:CAT.")] = None,
          search: Annotated[str | None, typer.Option(help="Full-text search over the vault.")] = None) -> None:
    """List cases, most recently changed first."""
    from rich.table import Table

    with open_workspace(vault, passphrase_file) as ws:
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
        table.add_row(r.id, r.country, str(statuses[r.id]), ", ".join(r.bodies), text(r.title))
    console.print(table)
    console.print(f"{len(rows)} case(s)")


def show(case_id: CaseArg, vault: VaultOpt = None, passphrase_file: PassFileOpt = None,
         json_out: JsonOpt = False) -> None:
    """Show a case: people and their consent, engagements, reprisals, status, history."""
    from amparo.cli.case_view import print_case

    with open_workspace(vault, passphrase_file) as ws:
        data = ws.cases.document(case_id)
        notes = ws.cases.notes(case_id)
        evidence = ws.evidence.list(case_id)
    if json_out:
        print_json(data)
    else:
        print_case(data, notes, evidence)


def edit(case_id: CaseArg,
         set_: Annotated[list[str] | None, typer.Option(
             "--set", help="PATH=VALUE, e.g. people[p1].location=in-exile (repeatable).")] = None,
         from_file: Annotated[Path | None, typer.Option(
             "--from", help="Replace the facts with this case-facts file.")] = None,
         vault: VaultOpt = None, passphrase_file: PassFileOpt = None) -> None:
    """Edit a case: targeted --set changes, or a whole new version --from a file."""
    if not set_ and from_file is None:
        raise typer.BadParameter("give --set PATH=VALUE or --from FILE")
    with open_workspace(vault, passphrase_file) as ws:
        if from_file is not None:
            ws.cases.replace(case_id, from_file)
        if set_:
            ws.cases.edit(case_id, list(set_))
    console.print(f"Case {case_id} updated.")


def consent(case_id: CaseArg,
            person: Annotated[str, typer.Argument(help="The person's ref, e.g. p1.")],
            level: Annotated[list[str], typer.Argument(
                help="none, un-confidential, state, public-anonymous, public-named; or several circles.")],
            method: Annotated[str | None, typer.Option(help="in-person, in-writing, by-phone, secure-message, "
                                                            "by-relative, through-intermediary, other")] = None,
            given_on: Annotated[str | None, typer.Option("--on", help="Date given, YYYY-MM-DD (default today).")]
            = None,
            vault: VaultOpt = None, passphrase_file: PassFileOpt = None) -> None:
    """Record a person's new consent (given, narrowed or withdrawn); the old one stays in history.

    Example: amparo case consent C-K3VQ7M2A p1 un-confidential public-anonymous --method in-person
    """
    value: str | list[str] = level[0] if len(level) == 1 else list(level)
    when = _parse_date(given_on, "--on") if given_on else None
    with open_workspace(vault, passphrase_file) as ws:
        ws.cases.set_consent(case_id, person, value, method=method, given_on=when)
    console.print(f"Consent of {text(person)} on case {case_id} recorded.")


def note(case_id: CaseArg,
         file: Annotated[Path | None, typer.Option("--file", help="Read the note from this file.")] = None,
         vault: VaultOpt = None, passphrase_file: PassFileOpt = None) -> None:
    """Add a note to a case (typed at the prompt, or read from --file; never from the command line)."""
    if file is not None:
        body = file.read_text(encoding="utf-8")
    else:
        body = typer.prompt("Note")
    with open_workspace(vault, passphrase_file) as ws:
        ws.cases.add_note(case_id, body)
    console.print("Note added.")


def export(case_id: CaseArg,
           output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")] = None,
           force: Annotated[bool, typer.Option("--force", help="Overwrite the output file.")] = False,
           audience: Annotated[str | None, typer.Option(
               "--for", help="Redact for this audience: un-confidential, state, public-anonymous or public-named "
                             "(people whose consent stops short are described, not named).")] = None,
           vault: VaultOpt = None, passphrase_file: PassFileOpt = None) -> None:
    """Export a case as case-facts JSON (to stdout, or -o FILE): your full copy, or --for an audience.

    Example: amparo case export C-K3VQ7M2A --for state -o for-partner.json
    """
    import json

    from amparo.service import check_output, write_file

    if output is not None:
        check_output(output, force=force, option="-o")
    with open_workspace(vault, passphrase_file) as ws:
        data = ws.cases.export(case_id, audience=audience)
    if output is None:
        print_json(data)
    else:
        write_file(output, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode())
        console.print(f"Written to {text(output)}.")


def close(case_id: CaseArg,
          outcome: Annotated[str, typer.Argument(help="resolved, released, protection-obtained, "
                                                      "no-further-action, person-declined, referred-elsewhere, "
                                                      "lost-contact, other")],
          vault: VaultOpt = None, passphrase_file: PassFileOpt = None) -> None:
    """Close a case with its outcome."""
    with open_workspace(vault, passphrase_file) as ws:
        ws.followup.close(case_id, outcome)
    console.print(f"Case {case_id} closed ({text(outcome)}).")


def reopen(case_id: CaseArg, vault: VaultOpt = None, passphrase_file: PassFileOpt = None) -> None:
    """Reopen a closed case."""
    with open_workspace(vault, passphrase_file) as ws:
        ws.followup.reopen(case_id)
    console.print(f"Case {case_id} reopened.")


def delete(case_id: CaseArg, vault: VaultOpt = None, passphrase_file: PassFileOpt = None,
           yes: Annotated[bool, typer.Option("--yes", help="Do not ask; for scripts.")] = False) -> None:
    """Delete a case with its notes, follow-up, drafts and evidence files."""
    with open_workspace(vault, passphrase_file) as ws:
        ws.cases.get(case_id)  # NotFound before asking
        if not yes and not typer.confirm(f"Delete case {case_id} and everything recorded on it?"):
            console.print("Not deleted.")
            raise typer.Exit(1)
        ws.cases.delete(case_id)
    console.print(f"Case {case_id} deleted.")


def _parse_date(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date as YYYY-MM-DD", param_hint=option) from None
