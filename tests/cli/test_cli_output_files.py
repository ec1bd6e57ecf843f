"""Every file written for the user (drafts, exports, CSVs, calendars, evidence) is created
readable by its owner alone, whatever the umask (hardening item 9)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from amparo.service import write_file, write_folder


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """The most permissive umask: any mode that is not set explicitly would show."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_write_file_creates_and_replaces_files_0600(tmp_path, open_umask):
    target = tmp_path / "draft.txt"
    assert mode(write_file(target, b"one")) == 0o600
    target.chmod(0o644)  # a file made by something else, readable by all
    write_file(target, b"two")
    assert (target.read_bytes(), mode(target)) == (b"two", 0o600)


def test_write_folder_makes_a_private_folder_of_private_files(tmp_path, open_umask):
    written = write_folder(tmp_path / "figures", {"a.csv": b"x\n", "b.csv": b"y\n"})
    assert mode(tmp_path / "figures") == 0o700
    assert [mode(p) for p in written] == [0o600, 0o600]
    existing = tmp_path / "shared"
    existing.mkdir(mode=0o755)
    assert [mode(p) for p in write_folder(existing, {"c.csv": b"z\n"})] == [0o600]


def test_every_file_the_cli_writes_is_0600(vault_dir, cli, tmp_path, open_umask):
    case_id = next(c["id"] for c in cli("case", "list", "--json").json() if c["country"] == "HN")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"not really a photo")
    evidence_id = cli("evidence", "add", case_id, photo, "--json").json()["id"]
    assert cli("action", "add", case_id, "--to", "hrc:president", "--action", "raise-with-delegation",
               "--person", "p1").code == 0
    outputs = {
        "draft": (("draft", case_id, "--to", "hrc:president", "--format", "md", "-o"), tmp_path / "letter.md"),
        "export": (("case", "export", case_id, "--for", "state", "-o"), tmp_path / "shared.json"),
        "calendar": (("due", "--ics"), tmp_path / "due.ics"),
        "evidence": (("evidence", "export", evidence_id, "-o"), tmp_path / "back.jpg"),
    }
    for name, (argv, path) in outputs.items():
        result = cli(*argv, path)
        assert result.code == 0, (name, result.err)
        assert mode(path) == 0o600, name
    result = cli("report", "--csv", tmp_path / "figures")
    assert result.code == 0, result.err
    csvs = list((tmp_path / "figures").glob("*.csv"))
    assert csvs and {mode(p) for p in csvs} == {0o600}
