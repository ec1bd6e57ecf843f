"""Keys of a vault: the passphrase, the header file and the keys it wraps.

Design (envelope encryption):

- The passphrase goes through Argon2id (its C API, writing into a wipeable buffer) with a
  random 16-byte salt. The result is the *passphrase key*; it never touches the disk.
- HKDF-SHA256 splits the passphrase key into a *check key* and a *wrapping key*. The header
  holds HMAC(check key, constant): a wrong passphrase is detected before the database or any
  evidence file is opened, so a failed unlock leaves every file as it was.
- The *vault key* is 32 random bytes stored in the header wrapped (AES-256-GCM) by the
  wrapping key. HKDF splits it into the SQLCipher *database key* and the *evidence key*
  (which wraps each evidence blob's own random key, kept in the database).
- A passphrase-only change rewraps the same vault key under a new salt (cheap; an old copy
  of the header with the old passphrase still yields the key). A full rekey draws a new
  vault key and re-encrypts the database (``rekey.py``); while it runs, the header also
  carries the previous vault key wrapped under the new one (``rekey_from``), so a crash at
  any point leaves a vault that the old or the new passphrase opens.
- Destroying the header destroys the only wrapped copy of the vault key (crypto-shredding).

Every key is a ``SecretKey`` (secret.py), zeroed when the vault is locked.

Default Argon2id cost, measured on this project's 2-core reference machine (Debian 12,
CPython 3.11, argon2-cffi 25.1): 256 MiB, 3 passes, parallelism 2 takes 0.36-0.52 s, inside
the 0.3-1 s unlock budget. For comparison 64 MiB/3/2 took 0.09 s (too cheap for an offline
guessing attack on a seized laptop) and 256 MiB/3/1 took 0.65 s (a second lane is free here).
"""

from __future__ import annotations

import base64
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Any

from argon2.low_level import ARGON2_VERSION, Type, ffi, lib
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from amparo.model.errors import AmparoError, Message
from amparo.store.secret import SecretKey, wipe, wipe_immutable

HEADER_NAME = "vault.json"
FORMAT = "amparo-vault"
FORMAT_VERSION = 1
KEY_BYTES = 32
SALT_BYTES = 16

_CHECK_CONSTANT = b"amparo vault key check v1"
_WRAP_AAD = b"amparo vault key wrap v1"
_PREVIOUS_AAD = b"amparo previous vault key v1"


class WrongPassphrase(AmparoError):
    """The passphrase does not unlock this vault; nothing in the vault was changed."""

    exit_code = 2

    def __init__(self, message: str | Message | None = None):
        super().__init__(message or Message("wrong passphrase"))


class VaultBusy(AmparoError):
    """Another Amparo process has the vault open (or this one is rekeying it)."""

    def __init__(self, message: str | Message | None = None):
        super().__init__(message or Message("the vault is open in another Amparo process"))


class VaultLocked(AmparoError):
    """The vault object was locked; open it again to use it."""

    def __init__(self, message: str | Message | None = None):
        super().__init__(message or Message("the vault is locked"))


class VaultCorrupt(AmparoError):
    """The vault header is unreadable or altered (not a wrong passphrase)."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost parameters; the defaults are the measured ones in this module's docstring."""

    memory_kib: int = 256 * 1024
    time_cost: int = 3
    parallelism: int = 2

    def __post_init__(self) -> None:
        # Floors stop a crafted header from making unlock trivially cheap to brute-force
        # while still letting tests use fast parameters.
        if self.memory_kib < 8 * self.parallelism or self.memory_kib < 1024:
            raise ValueError("memory_kib must be at least 1024 and 8 x parallelism")
        if self.time_cost < 1 or self.parallelism < 1:
            raise ValueError("time_cost and parallelism must be at least 1")

    def derive(self, passphrase: str, salt: bytes) -> SecretKey:
        """Return the 32-byte passphrase key for ``passphrase`` and ``salt``.

        Argon2's C API writes the key into our buffer: argon2-cffi's ``hash_secret_raw``
        would return it as ``bytes`` and leave two more copies in freed cffi memory.
        """
        encoded = passphrase.encode("utf-8")
        secret = bytearray(encoded)
        wipe_immutable(encoded)
        out = SecretKey(KEY_BYTES)
        try:
            rv = lib.argon2_hash(
                self.time_cost, self.memory_kib, self.parallelism,
                ffi.from_buffer(secret), len(secret), salt, len(salt),
                ffi.from_buffer(out.buffer, require_writable=True), KEY_BYTES,
                ffi.NULL, 0, Type.ID.value, ARGON2_VERSION,
            )
        finally:
            wipe(secret)
        if rv != lib.ARGON2_OK:
            out.wipe()
            raise ValueError("Argon2id failed")
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "algorithm": "argon2id",
            "memory_kib": self.memory_kib,
            "time_cost": self.time_cost,
            "parallelism": self.parallelism,
        }


def subkey(key: SecretKey, purpose: str) -> SecretKey:
    """Derive an independent 32-byte key for ``purpose`` from ``key`` (HKDF-SHA256)."""
    out = SecretKey(KEY_BYTES)
    HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=b"amparo " + purpose.encode()
    ).derive_into(key.buffer, out.buffer)
    return out


class VaultKeys:
    """The keys an unlocked vault works with, held in memory only until ``wipe()``."""

    __slots__ = ("database", "evidence", "vault_key")

    def __init__(self, vault_key: SecretKey):
        self.vault_key = vault_key
        #: the raw SQLCipher key
        self.database = subkey(vault_key, "database")
        #: wraps each evidence blob's own random key
        self.evidence = subkey(vault_key, "evidence")

    @classmethod
    def generate(cls) -> VaultKeys:
        """Keys for a new vault (or a full rekey): a fresh random vault key."""
        return cls(SecretKey.random(KEY_BYTES))

    def wipe(self) -> None:
        """Zero every key. Idempotent."""
        for key in (self.vault_key, self.database, self.evidence):
            key.wipe()

    def __repr__(self) -> str:
        return "VaultKeys(wiped)" if self.vault_key.wiped else "VaultKeys(…)"


@dataclass(frozen=True, slots=True)
class Header:
    """The content of ``vault.json``: everything needed to unlock, nothing secret in clear.

    ``rekey_from`` is set only while a full rekey is under way: the previous vault key,
    wrapped under the new one, so that the database can still be read if the crash came
    before it was re-encrypted (``rekey.py`` finishes the job at the next open).
    """

    kdf: KdfParams
    salt: bytes
    check: bytes
    wrapped_vault_key: bytes
    rekey_from: bytes | None = None
    version: int = FORMAT_VERSION
    #: the recovery code's key slot as stored (``recovery.RecoverySlot`` reads it), or None
    recovery: dict[str, str] | None = None

    @classmethod
    def seal(cls, passphrase: str, vault_key: SecretKey, kdf: KdfParams, *,
             previous: SecretKey | None = None, recovery: dict[str, str] | None = None) -> Header:
        """Build a header wrapping ``vault_key`` under a fresh salt and ``passphrase``.

        ``recovery`` is the recovery slot to keep (it must wrap this ``vault_key``).
        """
        salt = secrets.token_bytes(SALT_BYTES)
        pkey = kdf.derive(passphrase, salt)
        try:
            check = _check_value(pkey)
            wrap = subkey(pkey, "wrap")
            wrapped = _wrap(wrap, vault_key, _WRAP_AAD)
            wrap.wipe()
        finally:
            pkey.wipe()
        rekey_from = None
        if previous is not None:
            carrier = subkey(vault_key, "rekey-from")
            rekey_from = _wrap(carrier, previous, _PREVIOUS_AAD)
            carrier.wipe()
        return cls(kdf=kdf, salt=salt, check=check, wrapped_vault_key=wrapped,
                   rekey_from=rekey_from, recovery=recovery)

    def unseal(self, passphrase: str) -> VaultKeys:
        """Return the vault's keys, or raise WrongPassphrase (VaultCorrupt if the wrap is bad)."""
        pkey = self.kdf.derive(passphrase, self.salt)
        try:
            if not hmac.compare_digest(_check_value(pkey), self.check):
                raise WrongPassphrase()
            wrap = subkey(pkey, "wrap")
        finally:
            pkey.wipe()
        try:
            vault_key = _unwrap(wrap, self.wrapped_vault_key, _WRAP_AAD)
        except InvalidTag:
            raise VaultCorrupt(
                "vault header is damaged: the key check passed but the key does not unwrap"
            ) from None
        finally:
            wrap.wipe()
        return VaultKeys(vault_key)

    def previous_keys(self, keys: VaultKeys) -> VaultKeys | None:
        """The keys a rekey under way is moving away from (None when no rekey is)."""
        if self.rekey_from is None:
            return None
        carrier = subkey(keys.vault_key, "rekey-from")
        try:
            return VaultKeys(_unwrap(carrier, self.rekey_from, _PREVIOUS_AAD))
        except InvalidTag:
            raise VaultCorrupt("vault header is damaged: the rekey record does not unwrap") from None
        finally:
            carrier.wipe()

    def to_bytes(self) -> bytes:
        doc: dict[str, Any] = {
            "format": FORMAT,
            "version": self.version,
            "kdf": {**self.kdf.as_json(), "salt": _b64(self.salt)},
            "key_check": _b64(self.check),
            "wrapped_vault_key": _b64(self.wrapped_vault_key),
        }
        if self.rekey_from is not None:
            doc["rekey_from"] = _b64(self.rekey_from)
        if self.recovery is not None:
            doc["recovery"] = dict(self.recovery)
        return (json.dumps(doc, indent=2) + "\n").encode("ascii")

    @classmethod
    def from_bytes(cls, raw: bytes) -> Header:
        """Parse a header; anything malformed raises VaultCorrupt naming the field."""
        try:
            doc = json.loads(raw.decode("ascii"))
        except (UnicodeDecodeError, ValueError):
            raise VaultCorrupt("vault header is not readable JSON") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise VaultCorrupt("vault header: not an Amparo vault")
        if doc.get("version") != FORMAT_VERSION:
            raise VaultCorrupt(f"vault header: unsupported version {doc.get('version')!r}")
        try:
            kdf_doc = doc["kdf"]
            if kdf_doc["algorithm"] != "argon2id":
                raise VaultCorrupt("vault header: kdf.algorithm must be argon2id")
            kdf = KdfParams(
                memory_kib=int(kdf_doc["memory_kib"]),
                time_cost=int(kdf_doc["time_cost"]),
                parallelism=int(kdf_doc["parallelism"]),
            )
            rekey_from = doc.get("rekey_from")
            recovery = doc.get("recovery")
            if recovery is not None and not (
                    isinstance(recovery, dict) and all(isinstance(v, str) for v in recovery.values())):
                raise ValueError("recovery")
            return cls(
                kdf=kdf,
                salt=_unb64(kdf_doc["salt"]),
                check=_unb64(doc["key_check"]),
                wrapped_vault_key=_unb64(doc["wrapped_vault_key"]),
                rekey_from=None if rekey_from is None else _unb64(rekey_from),
                recovery=recovery,
            )
        except (KeyError, TypeError, ValueError) as e:
            raise VaultCorrupt(
                f"vault header: missing or invalid field ({e.__class__.__name__})"
            ) from None


def read_header(vault_dir: Path) -> Header:
    """Read ``<vault_dir>/vault.json``."""
    return Header.from_bytes((vault_dir / HEADER_NAME).read_bytes())


def write_header(vault_dir: Path, header: Header) -> None:
    """Replace ``<vault_dir>/vault.json`` atomically: a crash leaves the old or the new header."""
    write_atomically(vault_dir / HEADER_NAME, header.to_bytes())


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary sibling, fsync it, rename it over ``target``, fsync the dir."""
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)


def fsync_dir(directory: Path) -> None:
    """Make a rename or unlink in ``directory`` durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _wrap(wrapping: SecretKey, key: SecretKey, aad: bytes) -> bytes:
    nonce = secrets.token_bytes(12)
    return nonce + AESGCM(wrapping.buffer).encrypt(nonce, key.buffer, aad)


def _unwrap(wrapping: SecretKey, wrapped: bytes, aad: bytes) -> SecretKey:
    """Unwrap straight into a SecretKey (AES-GCM ``decrypt_into``: no ``bytes`` copy)."""
    out = SecretKey(len(wrapped) - 12 - 16)
    try:
        AESGCM(wrapping.buffer).decrypt_into(wrapped[:12], wrapped[12:], aad, out.buffer)
    except BaseException:
        out.wipe()
        raise
    return out


def _check_value(pkey: SecretKey) -> bytes:
    check = subkey(pkey, "check")
    try:
        return hmac.new(check.buffer, _CHECK_CONSTANT, sha256).digest()
    finally:
        check.wipe()


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def _unb64(s: str) -> bytes:
    return base64.b64decode(s.encode("ascii"), validate=True)


# For the recovery slot (recovery.py), which wraps keys the same way.
wrap_key = _wrap
unwrap_key = _unwrap
b64 = _b64
unb64 = _unb64
