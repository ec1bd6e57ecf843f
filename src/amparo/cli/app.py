"""The ``amparo`` entry point: a fast top-level help, then the Typer app.

Errors become one line on stderr and an exit code; a stack trace is never shown unless
AMPARO_DEBUG=1, because a trace can carry values (names, narratives) from the case.
"""

from __future__ import annotations

import os
import sys

VERSION = "0.1.0"


def build_app():  # -> typer.Typer (imported lazily)
    """The full Typer application, every command module registered."""
    import importlib

    import typer

    from amparo.cli.registry import MODULES

    app = typer.Typer(name="amparo", add_completion=False, no_args_is_help=True,
                      pretty_exceptions_enable=False, rich_markup_mode=None,
                      help="Record and follow up reprisals against people who cooperate with the UN.")
    for module in MODULES:
        importlib.import_module(f"amparo.cli.{module}").register(app)
    return app


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


def _run(args: list[str]) -> int:
    import typer
    from typer.exceptions import TyperException

    from amparo.cli.output import error
    from amparo.model.errors import AmparoError

    command = typer.main.get_command(build_app())
    try:
        result = command.main(args=args, prog_name="amparo", standalone_mode=False)
        return result if isinstance(result, int) else 0
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        error("stopped; nothing more was changed")
        return 130
    except TyperException as exc:  # usage errors: a bad option, a missing argument
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        else:
            error(str(exc))
        return getattr(exc, "exit_code", 2)
    except (KeyboardInterrupt, EOFError):
        error("stopped; nothing more was changed")
        return 130
    except AmparoError as exc:
        error(str(exc))
        return exc.exit_code
    except Exception as exc:  # a bug: say so without printing values from the case
        if os.environ.get("AMPARO_DEBUG") == "1":
            raise
        error(f"internal error ({type(exc).__name__}); nothing is shown here because it may hold "
              "case data. Run again with AMPARO_DEBUG=1 to see the details on your own screen.")
        return 70


if __name__ == "__main__":
    main()
