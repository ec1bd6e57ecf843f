"""The recovery code: a second key slot in the vault header, for a forgotten passphrase.

The code is 27 random characters of Crockford's base32 (135 bits: no one guesses it, even
with the vault folder and years of computing) and one check character (Luhn mod 32, which
catches any one character misread and almost any two neighbours swapped), printed as
seven groups of four to be read aloud or copied by hand: ``7K2M-QX9A-…``. Reading it
back, case, spaces and dashes do not matter, and O, I and L are taken for 0, 1 and 1.

The slot works like the passphrase's: Argon2id of the code (the header's cost, so a wrong
code waits as long as a wrong passphrase) gives a check value and a *recovery wrapping
key*, which wraps the vault key. The slot also keeps the recovery wrapping key wrapped
under the vault key, so that a full rekey (a new vault key) can rewrap the new key for
the same code without knowing it: the code printed once stays good across passphrase
changes. Making a new code replaces the slot; an old copy of ``vault.json`` still opens
with the old code, as it does with an old passphrase, until a full rekey.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from hashlib import sha256
from typing import Any

from cryptography.exceptions import InvalidTag

from amparo.model.errors import InvalidInput, Problem
from amparo.store.keys import (
    KdfParams,
    VaultCorrupt,
    VaultKeys,
    WrongPassphrase,
    b64,
    subkey,
    unb64,
    unwrap_key,
    wrap_key,
)
from amparo.store.secret import SecretKey

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
DATA_CHARS = 27
GROUP = 4
_READ_AS = {"O": "0", "I": "1", "L": "1"}
_CHECK_CONSTANT = b"amparo recovery code check v1"
_WRAP_AAD = b"amparo recovery wrap v1"
_CARRIER_AAD = b"amparo recovery carrier v1"

#: Plain words for the faces: what the code is for and who could use it.
WHAT_A_RECOVERY_CODE_IS = (
    "A recovery code opens the vault if the passphrase is forgotten. Whoever finds the paper can "
    "open the vault with it, if they also get the laptop or a backup: keep it away from both (not "
    "in the laptop bag, not photographed on a phone, not in the office that could be searched), "
    "for instance sealed with a trusted person. Making a code is your choice: without one, a "
    "forgotten passphrase loses every case. The code stays good when you change the passphrase; "
    "make a new one if the paper may have been seen."
)


class WrongRecoveryCode(WrongPassphrase):
    """The recovery code does not open this vault; nothing was changed."""

    def __init__(self, message: str = "wrong recovery code"):
        super().__init__(message)


def new_code() -> str:
    """A fresh recovery code, grouped for reading: ``XXXX-XXXX-…`` (7 groups of 4)."""
    data = "".join(secrets.choice(ALPHABET) for _ in range(DATA_CHARS))
    full = data + ALPHABET[_check_value(data)]
    return "-".join(full[i:i + GROUP] for i in range(0, len(full), GROUP))


def normalize(code: str) -> str:
    """The 28 characters of a code as typed; InvalidInput that says what is wrong with it.

    A check character that does not match is a typo, said at once: it tells nothing about
    the key. A well-formed code that is not this vault's waits for the key derivation.
    """
    chars = "".join(_READ_AS.get(c, c) for c in code.upper() if c not in " -\t\r\n")
    if len(chars) != DATA_CHARS + 1:
        raise InvalidInput(Problem("recovery code", f"has {DATA_CHARS + 1} letters and digits in 7 groups of "
                                                    f"4; this one has {len(chars)}"))
    if any(c not in ALPHABET for c in chars):
        raise InvalidInput(Problem("recovery code", "holds a character that no recovery code has "
                                                    "(only digits and the letters A-Z without I, L, O, U)"))
    if _check_value(chars[:-1]) != ALPHABET.index(chars[-1]):
        raise InvalidInput(Problem("recovery code", "has a typo (its last character does not match the "
                                                    "others); read it again from the paper"))
    return chars


def _check_value(data: str) -> int:
    """Luhn mod 32 over ``data``: the value of the check character."""
    n, factor, total = len(ALPHABET), 2, 0
    for ch in reversed(data):
        addend = ALPHABET.index(ch) * factor
        factor = 1 if factor == 2 else 2
        total += addend // n + addend % n
    return (n - total % n) % n


@dataclass(frozen=True, slots=True)
class RecoverySlot:
    """The header's second key slot: the vault key wrapped under the recovery code."""

    salt: bytes
    check: bytes
    wrapped_vault_key: bytes
    #: the recovery wrapping key, wrapped under the vault key (for a rekey's rewrap)
    wrapped_by_vault: bytes

    @classmethod
    def seal(cls, code: str, vault_key: SecretKey, kdf: KdfParams) -> RecoverySlot:
        """A slot for ``code`` (as printed or typed) wrapping ``vault_key``."""
        salt = secrets.token_bytes(16)
        pkey = kdf.derive(normalize(code), salt)
        try:
            check = _check(pkey)
            wrapping = subkey(pkey, "recovery-wrap")
        finally:
            pkey.wipe()
        try:
            return cls._with(salt, check, wrapping, vault_key)
        finally:
            wrapping.wipe()

    @classmethod
    def _with(cls, salt: bytes, check: bytes, wrapping: SecretKey, vault_key: SecretKey) -> RecoverySlot:
        carrier = subkey(vault_key, "recovery-carrier")
        try:
            return cls(salt, check, wrap_key(wrapping, vault_key, _WRAP_AAD),
                       wrap_key(carrier, wrapping, _CARRIER_AAD))
        finally:
            carrier.wipe()

    def unseal(self, code: str, kdf: KdfParams) -> VaultKeys:
        """The vault's keys, or WrongRecoveryCode after the key derivation."""
        pkey = kdf.derive(normalize(code), self.salt)
        try:
            if not hmac.compare_digest(_check(pkey), self.check):
                raise WrongRecoveryCode()
            wrapping = subkey(pkey, "recovery-wrap")
        finally:
            pkey.wipe()
        try:
            return VaultKeys(unwrap_key(wrapping, self.wrapped_vault_key, _WRAP_AAD))
        except InvalidTag:
            raise VaultCorrupt("vault header is damaged: the recovery slot does not unwrap") from None
        finally:
            wrapping.wipe()

    def rewrap(self, old_vault_key: SecretKey, new_vault_key: SecretKey) -> RecoverySlot:
        """The same code's slot for a new vault key (a full rekey), without the code."""
        carrier = subkey(old_vault_key, "recovery-carrier")
        try:
            wrapping = unwrap_key(carrier, self.wrapped_by_vault, _CARRIER_AAD)
        except InvalidTag:
            raise VaultCorrupt("vault header is damaged: the recovery slot does not unwrap") from None
        finally:
            carrier.wipe()
        try:
            return self._with(self.salt, self.check, wrapping, new_vault_key)
        finally:
            wrapping.wipe()

    def as_json(self) -> dict[str, Any]:
        return {"salt": b64(self.salt), "key_check": b64(self.check),
                "wrapped_vault_key": b64(self.wrapped_vault_key), "wrapped_by_vault": b64(self.wrapped_by_vault)}

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> RecoverySlot:
        """KeyError/TypeError/ValueError on a malformed slot (the header says VaultCorrupt)."""
        return cls(unb64(doc["salt"]), unb64(doc["key_check"]), unb64(doc["wrapped_vault_key"]),
                   unb64(doc["wrapped_by_vault"]))


def _check(pkey: SecretKey) -> bytes:
    check = subkey(pkey, "recovery-check")
    try:
        return hmac.new(check.buffer, _CHECK_CONSTANT, sha256).digest()
    finally:
        check.wipe()
