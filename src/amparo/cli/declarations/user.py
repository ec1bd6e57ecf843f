"""Declarations of ``amparo user``: a server's accounts (administrators only)."""

from __future__ import annotations

from amparo.cli.declare import JSON, UNLOCK, VAULT, Arg, Command, CommandLineError, Group, path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (declare.py says why)
if TYPE_CHECKING:
    from argparse import Namespace

ROLES = ("administrator", "coordinator", "caseworker", "reviewer")
EMAIL = Arg("email", metavar="EMAIL", help="The account's login, an e-mail address.")
ACTING = ("Acts as the user given by --db URL --user EMAIL --password-file FILE [--totp CODE] "
          "--org-key-file FILE.")


def server_only(args: Namespace) -> None:
    """Refuse before any prompt when no server database is named."""
    from amparo.cli.server_access import ServerAccess

    if not isinstance(args.vault, ServerAccess):
        raise CommandLineError("accounts exist only on a server: give --db URL (or set AMPARO_DB) with "
                               "--user EMAIL --password-file FILE")


def _add(args: Namespace) -> None:
    server_only(args)
    from amparo.cli.server_access import read_secret

    args.password = read_secret(args.new_password_file, "New account's password", "--new-password-file",
                                confirm=True)
    del args.new_password_file


def _password(args: Namespace) -> None:
    server_only(args)
    from amparo.cli.server_access import read_secret

    if args.vault.uses_token:
        raise CommandLineError("changing your password takes the current one: use --user EMAIL "
                               "--password-file FILE (and --totp CODE), not --token-file")
    args.new_password = read_secret(args.new_password_file, "Your new password", "--new-password-file",
                                    confirm=True)
    del args.new_password_file


DECLARED = (Group("user", "Add, list, disable and enable a server's accounts; change your own password.", (
    Command("add", "Add an account with a role; prints its second-factor URI once when it has one.",
            run="team_commands:user_add", prepare=_add, unlock=UNLOCK, details=ACTING,
            args=(EMAIL, Arg("--role", required=True, choices=ROLES, help="What the account may do."),
                  Arg("--new-password-file", metavar="FILE", type=path,
                      help="Read the new account's password from this file (else ask twice)."),
                  Arg("--second-factor", action="store_true",
                      help="Give a caseworker or reviewer a TOTP second factor too (always for administrators "
                           "and coordinators)."),
                  VAULT, JSON),
            examples=("amparo user add lawyer@example.org --role caseworker --new-password-file lawyer.pw "
                      "--db URL --user admin@example.org --password-file admin.pw --totp 123456",)),
    Command("token", "Write a bearer token for scripts (acting as you) to a new file, mode 600.",
            run="team_commands:user_token", prepare=server_only, unlock=UNLOCK,
            details="Then run commands with --db URL --token-file FILE --org-key-file FILE. The token ends when "
                    "it expires, or when your account is disabled. " + ACTING,
            args=(Arg("output", metavar="FILE", type=path, help="The new token file (must not exist)."),
                  Arg("--days", type=float, default=30, help="How long the token lasts (default 30 days)."),
                  VAULT)),
    Command("list", "List the accounts: login, role, second factor, disabled.", run="team_commands:user_list",
            prepare=server_only, unlock=UNLOCK, details=ACTING, args=(VAULT, JSON)),
    Command("disable", "Disable an account at once: its sessions stop at their next request.",
            run="team_commands:user_disable", prepare=server_only, unlock=UNLOCK, details=ACTING,
            args=(EMAIL, VAULT)),
    Command("enable", "Enable a disabled account again.", run="team_commands:user_enable",
            prepare=server_only, unlock=UNLOCK, details=ACTING, args=(EMAIL, VAULT)),
    Command("password", "Change your own password: every session of yours ends, API tokens included.",
            run="team_commands:user_password", prepare=_password, unlock=UNLOCK,
            details="--password-file is your current password. A forgotten one is an administrator's to "
                    "replace: they disable the account and add it again. " + ACTING,
            args=(Arg("--new-password-file", metavar="FILE", type=path,
                      help="Read the new password from this file (else ask twice)."), VAULT),
            examples=("amparo user password --new-password-file new.pw --db URL --user me@example.org "
                      "--password-file current.pw --totp 123456",)),
)),)
