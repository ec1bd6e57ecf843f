"""The sealed stream frame by frame: writes of any shape give the same frames back, each checked."""

from __future__ import annotations

import hashlib
import io
import os

import pytest

from amparo.store.backup_stream import TAG_BYTES, BackupDamaged, PlainReader, SealedWriter, open_sealed
from amparo.store.secret import SecretKey

CHUNK = 4096
AAD = b"associated data of this stream"


def _key() -> SecretKey:
    key = SecretKey(32)
    key.buffer[:] = bytes(range(32))
    return key


def _seal(parts: list[bytes], file_part: bytes = b"") -> bytes:
    out = io.BytesIO()
    writer = SealedWriter(out, _key(), AAD, CHUNK)
    for part in parts:
        writer.write(part)
    if file_part:
        digest = hashlib.sha256()
        assert writer.write_from(io.BytesIO(file_part), len(file_part), digest) == len(file_part)
        assert digest.digest() == hashlib.sha256(file_part).digest()
    writer.close()
    return out.getvalue()


def _plain(sealed: bytes) -> bytes:
    return b"".join(open_sealed(io.BytesIO(sealed), _key(), AAD, CHUNK))


# Sizes around the chunk: aligned, one short, one over, several chunks, a file after a header.
SHAPES = [[b""], [os.urandom(CHUNK)], [os.urandom(CHUNK - 1)], [os.urandom(CHUNK + 1)],
          [b"F\0\3abc", os.urandom(3 * CHUNK + 7), b"x" * 10, os.urandom(CHUNK)]]


@pytest.mark.parametrize("parts", SHAPES)
def test_what_is_written_in_any_pieces_comes_back_whole(parts: list[bytes]) -> None:
    data = b"".join(parts)
    sealed = _seal(parts)
    assert _plain(sealed) == data
    # Full chunks, then the flagged last one (a full chunk when the size is a multiple).
    assert len(sealed) == len(data) + TAG_BYTES * max(1, -(-len(data) // CHUNK))
    # The same key, nonces and frames however the writes were split.
    assert _seal([bytes([b]) for b in data[:50]] + [data[50:]]) == sealed


def test_a_file_read_straight_into_the_chunks_comes_back_whole() -> None:
    head, body = b"F header", os.urandom(5 * CHUNK + 123)
    assert _plain(_seal([head], body)) == head + body


def test_a_file_that_ends_early_is_reported_short() -> None:
    writer = SealedWriter(io.BytesIO(), _key(), AAD, CHUNK)
    assert writer.write_from(io.BytesIO(b"only this"), 100, hashlib.sha256()) == len(b"only this")


@pytest.mark.parametrize("offset", [0, CHUNK // 2, CHUNK + TAG_BYTES + 1, -1])
def test_a_flipped_byte_in_any_frame_stops_the_reader(offset: int) -> None:
    sealed = bytearray(_seal([os.urandom(3 * CHUNK + 5)]))
    sealed[offset] ^= 0x01
    with pytest.raises(BackupDamaged):
        _plain(bytes(sealed))


def test_the_reader_hands_out_exact_reads_and_views_across_chunks() -> None:
    data = os.urandom(3 * CHUNK + 11)
    reader = PlainReader(open_sealed(io.BytesIO(_seal([data])), _key(), AAD, CHUNK))
    got = bytearray(reader.read(CHUNK - 3))
    got += reader.read(10)  # across a frame's end
    while piece := reader.read_upto(1000):
        got += piece
    assert bytes(got) == data
    assert reader.at_end()
    with pytest.raises(BackupDamaged):
        reader.read(1)
