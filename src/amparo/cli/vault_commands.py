"""Vault commands: init, unlock, vault lock|passwd|destroy, audit verify.

Declared in ``declarations/vault.py``. No passphrase ever comes from the command line:
``init`` and ``passwd`` ask twice at a hidden prompt, or read a file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from amparo.cli.output import console, print_json, text
from amparo.cli.vault_access import open_workspace

if TYPE_CHECKING:
    from pathlib import Path

    from amparo.cli.vault_access import VaultAccess

LOCK_REQUEST = ".lock-request"  # a running `amparo serve` drops its key when this appears


def init(vault: VaultAccess, json_out: bool) -> None:
    """Create a new encrypted vault (the passphrase was asked twice, or read from its file)."""
    from amparo.service import Workspace

    with Workspace.create(vault.folder, vault.take_passphrase()) as ws:
        info = ws.summary()
    if json_out:
        print_json(info)
    else:
        console.print(f"Created an encrypted vault at {text(vault.folder)}.")
        console.print("Keep the passphrase safe: without it nothing in the vault can be recovered.")


def unlock(vault: VaultAccess, json_out: bool) -> None:
    """Check the passphrase and show what the vault holds (counts only)."""
    with open_workspace(vault) as ws:
        info = ws.summary()
    if json_out:
        print_json(info)
        return
    console.print(f"Vault {text(info['vault'])}: {info['cases']} case(s); audit log "
                  f"{'intact' if info['audit_ok'] else 'BROKEN'} ({info['audit_entries']} entries).")


def lock(vault: VaultAccess) -> int:
    """Lock the vault now: a running `amparo serve` on it drops its key at once."""
    from amparo.cli.output import error

    if not vault.folder.is_dir():
        error(f"--vault: no vault at {vault.folder}")
        return 2
    (vault.folder / LOCK_REQUEST).touch()
    console.print("Lock requested: any open session on this vault is closed and must unlock again.")
    return 0


def passwd(vault: VaultAccess, new_passphrase_file: Path | None, quick: bool = False) -> None:
    """Change the vault passphrase: the old one opens the vault, then the new one is asked twice.

    By default the vault is re-encrypted under a new key; ``--quick`` only rewraps it.
    """
    from amparo.cli.prompts import ask_secret
    from amparo.service import WHAT_A_REKEY_PROTECTS

    with open_workspace(vault) as ws:
        if new_passphrase_file is not None:
            from amparo.service import read_passphrase_file

            new = read_passphrase_file(new_passphrase_file)
        else:
            new = ask_secret("New passphrase", confirm=True)
        if quick:
            ws.change_passphrase(new)
        else:
            ws.rekey(new)
    console.print("Passphrase changed (quick: same vault key)." if quick
                  else "Passphrase changed; the vault is re-encrypted under a new key.")
    console.print(text(WHAT_A_REKEY_PROTECTS), style="dim")


def destroy(vault: VaultAccess, yes: bool) -> int:
    """Destroy the vault for good (crypto-shredding): nothing can be recovered afterwards."""
    from amparo.cli.prompts import ask
    from amparo.service import Workspace

    if not yes:
        console.print(f"This destroys the vault at {text(vault.folder)}. Nothing in it can be recovered, "
                      "even with the passphrase.")
        if ask("Type DESTROY to confirm").strip() != "DESTROY":
            console.print("Not destroyed.")
            return 1
    Workspace.destroy(vault.folder)
    console.print("The vault was destroyed.")
    return 0


def head(vault: VaultAccess, json_out: bool) -> None:
    """Print the head of the audit chain: the count and the first hex digits of its hash."""
    with open_workspace(vault) as ws:
        current = ws.audit_head()
    if json_out:
        print_json({"head": current.text, "count": current.count, "hash": current.hash})
        return
    console.print(current.text)
    console.print("Write this down or send it to a partner; later, `amparo audit verify --head "
                  f"{current.text}` proves nothing up to it was rewritten.", style="dim")


def verify(vault: VaultAccess, json_out: bool, head: str | None = None) -> int:
    """Check that no audit entry was edited, removed or reordered; exit 1 when one was."""
    if head is not None:
        return _verify_head(vault, json_out, head)
    with open_workspace(vault) as ws:
        report = ws.audit_verify()
    if json_out:
        print_json({"ok": report.ok, "entries": report.entries, "first_broken": report.first_broken,
                    "reason": report.reason})
    elif report.ok:
        console.print(f"OK: {report.entries} audit entries, chain intact.")
    else:
        console.print(f"BROKEN at entry {report.first_broken}: {text(report.reason)}")
    return 0 if report.ok else 1


def _verify_head(vault: VaultAccess, json_out: bool, noted: str) -> int:
    with open_workspace(vault) as ws:
        check = ws.audit_check_head(noted)
    if json_out:
        print_json({"ok": check.ok, "head": check.head.text, "entries": check.entries, "reason": check.reason})
    elif check.ok:
        console.print(f"OK: the chain still holds {text(check.head.text)} at entry {check.head.count}, "
                      f"and is intact up to its {check.entries} entries.")
    else:
        console.print(f"NOT FOUND: {text(check.reason)}")
    return 0 if check.ok else 1
