"""Backup commands: backup -o FILE, backup verify FILE, restore FILE (``declarations/backup.py``).

With ``--db`` the same commands back up a server database (an administrator's), check a
server's backup with the organisation passphrase, and restore one into an empty database.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from amparo.cli.declare import CommandLineError
from amparo.cli.output import console, print_json, text
from amparo.cli.server_access import ORG_KEY_FILE_ENV, ServerAccess
from amparo.cli.vault_access import PASSPHRASE_FILE_ENV, open_workspace

if TYPE_CHECKING:
    from pathlib import Path

    from amparo.cli.vault_access import VaultAccess
    from amparo.service import BackupSummary


def create(output: Path, force: bool, vault: VaultAccess, json_out: bool) -> None:
    """Write an encrypted, self-verifying backup of the vault to ``output``."""
    from amparo.service import WHAT_A_BACKUP_IS, WHAT_A_SERVER_BACKUP_IS

    with open_workspace(vault) as ws:
        summary = ws.backups.create(output, force=force)
    if json_out:
        print_json(_json(summary))
        return
    console.print(f"Backup written to {text(summary.path)}: {summary.cases} case(s), {summary.evidence} "
                  f"evidence file(s), {_size(summary.size)}; audit head {text(summary.audit_head)}.")
    note = WHAT_A_SERVER_BACKUP_IS if isinstance(vault, ServerAccess) else WHAT_A_BACKUP_IS
    console.print(text(note), style="dim")


def verify(file: Path, backup_passphrase_file: Path | None, json_out: bool, recovery: bool = False,
           recovery_file: Path | None = None, org_key_file: Path | None = None) -> int:
    """Check every byte of a backup (exit 1 when it is damaged); nothing is written."""
    from amparo.service import BackupDamaged, backup_backend, verify_backup, verify_server_backup

    try:
        if backup_backend(file) == "server":
            summary = verify_server_backup(file, _org_passphrase(org_key_file))
        else:
            use_code = recovery or recovery_file is not None
            secret = _code(recovery_file) if use_code else _passphrase(backup_passphrase_file)
            summary = verify_backup(file, secret, recovery=use_code)
    except BackupDamaged as exc:
        if json_out:
            print_json({"ok": False, "reason": str(exc)})
        else:
            console.print(f"DAMAGED: {text(str(exc))}. Do not rely on this backup; make a new one.")
        return 1
    if json_out:
        print_json({"ok": True, **_json(summary)})
    else:
        console.print(f"OK: the backup of {text(summary.created_at)} is whole: {summary.cases} case(s), "
                      f"{summary.evidence} evidence file(s), {summary.files} file(s) checked; audit head "
                      f"{text(summary.audit_head)}.")
    return 0


def restore(file: Path, vault: VaultAccess, backup_passphrase_file: Path | None, json_out: bool,
            recovery: bool = False, recovery_file: Path | None = None,
            new_passphrase_file: Path | None = None) -> int:
    """Restore a backup into a new or empty folder; a damaged backup writes nothing (exit 1)."""
    from amparo.service import BackupDamaged, restore_backup

    if isinstance(vault, ServerAccess):
        return _restore_server(file, vault, json_out)
    use_code = recovery or recovery_file is not None
    secret = _code(recovery_file) if use_code else _passphrase(backup_passphrase_file)
    try:
        summary = restore_backup(file, vault.folder, secret, recovery=use_code)
    except BackupDamaged as exc:
        console.print(f"NOT RESTORED: {text(str(exc))}. Nothing was written; try another copy of the backup.")
        return 1
    if use_code:
        _new_passphrase(vault, secret, new_passphrase_file)
    if json_out:
        print_json({"vault": str(vault.folder), **_json(summary)})
    else:
        console.print(f"Restored the backup of {text(summary.created_at)} into {text(vault.folder)}: "
                      f"{summary.cases} case(s), {summary.evidence} evidence file(s). It opens with the "
                      "passphrase it had when the backup was made.")
    return 0


def _restore_server(file: Path, server: ServerAccess, json_out: bool) -> int:
    """``restore FILE --db URL``: into an empty database, in one transaction (exit 1: nothing written)."""
    from amparo.service import BackupDamaged, restore_backup_to_server

    try:
        summary = restore_backup_to_server(file, server.db, server.org_passphrase())
    except BackupDamaged as exc:
        console.print(f"NOT RESTORED: {text(str(exc))}. Nothing was written (the database is still empty); "
                      "try another copy of the backup.")
        return 1
    if json_out:
        print_json({"database": "restored", **_json(summary)})
    else:
        console.print(f"Restored the server backup of {text(summary.created_at)}: {summary.cases} case(s), "
                      f"{summary.evidence} evidence file(s); audit head {text(summary.audit_head)}. The server "
                      "opens with the organisation passphrase it had when the backup was made, and the accounts "
                      "sign in as they did then.")
    return 0


def _org_passphrase(file: Path | None) -> str:
    """The organisation passphrase a server backup opens with: --org-key-file, $AMPARO_ORG_KEY_FILE, a prompt."""
    from pathlib import Path

    from amparo.cli.server_access import read_secret

    source = file or (Path(os.environ[ORG_KEY_FILE_ENV]) if os.environ.get(ORG_KEY_FILE_ENV) else None)
    return read_secret(source, "Organisation passphrase of the server's backup", "--org-key-file")


def _code(file: Path | None) -> str:
    """The recovery code: from the file named, else a hidden prompt."""
    if file is not None:
        try:
            return file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            raise CommandLineError(f"--recovery-file: cannot read {file.name}") from None
    if not sys.stdin.isatty():
        raise CommandLineError("no terminal to ask for the recovery code; give --recovery-file")
    from amparo.cli.prompts import ask_secret

    return ask_secret("Recovery code")


def _new_passphrase(vault: VaultAccess, code: str, file: Path | None) -> None:
    """After a restore with the recovery code: the restored vault gets a new passphrase now."""
    from amparo.service import Workspace, read_passphrase_file

    if file is not None:
        new = read_passphrase_file(file)
    elif sys.stdin.isatty():
        from amparo.cli.prompts import ask_secret

        console.print("Choose the restored vault's new passphrase.")
        new = ask_secret("New passphrase", confirm=True)
    else:
        console.print("The vault is restored; set its passphrase with `amparo unlock --recovery` "
                      "(no terminal to ask for it now).")
        return
    with Workspace.open_with_recovery(vault.folder, code) as ws:
        ws.change_passphrase(new)


def _passphrase(file: Path | None) -> str:
    """The backup's passphrase: from the file named, else $AMPARO_PASSPHRASE_FILE, else a prompt."""
    from pathlib import Path

    from amparo.service import read_passphrase_file

    source = file or (Path(os.environ[PASSPHRASE_FILE_ENV]) if os.environ.get(PASSPHRASE_FILE_ENV) else None)
    if source is not None:
        return read_passphrase_file(Path(os.path.expanduser(source)))
    if not sys.stdin.isatty():
        raise CommandLineError(f"no terminal to ask for the passphrase; give --passphrase-file or set "
                               f"{PASSPHRASE_FILE_ENV}")
    from amparo.cli.prompts import ask_secret

    return ask_secret("Passphrase of the backup (the vault's when it was made)")


def _json(s: BackupSummary) -> dict:
    return {"file": str(s.path), "created_at": s.created_at, "cases": s.cases, "evidence": s.evidence,
            "files": s.files, "size": s.size, "audit_head": s.audit_head}


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n} bytes"
