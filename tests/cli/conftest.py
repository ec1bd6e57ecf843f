"""A demo vault made with fast key-derivation parameters, and a way to run the CLI in-process."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import FAST, PASSPHRASE, Result

from amparo.cli.app import main
from amparo.service import populate_demo
from amparo.service.workspace import Workspace


@pytest.fixture
def passfile(tmp_path: Path) -> Path:
    path = tmp_path / "pass"
    path.write_text(PASSPHRASE + "\n")
    os.chmod(path, 0o600)
    return path


@pytest.fixture
def vault_dir(tmp_path: Path, passfile: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A demo vault; the CLI finds it and its passphrase file through the environment."""
    path = tmp_path / "vault"
    with Workspace.create(path, PASSPHRASE, kdf=FAST) as ws:
        populate_demo(ws)
    monkeypatch.setenv("AMPARO_VAULT", str(path))
    monkeypatch.setenv("AMPARO_PASSPHRASE_FILE", str(passfile))
    monkeypatch.setenv("COLUMNS", "200")
    return path


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    def run(*args: str) -> Result:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
