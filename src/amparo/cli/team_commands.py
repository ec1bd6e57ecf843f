"""Server mode commands: ``server init``/``upgrade``, ``user …``, ``case assign/share/unshare``."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from amparo.cli.output import console, print_json, text
from amparo.cli.vault_access import open_workspace

if TYPE_CHECKING:
    from pathlib import Path

    from amparo.cli.server_access import ServerAccess
    from amparo.cli.vault_access import VaultAccess


def _db(db: str | None) -> str:
    from amparo.cli.declare import CommandLineError
    from amparo.service import DB_ENV

    url = db or os.environ.get(DB_ENV)
    if not url:
        raise CommandLineError(f"name the database: --db URL (or set {DB_ENV})")
    return url


def _org(org_key_file: Path | None, *, confirm: bool = False) -> str:
    from pathlib import Path

    from amparo.cli.server_access import read_secret
    from amparo.service import ORG_KEY_FILE_ENV

    env = os.environ.get(ORG_KEY_FILE_ENV)
    source = org_key_file or (Path(env) if env else None)
    return read_secret(source, "Organisation passphrase", "--org-key-file", confirm=confirm)


def server_init(db: str | None, admin: str, password_file: Path | None, org_key_file: Path | None,
                argon2_memory_mib: int) -> None:
    """Create the server; print the administrator's id and TOTP URI (once)."""
    from amparo.cli.server_access import read_secret
    from amparo.service import init_server

    url = _db(db)
    org = _org(org_key_file, confirm=True)
    password = read_secret(password_file, "Administrator's password", "--password-file", confirm=True)
    account = init_server(url, org, admin, password, memory_mib=argon2_memory_mib)
    console.print(f"Server ready. Administrator {text(account.email)} is {text(account.id)}.")
    console.print("Add this to the administrator's authenticator app now; it is not shown again:")
    print(account.totp_uri)


def server_upgrade(db: str | None, org_key_file: Path | None) -> None:
    """Upgrade the server's schema."""
    from amparo.service import upgrade_server

    revision = upgrade_server(_db(db), _org(org_key_file))
    console.print(f"The schema is at revision {text(revision)}.")


def user_add(email: str, role: str, password: str, second_factor: bool, vault: VaultAccess,
             json_out: bool) -> None:
    """Add an account; print its id and, when it has one, its TOTP URI (once)."""
    with open_workspace(vault) as ws:
        account = ws.people.add(email, role, password, second_factor=second_factor or None)
    if json_out:
        print_json({"id": account.id, "email": account.email, "role": account.role,
                    "totp_uri": account.totp_uri})
        return
    console.print(f"Added {text(account.email)} as {text(account.role)}: {text(account.id)}.")
    if account.totp_uri:
        console.print("Give this to them for their authenticator app (shown once):")
        print(account.totp_uri)


def user_list(vault: VaultAccess, json_out: bool) -> None:
    """List accounts."""
    from rich.table import Table

    with open_workspace(vault) as ws:
        rows = ws.people.list()
    if json_out:
        print_json([{"id": r.id, "email": r.email, "role": r.role, "second_factor": r.second_factor,
                     "disabled": r.disabled} for r in rows])
        return
    table = Table("id", "email", "role", "second factor", "disabled")
    for r in rows:
        table.add_row(text(r.id), text(r.email), text(r.role), "yes" if r.second_factor else "no",
                      "yes" if r.disabled else "")
    console.print(table)


def user_disable(email: str, vault: VaultAccess) -> None:
    """Disable an account."""
    with open_workspace(vault) as ws:
        user_id = ws.people.disable(email)
    console.print(f"Disabled {text(user_id)}; its sessions end at their next request.")


def user_password(new_password: str, vault: ServerAccess) -> None:
    """Change the signed-in user's own password."""
    ended = vault.change_own_password(new_password)
    console.print(f"Your password was changed; {ended} session(s) of yours ended, API tokens included. "
                  "Sign in again with the new one.")


def user_enable(email: str, vault: VaultAccess) -> None:
    """Enable an account."""
    with open_workspace(vault) as ws:
        user_id = ws.people.enable(email)
    console.print(f"Enabled {text(user_id)}.")


def assign(case_id: str, email: str, vault: VaultAccess) -> None:
    """Assign a case."""
    with open_workspace(vault) as ws:
        user_id = ws.people.assign(case_id, email)
    console.print(f"Case {text(case_id)} is assigned to {text(user_id)}.")


def share(case_id: str, email: str, vault: VaultAccess) -> None:
    """Share a case."""
    with open_workspace(vault) as ws:
        user_id = ws.people.share(case_id, email)
    console.print(f"Case {text(case_id)} is shared with {text(user_id)}.")


def unshare(case_id: str, email: str, vault: VaultAccess) -> None:
    """Unshare a case."""
    with open_workspace(vault) as ws:
        user_id = ws.people.unshare(case_id, email)
    console.print(f"{text(user_id)} no longer has access to case {text(case_id)}.")


def shred(case_id: str, vault: VaultAccess, yes: bool) -> int:
    """Crypto-shred a case; print the signed record's date and audit entry."""
    from amparo.cli.prompts import confirm

    with open_workspace(vault) as ws:
        ws.cases.stored(case_id)  # NotFound or AccessDenied before asking
        if not yes and not confirm(f"Shred case {case_id}? Nothing of it can be read again."):
            console.print("Not shredded.")
            return 1
        record = ws.cases.shred(case_id)
    console.print(f"Case {text(case_id)} shredded at {text(record.shredded_at.isoformat())} "
                  f"(audit entry {record.audit_seq}); the signed record is kept.")
    return 0


def user_token(output: Path, days: float, vault: VaultAccess) -> None:
    """Write an API token to ``output`` (created, mode 600)."""
    from amparo.model import InvalidInput, Problem
    from amparo.service import issue_token

    if days <= 0:
        raise InvalidInput(Problem("--days", "must be more than 0"))
    try:
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise InvalidInput(Problem("FILE", f"{output} exists already; choose a new file")) from None
    except OSError as exc:
        raise InvalidInput(Problem("FILE", f"{output}: cannot create it ({exc.strerror})")) from None
    try:
        with open_workspace(vault) as ws:
            token = issue_token(ws, hours=days * 24)
        with os.fdopen(fd, "w") as f:
            f.write(token + "\n")
    except BaseException:
        output.unlink(missing_ok=True)
        raise
    console.print(f"Token written to {text(output)}; it lasts {days:g} days.")
