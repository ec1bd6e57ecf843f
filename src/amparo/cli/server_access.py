"""Server mode on the command line: ``--db`` and the acting user, for every command.

``--db URL`` (or ``$AMPARO_DB``) points any command that opens a vault at a server
database instead. The command then acts as a user: ``--user EMAIL`` (or ``$AMPARO_USER``),
``--password-file F`` (else a hidden prompt), ``--totp CODE`` when the account has a second
factor, and the organisation passphrase from ``--org-key-file F`` (or
``$AMPARO_ORG_KEY_FILE``, else a hidden prompt); ``--token-file F`` (an API token made by
``amparo user token``) stands for the user, password and second factor. These options are taken out of the
command line before the command's own options are read, so they go anywhere:
``amparo case list --db URL --user lawyer@example.org --password-file pw``.

A password or passphrase never comes from the command line or an environment variable
(both are visible to other users); a TOTP code may, because it is worthless in a minute
and accepted once.
"""

from __future__ import annotations

import os
import sys

from amparo.cli.declare import CommandLineError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (declare.py says why)
if TYPE_CHECKING:
    from pathlib import Path

    from amparo.cli.declare import Unlock
    from amparo.service import Workspace

DB_ENV = "AMPARO_DB"
USER_ENV = "AMPARO_USER"
ORG_KEY_FILE_ENV = "AMPARO_ORG_KEY_FILE"
#: The options every command takes in server mode (each with a value).
SERVER_OPTIONS = ("--db", "--user", "--password-file", "--totp", "--org-key-file", "--token-file")


def take_server_options(argv: list[str]) -> tuple[list[str], dict[str, str]]:
    """``argv`` without the server options, and their values (``--db`` from the environment too).

    Only when a database is named (by ``--db`` or ``$AMPARO_DB``) are the others taken
    out: without one, ``--password-file`` means a command's own option (``server init``).
    """
    if argv[:1] == ["server"]:
        return argv, {}  # ``server init`` and ``upgrade`` take these options as their own
    found: dict[str, str] = {}
    rest: list[str] = []
    named = "--db" in argv or any(a.startswith("--db=") for a in argv) or bool(os.environ.get(DB_ENV))
    i = 0
    while i < len(argv):
        arg = argv[i]
        flag, eq, value = arg.partition("=")
        if named and flag in SERVER_OPTIONS:
            if not eq:
                if i + 1 >= len(argv):
                    raise CommandLineError(f"{flag} needs a value")
                value = argv[i + 1]
                i += 1
            found[flag.lstrip("-").replace("-", "_")] = value
        else:
            rest.append(arg)
        i += 1
    if named and "db" not in found:
        found["db"] = os.environ[DB_ENV]
    return rest, found


class ServerAccess:
    """Stands where a ``VaultAccess`` stands when ``--db`` is given: the server and the user."""

    __slots__ = ("_options", "_org", "_password")

    def __init__(self, options: dict[str, str]) -> None:
        self._options = options
        self._org: str | None = None
        self._password: str | None = None

    def __repr__(self) -> str:
        return "ServerAccess(…)"

    @property
    def db(self) -> str:
        """The database URL (``--db`` or ``$AMPARO_DB``)."""
        return self._options["db"]

    @property
    def org_key_file(self) -> str | None:
        """The organisation key file named by ``--org-key-file`` or ``$AMPARO_ORG_KEY_FILE``."""
        return self._options.get("org_key_file") or os.environ.get(ORG_KEY_FILE_ENV) or None

    def org_passphrase(self) -> str:
        """The organisation passphrase: its file, else a hidden prompt."""
        return _secret(self.org_key_file, "Organisation passphrase", "--org-key-file")

    @property
    def uses_token(self) -> bool:
        """Whether the command acts through an API token (``--token-file``) rather than a password."""
        return bool(self._options.get("token_file"))

    @property
    def folder(self) -> Path:
        """No vault folder: a server's knowledge is the package's (nothing is read from here)."""
        from pathlib import Path

        return Path(os.devnull)

    def unlock(self, how: Unlock, passphrase_file: str | None) -> None:
        """Gather the organisation passphrase and the user's password before anything loads."""
        if how.new:
            raise CommandLineError("this makes an embedded vault; for a server use: amparo server init --db URL")
        if self._options.get("token_file"):
            # An API token stands for the user, password and second factor.
            self._org = _secret(self._options.get("org_key_file") or os.environ.get(ORG_KEY_FILE_ENV),
                                "Organisation passphrase", "--org-key-file")
            self._password = _secret(self._options["token_file"], "API token", "--token-file")
            return
        if not (self._options.get("user") or os.environ.get(USER_ENV)):
            raise CommandLineError(f"in server mode, say who you are: --user EMAIL (or set {USER_ENV})")
        self._org = _secret(self._options.get("org_key_file") or os.environ.get(ORG_KEY_FILE_ENV),
                            "Organisation passphrase", "--org-key-file")
        self._password = _secret(self._options.get("password_file"), "Your password", "--password-file")

    def open(self) -> Workspace:
        """Unlock the server and sign in; the secrets are not kept."""
        from amparo.service import open_team_workspace, open_token_workspace

        if self._org is None or self._password is None:
            raise RuntimeError("unlock() was not called")
        org, password = self._org, self._password
        self._org = self._password = None
        if self._options.get("token_file"):
            return open_token_workspace(self._options["db"], org, password)
        email = self._options.get("user") or os.environ.get(USER_ENV, "")
        return open_team_workspace(self._options["db"], org, email, password, self._options.get("totp"))


    def change_own_password(self, new: str) -> int:
        """Sign in with the secrets gathered by ``unlock`` and change the user's own password
        (``amparo user password``); how many sessions ended. The secrets are not kept."""
        from amparo.service import change_password_from_the_command_line

        if self.uses_token:
            raise CommandLineError("changing your password takes the current one: use --user EMAIL "
                                   "--password-file FILE (and --totp CODE), not --token-file")
        if self._org is None or self._password is None:
            raise RuntimeError("unlock() was not called")
        org, current = self._org, self._password
        self._org = self._password = None
        email = self._options.get("user") or os.environ.get(USER_ENV, "")
        return change_password_from_the_command_line(self._options["db"], org, email, current,
                                                     self._options.get("totp"), new)


def _secret(file: str | None, prompt: str, option: str) -> str:
    """A secret from its file (first line, mode 600), else a hidden prompt at a terminal."""
    if file:
        from pathlib import Path

        from amparo.service import read_passphrase_file

        return read_passphrase_file(Path(os.path.expanduser(file)))
    if not sys.stdin.isatty():
        raise CommandLineError(f"no terminal to ask for it; give {option} FILE")
    from amparo.cli.prompts import ask_secret

    return ask_secret(prompt)


def read_secret(file: Path | None, prompt: str, option: str, *, confirm: bool = False) -> str:
    """A secret for a command of its own (``server init``): its file, else asked (twice to confirm)."""
    if file is not None:
        from amparo.service import read_passphrase_file

        return read_passphrase_file(file)
    if not sys.stdin.isatty():
        raise CommandLineError(f"no terminal to ask for it; give {option} FILE")
    from amparo.cli.prompts import ask_secret

    return ask_secret(prompt, confirm=confirm)
