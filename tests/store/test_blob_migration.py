"""Vaults made before revision 0004 keep opening, and their evidence becomes shreddable.

Format-1 blobs carried their wrapped key in the file. At the first open after 0004 each key
moves into ``blob_keys`` and its copy in the file is overwritten; the file is padded and
its mtime fixed; the chunks are not re-encrypted.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from store_support import PASS, files_in, legacy_key_opens, make_pre_0004_vault, read_evidence, store_of

from amparo.store import blob_upkeep
from amparo.store.blob_store import BLOB_TIME
from amparo.store.blobs import padded_size
from amparo.store.migrate import current_revision, head_revision
from amparo.store.vault import Vault

CONTENT = {"photo": os.urandom(10_000), "empty": b"", "exact": os.urandom(3 * 4096)}


@pytest.fixture
def old_vault(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "vault"
    return path, make_pre_0004_vault(path, CONTENT)


def test_an_old_vault_opens_reads_and_verifies_every_file(old_vault: tuple[Path, dict[str, str]]) -> None:
    path, ids = old_vault
    with Vault.open(path, PASS) as vault:
        assert current_revision(vault.engine) == head_revision()
        assert vault.upkeep.converted == len(CONTENT)
        store = store_of(vault)
        for name, evidence_id in ids.items():
            assert read_evidence(vault, evidence_id) == CONTENT[name]
            stored = store.evidence.get(evidence_id)
            assert vault.evidence.verify(stored.blob_id, hashlib.sha256(CONTENT[name]).hexdigest())


def test_the_key_in_each_old_file_is_overwritten_and_the_file_padded(
        old_vault: tuple[Path, dict[str, str]]) -> None:
    path, ids = old_vault
    key = _evidence_key_of(path)
    # The finding: before the upgrade the vault key alone opens every file, orphans included.
    assert all(legacy_key_opens(f, key) for f in (path / "blobs").iterdir() if not f.name.startswith("."))
    with Vault.open(path, PASS) as vault:
        blob_ids = [store_of(vault).evidence.get(e).blob_id for e in ids.values()]
        assert files_in(path / "blobs") == sorted(blob_ids)  # orphan and temp file gone
        for blob_id in blob_ids:
            file = path / "blobs" / blob_id
            assert not legacy_key_opens(file, key)
            assert file.stat().st_size == padded_size(file.stat().st_size)
            assert file.stat().st_mtime == BLOB_TIME


def _evidence_key_of(path: Path) -> bytes:
    # Read the key without opening the vault (an open would convert the files).
    from amparo.store.keys import read_header

    keys = read_header(path).unseal(PASS)
    try:
        return bytes(keys.evidence.buffer)
    finally:
        keys.wipe()


def test_a_crash_between_moving_a_key_and_overwriting_it_is_finished_next_time(
        old_vault: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    path, ids = old_vault

    class Killed(BaseException):
        pass

    def crash(*args: object) -> int:
        raise Killed()

    monkeypatch.setattr(blob_upkeep, "_finish_legacy", crash)
    with pytest.raises(Killed):
        Vault.open(path, PASS)
    monkeypatch.undo()
    key = _evidence_key_of(path)
    assert any(legacy_key_opens(f, key) for f in (path / "blobs").iterdir())
    with Vault.open(path, PASS) as vault:
        assert vault.upkeep.converted == len(CONTENT)
        assert not any(legacy_key_opens(f, key) for f in (path / "blobs").iterdir())
        assert read_evidence(vault, ids["photo"]) == CONTENT["photo"]


def test_converted_evidence_can_be_deleted_for_good_and_survives_a_rekey(
        old_vault: tuple[Path, dict[str, str]]) -> None:
    path, ids = old_vault
    with Vault.open(path, PASS) as vault:
        vault.rekey("another long passphrase")
        assert read_evidence(vault, ids["photo"]) == CONTENT["photo"]
        store = store_of(vault)
        blob_id = store.evidence.get(ids["exact"]).blob_id
        store.evidence.delete_for_good(ids["exact"])
        assert not (path / "blobs" / blob_id).exists()
    with Vault.open(path, "another long passphrase") as vault:
        assert read_evidence(vault, ids["empty"]) == b""
