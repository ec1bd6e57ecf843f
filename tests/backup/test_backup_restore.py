"""Backup, destroy, restore: every case, evidence byte and audit entry comes back; a wrong byte
anywhere is caught by verify and by restore, which then leaves the target as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from backup_support import PASS, clock, contents

from amparo.service import BackupDamaged, VaultExists, WrongPassphrase, restore_backup, verify_backup
from amparo.service.workspace import Workspace


def make_backup(vault: Path, out: Path) -> None:
    with Workspace.open(vault, PASS, clock=clock) as ws:
        ws.backups.create(out)


def test_backup_destroy_restore_gives_everything_back(full_vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "vault.amparo-backup"
    make_backup(full_vault, out)
    before = contents(full_vault)
    calendar = (full_vault / "calendar.yaml").read_bytes()
    Workspace.destroy(full_vault)
    summary = verify_backup(out, PASS)
    assert summary.cases == len(before["cases"]) and summary.evidence == len(before["evidence"])
    restored = tmp_path / "restored"
    restore_backup(out, restored, PASS)
    after = contents(restored)
    assert after["cases"] == before["cases"]
    assert after["evidence"] == before["evidence"]
    # The audit chain comes back whole up to the snapshot (before the entries "vault.backup"
    # and the unlock that read `before`); the restore and the opens only extend it.
    kept = len(before["audit"]) - 2
    assert after["audit"][:kept] == before["audit"][:kept]
    assert (restored / "calendar.yaml").read_bytes() == calendar
    assert (restored / "knowledge" / "local.yaml").is_file()
    with Workspace.open(restored, PASS, clock=clock) as ws:
        assert ws.audit_verify().ok
        verbs = [e.verb for e in ws.store.audit.entries()]
    assert "vault.restore" in verbs


def test_the_backup_file_holds_no_plaintext(full_vault: Path, tmp_path: Path, demo_names: set[str]) -> None:
    out = tmp_path / "b"
    make_backup(full_vault, out)
    data = out.read_bytes()
    assert b"statement statement" not in data and bytes(range(256)) not in data
    for name in demo_names:
        assert name.encode() not in data


def test_every_flipped_byte_is_caught_and_restore_writes_nothing(full_vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "b"
    make_backup(full_vault, out)
    data = out.read_bytes()
    # The preamble, the first frames, the middle, the manifest at the end, the last byte.
    for at in (3, 40, 300, len(data) // 2, len(data) - 200, len(data) - 1):
        broken = tmp_path / f"broken-{at}"
        flipped = bytearray(data)
        flipped[at] ^= 0x01
        broken.write_bytes(bytes(flipped))
        with pytest.raises((BackupDamaged, WrongPassphrase)):
            verify_backup(broken, PASS)
        target = tmp_path / f"target-{at}"
        target.mkdir()
        with pytest.raises((BackupDamaged, WrongPassphrase)):
            restore_backup(broken, target, PASS)
        assert list(target.iterdir()) == []


def test_a_cut_backup_is_caught(full_vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "b"
    make_backup(full_vault, out)
    data = out.read_bytes()
    for keep in (len(data) - 1, len(data) - 17, len(data) // 2, 1024 * 1024 + 16 + 200):
        cut = tmp_path / "cut"
        cut.write_bytes(data[:keep])
        with pytest.raises(BackupDamaged, match=r"cut short|altered|ends too early"):
            verify_backup(cut, PASS)
        assert not (tmp_path / "never").exists()
        with pytest.raises(BackupDamaged):
            restore_backup(cut, tmp_path / "never", PASS)
        assert not (tmp_path / "never").exists()


def test_restore_refuses_a_folder_that_holds_anything(full_vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "b"
    make_backup(full_vault, out)
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    with pytest.raises(VaultExists, match="not empty"):
        restore_backup(out, target, PASS)
    assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_a_wrong_passphrase_opens_no_backup(full_vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "b"
    make_backup(full_vault, out)
    with pytest.raises(WrongPassphrase):
        verify_backup(out, "not the passphrase")


def test_the_last_backup_date_is_known_for_the_reminder(full_vault: Path, tmp_path: Path) -> None:
    with Workspace.open(full_vault, PASS, clock=clock) as ws:
        assert ws.backups.last() is None and ws.backups.due()
        ws.backups.create(tmp_path / "b")
        assert ws.backups.last() is not None and not ws.backups.due()


def test_a_backup_is_refused_inside_the_vault_folder(full_vault: Path) -> None:
    from amparo.model import InvalidInput

    with Workspace.open(full_vault, PASS, clock=clock) as ws, pytest.raises(InvalidInput, match="inside the vault"):
        ws.backups.create(full_vault / "b")


def test_a_backup_while_another_reader_holds_the_wal_is_still_consistent(
        full_vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checkpoint cannot finish under a reader: the backup exports a snapshot instead."""
    from amparo.store import backup

    exported: list[Path] = []
    real = backup._snapshot
    monkeypatch.setattr(backup, "_snapshot",
                        lambda conn, target, key: exported.append(target) or real(conn, target, key))
    out = tmp_path / "b"
    with Workspace.open(full_vault, PASS, clock=clock) as ws:
        reader = ws.vault.engine.connect()  # SQLAlchemy emits BEGIN itself
        reader.exec_driver_sql("SELECT count(*) FROM cases").fetchall()
        ws.cases.add_note(ws.cases.list()[0].id, "written while a reader was open")  # a frame in the WAL
        try:
            ws.backups.create(out)
        finally:
            reader.rollback()
            reader.close()
        cases = ws.cases.count()
    assert len(exported) == 1
    restored = tmp_path / "restored"
    restore_backup(out, restored, PASS)
    with Workspace.open(restored, PASS, clock=clock) as ws:
        assert ws.cases.count() == cases
        assert any("while a reader" in n.text for c in ws.cases.list() for n in ws.cases.notes(c.id))
    assert not list(full_vault.glob(".backup-*"))


def test_every_restored_file_is_on_disk_before_the_vault_header(full_vault: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A power cut just after a restore must not leave vault.json over a truncated database
    or blob: each restored file is fsynced (and its folder) before the header is written."""
    import os

    out = tmp_path / "vault.amparo-backup"
    make_backup(full_vault, out)
    restored = tmp_path / "restored"
    synced: set[str] = set()
    header_written_after: list[set[str]] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        path = os.readlink(f"/proc/self/fd/{fd}")
        if path.endswith("/vault.json") or "/vault.json." in path or ".tmp" in path:
            header_written_after.append(set(synced))
        synced.add(path)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    restore_backup(out, restored, PASS)
    files = {str(p.resolve()) for p in restored.rglob("*") if p.is_file() and p.name != "vault.json"
             and p.suffix not in (".lock",)}
    restored_files = {f for f in files if any(f.endswith(n) for n in ("vault.db",)) or "/blobs/" in f}
    assert restored_files, "the backup restored a database and blobs"
    assert header_written_after, "vault.json is written with an fsync"
    before_header = header_written_after[0]
    # Staged files were synced under the staging folder's name, then moved: compare by name.
    names = {Path(p).name for p in before_header}
    assert all(Path(f).name in names for f in restored_files)
    assert str(restored.resolve()) in before_header  # the folder's entries, too
