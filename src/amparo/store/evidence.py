"""Evidence files, stored encrypted in the vault with streaming authenticated encryption.

Each blob is one file ``<vault>/blobs/<blob_id>`` (the id is random and says nothing about the
content). Layout::

    magic "AMPB" | version (1 byte) | chunk size (u32) | nonce prefix (8 random bytes)
    | wrapped file key (12-byte nonce + AES-GCM(evidence key, 32-byte random file key))
    | chunk 0 | chunk 1 | ... | final chunk

Each chunk is AES-256-GCM under the blob's own file key with nonce = prefix || chunk index
(u32), and associated data binding the blob id, the chunk index and a final-chunk flag (the
STREAM construction of Hoang et al., 2015). So a flipped byte, reordered or swapped chunks,
a blob renamed to another id, a truncated file or a dropped final chunk all fail to decrypt.
The key wrap's associated data covers the header and the blob id, so a header edit fails too.
A blob always has a final chunk, possibly empty: an empty file still authenticates.

Memory stays flat: at most two chunks (1 MiB each by default) are held at a time.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from amparo.model.errors import AmparoError, InvalidInput, NotFound, Problem
from amparo.store.keys import KEY_BYTES, fsync_dir

BLOBS_DIR = "blobs"
DEFAULT_CHUNK = 1024 * 1024
MIN_CHUNK, MAX_CHUNK = 16, 16 * 1024 * 1024

_MAGIC = b"AMPB"
_VERSION = 1
_PREFIX = struct.Struct(">4sBI8s")  # magic, version, chunk size, nonce prefix
_WRAPPED = 12 + KEY_BYTES + 16
_HEADER = _PREFIX.size + _WRAPPED
_TAG = 16
_BLOB_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")


class EvidenceTampered(AmparoError):
    """An evidence blob failed authentication: altered, truncated or not from this vault."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class StoredBlob:
    """What a stored (or exported) evidence file is, for the chain of custody."""

    blob_id: str
    sha256: str  # hex digest of the plaintext
    size: int  # bytes of plaintext


class EvidenceStore:
    """Encrypted evidence blobs under ``<vault_dir>/blobs``, keyed by the vault's evidence key."""

    def __init__(self, vault_dir: Path, key: bytes, *, chunk_size: int = DEFAULT_CHUNK):
        if len(key) != KEY_BYTES:
            raise ValueError("evidence key must be 32 bytes")
        if not MIN_CHUNK <= chunk_size <= MAX_CHUNK:
            raise ValueError(f"chunk_size must be between {MIN_CHUNK} and {MAX_CHUNK}")
        self.directory = Path(vault_dir) / BLOBS_DIR
        self.chunk_size = chunk_size
        self._wrap: AESGCM | None = AESGCM(key)

    def forget_key(self) -> None:
        """Drop the key (on lock); every later call raises."""
        self._wrap = None

    def put(self, src: BinaryIO | Path, *, blob_id: str | None = None) -> StoredBlob:
        """Encrypt ``src`` (a path or a binary stream) into a new blob; return its id, hash, size.

        Written to a temporary name and renamed, so a crash never leaves a half blob under a
        real id. An existing ``blob_id`` is refused.
        """
        blob_id = blob_id or secrets.token_hex(16)
        target = self._path(blob_id)
        if target.exists():
            raise InvalidInput(Problem("blob_id", "already names a stored evidence file"))
        self.directory.mkdir(mode=0o700, exist_ok=True)
        if isinstance(src, Path):
            with src.open("rb") as f:
                return self.put(f, blob_id=blob_id)

        file_key = AESGCM.generate_key(256)
        prefix = secrets.token_bytes(8)
        head = _PREFIX.pack(_MAGIC, _VERSION, self.chunk_size, prefix)
        nonce = secrets.token_bytes(12)
        wrapped = nonce + self._wrapper().encrypt(nonce, file_key, _key_aad(head, blob_id))
        cipher = AESGCM(file_key)
        digest = hashlib.sha256()
        size = 0
        tmp = self.directory / f".{blob_id}.{secrets.token_hex(4)}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(head + wrapped)
                for index, chunk, final in _chunks(src, self.chunk_size):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(
                        cipher.encrypt(
                            _nonce(prefix, index), chunk, _chunk_aad(blob_id, index, final)
                        )
                    )
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        fsync_dir(self.directory)
        return StoredBlob(blob_id, digest.hexdigest(), size)

    def open(self, blob_id: str) -> Iterator[bytes]:
        """Yield the plaintext of a blob chunk by chunk, each chunk authenticated first.

        Raises EvidenceTampered when a chunk fails, which for a truncated blob happens only at
        the end: a consumer must not treat what it got as complete until the iterator ends.
        """
        path = self._path(blob_id)
        if not path.is_file():
            raise NotFound(f"no evidence file {blob_id}")
        wrap = self._wrapper()
        return self._decrypt(path, blob_id, wrap)

    def export(self, blob_id: str, dest: Path, *, force: bool = False) -> StoredBlob:
        """Decrypt a blob to ``dest``; refuse an existing ``dest`` unless ``force``.

        Plaintext goes to a temporary sibling of ``dest`` that is renamed only once every
        chunk has authenticated, so a tampered blob never yields a file at ``dest``.
        """
        dest = Path(dest)
        if dest.exists() and not force:
            raise InvalidInput(Problem("dest", "already exists; choose force to overwrite it"))
        chunks = self.open(blob_id)
        digest = hashlib.sha256()
        size = 0
        tmp = dest.with_name(f".{dest.name}.{secrets.token_hex(4)}.part")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, dest)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return StoredBlob(blob_id, digest.hexdigest(), size)

    def verify(self, blob_id: str, expected_sha256: str) -> bool:
        """True when the blob authenticates and its plaintext hashes to ``expected_sha256``."""
        digest = hashlib.sha256()
        try:
            for chunk in self.open(blob_id):
                digest.update(chunk)
        except EvidenceTampered:
            return False
        return secrets.compare_digest(digest.hexdigest(), expected_sha256.lower())

    def delete(self, blob_id: str) -> None:
        """Remove a blob. Its wrapped file key is overwritten first, so a copy of the file
        recovered from the disk afterwards cannot be decrypted even with the vault's key."""
        path = self._path(blob_id)
        if not path.is_file():
            raise NotFound(f"no evidence file {blob_id}")
        with path.open("r+b") as f:
            f.write(secrets.token_bytes(min(_HEADER, path.stat().st_size)))
            f.flush()
            os.fsync(f.fileno())
        path.unlink()
        fsync_dir(self.directory)

    def blob_ids(self) -> list[str]:
        """The ids of every stored blob (temporary files left by a crash are not listed)."""
        if not self.directory.is_dir():
            return []
        return sorted(
            p.name for p in self.directory.iterdir() if p.is_file() and _BLOB_ID.fullmatch(p.name)
        )

    def _decrypt(self, path: Path, blob_id: str, wrap: AESGCM) -> Iterator[bytes]:
        with path.open("rb") as f:
            raw = f.read(_HEADER)
            if len(raw) < _HEADER:
                raise EvidenceTampered(f"evidence file {blob_id} is truncated")
            head, wrapped = raw[: _PREFIX.size], raw[_PREFIX.size :]
            magic, version, chunk_size, prefix = _PREFIX.unpack(head)
            if magic != _MAGIC or version != _VERSION or not MIN_CHUNK <= chunk_size <= MAX_CHUNK:
                raise EvidenceTampered(f"evidence file {blob_id} has an unknown header")
            try:
                file_key = wrap.decrypt(wrapped[:12], wrapped[12:], _key_aad(head, blob_id))
            except InvalidTag:
                raise EvidenceTampered(
                    f"evidence file {blob_id} failed authentication (header)"
                ) from None
            cipher = AESGCM(file_key)
            seen_final = False
            for index, sealed, final in _chunks(f, chunk_size + _TAG):
                if len(sealed) < _TAG:
                    break
                try:
                    plain = cipher.decrypt(
                        _nonce(prefix, index), sealed, _chunk_aad(blob_id, index, final)
                    )
                except InvalidTag:
                    raise EvidenceTampered(
                        f"evidence file {blob_id} failed authentication at chunk {index}"
                    ) from None
                seen_final = final
                yield plain
            if not seen_final:
                raise EvidenceTampered(f"evidence file {blob_id} is truncated")

    def _wrapper(self) -> AESGCM:
        if self._wrap is None:
            raise AmparoError("the vault is locked")
        return self._wrap

    def _path(self, blob_id: str) -> Path:
        # Ids become file names: only a plain token, never a path or anything from the case.
        if not isinstance(blob_id, str) or not _BLOB_ID.fullmatch(blob_id):
            raise InvalidInput(Problem("blob_id", "must be 8-64 letters, digits, '-' or '_'"))
        return self.directory / blob_id


def _chunks(src: BinaryIO, size: int) -> Iterator[tuple[int, bytes, bool]]:
    """Yield (index, data, is_final) reading ``size`` bytes at a time, one chunk ahead.

    There is always at least one chunk (an empty stream gives one empty final chunk).
    """
    current = _read_full(src, size)
    index = 0
    while True:
        if len(current) < size:
            yield index, current, True
            return
        following = _read_full(src, size)
        if not following:
            yield index, current, True
            return
        yield index, current, False
        current = following
        index += 1
        if index >= 2**32:
            raise ValueError("evidence file too large for one blob")


def _read_full(src: BinaryIO, size: int) -> bytes:
    data = src.read(size)
    if not data or len(data) == size:
        return data or b""
    # Pipes and sockets may return short reads before the end.
    parts = [data]
    got = len(data)
    while got < size:
        more = src.read(size - got)
        if not more:
            break
        parts.append(more)
        got += len(more)
    return b"".join(parts)


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + index.to_bytes(4, "big")


def _chunk_aad(blob_id: str, index: int, final: bool) -> bytes:
    bid = blob_id.encode("ascii")
    return b"amparo blob chunk v1" + bytes([len(bid)]) + bid + struct.pack(">QB", index, final)


def _key_aad(head: bytes, blob_id: str) -> bytes:
    bid = blob_id.encode("ascii")
    return b"amparo blob key v1" + head + bytes([len(bid)]) + bid
