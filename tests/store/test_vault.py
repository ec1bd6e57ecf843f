"""The vault: create, unlock, lock, change passphrase, destroy, and what a wrong passphrase does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from store_support import add_evidence, read_evidence

from amparo.model.errors import InvalidInput
from amparo.store.engine import plain_sqlite_engine, postgres_engine, sqlcipher_engine
from amparo.store.keys import KdfParams, VaultCorrupt, WrongPassphrase
from amparo.store.vault import (
    Vault,
    VaultBusy,
    VaultExists,
    VaultLocked,
    VaultNotFound,
)

FAST = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
PASS = "correct horse battery"


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    path = tmp_path / "vault"
    with Vault.create(path, PASS, kdf=FAST) as vault, vault.engine.begin() as conn:
        conn.execute(text("CREATE TABLE sample (id INTEGER PRIMARY KEY, body TEXT)"))
        conn.execute(text("INSERT INTO sample (body) VALUES ('kept')"))
    return path


def test_data_written_in_one_session_is_read_back_after_unlock(vault_dir: Path) -> None:
    with Vault.open(vault_dir, PASS) as vault, vault.engine.connect() as conn:
        assert conn.execute(text("SELECT body FROM sample")).scalar_one() == "kept"
    assert sorted(p.name for p in vault_dir.iterdir()) == [".lock", "vault.db", "vault.json"]


def test_schema_is_migrated_on_create_when_migrations_exist(tmp_path: Path) -> None:
    migrate = pytest.importorskip("amparo.store.migrate")
    with Vault.create(tmp_path / "v", PASS, kdf=FAST) as vault:
        assert not migrate.needs_upgrade(vault.engine)


def test_wrong_passphrase_is_refused_and_changes_no_byte(vault_dir: Path) -> None:
    before = snapshot(vault_dir)
    with pytest.raises(WrongPassphrase) as caught:
        Vault.open(vault_dir, "not the passphrase")
    assert str(caught.value) == "wrong passphrase"
    assert caught.value.exit_code == 2
    assert snapshot(vault_dir) == before
    # The failed attempt released the lock: the right passphrase still works.
    Vault.open(vault_dir, PASS).lock()


def test_lock_drops_engine_and_evidence(vault_dir: Path) -> None:
    vault = Vault.open(vault_dir, PASS)
    vault.lock()
    vault.lock()  # idempotent
    assert not vault.is_open
    with pytest.raises(VaultLocked):
        _ = vault.engine
    with pytest.raises(VaultLocked):
        _ = vault.evidence
    with pytest.raises(VaultLocked):
        vault.rekey("another passphrase")


def test_quick_passphrase_change_rewrites_only_the_header(vault_dir: Path) -> None:
    with Vault.open(vault_dir, PASS) as vault:
        evidence_id = add_evidence(vault, b"photo bytes")
        db_before = (vault_dir / "vault.db").read_bytes()
        vault.change_passphrase("a brand new passphrase")
        assert (vault_dir / "vault.db").read_bytes() == db_before
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_dir, PASS)
    with Vault.open(vault_dir, "a brand new passphrase") as vault:
        assert read_evidence(vault, evidence_id) == b"photo bytes"
        with vault.engine.connect() as conn:
            assert conn.execute(text("SELECT body FROM sample")).scalar_one() == "kept"


@pytest.mark.parametrize("change", ["rekey", "change_passphrase"])
def test_rekey_refuses_short_passphrase_and_keeps_old(vault_dir: Path, change: str) -> None:
    with Vault.open(vault_dir, PASS) as vault, pytest.raises(InvalidInput):
        getattr(vault, change)("short")
    Vault.open(vault_dir, PASS).lock()


def test_destroy_leaves_nothing_that_opens(vault_dir: Path) -> None:
    header = (vault_dir / "vault.json").read_bytes()
    db = (vault_dir / "vault.db").read_bytes()
    Vault.destroy(vault_dir)
    assert not vault_dir.exists()
    with pytest.raises(VaultNotFound):
        Vault.open(vault_dir, PASS)
    # Even a copy of the database and the right passphrase do not open it without the header.
    vault_dir.mkdir()
    (vault_dir / "vault.db").write_bytes(db)
    with pytest.raises(VaultNotFound):
        Vault.open(vault_dir, PASS)
    # Whereas with the header it would have opened: the header is the key.
    (vault_dir / "vault.json").write_bytes(header)
    Vault.open(vault_dir, PASS).lock()


def test_destroy_refuses_an_open_vault_then_removes_the_whole_folder(vault_dir: Path) -> None:
    vault = Vault.open(vault_dir, PASS)
    with pytest.raises(VaultBusy):
        Vault.destroy(vault_dir)
    vault.lock()
    # What the workspace keeps next to the vault goes too: it says a vault was there.
    (vault_dir / "calendar.yaml").write_text("sessions: []")
    (vault_dir / "knowledge").mkdir()
    (vault_dir / "knowledge" / "our-entries.yaml").write_text("x")
    (vault_dir / ".lock-request").touch()
    Vault.destroy(vault_dir)
    assert not vault_dir.exists()


def test_create_refuses_existing_vault_nonempty_dir_and_short_passphrase(
    vault_dir: Path, tmp_path: Path
) -> None:
    with pytest.raises(VaultExists):
        Vault.create(vault_dir, PASS, kdf=FAST)
    other = tmp_path / "other"
    other.mkdir()
    (other / "file").write_text("x")
    with pytest.raises(VaultExists):
        Vault.create(other, PASS, kdf=FAST)
    with pytest.raises(InvalidInput, match="passphrase: must be at least 8 characters"):
        Vault.create(tmp_path / "new", "1234567", kdf=FAST)
    assert not (tmp_path / "new").exists()


def test_open_missing_vault(tmp_path: Path) -> None:
    with pytest.raises(VaultNotFound):
        Vault.open(tmp_path / "nowhere", PASS)


def test_damaged_header_is_reported_as_damage_not_passphrase(vault_dir: Path) -> None:
    (vault_dir / "vault.json").write_text('{"format": "amparo-vault", "version": 1}')
    with pytest.raises(VaultCorrupt, match="vault header"):
        Vault.open(vault_dir, PASS)


def test_header_of_another_vault_or_missing_database_is_damage(
    vault_dir: Path, tmp_path: Path
) -> None:
    with Vault.create(tmp_path / "other", PASS, kdf=FAST):
        pass
    (vault_dir / "vault.json").write_bytes((tmp_path / "other" / "vault.json").read_bytes())
    with pytest.raises(VaultCorrupt, match="does not belong"):
        Vault.open(vault_dir, PASS)
    (vault_dir / "vault.db").unlink()
    with pytest.raises(VaultCorrupt, match="missing"):
        Vault.open(vault_dir, PASS)
    assert not (vault_dir / "vault.db").exists()


def test_second_process_gets_vault_busy(vault_dir: Path) -> None:
    child = (
        "import sys\n"
        "from amparo.store.vault import Vault, VaultBusy\n"
        "try:\n"
        f"    Vault.open(sys.argv[1], {PASS!r})\n"
        "except VaultBusy as e:\n"
        "    print('busy:', e); sys.exit(0)\n"
        "sys.exit(1)\n"
    )
    with Vault.open(vault_dir, PASS):
        run = subprocess.run(
            [sys.executable, "-c", child, str(vault_dir)], capture_output=True, text=True
        )
    assert run.returncode == 0, run.stderr
    assert "the vault is open in another Amparo process" in run.stdout
    # Once locked, the directory is free again.
    Vault.open(vault_dir, PASS).lock()


def test_default_kdf_is_at_least_64_mib_and_3_passes(tmp_path: Path) -> None:
    # The unlock time (0.3-1 s on the reference machine) is a figure for bench/, not a test:
    # on a loaded shared runner any bound is either flaky or meaningless.
    kdf = KdfParams()
    assert kdf.memory_kib >= 64 * 1024 and kdf.time_cost >= 3
    Vault.create(tmp_path / "v", PASS).lock()
    with Vault.open(tmp_path / "v", PASS) as vault:
        assert vault.kdf == kdf


def test_wrong_raw_key_on_engine_is_wrong_passphrase(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    sqlcipher_engine(db, b"k" * 32).dispose()
    with pytest.raises(WrongPassphrase):
        sqlcipher_engine(db, b"j" * 32)


@pytest.mark.parametrize("make", ["sqlcipher", "plain"])
def test_sqlite_engines_enforce_foreign_keys_and_roll_back_ddl(tmp_path: Path, make: str) -> None:
    db = tmp_path / "x.db"
    engine = sqlcipher_engine(db, b"k" * 32) if make == "sqlcipher" else plain_sqlite_engine(db)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE parent (id INTEGER PRIMARY KEY)"))
        conn.execute(text("CREATE TABLE child (id INTEGER PRIMARY KEY, p INTEGER REFERENCES parent)"))
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(text("PRAGMA temp_store")).scalar_one() == 2  # MEMORY
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("INSERT INTO child VALUES (1, 99)"))
    # A failed transaction that created a table leaves no table behind.
    with pytest.raises(RuntimeError), engine.begin() as conn:
        conn.execute(text("CREATE TABLE half (id INTEGER)"))
        raise RuntimeError("crash mid-import")
    with engine.connect() as conn:
        names = conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'")).scalars()
        assert set(names) == {"parent", "child"}
    engine.dispose()


@pytest.mark.postgres
def test_postgres_engine_connects(postgres_url: str) -> None:
    engine = postgres_engine(postgres_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT 1")).scalar_one() == 1
    engine.dispose()


def test_an_open_that_fails_part_way_leaves_no_connection_and_no_lock(vault_dir: Path) -> None:
    from amparo.model.errors import AmparoError

    with Vault.open(vault_dir, PASS) as vault, vault.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    for _ in range(2):  # the second attempt meets the same refusal, not VaultBusy
        with pytest.raises(AmparoError, match="newer version of Amparo"):
            Vault.open(vault_dir, PASS)
    # Nor a pooled connection still holding the database (and the key in SQLCipher).
    import os

    open_files = {os.path.realpath(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")}
    assert str((vault_dir / "vault.db").resolve()) not in open_files
