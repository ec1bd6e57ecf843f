"""Where the vault is, and where its passphrase comes from.

The passphrase never comes from a command-line argument or from an environment variable
holding it: both are visible to other users of the machine (``ps``, ``/proc``) and end up
in shell history. It comes from a prompt, or from a file named by ``--passphrase-file`` or
``AMPARO_PASSPHRASE_FILE`` for scripts.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from amparo.model.errors import AmparoError, InvalidInput, Message

VAULT_ENV = "AMPARO_VAULT"
PASSPHRASE_FILE_ENV = "AMPARO_PASSPHRASE_FILE"  # noqa: S105 - a variable name, not a secret


class PassphraseUnavailable(AmparoError):
    """No way to ask for the passphrase (no terminal, no passphrase file)."""

    exit_code = 2


def vault_path(explicit: str | Path | None = None) -> Path:
    """The vault folder: ``--vault``, else ``AMPARO_VAULT``, else the user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(VAULT_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("amparo", appauthor=False)) / "vault"


def vault_exists(path: Path) -> bool:
    """Whether ``path`` holds a vault (its header file), without opening or locking it."""
    from amparo.store.keys import HEADER_NAME

    return (Path(path) / HEADER_NAME).is_file()


def passphrase_file(explicit: str | Path | None = None) -> Path | None:
    """The passphrase file named by ``--passphrase-file`` or ``AMPARO_PASSPHRASE_FILE``."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(PASSPHRASE_FILE_ENV)
    return Path(env).expanduser() if env else None


def read_passphrase_file(path: Path) -> str:
    """The first line of ``path``, without its line ending.

    A file readable by other users is refused: the passphrase would not be secret.
    """
    try:
        info = path.stat()
        if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise InvalidInput(
                Message("{name}: the passphrase file is readable by other users; run chmod 600 "
                        "on it",
                        name=path.name)
            )
        with path.open("r", encoding="utf-8") as fh:
            line = fh.readline().rstrip("\r\n")
    except OSError as exc:
        raise InvalidInput(Message("{name}: cannot read the passphrase file ({strerror})",
                                   name=path.name, strerror=exc.strerror)) from None
    except UnicodeDecodeError:
        raise InvalidInput(Message("{name}: the passphrase file is not UTF-8 text", name=path.name)) from None
    if not line:
        raise InvalidInput(Message("{name}: the passphrase file is empty", name=path.name))
    return line
