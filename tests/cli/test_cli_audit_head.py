"""`amparo audit head` and `amparo audit verify --head`."""

from __future__ import annotations


def test_head_printed_then_verified(vault_dir, cli):
    printed = cli("audit", "head", "--json").json()
    assert len(printed["head"].split("-")[1]) == 16
    result = cli("audit", "verify", "--head", printed["head"])
    assert result.code == 0, result.err
    assert "OK" in result.out


def test_a_head_the_chain_does_not_hold_fails_clearly(vault_dir, cli):
    result = cli("audit", "verify", "--head", "3-" + "ab" * 8)
    assert result.code == 1
    assert "does not have the noted hash" in result.out


def test_a_malformed_head_is_a_clear_error(vault_dir, cli):
    result = cli("audit", "verify", "--head", "nonsense")
    assert result.code != 0
    assert "COUNT-HASH" in result.err
