"""Evidence commands: add, list, export, verify, delete (declared in ``declarations/evidence.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from amparo.cli.output import console, print_json, text
from amparo.cli.vault_access import open_workspace

if TYPE_CHECKING:
    from pathlib import Path

    from amparo.cli.vault_access import VaultAccess


def add(case_id: str, file: Path, description: str | None, names: list[str] | None, vault: VaultAccess,
        json_out: bool) -> None:
    """Store a file encrypted in the vault, with its SHA-256 for chain of custody."""
    with open_workspace(vault) as ws:
        item = ws.evidence.add(case_id, file, description=description, names_people=tuple(names or ()))
    if json_out:
        print_json({"id": item.id, "sha256": item.sha256, "size": item.size, "media_type": item.media_type})
    else:
        console.print(f"Stored as {text(item.id)} ({item.size} bytes, SHA-256 {text(item.sha256)}).")
        console.print("The original file is still where it was: delete it safely if it must not stay there.")


def list_(case_id: str | None, vault: VaultAccess, json_out: bool) -> None:
    """List evidence files (metadata only)."""
    from rich.table import Table

    with open_workspace(vault) as ws:
        items = [s.evidence for s in ws.evidence.list(case_id)]
    if json_out:
        print_json([{"id": e.id, "case": e.case_id, "filename": e.filename, "media_type": e.media_type,
                     "size": e.size, "sha256": e.sha256, "received_at": e.received_at,
                     "names_people": e.names_people} for e in items])
        return
    table = Table("id", "case", "file", "size", "received", "SHA-256")
    for e in items:
        table.add_row(text(e.id), text(e.case_id), text(e.filename), str(e.size), e.received_at.date().isoformat(),
                      text(e.sha256[:16]) + "…")
    console.print(table)


def export(evidence_id: str, output: Path, force: bool, vault: VaultAccess) -> None:
    """Decrypt an evidence file to a path you name (checked against its SHA-256)."""
    with open_workspace(vault) as ws:
        dest = ws.evidence.export(evidence_id, output, force=force)
    console.print(f"Written to {text(dest)}; its SHA-256 matches the one recorded.")


def verify(case_id: str | None, vault: VaultAccess, json_out: bool) -> int:
    """Re-hash every evidence file and report any that no longer match (exit 1 if one does not)."""
    with open_workspace(vault) as ws:
        checks = ws.evidence.verify(case_id)
    bad = [c for c in checks if not c.ok]
    if json_out:
        print_json({"checked": len(checks), "ok": not bad,
                    "mismatches": [{"evidence": c.evidence_id, "case": c.case_id} for c in bad]})
    else:
        for c in bad:
            console.print(f"MISMATCH: {text(c.evidence_id)} (case {text(c.case_id)})")
        console.print(f"{len(checks)} file(s) checked, {len(bad)} mismatch(es).")
    return 1 if bad else 0


def delete(evidence_id: str, yes: bool, vault: VaultAccess) -> int:
    """Remove an evidence file from the vault for good (asks first unless ``yes``)."""
    from amparo.cli.prompts import confirm

    # Asked before the vault is opened: it is not held locked while someone decides.
    if not yes and not confirm(f"Delete evidence {evidence_id} for good?"):
        return 1
    with open_workspace(vault) as ws:
        ws.evidence.delete(evidence_id)
    console.print(f"Evidence {text(evidence_id)} deleted.")
    return 0
