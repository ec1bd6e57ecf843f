"""Evidence that a crash or a delete leaves nothing decryptable beyond what was committed.

The hostile review's findings, each as a test that failed on the code before revision 0004:
a temporary file left by a killed add decrypted with the vault key; a crash between
deleting the record and the blob left the whole blob decryptable; blob sizes and mtimes
told each file's exact size and when it came.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from store_support import (
    FAST,
    PASS,
    add_case,
    add_evidence,
    database_key,
    decrypt_pages,
    files_in,
    read_evidence,
    store_of,
)

from amparo.model.errors import NotFound
from amparo.store import blob_keys
from amparo.store.blob_store import BLOB_TIME
from amparo.store.blobs import PAD_FLOOR, padded_size
from amparo.store.schema import blob_keys as blob_keys_table
from amparo.store.vault import Vault


@pytest.fixture
def vault(tmp_path: Path) -> Vault:
    v = Vault.create(tmp_path / "vault", PASS, kdf=FAST)
    yield v
    v.lock()


def evidence_key(vault: Vault) -> bytes:
    return bytes(vault._keys.evidence.buffer)  # type: ignore[union-attr]


def decryptable_by_vault(vault: Vault, path: Path) -> bool:
    """Whether any key the vault holds decrypts ``path``: a key row naming it, or (the old
    format) a wrapped key inside the file that the evidence key unwraps."""
    from store_support import legacy_key_opens

    with vault.engine.connect() as conn:
        named = blob_keys.get(conn, path.name) is not None
    return named or legacy_key_opens(path, evidence_key(vault))


def test_a_staged_file_that_was_never_committed_decrypts_with_nothing(vault: Vault) -> None:
    # A killed `evidence add` or upload stops between staging and commit.
    staged = vault.evidence.stage(io.BytesIO(b"Statement of the coordinator. " * 5000))
    assert staged.temp.exists()
    assert not decryptable_by_vault(vault, staged.temp)
    # Nor under the id it would have had once renamed.
    renamed = staged.temp.with_name(staged.blob_id)
    staged.temp.rename(renamed)
    assert not decryptable_by_vault(vault, renamed)
    assert vault.evidence.blob_ids() == []


def test_the_next_open_removes_temporary_and_orphan_files(vault: Vault, tmp_path: Path) -> None:
    kept = add_evidence(vault, b"kept")
    staged = vault.evidence.stage(io.BytesIO(b"never committed"))
    orphan = vault.evidence.stage(io.BytesIO(b"renamed, not committed"))
    orphan.temp.rename(orphan.temp.with_name(orphan.blob_id))
    vault.lock()
    with Vault.open(tmp_path / "vault", PASS) as again:
        assert again.upkeep.temporary_removed == 1 and again.upkeep.orphans_removed == 1
        blob_id = store_of(again).evidence.get(kept).blob_id
        assert files_in(tmp_path / "vault" / "blobs") == [blob_id]
        assert read_evidence(again, kept) == b"kept"
    assert not staged.temp.exists()


def test_a_crash_right_after_the_delete_commit_leaves_noise(vault: Vault) -> None:
    evidence_id = add_evidence(vault, b"the photo of the visit")
    store = store_of(vault)
    blob_id = store.evidence.get(evidence_id).blob_id
    path = vault.evidence.directory / blob_id
    assert decryptable_by_vault(vault, path)
    # delete() is the commit of delete_for_good without the file removal after it: the
    # state a crash between the two leaves.
    store.evidence.delete(evidence_id)
    assert path.exists()
    assert not decryptable_by_vault(vault, path)
    with pytest.raises(NotFound):
        vault.evidence.open(blob_id)


def test_delete_for_good_leaves_the_key_in_no_page_of_the_database_or_wal(vault: Vault) -> None:
    evidence_id = add_evidence(vault, b"recording")
    store = store_of(vault)
    blob_id = store.evidence.get(evidence_id).blob_id
    with vault.engine.connect() as conn:
        wrapped = conn.execute(sa.select(blob_keys_table.c.wrapped_key)
                               .where(blob_keys_table.c.blob_id == blob_id)).scalar_one()
    db = vault.path / "vault.db"
    key = database_key(vault)

    def pages() -> bytes:
        return decrypt_pages(db, key) + decrypt_pages(db.with_name("vault.db-wal"), key, wal=True)

    assert wrapped in pages()  # the scan sees the key while it is there
    store.evidence.delete_for_good(evidence_id)
    assert wrapped not in pages()
    assert not (vault.evidence.directory / blob_id).exists()
    with pytest.raises(NotFound):
        store.evidence.get(evidence_id)


def test_deleting_a_case_shreds_its_evidence(vault: Vault) -> None:
    store = store_of(vault)
    case_id = add_case(vault)
    first, second = (add_evidence(vault, data, case_id) for data in (b"one", b"two"))
    blobs = [store.evidence.get(e).blob_id for e in (first, second)]
    store.cases.delete(case_id)
    assert vault.evidence.blob_ids() == []
    assert all(not (vault.evidence.directory / b).exists() for b in blobs)


def test_a_rolled_back_add_leaves_no_file_and_no_key(vault: Vault) -> None:
    store = store_of(vault)
    case_id = add_case(vault)

    class Refused(Exception):
        pass

    with pytest.raises(Refused), store.transaction():
        store.evidence.add_from_stream(case_id, io.BytesIO(b"x" * 10_000), filename="a.txt",
                                       media_type="text/plain")
        raise Refused()
    assert vault.evidence.blob_ids() == []
    assert store.evidence.list(case_id) == []
    # The renamed file is an orphan until the next open; it decrypts with nothing.
    for path in vault.evidence.directory.iterdir():
        assert not decryptable_by_vault(vault, path)


def test_a_rolled_back_delete_keeps_the_file(vault: Vault) -> None:
    store = store_of(vault)
    evidence_id = add_evidence(vault, b"still needed")

    class Refused(Exception):
        pass

    with pytest.raises(Refused), store.transaction():
        store.evidence.delete_for_good(evidence_id)
        raise Refused()
    assert read_evidence(vault, evidence_id) == b"still needed"


def test_a_blob_without_a_record_is_shredded_at_the_next_open(vault: Vault, tmp_path: Path) -> None:
    # What the old two-step add (put, then record) left when killed between the steps.
    blob = vault.evidence.put(io.BytesIO(b"nobody can see or delete me"))
    vault.lock()
    with Vault.open(tmp_path / "vault", PASS) as again:
        assert again.upkeep.unrecorded_shredded == 1
        assert again.evidence.blob_ids() == []
        assert not (again.evidence.directory / blob.blob_id).exists()


@pytest.mark.parametrize("size", [0, 1, 70_000, 1_500_000, 3_000_017])
def test_blob_files_are_padded_and_dated_alike(vault: Vault, size: int) -> None:
    evidence_id = add_evidence(vault, os.urandom(size))
    stored = store_of(vault).evidence.get(evidence_id)
    path = vault.evidence.directory / stored.blob_id
    assert stored.evidence.size == size
    assert path.stat().st_size == padded_size(path.stat().st_size)  # a bucket size
    assert path.stat().st_size >= max(size, PAD_FLOOR)
    assert path.stat().st_size <= max(size + 17 + 16 * (size // 2**20 + 1), PAD_FLOOR) * 1.032
    assert path.stat().st_mtime == BLOB_TIME
    assert vault.evidence.directory.stat().st_mtime == BLOB_TIME


def test_files_of_nearby_sizes_get_the_same_size_on_disk(vault: Vault) -> None:
    sizes = {(vault.evidence.directory / store_of(vault).evidence.get(
        add_evidence(vault, os.urandom(n))).blob_id).stat().st_size
        for n in (2_000_000, 2_010_000, 2_030_000)}
    assert len(sizes) == 1


def test_padding_buckets_are_monotonic_and_within_three_percent() -> None:
    previous = 0
    for n in [1, 1000, PAD_FLOOR, PAD_FLOOR + 1, 10**6, 10**7 + 3, 3 * 10**8, 10**9 + 7]:
        bucket = padded_size(n)
        assert bucket >= max(n, PAD_FLOOR) and bucket >= previous
        assert bucket <= max(n, PAD_FLOOR) * 1.032
        assert padded_size(bucket) == bucket
        previous = bucket
