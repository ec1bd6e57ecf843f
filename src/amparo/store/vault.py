"""The embedded vault: one directory holding everything a workspace keeps on disk.

    <vault>/vault.json   header: Argon2id salt and cost, key check, wrapped vault key (keys.py)
    <vault>/vault.db     SQLCipher 4 database (plus -wal/-shm while open, encrypted pages)
    <vault>/blobs/       encrypted, padded evidence files with no key inside (blobs.py)
    <vault>/.lock        held with flock while a process has the vault open

Nothing in the directory is plaintext case data. Unlock checks the passphrase against the
header before touching the database, so a wrong passphrase changes no byte of the vault.
Every open also finishes what a crash interrupted: a rekey (rekey.py) and the evidence
upkeep (blob_upkeep.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import gc
import importlib
import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, BinaryIO

import sqlalchemy

from amparo.model.errors import AmparoError, InvalidInput, Message, Problem
from amparo.store import rekey as full_rekey
from amparo.store.backup import (
    BackupDamaged,
    BackupManifest,
    backup_header,
    read_backup,
    remove_snapshots,
    restore_files,
    write_backup,
)
from amparo.store.blob_store import BlobStore
from amparo.store.blob_upkeep import Upkeep, recover
from amparo.store.destroy import destroy_vault, shred_header_leftovers
from amparo.store.engine import KeySlot, checkpoint, sqlcipher_engine
from amparo.store.failures import VaultExists, VaultNotFound, VaultUnwritable, database_unwritable, unwritable
from amparo.store.keys import (
    HEADER_NAME,
    Header,
    KdfParams,
    VaultBusy,
    VaultCorrupt,
    VaultKeys,
    VaultLocked,
    WrongPassphrase,
    read_header,
    write_header,
)
from amparo.store.recovery import RecoverySlot, new_code
from amparo.store.rekey import DB_COMPANIONS, DB_NAME
from amparo.store.secret import release_freed_memory, scrub_freed_memory

LOCK_NAME = ".lock"
MIN_PASSPHRASE = 8

#: What the two ways of changing the passphrase protect against; for the CLI to print.
WHAT_A_REKEY_PROTECTS = (
    "Changing the passphrase re-encrypts the vault under a new random key: from then on an "
    "old copy of vault.json with the old passphrase opens neither the vault as it is now nor "
    "anything written after the change. The quick change (a new passphrase, the same key) "
    "rewrites only vault.json: enough when the old passphrase may have been seen, but anyone "
    "who kept a copy of the old vault.json can still open today's data with the old "
    "passphrase. Neither helps against an old copy of the whole folder, which the old "
    "passphrase still opens, showing the data as it was on the day of the copy; against "
    "someone who takes the device while the vault is unlocked; or against a keylogger or "
    "camera that catches the new passphrase as it is typed."
)

__all__ = [
    "WHAT_A_REKEY_PROTECTS", "Vault", "VaultBusy", "VaultExists", "VaultLocked",
    "VaultNotFound", "VaultUnwritable",
]


class NoRecoveryCode(AmparoError):
    """The vault has no recovery code: only its passphrase opens it."""

    exit_code = 2

    def __init__(self, message: str | Message | None = None):
        super().__init__(message or Message("this vault has no recovery code; only its passphrase "
                                                        "opens it"))


class Vault:
    """An unlocked vault: its engine and evidence store, valid until ``lock()``.

    Use ``Vault.create`` or ``Vault.open``; both hold an exclusive lock on the directory until
    ``lock()`` (or the end of a ``with`` block), so a second process gets VaultBusy.
    """

    def __init__(self, path: Path, keys: VaultKeys, header: Header, lock_file: IO[bytes]):
        self.path = path
        self._keys: VaultKeys | None = keys
        self._header = header
        self._lock_file: IO[bytes] | None = lock_file
        self._slot = KeySlot(keys.database)
        self._engine: sqlalchemy.Engine | None = None
        self._evidence: BlobStore | None = None
        #: what the evidence upkeep did at this open (counts only)
        self.upkeep = Upkeep()

    # -- lifecycle -------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str, *, kdf: KdfParams | None = None) -> Vault:
        """Make a new vault at ``path`` (which must not exist or be an empty directory).

        Raises InvalidInput (short passphrase), VaultExists, or VaultUnwritable / DiskFull
        naming the folder and the reason (read-only file system, permissions, full disk);
        a failed create leaves nothing behind.
        """
        path = Path(path)
        _check_passphrase(passphrase)
        if (path / HEADER_NAME).exists():
            raise VaultExists(Message("a vault already exists at {path}", path=path))
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise VaultExists(Message("{path} exists and is not an empty directory",
                                      path=path))
        made_dir = not path.exists()
        try:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
            lock_file = _acquire_lock(path)
        except OSError as exc:
            _remove_half_made(path, made_dir and path.is_dir())
            raise unwritable(path, exc, "create the vault") from None
        keys = VaultKeys.generate()
        vault: Vault | None = None
        try:
            header = Header.seal(passphrase, keys.vault_key, kdf or KdfParams())
            write_header(path, header)
            vault = cls(path, keys, header, lock_file)
            vault._start(new=True)
        except BaseException as exc:
            _abandon(vault, keys, lock_file)
            _remove_half_made(path, made_dir)
            if isinstance(exc, OSError):
                raise unwritable(path, exc, "create the vault") from None
            if isinstance(exc, sqlalchemy.exc.OperationalError):
                raise database_unwritable(path, exc, "create the vault") from None
            raise
        return vault

    @classmethod
    def open(cls, path: Path, passphrase: str) -> Vault:
        """Unlock the vault at ``path``; WrongPassphrase leaves every file as it was."""
        return cls._open(Path(path), lambda header: header.unseal(passphrase))

    @classmethod
    def open_with_recovery(cls, path: Path, code: str) -> Vault:
        """Unlock with the recovery code (recovery.py): WrongRecoveryCode, after the same wait
        as a wrong passphrase, when it is not this vault's; InvalidInput for a typo in it;
        NoRecoveryCode when the vault has none."""

        def unseal(header: Header) -> VaultKeys:
            if header.recovery is None:
                raise NoRecoveryCode()
            try:
                slot = RecoverySlot.from_json(header.recovery)
            except (KeyError, TypeError, ValueError):
                raise VaultCorrupt("vault header: the recovery slot is damaged") from None
            return slot.unseal(code, header.kdf)

        return cls._open(Path(path), unseal)

    @classmethod
    def _open(cls, path: Path, unseal: Callable[[Header], VaultKeys]) -> Vault:
        if not (path / HEADER_NAME).is_file():
            raise VaultNotFound(Message("no vault at {path}", path=path))
        lock_file = _acquire_lock(path)
        keys: VaultKeys | None = None
        vault: Vault | None = None
        try:
            header = read_header(path)
            keys = unseal(header)
            # A header copy left by an interrupted header write would open the vault with a
            # passphrase that was never confirmed: it goes first.
            shred_header_leftovers(path)
            if header.rekey_from is not None:
                header = full_rekey.resume(path, header, keys)
            else:
                full_rekey.remove_leftovers(path)
            remove_snapshots(path)
            vault = cls(path, keys, header, lock_file)
            vault._start()
        except BaseException:
            _abandon(vault, keys, lock_file)
            raise
        return vault

    def _start(self, *, new: bool = False) -> None:
        keys = self._require_keys()
        # Before the first page is decrypted: freed pages, rows and case JSON are zeroed
        # as they are freed, so that they are not in the heap after lock (secret.py).
        scrub_freed_memory()
        db = self.path / DB_NAME
        if not new and not db.is_file():
            # Never quietly start an empty database in place of a lost one.
            raise VaultCorrupt("the vault's database file is missing")
        try:
            self._engine = sqlcipher_engine(db, self._slot)
        except WrongPassphrase:
            # The passphrase matched the header, so the header belongs to another database.
            raise VaultCorrupt("the vault header does not belong to this database") from None
        with contextlib.suppress(OSError):
            db.chmod(0o600)
        _migrate(self._engine)
        self._evidence = BlobStore(self.path, keys.evidence, self._engine)
        self.upkeep = recover(self._evidence)

    def lock(self) -> None:
        """Close every connection, wipe the keys and release the directory lock. Idempotent.

        Also checkpoints the WAL away and hands freed heap memory back to the kernel, so
        that neither keys nor decrypted pages stay readable in the process (what Python
        cannot guarantee is listed in secret.py and measured by bench/memory_after_lock.py).
        """
        if self._engine is not None:
            with contextlib.suppress(Exception):
                checkpoint(self._engine)
            self._engine.dispose()
            # Compiled SQL holds no values, but nothing of the session need outlive it.
            cache = getattr(self._engine, "_compiled_cache", None)
            if cache is not None:
                cache.clear()
            self._engine = None
        self._slot.empty()
        if self._evidence is not None:
            self._evidence.forget_key()
            self._evidence = None
        if self._keys is not None:
            self._keys.wipe()
            self._keys = None
        if self._lock_file is not None:
            _release_lock(self._lock_file)
            self._lock_file = None
        gc.collect()
        release_freed_memory()

    def __enter__(self) -> Vault:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.lock()

    @property
    def is_open(self) -> bool:
        """False once ``lock()`` has run."""
        return self._keys is not None

    @property
    def engine(self) -> sqlalchemy.Engine:
        """The SQLAlchemy engine on the vault's database (the same object across a rekey)."""
        if self._engine is None:
            raise VaultLocked()
        return self._engine

    @property
    def evidence(self) -> BlobStore:
        """The vault's encrypted evidence files."""
        if self._evidence is None:
            raise VaultLocked()
        return self._evidence

    @property
    def kdf(self) -> KdfParams:
        """The Argon2id cost this vault's header was sealed with."""
        return self._header.kdf

    # -- changing the passphrase and destroying ----------------------------------------------

    def change_passphrase(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> None:
        """The quick change: a new salt and passphrase key rewrap the *same* vault key.

        Protects against the old passphrase having been seen, for anyone who does not also
        hold a copy of the old ``vault.json``: with that copy the old passphrase still opens
        today's database. One atomic rename, so a crash leaves the old or the new passphrase
        working. Use ``rekey`` to shut out old headers too (WHAT_A_REKEY_PROTECTS).
        """
        keys = self._require_keys()
        _check_passphrase(new_passphrase)
        # The same vault key: the recovery slot still wraps it and is kept as it is.
        header = Header.seal(new_passphrase, keys.vault_key, kdf or self._header.kdf,
                             recovery=self._header.recovery)
        try:
            write_header(self.path, header)
        except OSError as exc:
            raise unwritable(self.path, exc, "change the passphrase") from None
        self._header = header

    # -- the recovery code ---------------------------------------------------------------------

    @property
    def has_recovery_code(self) -> bool:
        """Whether the header has a recovery slot."""
        return self._header.recovery is not None

    def make_recovery_code(self) -> str:
        """A new recovery code; its slot replaces any earlier one (one atomic header write).

        Returns the code, which is kept nowhere: the caller shows it once.
        """
        keys = self._require_keys()
        code = new_code()
        slot = RecoverySlot.seal(code, keys.vault_key, self._header.kdf)
        self._write(dataclasses.replace(self._header, recovery=slot.as_json()), "make a recovery code")
        return code

    def remove_recovery_code(self) -> None:
        """Drop the recovery slot: no code opens the vault any more (an old vault.json aside)."""
        self._write(dataclasses.replace(self._header, recovery=None), "remove the recovery code")

    def _write(self, header: Header, doing: str) -> None:
        try:
            write_header(self.path, header)
        except OSError as exc:
            raise unwritable(self.path, exc, doing) from None
        self._header = header

    def rekey(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> None:
        """The full change: a new passphrase *and* a new random vault key.

        The database is re-encrypted and every evidence key rewrapped (evidence files are not
        rewritten), so an old ``vault.json`` with the old passphrase opens nothing current.
        Crash-safe at every point (rekey.py): the vault then opens with the old or the new
        passphrase. Needs the vault to itself: VaultBusy if a connection is checked out
        (another request under way); other threads get VaultBusy while it runs. Does not
        help against a copy of the whole old folder (WHAT_A_REKEY_PROTECTS).
        """
        old = self._require_keys()
        _check_passphrase(new_passphrase)
        engine = self.engine
        if engine.pool.checkedout():  # type: ignore[attr-defined]
            raise VaultBusy("the vault is busy; try again when other work has finished")
        new = VaultKeys.generate()
        self._slot.hold()
        engine.dispose()
        committed = False
        try:
            full_rekey.export_rekeyed(self.path, old, new)
            # The recovery code stays good: its slot is rewrapped for the new vault key.
            recovery = None
            if self._header.recovery is not None:
                recovery = (RecoverySlot.from_json(self._header.recovery)
                            .rewrap(old.vault_key, new.vault_key).as_json())
            pending = Header.seal(new_passphrase, new.vault_key, kdf or self._header.kdf,
                                  previous=old.vault_key, recovery=recovery)
            write_header(self.path, pending)
            committed = True  # from here the new passphrase is the one that opens the vault
            full_rekey.switch(self.path, old)
            self._header = full_rekey.finish(self.path, pending)
        except BaseException as exc:
            if committed:
                # The folder is mid-rekey under the new passphrase; the next open finishes it.
                new.wipe()
                self.lock()
                raise AmparoError(Message("the rekey was interrupted; open the vault with the new "
                                          "passphrase to finish it")) from None
            new.wipe()
            full_rekey.remove_leftovers(self.path)
            self._slot.use(old.database)
            if isinstance(exc, OSError):
                raise unwritable(self.path, exc, "rekey the vault") from None
            raise
        self._keys = new
        self._slot.use(new.database)
        self.evidence.use_key(new.evidence)
        old.wipe()

    # -- backups -----------------------------------------------------------------------------

    def write_backup(self, out: BinaryIO, *, created_at: str) -> BackupManifest:
        """Write an encrypted, self-verifying backup of the vault to ``out`` (backup.py)."""
        return write_backup(self.path, self._header, self._require_keys(), out, created_at=created_at)

    @staticmethod
    def check_backup(src: BinaryIO, passphrase: str, *, recovery: bool = False) -> BackupManifest:
        """Read every byte of a backup with the passphrase it was made under; no file is written.

        WrongPassphrase (after the usual key derivation) or BackupDamaged. ``recovery``:
        ``passphrase`` is the recovery code the vault had then.
        """
        header, preamble, aad = backup_header(src)
        keys = _unseal_backup(header, passphrase, recovery)
        try:
            return read_backup(src, preamble, aad, keys)
        finally:
            keys.wipe()

    @staticmethod
    def restore(src: BinaryIO, passphrase: str, target: Path, *, recovery: bool = False) -> BackupManifest:
        """Bring a backup back into ``target`` (absent or empty): all of it or nothing.

        VaultExists for a folder that holds anything; WrongPassphrase; BackupDamaged.
        """
        target = Path(target)
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise VaultExists(Message("{target} is not empty; restore into a new or empty folder",
                                      target=target))
        header, preamble, aad = backup_header(src)
        keys = _unseal_backup(header, passphrase, recovery)
        try:
            return restore_files(src, preamble, aad, keys, header, target)
        finally:
            keys.wipe()

    @staticmethod
    def destroy(path: Path) -> None:
        """Crypto-shred the vault at ``path`` and remove the folder with all it holds.

        The header (the only wrapped copy of the vault key) is overwritten, synced and
        removed first, with any temporary copy of it; then everything else in the folder
        (database, evidence, the workspace's calendar and knowledge files, lock files) and
        the folder itself. A crash part-way leaves nothing that opens, and ``destroy`` can
        be run again on what is left. The caller asks for an explicit confirmation; this
        only refuses a vault open in any process (VaultBusy: lock it first).
        """
        destroy_vault(Path(path), _acquire_lock, _release_lock)

    def _require_keys(self) -> VaultKeys:
        if self._keys is None:
            raise VaultLocked()
        return self._keys


def _unseal_backup(header: Header, secret: str, recovery: bool) -> VaultKeys:
    try:
        if not recovery:
            return header.unseal(secret)
        if header.recovery is None:
            raise NoRecoveryCode("the vault had no recovery code when this backup was made")
        try:
            slot = RecoverySlot.from_json(header.recovery)
        except (KeyError, TypeError, ValueError):
            raise VaultCorrupt("damaged recovery slot") from None
        return slot.unseal(secret, header.kdf)
    except VaultCorrupt:
        raise BackupDamaged("the backup file's preamble is damaged") from None


def _abandon(vault: Vault | None, keys: VaultKeys | None, lock_file: IO[bytes]) -> None:
    """Undo a create or open that failed part-way: engine closed, keys wiped, lock released."""
    if vault is not None:
        vault.lock()
        return
    if keys is not None:
        keys.wipe()
    _release_lock(lock_file)


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInput(Problem("passphrase", Message("must be at least {MIN_PASSPHRASE} characters",
                                                         MIN_PASSPHRASE=MIN_PASSPHRASE)))


def _remove_half_made(path: Path, made_dir: bool) -> None:
    # A half-made vault would block the next attempt with VaultExists.
    for name in (HEADER_NAME, LOCK_NAME, DB_NAME, *(DB_NAME + s for s in DB_COMPANIONS)):
        with contextlib.suppress(OSError):
            (path / name).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        shred_header_leftovers(path)
    if made_dir:
        with contextlib.suppress(OSError):
            path.rmdir()


def _acquire_lock(path: Path) -> IO[bytes]:
    # flock is released by the kernel when the process dies, so a crash never leaves the
    # vault stuck "busy"; the lock file itself is empty and never written.
    fd = os.open(path / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    lock_file = os.fdopen(fd, "r+b", buffering=0)
    try:
        fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock_file.close()
        raise VaultBusy() from None
    return lock_file


def _release_lock(lock_file: IO[bytes]) -> None:
    with contextlib.suppress(OSError):
        fcntl.flock(lock_file.fileno(), fcntl.LOCK_UN)
    lock_file.close()


def _migrate(engine: sqlalchemy.Engine) -> None:
    """Bring the schema up to date with ``amparo.store.migrate.upgrade`` when it exists."""
    if importlib.util.find_spec("amparo.store.migrate") is None:
        return
    importlib.import_module("amparo.store.migrate").upgrade(engine)
