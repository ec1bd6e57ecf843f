"""Evidence blobs: exact round trips, and every kind of tampering with the ciphertext is caught."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from amparo.model.errors import InvalidInput, NotFound
from amparo.store.blob_store import BlobStore, EvidenceTampered
from amparo.store.engine import sqlcipher_engine
from amparo.store.migrate import upgrade

CHUNK = 4096
HEADER = 4 + 1 + 4 + 8  # magic, version, chunk size, nonce prefix: no key in the file
SEALED = CHUNK + 16


@pytest.fixture
def engine(tmp_path: Path) -> sa.Engine:
    eng = sqlcipher_engine(tmp_path / "vault.db", os.urandom(32))
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def store(tmp_path: Path, engine: sa.Engine) -> BlobStore:
    return BlobStore(tmp_path, os.urandom(32), engine, chunk_size=CHUNK)


def blob_file(store: BlobStore, blob_id: str) -> Path:
    return store.directory / blob_id


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3_000_017])
def test_round_trip_keeps_every_byte(store: BlobStore, tmp_path: Path, size: int) -> None:
    data = os.urandom(size)
    stored = store.put(io.BytesIO(data))
    assert stored.size == size
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert b"".join(store.open(stored.blob_id)) == data
    assert store.verify(stored.blob_id, stored.sha256)
    exported = store.export(stored.blob_id, tmp_path / "out.bin")
    assert (tmp_path / "out.bin").read_bytes() == data
    assert exported == stored


def test_put_from_path_and_given_id(store: BlobStore, tmp_path: Path) -> None:
    src = tmp_path / "scan.pdf"
    src.write_bytes(b"%PDF-1.7 pretend")
    stored = store.put(src, blob_id="ev-0001-abcd")
    assert stored.blob_id == "ev-0001-abcd"
    assert store.blob_ids() == ["ev-0001-abcd"]
    with pytest.raises(InvalidInput):
        store.put(src, blob_id="ev-0001-abcd")
    with pytest.raises(InvalidInput):
        store.put(src, blob_id="../../etc/passwd")


def test_blob_is_not_plaintext_and_differs_each_time(store: BlobStore) -> None:
    data = b"the same evidence " * 1000
    a, b = store.put(io.BytesIO(data)), store.put(io.BytesIO(data))
    raw_a, raw_b = blob_file(store, a.blob_id).read_bytes(), blob_file(store, b.blob_id).read_bytes()
    assert b"the same evidence" not in raw_a
    assert raw_a[HEADER:] != raw_b[HEADER:]


def test_verify_reports_wrong_hash(store: BlobStore) -> None:
    stored = store.put(io.BytesIO(b"abc"))
    assert not store.verify(stored.blob_id, hashlib.sha256(b"abd").hexdigest())


# Three chunks, the last one short: the sealed part of the file ends here, padding follows.
SEALED_SIZE = HEADER + 2 * SEALED + 100 + 16


def tamper_cases():
    def flip(raw: bytes) -> bytes:
        i = HEADER + SEALED + 10  # a byte inside the second chunk
        return raw[:i] + bytes([raw[i] ^ 1]) + raw[i + 1 :]

    def flip_header(raw: bytes) -> bytes:
        return raw[:6] + bytes([raw[6] ^ 1]) + raw[7:]  # chunk size field

    def truncate_mid_chunk(raw: bytes) -> bytes:
        return raw[: SEALED_SIZE - 7]

    def drop_last_chunk(raw: bytes) -> bytes:
        return raw[: HEADER + 2 * SEALED]  # ends cleanly on a chunk boundary

    def reorder(raw: bytes) -> bytes:
        c0 = raw[HEADER : HEADER + SEALED]
        c1 = raw[HEADER + SEALED : HEADER + 2 * SEALED]
        return raw[:HEADER] + c1 + c0 + raw[HEADER + 2 * SEALED :]

    def final_chunk_replaced(raw: bytes) -> bytes:
        # The final chunk's bytes taken from the start of chunk 0: same length, wrong content.
        return raw[: HEADER + 2 * SEALED] + raw[HEADER : HEADER + 116] + raw[SEALED_SIZE:]

    return [flip, flip_header, truncate_mid_chunk, drop_last_chunk, reorder, final_chunk_replaced]


@pytest.mark.parametrize("tamper", tamper_cases(), ids=lambda f: f.__name__)
def test_tampering_is_detected(store: BlobStore, tmp_path: Path, tamper) -> None:
    data = os.urandom(2 * CHUNK + 100)  # three chunks, the last one short
    stored = store.put(io.BytesIO(data))
    path = blob_file(store, stored.blob_id)
    path.write_bytes(tamper(path.read_bytes()))
    with pytest.raises(EvidenceTampered):
        b"".join(store.open(stored.blob_id))
    assert not store.verify(stored.blob_id, stored.sha256)
    with pytest.raises(EvidenceTampered):
        store.export(stored.blob_id, tmp_path / "out.bin")
    assert not (tmp_path / "out.bin").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_chunks_swapped_between_blobs_or_blob_renamed_are_detected(store: BlobStore) -> None:
    a = store.put(io.BytesIO(os.urandom(2 * CHUNK)))
    b = store.put(io.BytesIO(os.urandom(2 * CHUNK)))
    raw_a, raw_b = blob_file(store, a.blob_id).read_bytes(), blob_file(store, b.blob_id).read_bytes()
    blob_file(store, a.blob_id).write_bytes(raw_a[: HEADER + SEALED] + raw_b[HEADER + SEALED :])
    assert not store.verify(a.blob_id, a.sha256)
    # The whole of b under a's id: the key wrap is bound to the id.
    blob_file(store, a.blob_id).write_bytes(raw_b)
    assert not store.verify(a.blob_id, b.sha256)


def test_bytes_after_the_sealed_part_are_padding_and_change_nothing(store: BlobStore) -> None:
    data = os.urandom(2 * CHUNK + 100)
    stored = store.put(io.BytesIO(data))
    path = blob_file(store, stored.blob_id)
    path.write_bytes(path.read_bytes() + os.urandom(5000))
    assert b"".join(store.open(stored.blob_id)) == data


def test_other_vaults_key_cannot_open(store: BlobStore, tmp_path: Path, engine: sa.Engine) -> None:
    stored = store.put(io.BytesIO(b"secret"))
    other = BlobStore(tmp_path, os.urandom(32), engine, chunk_size=CHUNK)
    with pytest.raises(EvidenceTampered):
        list(other.open(stored.blob_id))


def test_export_refuses_to_overwrite_unless_forced(store: BlobStore, tmp_path: Path) -> None:
    stored = store.put(io.BytesIO(b"new"))
    dest = tmp_path / "existing.txt"
    dest.write_bytes(b"old")
    with pytest.raises(InvalidInput):
        store.export(stored.blob_id, dest)
    assert dest.read_bytes() == b"old"
    store.export(stored.blob_id, dest, force=True)
    assert dest.read_bytes() == b"new"


def test_delete_removes_and_missing_is_not_found(store: BlobStore) -> None:
    stored = store.put(io.BytesIO(b"x"))
    store.delete(stored.blob_id)
    assert store.blob_ids() == []
    with pytest.raises(NotFound):
        store.open(stored.blob_id)
    with pytest.raises(NotFound):
        store.delete(stored.blob_id)


def test_locked_store_refuses(store: BlobStore) -> None:
    stored = store.put(io.BytesIO(b"x"))
    store.forget_key()
    with pytest.raises(Exception, match="locked"):
        store.open(stored.blob_id)


def test_short_reads_from_a_pipe_are_handled(store: BlobStore) -> None:
    class Trickle(io.RawIOBase):
        def __init__(self, data: bytes):
            self.data = data

        def readable(self) -> bool:
            return True

        def read(self, n: int = -1) -> bytes:
            out, self.data = self.data[: min(n, 1000)], self.data[min(n, 1000) :]
            return out

    data = os.urandom(3 * CHUNK + 5)
    stored = store.put(Trickle(data))  # type: ignore[arg-type]
    assert b"".join(store.open(stored.blob_id)) == data
