"""`amparo backup -o`, `amparo backup verify`, `amparo restore`."""

from __future__ import annotations

from cli_support import snapshot


def test_backup_verify_restore(vault_dir, cli, tmp_path):
    out = tmp_path / "b.backup"
    made = cli("backup", "-o", out)
    assert made.code == 0, made.err
    assert "Backup written" in made.out
    checked = cli("backup", "verify", out, "--json")
    assert checked.code == 0, checked.err
    assert checked.json()["ok"] and checked.json()["cases"] == 4
    target = tmp_path / "restored"
    restored = cli("restore", out, "--vault", target)
    assert restored.code == 0, restored.err
    listed = cli("case", "list", "--vault", target, "--json")
    assert listed.code == 0 and len(listed.json()) == 4


def test_a_damaged_backup_is_reported_and_restores_nothing(vault_dir, cli, tmp_path):
    out = tmp_path / "b.backup"
    assert cli("backup", "-o", out).code == 0
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0xFF
    out.write_bytes(bytes(data))
    checked = cli("backup", "verify", out)
    assert checked.code == 1 and "DAMAGED" in checked.out
    target = tmp_path / "empty"
    target.mkdir()
    restored = cli("restore", out, "--vault", target)
    assert restored.code == 1 and "Nothing was written" in restored.out
    assert snapshot(target) == {}


def test_backup_without_output_says_how(vault_dir, cli):
    result = cli("backup")
    assert result.code == 2 and "amparo backup -o FILE" in result.err


def test_restore_refuses_a_folder_with_a_vault(vault_dir, cli, tmp_path):
    out = tmp_path / "b.backup"
    assert cli("backup", "-o", out).code == 0
    before = snapshot(vault_dir)
    result = cli("restore", out, "--vault", vault_dir)
    assert result.code != 0 and "not empty" in result.err
    assert snapshot(vault_dir) == before


def test_a_backup_opens_with_the_recovery_code_when_the_passphrase_is_lost(vault_dir, cli, tmp_path, monkeypatch):
    import os

    made = cli("vault", "recovery-key", "--yes")
    code = next(line.strip() for line in made.out.splitlines() if line.strip().count("-") == 6)
    out = tmp_path / "b.backup"
    assert cli("backup", "-o", out).code == 0
    code_file = tmp_path / "code"
    code_file.write_text(code)
    new = tmp_path / "new"
    new.write_text("the passphrase after the loss\n")
    os.chmod(new, 0o600)
    monkeypatch.delenv("AMPARO_PASSPHRASE_FILE")
    assert cli("backup", "verify", out, "--recovery-file", code_file).code == 0
    target = tmp_path / "restored"
    restored = cli("restore", out, "--vault", target, "--recovery-file", code_file, "--new-passphrase-file", new)
    assert restored.code == 0, restored.err
    listed = cli("case", "list", "--vault", target, "--passphrase-file", new, "--json")
    assert listed.code == 0 and len(listed.json()) == 4
