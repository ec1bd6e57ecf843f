"""Backups (``ws.backups``) and restoring them, for both faces.

A backup is one file: the vault's database, its evidence and its own files, encrypted
under a key derived from the vault key, with a manifest of SHA-256 hashes
(``amparo.store.backup``). It opens with the passphrase, or the recovery code, that the
vault had when the backup was made. Full backups only: each file stands alone, so losing
one never makes another useless, and there is no chain of increments to keep whole.

The date of the last backup is the audit entry ``vault.backup``: ``last()`` reads it,
and ``due()`` says when 30 days have passed, for the web app's reminder.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from amparo.model import InvalidInput, Problem
from amparo.model.clock import Clock, system_clock
from amparo.model.errors import Message

if TYPE_CHECKING:
    from amparo.service.context import Context
    from amparo.store.backup import BackupManifest
    from amparo.store.repository import Store
    from amparo.store.vault import Vault

#: The command the faces point to when they remind the user.
BACKUP_COMMAND = "amparo backup -o FILE"

#: After this long without a backup, the faces remind the user.
REMIND_AFTER = timedelta(days=30)

#: Plain words for the faces: what a backup protects against, and what it does not.
WHAT_A_BACKUP_IS = (
    "A backup is one encrypted file with every case, evidence file and audit entry. It opens "
    "with the passphrase (or the recovery code) the vault has today, even after you change the "
    "passphrase later. Keep it away from the laptop (another drive, a trusted person's place), "
    "so that losing or having the laptop seized does not lose the cases too."
)


@dataclass(frozen=True, slots=True)
class BackupSummary:
    """What a backup holds, in counts only (safe to show anywhere)."""

    path: Path
    created_at: str
    cases: int
    evidence: int
    files: int
    size: int
    audit_head: str

    @classmethod
    def of(cls, path: Path, manifest: BackupManifest) -> BackupSummary:
        from amparo.store.audit import AuditHead

        return cls(path, manifest.created_at, manifest.cases, manifest.evidence, len(manifest.files),
                   manifest.size, AuditHead(manifest.audit_count, manifest.audit_hash).text)


class BackupService:
    """Making backups of the open vault, and when the last one was made."""

    def __init__(self, ctx: Context, store: Store, vault: Vault):
        self.ctx = ctx
        self.store = store
        self.vault = vault

    def create(self, output: Path, *, force: bool = False) -> BackupSummary:
        """Write a backup to ``output``: whole or not at all (a temporary file, then renamed).

        Refuses an existing ``output`` unless ``force``, and a place inside the vault folder.
        """
        if getattr(self.vault, "path", None) is None:
            # A server database: its backup is PostgreSQL's own (pg_dump keeps the field
            # encryption intact: docs/server-mode.md); this file format is the vault's.
            raise InvalidInput(Problem("backup", Message("amparo backup writes a vault's backup; on a server, back up "
                                                         "the database with pg_dump (the fields stay encrypted): see "
                                                         "docs/server-mode.md")))
        output = Path(output)
        _check_destination(output, force=force, vault=self.vault.path)
        created_at = self.ctx.now().isoformat(timespec="seconds")
        fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=".amparo-backup-", suffix=".part")
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "wb", buffering=1024 * 1024) as out:
                manifest = self.vault.write_backup(out, created_at=created_at)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, output)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise InvalidInput(Problem("-o", Message("the backup could not be written to {parent} ({value})",
                                                     parent=output.parent,
                                                     value=exc.strerror or type(exc).__name__))) from None
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.store.audit.record("vault.backup", "backup", manifest.backup_id)
        return BackupSummary.of(output, manifest)

    def last(self) -> datetime | None:
        """When the last backup of this vault was made (None: never)."""
        entry = self.store.audit.last("vault.backup")
        return None if entry is None else datetime.fromisoformat(entry.at.replace("Z", "+00:00"))

    def due(self) -> bool:
        """Whether the faces should remind the user to make a backup (never made, or 30 days)."""
        last = self.last()
        return last is None or self.ctx.now() - last >= REMIND_AFTER


def _check_destination(output: Path, *, force: bool, vault: Path) -> None:
    if output.is_dir():
        raise InvalidInput(Problem("-o", Message("{output} is a folder; give a file name",
                                                 output=output)))
    if output.exists() and not force:
        raise InvalidInput(Problem("-o", Message("{output} exists; use --force to overwrite it",
                                                 output=output)))
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise InvalidInput(Problem("-o", Message("{folder} is not a folder that can be written",
                                                 folder=folder)))
    if folder.resolve() == vault.resolve() or vault.resolve() in folder.resolve().parents:
        raise InvalidInput(Problem("-o", Message("a backup inside the vault folder would be lost with it; "
                                                 "choose another place")))


def verify_backup(path: Path, passphrase: str, *, recovery: bool = False) -> BackupSummary:
    """Check every byte of the backup at ``path`` without restoring it.

    WrongPassphrase (the passphrase the vault had when the backup was made), BackupDamaged.
    ``recovery``: ``passphrase`` is the vault's recovery code of that time.
    """
    from amparo.store.vault import Vault

    with _open_backup(path) as src:
        return BackupSummary.of(Path(path), Vault.check_backup(src, passphrase, recovery=recovery))


def restore_backup(path: Path, target: Path, passphrase: str, *, actor: str = "local",
                   clock: Clock = system_clock, recovery: bool = False) -> BackupSummary:
    """Bring the backup at ``path`` back as a vault in ``target`` (absent or an empty folder).

    Nothing is left in ``target`` when any byte is wrong. The restored vault is then opened
    once: its audit chain must hold the head the manifest recorded, and it gets the entry
    ``vault.restore``. With ``recovery``, ``passphrase`` is the recovery code the vault had
    then; the restored vault opens with it, and the caller sets a new passphrase.
    """
    from amparo.model import AmparoError
    from amparo.store.audit import AuditHead
    from amparo.store.repository import Store
    from amparo.store.vault import Vault

    with _open_backup(path) as src:
        manifest = Vault.restore(src, passphrase, Path(target), recovery=recovery)
    opened = Vault.open_with_recovery(Path(target), passphrase) if recovery else Vault.open(Path(target), passphrase)
    with opened as vault:
        store = Store(vault.engine, actor=actor, clock=clock, blobs=vault.evidence)
        store.audit.record("vault.unlock", "vault", "vault")
        check = store.audit.check_head(AuditHead(manifest.audit_count, manifest.audit_hash))
        if not check.ok:
            raise AmparoError(Message("the restored vault's audit chain does not hold the backup's "
                                      "head: {reason}",
                                      reason=check.reason))
        store.audit.record("vault.restore", "backup", manifest.backup_id)
    return BackupSummary.of(Path(path), manifest)


def _open_backup(path: Path):
    path = Path(path)
    if not path.is_file():
        raise InvalidInput(Problem("FILE", Message("{path} is not a readable file",
                                                   path=path)))
    try:
        return path.open("rb", buffering=1024 * 1024)
    except OSError as exc:
        raise InvalidInput(Problem("FILE", Message("{path}: cannot read ({strerror})",
                                                   path=path, strerror=exc.strerror))) from None
