"""Share commands: identity, partner add|list, export, import (``declarations/share.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from amparo.cli.declare import CommandLineError
from amparo.cli.output import console, print_json, text
from amparo.cli.vault_access import open_workspace

if TYPE_CHECKING:
    from pathlib import Path

    from amparo.cli.vault_access import VaultAccess


def identity(name: str | None, vault: VaultAccess, json_out: bool) -> None:
    """Print this organisation's identity line (made the first time, under ``name``)."""
    with open_workspace(vault) as ws:
        own = ws.shares.identity(organisation=name)
        line, fingerprint, organisation = own.line, own.fingerprint, own.organisation
    if json_out:
        print_json({"organisation": organisation, "line": line, "fingerprint": fingerprint})
        return
    console.print(text(line), highlight=False, soft_wrap=True)
    console.print(f"Fingerprint: {fingerprint}  (read it to the partner over another channel)", style="dim")


def partner(action: str, name: str | None, line: str | None, vault: VaultAccess, json_out: bool) -> None:
    """Add a partner from its identity line, or list the address book with fingerprints."""
    if action == "add" and (not name or not line):
        raise CommandLineError('give the name and the line: amparo share partner add NAME "LINE"')
    with open_workspace(vault) as ws:
        if action == "add":
            added = ws.shares.add_partner(name, line or "")
            console.print(f"Added {text(added.name)} as {text(added.id)}. Fingerprint: {added.fingerprint}")
            console.print("Compare it with the one the partner reads to you over another channel before "
                          "sending anything.", style="dim")
            return
        partners = ws.shares.partners()
    if json_out:
        print_json([{"id": p.id, "name": p.name, "fingerprint": p.fingerprint} for p in partners])
        return
    if not partners:
        console.print('No partners yet; add one with: amparo share partner add NAME "LINE"')
    for p in partners:
        console.print(f"{text(p.id)}  {text(p.name)}  {p.fingerprint}", highlight=False)


def export(case_id: str, partner: str, output: Path, evidence: list[str] | None, force: bool,
           vault: VaultAccess) -> None:
    """Write the bundle of one case for a partner."""
    with open_workspace(vault) as ws:
        path = ws.shares.export(case_id, partner, output, evidence_ids=tuple(evidence or ()), force=force)
    console.print(f"Bundle written to {text(path)}: only that partner can open it, and it can check it came "
                  "from you. People are named only where their consent covers shares with partners.")


def import_(file: Path, yes: bool, vault: VaultAccess, json_out: bool) -> int:
    """Verify a bundle, show what it holds, and import it (after a yes, unless ``yes``)."""
    from amparo.cli.prompts import confirm
    from amparo.service import ShareRefused

    with open_workspace(vault) as ws:
        try:
            summary = ws.shares.inspect(file)
            if not json_out:
                console.print(f"Bundle from {text(summary.sender)} (fingerprint {summary.sender_fingerprint}), "
                              f"made {text(summary.created_at)}: the case {text(summary.title)!r}, "
                              f"{summary.people} person(s), {summary.evidence} evidence file(s).")
            if not yes and not confirm("Import it as a new case?"):
                console.print("Not imported.")
                return 1
            case_id = ws.shares.import_(file)
        except ShareRefused as refused:
            console.print(f"NOT IMPORTED: {text(str(refused))}")
            return 2
    if json_out:
        print_json({"case": case_id, "from": summary.sender, "bundle": summary.bundle_id})
    else:
        console.print(f"Imported as case {text(case_id)}; where it came from is in its notes.")
    return 0
