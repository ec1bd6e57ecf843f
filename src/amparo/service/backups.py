"""Backups (``ws.backups``) and restoring them, for both faces.

A backup is one file: the vault's database, its evidence and its own files, encrypted
under a key derived from the vault key, with a manifest of SHA-256 hashes
(``amparo.store.backup``). It opens with the passphrase, or the recovery code, that the
vault had when the backup was made. Full backups only: each file stands alone, so losing
one never makes another useless, and there is no chain of increments to keep whole.

The date of the last backup is the audit entry ``vault.backup``: ``last()`` reads it,
and ``due()`` says when 30 days have passed, for the web app's reminder.

A server's backup (``--db``) is the same kind of file holding a logical dump of every
table, fields still sealed (``amparo.store.backup_server``); only an administrator makes
one (``policy.BACKUP``), it opens with the organisation passphrase of its day, and
``restore_backup_to_server`` brings it back into an empty database.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from amparo.model import InvalidInput, Problem
from amparo.model.clock import Clock, system_clock
from amparo.model.errors import Message
from amparo.store.backup_server import DatabaseNotEmpty
from amparo.store.backup_stream import BackupDamaged

if TYPE_CHECKING:
    from amparo.service.context import Context
    from amparo.store.backup import BackupManifest
    from amparo.store.repository import Store
    from amparo.store.vault import Vault

__all__ = ["BACKUP_COMMAND", "REMIND_AFTER", "WHAT_A_BACKUP_IS", "WHAT_A_SERVER_BACKUP_IS", "BackupService",
           "BackupSummary", "DatabaseNotEmpty", "backup_backend", "restore_backup", "restore_backup_to_server",
           "verify_backup", "verify_server_backup"]

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

#: The same for a server's backup (``amparo backup --db``).
WHAT_A_SERVER_BACKUP_IS = (
    "A server backup is one encrypted file with every table of the database: cases (their fields "
    "still sealed), evidence, the audit log, accounts and access lists. It opens with the organisation "
    "passphrase the server has today and holds only the organisation key's wrapped form: keep the "
    "passphrase (or key file) somewhere else than the backups, or the backups are of no use."
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
        server = getattr(self.vault, "path", None) is None
        if server:
            from amparo.service.policy import BACKUP, require

            require(self.store, self.ctx.actor, BACKUP)
        output = Path(output)
        _check_destination(output, force=force, vault=None if server else self.vault.path)
        created_at = self.ctx.now().isoformat(timespec="seconds")
        fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=".amparo-backup-", suffix=".part")
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "wb", buffering=1024 * 1024) as out:
                if server:
                    from amparo.store.backup_server import write_server_backup

                    manifest = write_server_backup(self.vault.engine, self.vault.keys, out, created_at=created_at)
                else:
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


def _check_destination(output: Path, *, force: bool, vault: Path | None) -> None:
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
    if vault is None:
        return
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
        if _backend(src) == "server":
            return verify_server_backup(path, passphrase)
        return BackupSummary.of(Path(path), Vault.check_backup(src, passphrase, recovery=recovery))


def backup_backend(path: Path) -> str:
    """``embedded`` or ``server``: what made the backup at ``path`` (BackupDamaged if it is none)."""
    with _open_backup(path) as src:
        return _backend(src)


def _backend(src: BinaryIO) -> str:
    """The preamble's backend; ``src`` is put back at its start."""
    from amparo.store.backup_stream import read_preamble

    preamble, _ = read_preamble(src)
    src.seek(0)
    return "server" if preamble.get("backend") == "server" else "embedded"


def _server_file(src: BinaryIO, org_passphrase: str):
    """A server backup's preamble, frames' data and the organisation keys it opens with."""
    from amparo.store.backup import FORMAT, VERSION
    from amparo.store.backup_server import server_record
    from amparo.store.backup_stream import read_preamble
    from amparo.store.org_key import WrongOrgKey, unseal

    preamble, aad = read_preamble(src)
    if preamble.get("format") != FORMAT or preamble.get("version") != VERSION:
        raise BackupDamaged(Message("this backup was made by another version of Amparo; restore it with that version"))
    try:
        return preamble, aad, unseal(server_record(preamble), org_passphrase)
    except WrongOrgKey:
        raise WrongOrgKey(Message("the organisation passphrase does not open this backup (the passphrase the "
                                  "server had when it was made), or the backup's preamble is damaged; nothing "
                                  "was written")) from None


def verify_server_backup(path: Path, org_passphrase: str) -> BackupSummary:
    """Check every byte of a server backup with the organisation passphrase it was made under.

    WrongOrgKey, BackupDamaged; nothing is written anywhere.
    """
    from amparo.store.backup_server import check_server

    with _open_backup(path) as src:
        preamble, aad, keys = _server_file(src, org_passphrase)
        try:
            return BackupSummary.of(Path(path), check_server(src, preamble, aad, keys))
        finally:
            keys.wipe()


def restore_backup_to_server(path: Path, url: str, org_passphrase: str, *,
                             clock: Clock = system_clock) -> BackupSummary:
    """Bring a server backup back into the empty database at ``url``, in one transaction.

    DatabaseNotEmpty (nothing changed) for a database with any table; WrongOrgKey;
    BackupDamaged (the transaction is rolled back: the database stays empty). The schema
    is created at the backup's revision; the restored chain must hold the backup's audit
    head, and gets the entry ``server.restore`` after it.
    """
    from amparo.model import AmparoError
    from amparo.store.audit import AuditHead
    from amparo.store.backup_server import restore_server
    from amparo.store.repository import Store
    from amparo.store.server import connect, shown

    if backup_backend(path) != "server":
        raise InvalidInput(Problem("FILE", Message("this is a vault's backup; restore it with --vault DIR, not --db")))
    engine = connect(url)
    try:
        with _open_backup(path) as src:
            preamble, aad, keys = _server_file(src, org_passphrase)
            try:
                manifest = restore_server(src, preamble, aad, keys, engine, shown(url))
            finally:
                keys.wipe()
        store = Store(engine, actor="server", clock=clock)
        check = store.audit.check_head(AuditHead(manifest.audit_count, manifest.audit_hash))
        if not check.ok:
            raise AmparoError(Message("the restored audit chain does not hold the backup's head: {reason}",
                                      reason=check.reason))
        store.audit.record("server.restore", "backup", manifest.backup_id)
    finally:
        if isinstance(url, str):
            engine.dispose()
    return BackupSummary.of(Path(path), manifest)


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

    if backup_backend(path) == "server":
        raise InvalidInput(Problem("FILE", Message("this is a server's backup; restore it with --db URL into an "
                                                   "empty database, not --vault")))
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
