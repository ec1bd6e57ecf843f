"""The evidence blob file: streaming AES-256-GCM, padded to a size bucket, with no key inside.

Format 2 (every blob written since migration 0004)::

    magic "AMPB" | version 2 | chunk size (u32) | nonce prefix (8 random bytes)
    | chunk 0 | chunk 1 | ... | final chunk | padding

Each chunk is AES-256-GCM under the blob's own random key with nonce = prefix || chunk index
(u32), and associated data binding the blob id, the chunk index and a final-chunk flag (the
STREAM construction of Hoang et al., 2015): a flipped byte, reordered or swapped chunks, a
blob renamed to another id, a truncated file or a dropped final chunk all fail to decrypt.

The blob's key is not in the file. It is wrapped by the vault's evidence key and kept in the
database (``blob_keys.py``) with the *sealed size* (where the padding starts); the wrap's
associated data binds the header, the blob id and the sealed size. So:

- a file that no committed row names is noise: a crash before the commit leaves nothing
  that the vault key decrypts (the key of a temporary file only ever existed in memory);
- deleting the row is a crypto-shred of the file, whatever then happens to the file.

Padding hides each file's exact size (``padded_size``): a seized folder otherwise lists the
size of every photo, recording and scan, which can be enough to match a file someone
already holds. The padding is a ChaCha20 keystream under a key drawn for it and dropped,
so it cannot be told from the ciphertext before it.

Format 1 (before 0004) had the wrapped key in the file, after the prefix. Such blobs are
converted in place at the first open (``blob_upkeep.py``): the wrapped key moves into
the database, its copy in the file is overwritten, and the file is padded. Their chunks are
kept: this module still reads that layout.
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from amparo.model.errors import AmparoError
from amparo.store.keys import KEY_BYTES
from amparo.store.secret import SecretKey

DEFAULT_CHUNK = 1024 * 1024
MIN_CHUNK, MAX_CHUNK = 16, 16 * 1024 * 1024
FORMAT = 2
LEGACY_FORMAT = 1

MAGIC = b"AMPB"
HEAD = struct.Struct(">4sBI8s")  # magic, version, chunk size, nonce prefix
WRAPPED_KEY_BYTES = 12 + KEY_BYTES + 16  # nonce, key, tag
#: format 1 kept the wrapped key in the file, right after the head
LEGACY_HEADER = HEAD.size + WRAPPED_KEY_BYTES
TAG = 16

#: Below this every blob is padded to this size: a one-page statement, a short voice note
#: and a thumbnail all look alike.
PAD_FLOOR = 64 * 1024
_PAD_PIECE = 1024 * 1024


class EvidenceTampered(AmparoError):
    """An evidence blob failed authentication: altered, truncated or not from this vault."""

    exit_code = 2


class SourceUnreadable(OSError):
    """Reading the evidence being added failed: the input, not the vault (an OSError still,
    so callers that report unreadable input keep doing so)."""


@dataclass(frozen=True, slots=True)
class BlobKey:
    """A blob's database row: its wrapped key and where its ciphertext ends."""

    blob_id: str
    format: int
    head: bytes
    wrapped_key: bytes
    sealed_size: int


@dataclass(frozen=True, slots=True)
class Sealed:
    """What ``seal`` wrote: the plaintext's hash and size, and the sealed size."""

    sha256: str
    size: int
    sealed_size: int
    head: bytes


def padded_size(sealed: int) -> int:
    """The file size a blob of ``sealed`` bytes is padded to (Padmé, with a 64 KiB floor).

    Padmé (Nikitin et al., "Reducing Metadata Leakage from Encrypted Files and
    Communication with PURBs", PETS 2019) rounds a length L to a multiple of 2^(E-S), where
    E = floor(log2 L) and S = floor(log2 E) + 1, leaking O(log log L) bits of the size.
    Above the 64 KiB floor (E >= 16, so S >= 5) that is at most 2^-5 = 3.1 % more bytes,
    in steps of 2 KiB at 64 KiB, 1 MiB at 32 MiB, 32 MiB at 1 GiB. Powers of two leak less
    but cost up to 100 % (a 600 MB video takes 1 GiB); fixed 1 MiB steps cost little on
    large files but leave them measurable to the megabyte. ``bench/evidence.py`` measures
    all three.
    """
    n = max(sealed, PAD_FLOOR)
    e = n.bit_length() - 1
    s = e.bit_length()
    mask = (1 << (e - s)) - 1
    return (n + mask) & ~mask


def new_head(chunk_size: int) -> bytes:
    """A format-2 head with a fresh nonce prefix."""
    return HEAD.pack(MAGIC, FORMAT, chunk_size, secrets.token_bytes(8))


def key_aad(fmt: int, head: bytes, blob_id: str, sealed_size: int) -> bytes:
    """Associated data of a blob key's wrap (format 1 kept its original one)."""
    bid = blob_id.encode("ascii")
    if fmt == LEGACY_FORMAT:
        return b"amparo blob key v1" + head + bytes([len(bid)]) + bid
    return b"amparo blob key v2" + head + bytes([len(bid)]) + bid + struct.pack(">Q", sealed_size)


def seal(src: BinaryIO, fd: int, blob_id: str, file_key: SecretKey, head: bytes) -> Sealed:
    """Encrypt ``src`` into the open file ``fd`` (head, chunks, padding); return what was sealed.

    OSError from writing propagates as is (the caller turns it into a vault error); OSError
    from reading ``src`` is wrapped in ``SourceUnreadable`` so the two are never confused.
    Two read buffers and one output buffer are reused for every chunk: memory stays flat
    and no chunk is allocated (and page-faulted) anew.
    """
    _, _, chunk_size, prefix = HEAD.unpack(head)
    cipher = AESGCM(file_key.buffer)
    digest = hashlib.sha256()
    current, following = bytearray(chunk_size), bytearray(chunk_size)
    sealed_buf = bytearray(chunk_size + TAG)
    write_all(fd, head)
    size, sealed_size, index = 0, len(head), 0
    filled = _fill(src, current)
    while True:
        # One chunk ahead, so the last chunk is known to be last when it is sealed.
        ahead = _fill(src, following) if filled == chunk_size else 0
        final = ahead == 0
        plain = memoryview(current)[:filled]
        digest.update(plain)
        size += filled
        out = memoryview(sealed_buf)[:filled + TAG]
        cipher.encrypt_into(_nonce(prefix, index), plain, _chunk_aad(blob_id, index, final), out)
        write_all(fd, out)
        sealed_size += filled + TAG
        if final:
            break
        current, following, filled = following, current, ahead
        index += 1
        if index >= 2**32:
            raise ValueError("evidence file too large for one blob")
    write_padding(fd, padded_size(sealed_size) - sealed_size)
    return Sealed(digest.hexdigest(), size, sealed_size, head)


def unseal(f: BinaryIO, row: BlobKey, file_key: SecretKey) -> Iterator[bytes]:
    """Yield the plaintext of an open blob file chunk by chunk, each authenticated first.

    Raises EvidenceTampered when a chunk fails, which for a truncated blob happens only at
    the end: a consumer must not treat what it got as complete until the iterator ends.
    """
    _, _, chunk_size, prefix = HEAD.unpack(read_head(f, row))
    if row.format == LEGACY_FORMAT:
        f.seek(LEGACY_HEADER)  # the old in-file key, overwritten at conversion
    cipher = AESGCM(file_key.buffer)
    remaining = row.sealed_size - f.tell()
    seen_final = False
    index = 0
    sealed_buf = bytearray(chunk_size + TAG)  # reused: one read buffer for every chunk
    while remaining > 0 and not seen_final:
        view = memoryview(sealed_buf)[:min(chunk_size + TAG, remaining)]
        got = _fill(f, view)
        if got < TAG:
            break
        sealed_chunk = view[:got]
        remaining -= got
        final = remaining == 0
        try:
            plain = cipher.decrypt(_nonce(prefix, index), sealed_chunk, _chunk_aad(row.blob_id, index, final))
        except InvalidTag:
            raise EvidenceTampered(
                f"evidence file {row.blob_id} failed authentication at chunk {index}") from None
        seen_final = final
        index += 1
        yield plain
    if not seen_final:
        raise EvidenceTampered(f"evidence file {row.blob_id} is truncated")


def read_head(f: BinaryIO, row: BlobKey) -> bytes:
    """The blob's head, checked against the format and chunk limits its row expects."""
    head = f.read(HEAD.size)
    if len(head) < HEAD.size:
        raise EvidenceTampered(f"evidence file {row.blob_id} is truncated")
    magic, version, chunk_size, _ = HEAD.unpack(head)
    if magic != MAGIC or version != row.format or not MIN_CHUNK <= chunk_size <= MAX_CHUNK:
        raise EvidenceTampered(f"evidence file {row.blob_id} has an unknown header")
    if head != row.head:
        raise EvidenceTampered(f"evidence file {row.blob_id} failed authentication (header)")
    return head


def unwrap_file_key(evidence_key: SecretKey, row: BlobKey) -> SecretKey:
    """The blob's own key, unwrapped by the vault's evidence key; EvidenceTampered if it fails."""
    out = SecretKey(KEY_BYTES)
    aad = key_aad(row.format, row.head, row.blob_id, row.sealed_size)
    try:
        AESGCM(evidence_key.buffer).decrypt_into(row.wrapped_key[:12], row.wrapped_key[12:], aad, out.buffer)
    except (InvalidTag, ValueError):
        out.wipe()
        raise EvidenceTampered(f"evidence file {row.blob_id} failed authentication (header)") from None
    return out


def wrap_file_key(evidence_key: SecretKey, file_key: SecretKey, row: BlobKey) -> BlobKey:
    """``row`` with ``file_key`` wrapped by the evidence key, bound to its head, id and size."""
    nonce = secrets.token_bytes(12)
    aad = key_aad(row.format, row.head, row.blob_id, row.sealed_size)
    wrapped = nonce + AESGCM(evidence_key.buffer).encrypt(nonce, file_key.buffer, aad)
    return BlobKey(row.blob_id, row.format, row.head, wrapped, row.sealed_size)


def rewrap(row: BlobKey, old_key: SecretKey, new_key: SecretKey) -> BlobKey:
    """``row`` with its blob key rewrapped from ``old_key`` to ``new_key`` (a full rekey)."""
    file_key = unwrap_file_key(old_key, row)
    try:
        return wrap_file_key(new_key, file_key, row)
    finally:
        file_key.wipe()


def write_all(fd: int, data: bytes | bytearray | memoryview) -> None:
    """``os.write`` until every byte is written (a write may be short)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_padding(fd: int, count: int) -> None:
    """Append ``count`` bytes that look like ciphertext (a throwaway ChaCha20 keystream)."""
    if count <= 0:
        return
    pad = Cipher(algorithms.ChaCha20(os.urandom(32), os.urandom(16)), mode=None).encryptor()
    zeros = bytes(min(count, _PAD_PIECE))
    while count > 0:
        piece = min(count, len(zeros))
        write_all(fd, pad.update(zeros[:piece]))
        count -= piece


def _fill(src: BinaryIO, buf: bytearray | memoryview) -> int:
    """Read into ``buf`` until it is full or the stream ends; return the bytes read.

    Pipes, sockets and uploads may return short reads before the end. Streams without
    ``readinto`` (an upload reader) are read with ``read``.
    """
    view = memoryview(buf)
    got = 0
    readinto = getattr(src, "readinto", None)
    try:
        while got < len(buf):
            n = None
            if readinto is not None:
                try:
                    n = readinto(view[got:])
                except (NotImplementedError, io.UnsupportedOperation):
                    readinto = None  # a raw stream that only implements read()
            if readinto is None:
                data = src.read(len(buf) - got)
                n = len(data) if data else 0
                view[got:got + n] = data or b""
            if not n:
                break
            got += n
    except SourceUnreadable:
        raise
    except OSError as exc:
        raise SourceUnreadable(exc.errno, exc.strerror) from None
    return got


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + index.to_bytes(4, "big")


def _chunk_aad(blob_id: str, index: int, final: bool) -> bytes:
    bid = blob_id.encode("ascii")
    return b"amparo blob chunk v1" + bytes([len(bid)]) + bid + struct.pack(">QB", index, final)
