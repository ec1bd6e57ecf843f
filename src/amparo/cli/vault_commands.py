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


def init(vault: VaultAccess, json_out: bool, recovery_code: bool | None = None) -> None:
    """Create a new encrypted vault (the passphrase was asked twice, or read from its file).

    Then offers a recovery code (``recovery_code`` None: ask at a terminal, else say how
    to make one later).
    """
    import sys

    from amparo.cli.prompts import confirm
    from amparo.service import WHAT_A_RECOVERY_CODE_IS, Workspace

    code = None
    with Workspace.create(vault.folder, vault.take_passphrase()) as ws:
        if recovery_code is None and sys.stdin.isatty() and not json_out:
            console.print(f"Created an encrypted vault at {text(vault.folder)}.")
            console.print(text(WHAT_A_RECOVERY_CODE_IS))
            recovery_code = confirm("Make a recovery code now?")
        if recovery_code:
            code = ws.make_recovery_code()
        info = ws.summary()
    if json_out:
        print_json({**info, **({"recovery_code": code} if code else {})})
        return
    if not sys.stdin.isatty() or recovery_code is False:
        console.print(f"Created an encrypted vault at {text(vault.folder)}.")
    console.print("Keep the passphrase safe: without it (or a recovery code) nothing in the vault can be recovered.")
    if code:
        _show_code(code)
    else:
        console.print("No recovery code was made; make one any time with: amparo vault recovery-key", style="dim")


def _show_code(code: str) -> None:
    console.print("\nRecovery code (write it down or print it, then keep it apart from the laptop):\n")
    console.print(f"    {code}\n", highlight=False)
    console.print("It is shown only this once. Anyone holding it and the vault (or a backup) can open it.",
                  style="dim")


def recovery_key(vault: VaultAccess, remove: bool, yes: bool) -> int:
    """Make a new recovery code (replacing any earlier one), or remove it."""
    from amparo.cli.prompts import confirm
    from amparo.service import WHAT_A_RECOVERY_CODE_IS

    with open_workspace(vault) as ws:
        if remove:
            if not ws.has_recovery_code:
                console.print("This vault has no recovery code; nothing was changed.")
                return 0
            if not yes and not confirm("Remove the recovery code? Only the passphrase will open the vault"):
                return 1
            ws.remove_recovery_code()
            console.print("The recovery code was removed: only the passphrase opens the vault now.")
            return 0
        if not yes:
            console.print(text(WHAT_A_RECOVERY_CODE_IS))
            question = ("Make a new recovery code? The old one stops working"
                        if ws.has_recovery_code else "Make a recovery code?")
            if not confirm(question):
                return 1
        replaced = ws.has_recovery_code
        code = ws.make_recovery_code()
    _show_code(code)
    if replaced:
        console.print("The old code no longer opens the vault, except with an old copy of vault.json; "
                      "`amparo vault passwd` (the full change) shuts those out too.", style="dim")
    return 0


def unlock(vault: VaultAccess, json_out: bool, recovery: bool = False, recovery_file: Path | None = None,
           new_passphrase_file: Path | None = None) -> int | None:
    """Check the passphrase and show what the vault holds (counts only); or open with the recovery code."""
    if recovery or recovery_file is not None:
        return _unlock_with_recovery(vault, json_out, recovery_file, new_passphrase_file)
    with open_workspace(vault) as ws:
        info = ws.summary()
    if json_out:
        print_json(info)
        return
    console.print(f"Vault {text(info['vault'])}: {info['cases']} case(s); audit log "
                  f"{'intact' if info['audit_ok'] else 'BROKEN'} ({info['audit_entries']} entries).")
    return None


def _unlock_with_recovery(vault: VaultAccess, json_out: bool, recovery_file: Path | None,
                          new_passphrase_file: Path | None) -> int:
    """Open with the recovery code, then set a new passphrase at once (asked twice, or read)."""
    import sys

    from amparo.cli.declare import CommandLineError
    from amparo.cli.prompts import ask_secret
    from amparo.service import VaultNotFound, Workspace, read_passphrase_file, vault_exists

    if not vault_exists(vault.folder):
        raise VaultNotFound(f"no vault at {vault.folder}")
    if recovery_file is not None:
        code = _read_code(recovery_file)
    elif sys.stdin.isatty():
        code = ask_secret("Recovery code")
    else:
        raise CommandLineError("no terminal to ask for the recovery code; give --recovery-file")
    with Workspace.open_with_recovery(vault.folder, code) as ws:
        if new_passphrase_file is not None:
            new = read_passphrase_file(new_passphrase_file)
        elif sys.stdin.isatty():
            console.print("The recovery code opened the vault. Choose a new passphrase now.")
            new = ask_secret("New passphrase", confirm=True)
        else:
            raise CommandLineError("a new passphrase is needed: give --new-passphrase-file")
        ws.change_passphrase(new)
        info = ws.summary()
    if json_out:
        print_json({**info, "passphrase_changed": True})
    else:
        console.print(f"Vault {text(info['vault'])} opened with the recovery code; the new passphrase is set. "
                      "The recovery code still works: make a new one with `amparo vault recovery-key` "
                      "if the paper may have been seen.")
    return 0


def _read_code(path: Path) -> str:
    from amparo.model import InvalidInput, Problem

    try:
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        raise InvalidInput(Problem("--recovery-file", f"{path.name}: cannot read the recovery code")) from None


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
