"""Vault commands: init, unlock, vault lock|passwd|destroy, audit verify."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from amparo.cli.options import JsonOpt, PassFileOpt, VaultOpt, get_passphrase, open_workspace
from amparo.cli.output import console, print_json, text

LOCK_REQUEST = ".lock-request"  # a running `amparo serve` drops its key when this appears


def register(app: typer.Typer) -> None:
    """Add the vault commands to ``app``."""
    vault = typer.Typer(help="Lock, change the passphrase of, or destroy the vault.", no_args_is_help=True)
    audit = typer.Typer(help="Verify the hash-chained audit log.", no_args_is_help=True)
    app.command("init")(init)
    app.command("unlock")(unlock)
    vault.command("lock")(lock)
    vault.command("passwd")(passwd)
    vault.command("destroy")(destroy)
    audit.command("verify")(verify)
    app.add_typer(vault, name="vault")
    app.add_typer(audit, name="audit")


def init(vault: VaultOpt = None, passphrase_file: PassFileOpt = None, json_out: JsonOpt = False) -> None:
    """Create a new encrypted vault.

    Example: amparo init --vault ~/amparo-vault
    """
    from amparo.service import Workspace, vault_path

    path = vault_path(vault)
    passphrase = get_passphrase(passphrase_file, confirm=True, prompt="New vault passphrase")
    with Workspace.create(path, passphrase) as ws:
        info = ws.summary()
    if json_out:
        print_json(info)
    else:
        console.print(f"Created an encrypted vault at {text(path)}.")
        console.print("Keep the passphrase safe: without it nothing in the vault can be recovered.")


def unlock(vault: VaultOpt = None, passphrase_file: PassFileOpt = None, json_out: JsonOpt = False) -> None:
    """Check the passphrase and show what the vault holds (counts only)."""
    with open_workspace(vault, passphrase_file) as ws:
        info = ws.summary()
    if json_out:
        print_json(info)
        return
    console.print(f"Vault {text(info['vault'])}: {info['cases']} case(s); audit log "
                  f"{'intact' if info['audit_ok'] else 'BROKEN'} ({info['audit_entries']} entries).")


def lock(vault: VaultOpt = None) -> None:
    """Lock the vault now: a running `amparo serve` on it drops its key at once."""
    from amparo.service import vault_path

    path = vault_path(vault)
    if not path.is_dir():
        raise typer.BadParameter(f"no vault at {path}", param_hint="--vault")
    (path / LOCK_REQUEST).touch()
    console.print("Lock requested: any open session on this vault is closed and must unlock again.")


def passwd(vault: VaultOpt = None, passphrase_file: PassFileOpt = None,
           new_passphrase_file: Annotated[Path | None, typer.Option(
               "--new-passphrase-file", help="Read the new passphrase from this file.")] = None) -> None:
    """Change the vault passphrase."""
    with open_workspace(vault, passphrase_file) as ws:
        if new_passphrase_file is not None:
            from amparo.service import read_passphrase_file

            new = read_passphrase_file(new_passphrase_file)
        else:
            new = typer.prompt("New passphrase", hide_input=True, confirmation_prompt=True)
        ws.rekey(new)
    console.print("Passphrase changed.")


def destroy(vault: VaultOpt = None,
            yes: Annotated[bool, typer.Option("--yes", help="Do not ask; for scripts.")] = False) -> None:
    """Destroy the vault for good (crypto-shredding): nothing can be recovered afterwards."""
    from amparo.service import Workspace, vault_path

    path = vault_path(vault)
    if not yes:
        console.print(f"This destroys the vault at {text(path)}. Nothing in it can be recovered, "
                      "even with the passphrase.")
        answer = typer.prompt("Type DESTROY to confirm")
        if answer.strip() != "DESTROY":
            console.print("Not destroyed.")
            raise typer.Exit(1)
    Workspace.destroy(path)
    console.print("The vault was destroyed.")


def verify(vault: VaultOpt = None, passphrase_file: PassFileOpt = None, json_out: JsonOpt = False) -> None:
    """Check that no audit entry was edited, removed or reordered."""
    with open_workspace(vault, passphrase_file) as ws:
        report = ws.audit_verify()
    if json_out:
        print_json({"ok": report.ok, "entries": report.entries, "first_broken": report.first_broken,
                    "reason": report.reason})
    elif report.ok:
        console.print(f"OK: {report.entries} audit entries, chain intact.")
    else:
        console.print(f"BROKEN at entry {report.first_broken}: {text(report.reason)}")
    if not report.ok:
        raise typer.Exit(1)
