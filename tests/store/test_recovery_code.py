"""The recovery code: a second key slot that opens the vault when the passphrase is forgotten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_support import FAST, PASS, add_case

from amparo.model import InvalidInput
from amparo.store.keys import KdfParams
from amparo.store.recovery import WrongRecoveryCode, new_code, normalize
from amparo.store.vault import NoRecoveryCode, Vault


def test_codes_are_grouped_and_carry_a_check_character() -> None:
    code = new_code()
    groups = code.split("-")
    assert [len(g) for g in groups] == [4] * 7
    assert normalize(code.lower().replace("-", " ")) == code.replace("-", "")
    assert new_code() != code


def test_a_misread_character_or_a_swap_is_caught_as_a_typo() -> None:
    code = new_code().replace("-", "")
    wrong = ("1" if code[5] != "1" else "2")
    with pytest.raises(InvalidInput, match="typo"):
        normalize(code[:5] + wrong + code[6:])
    swapped = [code[:i] + code[i + 1] + code[i] + code[i + 2:] for i in range(len(code) - 2) if code[i] != code[i + 1]]
    caught = 0
    for s in swapped:
        try:
            normalize(s)
        except InvalidInput:
            caught += 1
    assert caught >= len(swapped) - 1  # Luhn mod N misses at most one rare pair
    with pytest.raises(InvalidInput, match="28 letters"):
        normalize(code[:-3])


def test_the_code_opens_the_vault_after_the_passphrase_is_forgotten(tmp_path: Path) -> None:
    with Vault.create(tmp_path / "v", PASS, kdf=FAST) as vault:
        case_id = add_case(vault)
        code = vault.make_recovery_code()
    with Vault.open_with_recovery(tmp_path / "v", code) as vault:
        vault.change_passphrase("a brand new passphrase")
    with Vault.open(tmp_path / "v", "a brand new passphrase") as vault:
        from store_support import store_of

        assert store_of(vault).cases.get(case_id)
    # The code still opens it after the passphrase change.
    Vault.open_with_recovery(tmp_path / "v", code).lock()


def test_a_wrong_code_waits_like_a_wrong_passphrase(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Vault.create(tmp_path / "v", PASS, kdf=FAST) as vault:
        vault.make_recovery_code()
    before = (tmp_path / "v" / "vault.json").read_bytes()
    derived: list[KdfParams] = []
    real = KdfParams.derive

    def counting(self: KdfParams, secret: str, salt: bytes):
        derived.append(self)
        return real(self, secret, salt)

    monkeypatch.setattr(KdfParams, "derive", counting)
    with pytest.raises(WrongRecoveryCode):
        Vault.open_with_recovery(tmp_path / "v", new_code())
    # One key derivation at the header's cost: the same wait as a wrong passphrase.
    assert derived == [FAST]
    assert (tmp_path / "v" / "vault.json").read_bytes() == before


def test_a_full_rekey_keeps_the_code_working(tmp_path: Path) -> None:
    with Vault.create(tmp_path / "v", PASS, kdf=FAST) as vault:
        add_case(vault)
        code = vault.make_recovery_code()
        vault.rekey("after the rekey passphrase")
    Vault.open_with_recovery(tmp_path / "v", code).lock()
    Vault.open(tmp_path / "v", "after the rekey passphrase").lock()


def test_a_new_code_replaces_the_old_and_removal_leaves_only_the_passphrase(tmp_path: Path) -> None:
    with Vault.create(tmp_path / "v", PASS, kdf=FAST) as vault:
        old = vault.make_recovery_code()
        new = vault.make_recovery_code()
    with pytest.raises(WrongRecoveryCode):
        Vault.open_with_recovery(tmp_path / "v", old)
    with Vault.open_with_recovery(tmp_path / "v", new) as vault:
        vault.remove_recovery_code()
    with pytest.raises(NoRecoveryCode):
        Vault.open_with_recovery(tmp_path / "v", new)
    assert "recovery" not in json.loads((tmp_path / "v" / "vault.json").read_text())
