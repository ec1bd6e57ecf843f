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
