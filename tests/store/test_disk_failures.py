"""A read-only file system or a full disk is said plainly: which folder, and why.

Full disks and read-only mounts are simulated by patching, never by filling the disk.
"""

from __future__ import annotations

import errno
import io
import os
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from store_support import FAST, PASS, add_case, files_in, store_of

from amparo.model.errors import AmparoError
from amparo.store import blobs as blob_format
from amparo.store import vault as vault_module
from amparo.store.blobs import SourceUnreadable
from amparo.store.failures import DiskFull, VaultUnwritable
from amparo.store.vault import Vault


def fail_with(code: int):  # type: ignore[no-untyped-def]
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


def test_create_on_a_read_only_file_system_names_the_folder_and_the_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "usb" / "vault"
    monkeypatch.setattr(Path, "mkdir", fail_with(errno.EROFS))
    with pytest.raises(VaultUnwritable) as caught:
        Vault.create(target, PASS, kdf=FAST)
    assert str(caught.value) == f"cannot create the vault in {target}: the file system is read-only"
    assert isinstance(caught.value, AmparoError) and not isinstance(caught.value, DiskFull)


def test_create_in_an_existing_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "vault"
    target.mkdir()
    real_open = os.open

    def read_only(path: object, flags: int, *args: object) -> int:
        if str(path).startswith(str(target)) and flags & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(VaultUnwritable, match="the file system is read-only"):
        Vault.create(target, PASS, kdf=FAST)
    monkeypatch.undo()
    assert list(target.iterdir()) == []


def test_create_on_a_full_disk_says_the_disk_is_full_and_leaves_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "vault"
    monkeypatch.setattr(vault_module, "write_header", fail_with(errno.ENOSPC))
    with pytest.raises(DiskFull) as caught:
        Vault.create(target, PASS, kdf=FAST)
    assert str(caught.value) == f"cannot create the vault in {target}: the disk is full"
    assert not target.exists()


def test_create_when_sqlite_finds_the_disk_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object) -> None:
        raise sa.exc.OperationalError("PRAGMA", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(vault_module, "sqlcipher_engine", full)
    with pytest.raises(DiskFull, match="the disk is full"):
        Vault.create(tmp_path / "vault", PASS, kdf=FAST)
    assert not (tmp_path / "vault").exists()


@pytest.fixture
def vault(tmp_path: Path) -> Vault:
    v = Vault.create(tmp_path / "vault", PASS, kdf=FAST)
    yield v
    v.lock()


def test_evidence_on_a_full_disk_blames_the_disk_not_the_file(
        vault: Vault, monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = add_case(vault)
    monkeypatch.setattr(blob_format, "write_all", fail_with(errno.ENOSPC))
    with pytest.raises(DiskFull) as caught:
        store_of(vault).evidence.add_from_stream(case_id, io.BytesIO(b"x" * 100_000),
                                                 filename="scan.pdf", media_type="application/pdf")
    assert str(caught.value) == f"cannot store the evidence file in {vault.path}: the disk is full"
    # Not an OSError: a caller reporting unreadable input files does not catch it.
    assert not isinstance(caught.value, OSError)
    monkeypatch.undo()
    assert files_in(vault.evidence.directory) == []
    assert store_of(vault).evidence.list(case_id) == []


def test_evidence_when_the_database_is_full(vault: Vault, monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = add_case(vault)
    from amparo.store import blob_keys

    def full(*args: object) -> None:
        raise sa.exc.OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(blob_keys, "insert", full)
    with pytest.raises(DiskFull, match="the disk is full"):
        store_of(vault).evidence.add_from_stream(case_id, io.BytesIO(b"x"), filename="a",
                                                 media_type="text/plain")
    assert files_in(vault.evidence.directory) == []


def test_an_unreadable_input_is_the_inputs_fault(vault: Vault) -> None:
    case_id = add_case(vault)

    class BadDisk(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, b: object) -> int:
            raise OSError(errno.EIO, os.strerror(errno.EIO))

    with pytest.raises(SourceUnreadable) as caught:
        store_of(vault).evidence.add_from_stream(case_id, io.BufferedReader(BadDisk()), filename="a",
                                                 media_type="text/plain")
    assert isinstance(caught.value, OSError) and caught.value.errno == errno.EIO
    assert files_in(vault.evidence.directory) == []
