"""The ``amparo`` entry point: parse, check, ask for the passphrase, then run the command.

The order is the point. ``argparse`` and the declarations (standard library only) check
the command line; the command's ``prepare`` checks what else it can and asks for values
kept off the command line; the passphrase is asked; only then is the implementation
imported, and with it Rich, the service and the store. A typo costs nothing, and the
prompt appears at once.

Errors become one line on stderr and an exit code; a stack trace is never shown unless
AMPARO_DEBUG=1, because a trace can carry values (names, narratives) from the case.
"""

from __future__ import annotations

import os
import sys

VERSION = "0.1.0"


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (also used as the console script)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        from amparo.cli.registry import top_help

        print(top_help(VERSION))
        return 0
    if args[0] == "--version":
        print(f"amparo {VERSION}")
        return 0
    code = _run(args)
    if argv is None:
        sys.exit(code)
    return code


def _dispatch(argv: list[str]) -> int:
    import importlib

    from amparo.cli.parser import parse
    from amparo.cli.server_access import ServerAccess, take_server_options
    from amparo.cli.vault_access import VaultAccess, vault_folder

    argv, server = take_server_options(argv)
    try:
        command, args = parse(argv)
    except SystemExit as exc:  # --help was printed (0), or a usage error reported (2)
        return exc.code if isinstance(exc.code, int) else 2
    passphrase_file = vars(args).pop("passphrase_file", None)
    if hasattr(args, "vault"):
        # --db (or $AMPARO_DB) puts a server where the vault would be.
        args.vault = ServerAccess(server) if server else VaultAccess(vault_folder(args.vault))
    if command.prepare is not None:
        command.prepare(args)
    if command.unlock is not None and command.unlock.needed(args):
        args.vault.unlock(command.unlock, passphrase_file)
    module, function = command.run.split(":")
    run = getattr(importlib.import_module(f"amparo.cli.{module}"), function)
    result = run(**vars(args))
    return result if isinstance(result, int) else 0


def _run(argv: list[str]) -> int:
    from amparo.cli.declare import CommandLineError
    from amparo.cli.output import error

    try:
        return _dispatch(argv)
    except (KeyboardInterrupt, EOFError):
        if sys.stderr.isatty():
            sys.stderr.write("\n")  # the prompt's line was left open
        error("stopped; nothing more was changed")
        return 130
    except CommandLineError as exc:
        error(exc)
        return exc.exit_code
    except Exception as exc:
        from amparo.model import AmparoError

        if isinstance(exc, AmparoError):
            error(exc, _language(argv))
            return exc.exit_code
        # A bug: say so without printing values from the case.
        if os.environ.get("AMPARO_DEBUG") == "1":
            raise
        error(f"internal error ({type(exc).__name__}); nothing is shown here because it may hold "
              "case data. Run again with AMPARO_DEBUG=1 to see the details on your own screen.")
        return 70


def _language(argv: list[str]) -> str:
    """The language the command asked for with ``--lang`` (errors are said in it), else English."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "en"


if __name__ == "__main__":
    main()
