"""After lock no key is left in the process: wiped buffers, no SQL text, a memory scan."""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

import pytest
from store_support import FAST, PASS, add_evidence

from amparo.store.keys import VaultLocked
from amparo.store.secret import SecretKey, hex_key_literal, wipe_immutable
from amparo.store.vault import Vault

BENCH = Path(__file__).parents[2] / "bench"


def test_lock_zeroes_every_key_buffer_and_refuses_new_connections(tmp_path: Path) -> None:
    vault = Vault.create(tmp_path / "vault", PASS, kdf=FAST)
    add_evidence(vault, b"x")
    keys = vault._keys
    assert keys is not None
    buffers = [keys.vault_key.buffer, keys.database.buffer, keys.evidence.buffer]
    assert all(any(b) for b in buffers)
    engine = vault.engine
    vault.lock()
    assert all(b == bytearray(len(b)) for b in buffers)
    assert keys.vault_key.wiped and keys.database.wiped and keys.evidence.wiped
    with pytest.raises(VaultLocked):
        engine.connect()  # a Store still holding the engine cannot reopen the database


def test_the_sqlcipher_key_literal_is_built_without_an_immutable_copy() -> None:
    key = SecretKey(bytes(range(32)))
    literal = hex_key_literal(key)
    assert bytes(literal.buffer) == b"x'" + bytes(range(32)).hex().encode() + b"'"
    literal.wipe()
    assert literal.wiped and repr(literal) == "SecretKey(wiped)"
    assert "00010203" not in repr(key)  # a traceback printing locals shows no key


def test_wipe_immutable_zeroes_a_fresh_bytes_object() -> None:
    if sys.implementation.name != "cpython":
        pytest.skip("CPython only")
    data = secrets.token_bytes(32)
    wipe_immutable(data)
    assert data == bytes(32)


def test_a_locked_process_holds_no_copy_of_any_key() -> None:
    # The child opens a vault, reads cases and evidence, locks; its whole memory is read.
    # Before this work: the SQLCipher key twice in hex, the vault and evidence keys raw.
    sys.path.insert(0, str(BENCH))
    try:
        from memory_after_lock import measure
    finally:
        sys.path.remove(str(BENCH))
    before, after = measure(cases=3)
    assert before["database key (raw)"] + before["vault key (raw)"] >= 2  # the scan sees keys
    assert before["canary name"] > 0
    assert {k: v for k, v in after.items() if "key" in k} == dict.fromkeys(
        [k for k in after if "key" in k], 0)
