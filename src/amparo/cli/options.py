"""Options shared by the commands, and how a command opens the workspace."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from amparo.service import PassphraseUnavailable, passphrase_file, read_passphrase_file, vault_path

if TYPE_CHECKING:
    from collections.abc import Iterator

    from amparo.service import Context, Workspace

VaultOpt = Annotated[Optional[Path], typer.Option(  # noqa: UP045
    "--vault", help="The vault folder (default: $AMPARO_VAULT, else your user data folder).",
    show_default=False)]
PassFileOpt = Annotated[Optional[Path], typer.Option(  # noqa: UP045
    "--passphrase-file", help="Read the passphrase from the first line of this file "
    "(default: $AMPARO_PASSPHRASE_FILE, else ask).", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def get_passphrase(file: Path | None, *, confirm: bool = False, prompt: str = "Vault passphrase") -> str:
    """The passphrase from the file, else from a hidden prompt on the terminal."""
    source = passphrase_file(file)
    if source is not None:
        return read_passphrase_file(source)
    if not sys.stdin.isatty():
        raise PassphraseUnavailable(
            "no terminal to ask for the passphrase; give --passphrase-file or set AMPARO_PASSPHRASE_FILE")
    return typer.prompt(prompt, hide_input=True, confirmation_prompt=confirm)


@contextmanager
def open_workspace(vault: Path | None, pass_file: Path | None) -> Iterator[Workspace]:
    """Unlock the vault for one command and lock it again afterwards, whatever happens."""
    from amparo.service import VaultNotFound, Workspace, vault_exists

    path = vault_path(vault)
    # Checked before the prompt: asking for a passphrase and then saying there is no
    # vault would waste a frightened person's time.
    if not vault_exists(path):
        raise VaultNotFound(f"no vault at {path}; create one with: amparo init --vault {path}")
    ws = Workspace.open(path, get_passphrase(pass_file))
    try:
        yield ws
    finally:
        ws.lock()


def folder_context(vault: Path | None) -> Context:
    """The context of a vault-less command: the vault folder's overrides, if it has any.

    Nothing is unlocked: a knowledge-base override file is plain YAML with no case data.
    """
    from amparo.service import Context

    path = vault_path(vault)
    return Context.for_folder(path if path.is_dir() else None)
