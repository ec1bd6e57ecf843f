"""The encrypted stream a backup file is made of: AES-256-GCM chunks, truncation-proof.

    "AMPARO-BACKUP\\n"  u32 length  preamble (JSON, ASCII)  frame 0  frame 1 … frame n

The preamble is in clear because it is what unlocks the rest: the vault's header as it
was when the backup was made (salt, Argon2id cost, the vault key wrapped under the
passphrase and, if one was made, under the recovery code), the chunk size and a random
salt. It holds no case data and no date.

Each frame is one chunk of plaintext (``chunk_size`` bytes, the last one shorter or
empty) sealed with AES-256-GCM under the *backup key*: HKDF-SHA256 of the vault key with
the backup's salt. The nonce is the chunk's number, with a last-chunk flag in its final
byte (the STREAM construction), and every frame's associated data is the SHA-256 of the
magic and the preamble. So a frame moved, dropped, repeated, altered or taken from another
backup fails to authenticate; a file cut after any frame lacks the flagged last one; and a
preamble altered to point at another header fails at the first frame.
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct
from collections.abc import Iterator
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from amparo.model.errors import AmparoError, Message
from amparo.store.keys import KEY_BYTES
from amparo.store.secret import SecretKey

MAGIC = b"AMPARO-BACKUP\n"
CHUNK_SIZE = 1024 * 1024
TAG_BYTES = 16
_MAX_PREAMBLE = 64 * 1024
_INFO = b"amparo backup v1"


class BackupDamaged(AmparoError):
    """The backup file is not whole: altered, cut short, or not an Amparo backup."""

    exit_code = 2


def backup_key(vault_key: SecretKey, salt: bytes) -> SecretKey:
    """The key one backup is sealed under: HKDF-SHA256 of the vault key and the backup's salt."""
    out = SecretKey(KEY_BYTES)
    HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=_INFO).derive_into(
        vault_key.buffer, out.buffer)
    return out


def write_preamble(out: BinaryIO, preamble: dict[str, Any]) -> bytes:
    """Write the magic and the preamble; return the associated data of every frame."""
    raw = json.dumps(preamble, sort_keys=True, separators=(",", ":")).encode("ascii")
    head = MAGIC + struct.pack(">I", len(raw)) + raw
    out.write(head)
    return hashlib.sha256(head).digest()


def read_preamble(src: BinaryIO) -> tuple[dict[str, Any], bytes]:
    """The preamble and the frames' associated data; BackupDamaged when it is not one."""
    magic = src.read(len(MAGIC))
    if magic != MAGIC:
        raise BackupDamaged("this file is not an Amparo backup")
    size_bytes = src.read(4)
    if len(size_bytes) != 4:
        raise BackupDamaged("the backup file is cut short")
    (size,) = struct.unpack(">I", size_bytes)
    if size > _MAX_PREAMBLE:
        raise BackupDamaged("the backup file's preamble is damaged")
    raw = src.read(size)
    if len(raw) != size:
        raise BackupDamaged("the backup file is cut short")
    try:
        preamble = json.loads(raw.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        raise BackupDamaged("the backup file's preamble is damaged") from None
    if not isinstance(preamble, dict):
        raise BackupDamaged("the backup file's preamble is damaged")
    return preamble, hashlib.sha256(magic + size_bytes + raw).digest()


def _nonce(index: int, last: bool) -> bytes:
    return struct.pack(">Q", index) + b"\0\0\0" + (b"\1" if last else b"\0")


class SealedWriter:
    """Writes plaintext as sealed frames; ``close`` seals the flagged last one.

    The plaintext waits in one chunk-sized buffer and is sealed into another, both made
    once: a 1 GB backup allocates no per-chunk objects, and ``write_from`` reads a file
    straight into the waiting chunk (no copy between the read and the seal).
    """

    def __init__(self, out: BinaryIO, key: SecretKey, aad: bytes, chunk_size: int = CHUNK_SIZE):
        self._out = out
        self._aead = AESGCM(key.buffer)
        self._aad = aad
        self._chunk = chunk_size
        self._plain = memoryview(bytearray(chunk_size))
        self._fill = 0
        self._frame = memoryview(bytearray(chunk_size + TAG_BYTES))
        self._index = 0
        #: bytes of plaintext written so far
        self.size = 0

    def write(self, data: bytes | bytearray | memoryview) -> None:
        """Add plaintext; full chunks are sealed and written at once (no copy when aligned)."""
        view = memoryview(data).cast("B")
        self.size += len(view)
        while view:
            # A full buffer is sealed only once more data comes: it may be the last chunk,
            # which close() seals with the flag.
            if self._fill == self._chunk:
                self._seal(self._plain, last=False)
                self._fill = 0
            if self._fill == 0 and len(view) > self._chunk:
                self._seal(view[: self._chunk], last=False)
                view = view[self._chunk:]
                continue
            n = min(self._chunk - self._fill, len(view))
            self._plain[self._fill:self._fill + n] = view[:n]
            self._fill += n
            view = view[n:]

    def write_from(self, src: BinaryIO, size: int, digest: Any) -> int:
        """Add up to ``size`` bytes read from ``src`` (each also fed to ``digest``); bytes read.

        Fewer than ``size`` only when ``src`` ends first.
        """
        left = size
        while left:
            if self._fill == self._chunk:
                self._seal(self._plain, last=False)
                self._fill = 0
            room = self._plain[self._fill:self._fill + min(self._chunk - self._fill, left)]
            got = src.readinto(room)  # type: ignore[attr-defined]
            if not got:
                break
            digest.update(room[:got])
            self._fill += got
            self.size += got
            left -= got
        return size - left

    def _seal(self, piece: bytes | bytearray | memoryview, *, last: bool) -> None:
        frame = self._frame[: len(piece) + TAG_BYTES]
        self._aead.encrypt_into(_nonce(self._index, last), piece, self._aad, frame)
        self._out.write(frame)
        self._index += 1

    def close(self) -> None:
        """Seal what is left as the last frame (possibly empty)."""
        self._seal(self._plain[: self._fill], last=True)
        self._fill = 0


def open_sealed(src: BinaryIO, key: SecretKey, aad: bytes, chunk_size: int) -> Iterator[bytes]:
    """Yield the plaintext chunk by chunk, each authenticated before it is yielded.

    Raises BackupDamaged at the first frame that fails, and at the end when the flagged
    last frame is missing (a cut file): what was yielded is whole only once this ends.
    """
    aead = AESGCM(key.buffer)
    frame_size = chunk_size + TAG_BYTES
    index = 0
    frame = src.read(frame_size)
    while True:
        if len(frame) < TAG_BYTES:
            raise BackupDamaged("the backup file is cut short")
        following = src.read(frame_size) if len(frame) == frame_size else b""
        last = not following
        try:
            plain = aead.decrypt(_nonce(index, last), frame, aad)
        except InvalidTag:
            if last:
                raise BackupDamaged("the backup file is cut short or its end was altered") from None
            raise BackupDamaged(f"the backup file was altered (at chunk {index})") from None
        yield plain
        if last:
            return
        frame, index = following, index + 1


class PlainReader:
    """``read(n)`` over the authenticated chunks of ``open_sealed``, without copying them.

    The current chunk is kept as a view and a position: ``read_upto`` hands out views of
    it (no copy at all, for the large entries), ``read`` copies only the few bytes asked.
    """

    def __init__(self, chunks: Iterator[bytes]):
        self._chunks = chunks
        self._chunk = memoryview(b"")
        self._pos = 0
        self._done = False

    def _next(self) -> bool:
        """Move to the next chunk; False at the end of the stream."""
        if self._done:
            return False
        try:
            self._chunk = memoryview(next(self._chunks))
        except StopIteration:
            self._done = True
            self._chunk = memoryview(b"")
        self._pos = 0
        return not self._done

    def read(self, n: int) -> bytes:
        """Exactly ``n`` bytes; BackupDamaged when the stream ends before."""
        end = self._pos + n
        if end <= len(self._chunk):
            out = bytes(self._chunk[self._pos:end])
            self._pos = end
            return out
        parts = bytearray(self._chunk[self._pos:])
        self._pos = len(self._chunk)
        while len(parts) < n:
            if not self._next():
                raise BackupDamaged("the backup's content ends too early")
            take = min(n - len(parts), len(self._chunk))
            parts += self._chunk[:take]
            self._pos = take
        return bytes(parts)

    def read_upto(self, n: int) -> memoryview:
        """Up to ``n`` bytes (fewer at a chunk's end; none only at the end), as a view.

        The view is of an authenticated chunk that nothing writes to again.
        """
        while self._pos == len(self._chunk) and self._next():
            pass
        out = self._chunk[self._pos:self._pos + n]
        self._pos += len(out)
        return out

    def at_end(self) -> bool:
        """True when no byte is left (the last frame has authenticated)."""
        while self._pos == len(self._chunk) and self._next():
            pass
        return self._pos == len(self._chunk)


def open_backup(src: BinaryIO, preamble: dict[str, Any], aad: bytes, master_key: SecretKey
                ) -> tuple[PlainReader, SecretKey]:
    """The authenticated plaintext after the preamble, and its key (the caller wipes it).

    ``master_key`` is the vault key or the organisation key, from which the backup's own
    key is derived with the preamble's salt. BackupDamaged for a chunk size no backup has.
    """
    chunk = int(preamble["chunk_size"])
    if not 4096 <= chunk <= 16 * CHUNK_SIZE:
        raise BackupDamaged(Message("the backup file's preamble is damaged"))
    key = backup_key(master_key, base64.b64decode(preamble["salt"]))
    return PlainReader(open_sealed(src, key, aad, chunk)), key


def read_manifest(reader: PlainReader) -> dict[str, Any]:
    """The manifest document that follows its ``M`` mark (length-prefixed JSON)."""
    (length,) = struct.unpack(">I", reader.read(4))
    try:
        return json.loads(reader.read(length).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BackupDamaged(Message("the backup's manifest is damaged")) from None
