"""Evidence commands: add, list, export, verify, delete."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from amparo.cli.options import JsonOpt, PassFileOpt, VaultOpt, open_workspace
from amparo.cli.output import console, print_json, text


def register(app: typer.Typer) -> None:
    """Add the evidence commands to ``app``."""
    group = typer.Typer(help="Add, export and verify encrypted evidence files.", no_args_is_help=True)
    for name, fn in (("add", add), ("list", list_), ("export", export), ("verify", verify), ("delete", delete)):
        group.command(name)(fn)
    app.add_typer(group, name="evidence")


def add(case_id: Annotated[str, typer.Argument(help="The case id.")],
        file: Annotated[Path, typer.Argument(help="The file to store, encrypted, in the vault.")],
        description: Annotated[str | None, typer.Option(help="What the file is.")] = None,
        names: Annotated[list[str] | None, typer.Option(
            "--names", help="Ref of a person the file names or shows (repeatable).")] = None,
        vault: VaultOpt = None, passphrase_file: PassFileOpt = None, json_out: JsonOpt = False) -> None:
    """Store a file encrypted in the vault, with its SHA-256 for chain of custody.

    Example: amparo evidence add C-K3VQ7M2A photo.jpg --names p1
    """
    with open_workspace(vault, passphrase_file) as ws:
        item = ws.evidence.add(case_id, file, description=description, names_people=tuple(names or ()))
    if json_out:
        print_json({"id": item.id, "sha256": item.sha256, "size": item.size, "media_type": item.media_type})
    else:
        console.print(f"Stored as {item.id} ({item.size} bytes, SHA-256 {item.sha256}).")
        console.print("The original file is still where it was: delete it safely if it must not stay there.")


def list_(case_id: Annotated[str | None, typer.Argument(help="The case id (default: all cases).")] = None,
          vault: VaultOpt = None, passphrase_file: PassFileOpt = None, json_out: JsonOpt = False) -> None:
    """List evidence files (metadata only)."""
    from rich.table import Table

    with open_workspace(vault, passphrase_file) as ws:
        items = [s.evidence for s in ws.evidence.list(case_id)]
    if json_out:
        print_json([{"id": e.id, "case": e.case_id, "filename": e.filename, "media_type": e.media_type,
                     "size": e.size, "sha256": e.sha256, "received_at": e.received_at,
                     "names_people": e.names_people} for e in items])
        return
    table = Table("id", "case", "file", "size", "received", "SHA-256")
    for e in items:
        table.add_row(e.id, e.case_id, text(e.filename), str(e.size), e.received_at.date().isoformat(),
                      e.sha256[:16] + "…")
    console.print(table)


def export(evidence_id: Annotated[str, typer.Argument(help="The evidence id.")],
           output: Annotated[Path, typer.Option("-o", "--output", help="File or folder to write to.")],
           force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
           vault: VaultOpt = None, passphrase_file: PassFileOpt = None) -> None:
    """Decrypt an evidence file to a path you name (checked against its SHA-256)."""
    with open_workspace(vault, passphrase_file) as ws:
        dest = ws.evidence.export(evidence_id, output, force=force)
    console.print(f"Written to {text(dest)}; its SHA-256 matches the one recorded.")


def verify(case_id: Annotated[str | None, typer.Argument(help="The case id (default: all cases).")] = None,
           vault: VaultOpt = None, passphrase_file: PassFileOpt = None, json_out: JsonOpt = False) -> None:
    """Re-hash every evidence file and report any that no longer match."""
    with open_workspace(vault, passphrase_file) as ws:
        checks = ws.evidence.verify(case_id)
    bad = [c for c in checks if not c.ok]
    if json_out:
        print_json({"checked": len(checks), "ok": not bad,
                    "mismatches": [{"evidence": c.evidence_id, "case": c.case_id} for c in bad]})
    else:
        for c in bad:
            console.print(f"MISMATCH: {c.evidence_id} (case {c.case_id})")
        console.print(f"{len(checks)} file(s) checked, {len(bad)} mismatch(es).")
    if bad:
        raise typer.Exit(1)


def delete(evidence_id: Annotated[str, typer.Argument(help="The evidence id.")],
           yes: Annotated[bool, typer.Option("--yes", help="Do not ask.")] = False,
           vault: VaultOpt = None, passphrase_file: PassFileOpt = None) -> None:
    """Remove an evidence file from the vault for good."""
    if not yes and not typer.confirm(f"Delete evidence {evidence_id} for good?"):
        raise typer.Exit(1)
    with open_workspace(vault, passphrase_file) as ws:
        ws.evidence.delete(evidence_id)
    console.print(f"Evidence {evidence_id} deleted.")
