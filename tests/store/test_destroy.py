"""Destroy removes the folder and everything in it, header first, and can be run again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from store_support import FAST, PASS, add_evidence

from amparo.store import destroy as destroy_module
from amparo.store.vault import Vault, VaultNotFound


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    path = tmp_path / "vault"
    with Vault.create(path, PASS, kdf=FAST) as vault:
        add_evidence(vault, b"a photo")
    (path / "calendar.yaml").write_text("sessions: []\n")
    (path / "knowledge").mkdir()
    (path / "knowledge" / "our-entries.yaml").write_text("entries: []\n")
    (path / ".lock-request").touch()
    return path


def test_destroy_leaves_no_folder(vault_dir: Path) -> None:
    Vault.destroy(vault_dir)
    assert not vault_dir.exists()
    with pytest.raises(VaultNotFound):
        Vault.destroy(vault_dir)


def test_a_crash_part_way_leaves_nothing_that_opens_and_destroy_finishes(
        vault_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A temporary header copy, as an interrupted passphrase change leaves it: it would
    # open the vault as well as vault.json does.
    leftover = vault_dir / ".vault.json.1a2b3c4d.tmp"
    shutil.copy(vault_dir / "vault.json", leftover)

    class Killed(BaseException):
        pass

    def killed(*args: object) -> None:
        raise Killed()

    monkeypatch.setattr(destroy_module.shutil, "rmtree", killed)
    with pytest.raises(Killed):
        Vault.destroy(vault_dir)
    monkeypatch.undo()
    assert not (vault_dir / "vault.json").exists() and not leftover.exists()
    with pytest.raises(VaultNotFound):
        Vault.open(vault_dir, PASS)
    assert (vault_dir / "blobs").exists()  # what is left opens with nothing
    Vault.destroy(vault_dir)
    assert not vault_dir.exists()


def test_destroy_refuses_a_folder_that_is_no_vault(tmp_path: Path) -> None:
    other = tmp_path / "photos"
    other.mkdir()
    (other / "holiday.jpg").write_bytes(b"x")
    with pytest.raises(VaultNotFound):
        Vault.destroy(other)
    assert (other / "holiday.jpg").exists()
