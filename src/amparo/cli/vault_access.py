"""Where the vault is and how a command gets its passphrase, asked before anything heavy loads.

The prompt must appear at once and only for a vault that exists, so the first steps use
the standard library alone: the folder (``--vault``, else ``$AMPARO_VAULT``, else the user
data folder, as ``amparo.service.vault_path`` decides), whether it holds a vault, and the
passphrase (a file named by ``--passphrase-file`` or ``$AMPARO_PASSPHRASE_FILE``, else a
hidden prompt). ``amparo.service`` cannot be asked this early: importing any of it loads
the domain model (about 0.2 s). It checks everything again when the vault is opened, and
``tests/cli/test_cli_startup.py`` holds the two answers equal.

The passphrase never comes from the command line or from an environment variable holding
it: both are visible to other users (``ps``, ``/proc``) and end up in shell history.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

from amparo.cli.declare import CommandLineError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (declare.py says why)
if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from amparo.cli.declare import Unlock
    from amparo.service import Context, Workspace

VAULT_ENV = "AMPARO_VAULT"
PASSPHRASE_FILE_ENV = "AMPARO_PASSPHRASE_FILE"  # noqa: S105 - a variable name, not a secret
HEADER_FILE = "vault.json"  # the store's header: a folder without it holds no vault


# Paths are plain text (os.path) until the prompt is past: pathlib and what it loads
# would be most of the wait before the prompt appears.
def vault_folder(explicit: str | None) -> str:
    """The vault folder: ``--vault``, else ``$AMPARO_VAULT``, else the user data folder."""
    if explicit:
        return os.path.expanduser(explicit)
    env = os.environ.get(VAULT_ENV)
    if env:
        return os.path.expanduser(env)
    import platformdirs

    return os.path.join(platformdirs.user_data_dir("amparo", appauthor=False), "vault")


def passphrase_source(explicit: str | None) -> str | None:
    """The passphrase file named by ``--passphrase-file`` or ``$AMPARO_PASSPHRASE_FILE``, if any."""
    if explicit:
        return os.path.expanduser(explicit)
    env = os.environ.get(PASSPHRASE_FILE_ENV)
    return os.path.expanduser(env) if env else None


class VaultAccess:
    """The vault a command works on and, once ``unlock`` has run, the means to open it.

    The passphrase is held only until the vault is opened, and never shown by ``repr``.
    """

    __slots__ = ("_file", "_passphrase", "_where")

    def __init__(self, folder: str | Path) -> None:
        self._where = str(folder)
        self._passphrase: str | None = None
        self._file: str | None = None

    def __repr__(self) -> str:
        return f"VaultAccess({self._where!r})"

    @property
    def folder(self) -> Path:
        """The vault folder (whether or not a vault is there yet)."""
        from pathlib import Path

        return Path(self._where)

    def unlock(self, how: Unlock, passphrase_file: str | None) -> None:
        """Find the passphrase file, or ask at a hidden prompt (``how.new``: twice).

        An existing vault is looked for first: asking for a passphrase and then saying
        there is no vault would waste a frightened person's time.
        """
        from amparo.cli.prompts import ask_secret

        if not how.new and not os.path.isfile(os.path.join(self._where, HEADER_FILE)):
            raise CommandLineError(f"no vault at {self._where}; create one with: amparo init --vault {self._where}",
                                   exit_code=3)
        self._file = passphrase_source(passphrase_file)
        if self._file is not None:
            return  # read, and its permissions checked, by the service when the vault opens
        if not sys.stdin.isatty():
            raise CommandLineError("no terminal to ask for the passphrase; give --passphrase-file or set "
                                   f"{PASSPHRASE_FILE_ENV}")
        self._passphrase = ask_secret(how.prompt, confirm=how.new)

    def take_passphrase(self) -> str:
        """The passphrase (read from its file now, if it comes from one); it is not kept."""
        if self._passphrase is not None:
            passphrase, self._passphrase = self._passphrase, None
            return passphrase
        if self._file is None:
            raise RuntimeError("the command declared no Unlock, so no passphrase was asked for")
        from pathlib import Path

        from amparo.service import read_passphrase_file

        return read_passphrase_file(Path(self._file))


@contextmanager
def open_workspace(vault: VaultAccess) -> Iterator[Workspace]:
    """Unlock the vault (or sign in to the server) for one command and lock it again afterwards."""
    from amparo.cli.server_access import ServerAccess
    from amparo.service import VaultNotFound, Workspace, vault_exists

    if isinstance(vault, ServerAccess):
        team = vault.open()
        try:
            yield team
        finally:
            team.lock()
        return
    if not vault_exists(vault.folder):
        raise VaultNotFound(f"no vault at {vault.folder}; create one with: amparo init --vault {vault.folder}")
    ws = Workspace.open(vault.folder, vault.take_passphrase())
    try:
        yield ws
    finally:
        ws.lock()


def folder_context(vault: VaultAccess) -> Context:
    """The context of a vault-less command: the vault folder's overrides, if it has any.

    Nothing is unlocked: a knowledge-base override file is plain YAML with no case data.
    """
    from amparo.service import Context

    return Context.for_folder(vault.folder if vault.folder.is_dir() else None)
