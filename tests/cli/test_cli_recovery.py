"""`amparo init --recovery-code`, `amparo vault recovery-key`, `amparo unlock --recovery-file`."""

from __future__ import annotations

import os

from cli_support import PASSPHRASE


def _file(path, content):
    path.write_text(content + "\n")
    os.chmod(path, 0o600)
    return path


def test_recovery_code_opens_and_forces_a_new_passphrase(vault_dir, cli, tmp_path, monkeypatch):
    made = cli("vault", "recovery-key", "--yes")
    assert made.code == 0, made.err
    code = next(line.strip() for line in made.out.splitlines() if line.strip().count("-") == 6)
    code_file = _file(tmp_path / "code", code)
    new_pass = _file(tmp_path / "new", "a new and better passphrase")
    opened = cli("unlock", "--recovery-file", code_file, "--new-passphrase-file", new_pass)
    assert opened.code == 0, opened.err
    assert "new passphrase is set" in opened.out
    # The old passphrase no longer opens the vault; the new one does.
    assert cli("unlock").code == 2
    monkeypatch.setenv("AMPARO_PASSPHRASE_FILE", str(new_pass))
    assert cli("unlock").code == 0


def test_a_wrong_code_is_refused_and_changes_nothing(vault_dir, cli, tmp_path):
    assert cli("vault", "recovery-key", "--yes").code == 0
    from amparo.store.recovery import new_code

    before = (vault_dir / "vault.json").read_bytes()
    wrong = cli("unlock", "--recovery-file", _file(tmp_path / "c", new_code()),
                "--new-passphrase-file", _file(tmp_path / "n", "whatever passphrase"))
    assert wrong.code == 2 and "wrong recovery code" in wrong.err
    assert (vault_dir / "vault.json").read_bytes() == before
    typo = cli("unlock", "--recovery-file", _file(tmp_path / "t", "ABCD-EFGH"))
    assert typo.code != 0 and "28 letters" in typo.err


def test_init_makes_a_code_when_asked(tmp_path, cli, passfile, monkeypatch):
    monkeypatch.setenv("AMPARO_PASSPHRASE_FILE", str(passfile))
    made = cli("init", "--vault", tmp_path / "v", "--recovery-code", "--json")
    assert made.code == 0, made.err
    assert made.json()["recovery_code"].count("-") == 6
    plain = cli("init", "--vault", tmp_path / "w")
    assert "amparo vault recovery-key" in plain.out
    assert PASSPHRASE not in plain.out
