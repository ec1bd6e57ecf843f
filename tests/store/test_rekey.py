"""A full rekey shuts out old headers; the quick change does not; a crash never locks one out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import text
from store_support import FAST, PASS, add_evidence, files_in, read_evidence

from amparo.store import rekey as full_rekey
from amparo.store import vault as vault_module
from amparo.store.keys import VaultBusy, VaultCorrupt, WrongPassphrase
from amparo.store.vault import Vault

NEW = "a new and longer passphrase"


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    path = tmp_path / "vault"
    with Vault.create(path, PASS, kdf=FAST) as vault, vault.engine.begin() as conn:
        conn.execute(text("CREATE TABLE sample (body TEXT)"))
        conn.execute(text("INSERT INTO sample VALUES ('before')"))
    return path


def opens_with(path: Path, passphrase: str) -> bool:
    try:
        Vault.open(path, passphrase).lock()
    except (WrongPassphrase, VaultCorrupt):
        return False
    return True


def test_an_old_header_with_the_old_passphrase_opens_nothing_after_a_rekey(vault_dir: Path) -> None:
    old_header = (vault_dir / "vault.json").read_bytes()
    with Vault.open(vault_dir, PASS) as vault:
        vault.rekey(NEW)
        with vault.engine.begin() as conn:
            conn.execute(text("INSERT INTO sample VALUES ('after')"))
    (vault_dir / "vault.json").write_bytes(old_header)
    with pytest.raises(VaultCorrupt, match="does not belong"):
        Vault.open(vault_dir, PASS)


def test_the_quick_change_leaves_old_headers_working(vault_dir: Path) -> None:
    # What the quick change does not protect against, stated as a test.
    old_header = (vault_dir / "vault.json").read_bytes()
    with Vault.open(vault_dir, PASS) as vault:
        vault.change_passphrase(NEW)
    assert not opens_with(vault_dir, PASS)
    (vault_dir / "vault.json").write_bytes(old_header)
    assert opens_with(vault_dir, PASS)


def test_after_a_rekey_everything_reads_with_the_new_passphrase_only(vault_dir: Path) -> None:
    with Vault.open(vault_dir, PASS) as vault:
        before = add_evidence(vault, b"photo taken before")
        engine = vault.engine
        vault.rekey(NEW)
        assert vault.engine is engine  # the Store built on it keeps working
        after = add_evidence(vault, b"photo taken after")
        assert read_evidence(vault, before) == b"photo taken before"
    assert not opens_with(vault_dir, PASS)
    with Vault.open(vault_dir, NEW) as vault:
        assert read_evidence(vault, before) == b"photo taken before"
        assert read_evidence(vault, after) == b"photo taken after"
        with vault.engine.connect() as conn:
            assert conn.execute(text("SELECT body FROM sample")).scalar_one() == "before"
    assert "vault.db.rekey" not in files_in(vault_dir)


def test_rekey_waits_for_no_one(vault_dir: Path) -> None:
    with Vault.open(vault_dir, PASS) as vault, vault.engine.connect() as busy:
        busy.execute(text("SELECT 1"))
        with pytest.raises(VaultBusy):
            vault.rekey(NEW)
    assert opens_with(vault_dir, PASS)


def snapshotting(monkeypatch: pytest.MonkeyPatch, folder: Path, into: Path) -> list[Path]:
    """Copy ``folder`` before and after each step of a rekey: the states a kill can leave."""
    shots: list[Path] = []

    def shoot() -> None:
        target = into / f"shot-{len(shots):02d}"
        shutil.copytree(folder, target, ignore=shutil.ignore_patterns(".lock"))
        shots.append(target)

    def around(module: object, name: str) -> None:
        original = getattr(module, name)

        def wrapped(*args: object, **kwargs: object) -> object:
            shoot()
            result = original(*args, **kwargs)
            shoot()
            return result

        monkeypatch.setattr(module, name, wrapped)

    around(full_rekey, "export_rekeyed")
    around(full_rekey, "switch")
    around(full_rekey, "write_header")  # the header rewrite inside finish
    around(vault_module, "write_header")  # the pending header
    return shots


def test_every_state_a_crash_can_leave_opens_with_one_of_the_passphrases(
        vault_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Vault.open(vault_dir, PASS) as vault:
        evidence_id = add_evidence(vault, b"the statement")
    with Vault.open(vault_dir, PASS) as vault:
        shots = snapshotting(monkeypatch, vault_dir, tmp_path)
        vault.rekey(NEW)
    monkeypatch.undo()
    assert len(shots) == 8
    verdicts = []
    for shot in shots:
        old, new = opens_with(shot, PASS), opens_with(shot, NEW)
        assert old != new, f"{shot.name}: old={old} new={new}"
        with Vault.open(shot, NEW if new else PASS) as vault:
            assert read_evidence(vault, evidence_id) == b"the statement"
        # Whatever the crash left, the open that follows finishes or undoes the rekey.
        assert not (shot / "vault.db.rekey").exists()
        assert b"rekey_from" not in (shot / "vault.json").read_bytes()
        verdicts.append("new" if new else "old")
    # The old passphrase until the pending header is written, the new one from then on.
    assert verdicts == ["old"] * 3 + ["new"] * 5


def test_a_pending_rekey_is_resumed_from_the_old_database(
        vault_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Vault.open(vault_dir, PASS) as vault:
        evidence_id = add_evidence(vault, b"kept through the crash")
        shots = snapshotting(monkeypatch, vault_dir, tmp_path)
        vault.rekey(NEW)
    monkeypatch.undo()
    pending = shots[3]  # header written, database not yet switched
    assert b"rekey_from" in (pending / "vault.json").read_bytes()
    (pending / "vault.db.rekey").unlink()  # even with the copy lost, the old db is re-exported
    old_header = (pending / "vault.json").read_bytes()
    with Vault.open(pending, NEW) as vault:
        assert read_evidence(vault, evidence_id) == b"kept through the crash"
    assert not opens_with(pending, PASS)
    assert old_header != (pending / "vault.json").read_bytes()
