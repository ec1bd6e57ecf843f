"""Key material in memory: buffers that are wiped on lock, and as few copies as Python allows.

Threat: a memory image taken after the vault was locked (a laptop seized with Amparo still
running, a hibernation or swap file, a core dump, another process of the same user reading
``/proc/<pid>/mem``). Once locked, no key should be left to find.

CPython gives no guarantee of that (see ``bench/memory_after_lock.py`` for what is measured):
``bytes`` and ``str`` are immutable and copied freely, and freed memory is not cleared. So:

- keys live in ``SecretKey``: one ``bytearray`` per key, zeroed by ``wipe()`` on lock, with a
  ``repr`` that never shows the bytes (a traceback printing locals must not leak them);
- KDFs and key unwrapping write straight into those buffers (``derive_into``,
  ``decrypt_into``, Argon2 through its C API), so no immutable copy is ever made of them;
- the SQLCipher key reaches ``sqlite3_key`` from a ``bytearray`` (``hex_key_literal``) through
  ``Connection.set_key``: never through SQL text, which the driver's statement cache and
  SQLite's parser would copy and keep;
- ``scrub_freed_memory`` asks glibc to overwrite every block freed through ``malloc``
  (``mallopt(M_PERTURB)``): SQLite's decrypted pages and bound values, and Python's larger
  objects (a case's JSON), are then wiped as they are freed. SQLCipher's own
  ``cipher_memory_security`` does the same for SQLite only but also mlocks every
  allocation: measured 3x slower imports and 18x slower searches, so it stays off;
- ``release_freed_memory`` hands freed heap pages back to the kernel after lock.

What stays out of reach: small Python objects (up to 512 bytes: a name, a short string)
live in CPython's own allocator (pymalloc), which neither of the above sees, unless the
process was started with ``PYTHONMALLOC=malloc``; a ``str`` the caller holds (the
passphrase as typed) is the caller's; the kernel's pipe and terminal buffers; swap.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import secrets
import sys
from collections.abc import Iterator

_HEX = b"0123456789abcdef"


class SecretKey:
    """A key held in one mutable buffer, zeroed by ``wipe()``; unusable afterwards."""

    __slots__ = ("_buf",)

    def __init__(self, size_or_data: int | bytes | bytearray | memoryview):
        if isinstance(size_or_data, int):
            self._buf: bytearray | None = bytearray(size_or_data)
        else:
            self._buf = bytearray(size_or_data)

    @classmethod
    def random(cls, size: int = 32) -> SecretKey:
        """A fresh random key, written straight into its buffer."""
        key = cls(size)
        # token_bytes makes one short-lived bytes object; copy it in and zero it at once.
        raw = secrets.token_bytes(size)
        key.buffer[:] = raw
        wipe_immutable(raw)
        return key

    @property
    def buffer(self) -> bytearray:
        """The key bytes (a live view: callers must not keep a copy)."""
        if self._buf is None:
            raise ValueError("this key was wiped")
        return self._buf

    @property
    def wiped(self) -> bool:
        """True once ``wipe()`` has run."""
        return self._buf is None

    def __len__(self) -> int:
        return len(self.buffer)

    def equals(self, other: SecretKey) -> bool:
        """Constant-time comparison with another key."""
        return secrets.compare_digest(bytes(self.buffer), bytes(other.buffer))

    def wipe(self) -> None:
        """Overwrite the key with zeros and drop the buffer. Idempotent."""
        if self._buf is not None:
            wipe(self._buf)
            self._buf = None

    def __repr__(self) -> str:
        return "SecretKey(wiped)" if self._buf is None else f"SecretKey({len(self._buf)} bytes)"


def wipe(buf: bytearray | memoryview) -> None:
    """Zero a mutable buffer in place (same length, so it is not reallocated)."""
    view = memoryview(buf).cast("B")
    view[:] = bytes(len(view))


def wipe_immutable(data: bytes) -> None:
    """Zero a ``bytes`` object in place; only for a fresh object nothing else refers to.

    CPython only: a ``bytes`` object's data follows its header in the same allocation. Some
    libraries return secrets only as ``bytes`` (``secrets.token_bytes``); zeroing the
    object before it is freed is the only way to keep its content out of freed memory.
    Objects of length 0 or 1 are shared singletons and are never touched.
    """
    if len(data) < 2 or not _CPYTHON:
        return
    ctypes.memset(id(data) + _BYTES_HEADER, 0, len(data))


def hex_key_literal(key: SecretKey) -> SecretKey:
    """The SQLCipher raw-key form ``x'<64 hex digits>'``, built in a wipeable buffer.

    Given to ``sqlite3_key`` this selects the key as is (no PBKDF2 per connection); built
    digit by digit so that no ``str`` or ``bytes`` copy of the hex is ever made.
    """
    raw = key.buffer
    out = SecretKey(2 * len(raw) + 3)
    buf = out.buffer
    buf[0:2] = b"x'"
    for i, byte in enumerate(raw):
        buf[2 + 2 * i] = _HEX[byte >> 4]
        buf[3 + 2 * i] = _HEX[byte & 15]
    buf[-1] = ord("'")
    return out


@contextlib.contextmanager
def borrowed_literal(key: SecretKey) -> Iterator[bytearray]:
    """``hex_key_literal(key)`` for the duration of a block, wiped when it ends."""
    literal = hex_key_literal(key)
    try:
        yield literal.buffer
    finally:
        literal.wipe()


def release_freed_memory() -> None:
    """Return freed heap pages to the kernel (glibc ``malloc_trim``); a no-op elsewhere.

    Called after lock: decrypted pages and rows that were freed stay readable in the
    process's heap until reused; pages given back are no longer mapped at all.
    """
    if _LIBC is not None:
        with contextlib.suppress(AttributeError, OSError):
            _LIBC.malloc_trim(0)


_M_PERTURB = -6  # glibc mallopt parameter
#: With M_PERTURB = 0x100 glibc memsets freed blocks to 0x00 (the low byte) and new ones to
#: 0xff; any non-zero value turns it on, this one leaves zeros behind.
_PERTURB_ZERO = 0x100


def scrub_freed_memory() -> bool:
    """Have glibc overwrite every block freed through ``malloc`` from now on (process-wide).

    Called when a vault is opened, before anything is decrypted. Costs a ``memset`` per
    allocation and per free (see bench/vault.py). Returns False where there is no glibc.
    """
    if _LIBC is None or not hasattr(_LIBC, "mallopt"):
        return False
    try:
        return bool(_LIBC.mallopt(_M_PERTURB, _PERTURB_ZERO))
    except (AttributeError, OSError):
        return False


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        return ctypes.CDLL(name)
    except OSError:
        return None


_CPYTHON = sys.implementation.name == "cpython"
# Offset of a bytes object's data: its header size (sys.getsizeof(b"") minus the NUL).
_BYTES_HEADER = bytes.__basicsize__ - 1
_LIBC = _libc()
