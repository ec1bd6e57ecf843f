"""The command line parsed by the standard library's ``argparse``, built from the declarations.

Only the declarations of the command asked for are imported and built (``amparo case …``
loads ``declarations/case.py`` and nothing else), so a usage error or ``--help`` answers in
a few milliseconds. Usage errors are one line on stderr, exit code 2, and never repeat a
stray value: an unquoted name would otherwise be printed back into a terminal or a log.
"""

from __future__ import annotations

import argparse
import sys

from amparo.cli.declare import Command, Group
from amparo.cli.output import text
from amparo.cli.registry import COMMANDS, declaration

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (declare.py says why)
if TYPE_CHECKING:
    from typing import NoReturn

    from amparo.cli.declare import Arg


class _Formatter(argparse.HelpFormatter):
    """argparse's help, with paragraphs and examples kept as written."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        # argparse makes a formatter for every argument it adds and asks shutil for the
        # width, and shutil loads zlib, bz2 and lzma: the same answer, from os alone.
        if width is None:
            width = _columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)

    def _fill_text(self, body: str, width: int, indent: str) -> str:
        import textwrap

        paragraphs = []
        for paragraph in body.split("\n\n"):
            if paragraph.startswith("Example"):  # one per line, never re-wrapped: they are copied
                paragraphs.append("\n".join(indent + line for line in paragraph.splitlines()))
            else:
                paragraphs.append(textwrap.fill(" ".join(paragraph.split()), width,
                                                initial_indent=indent, subsequent_indent=indent))
        return "\n\n".join(paragraphs)

    def _format_action(self, action: argparse.Action) -> str:
        formatted = super()._format_action(action)
        if action.nargs == argparse.PARSER:
            # argparse heads the list of commands with a line holding only "COMMAND".
            lines = formatted.split("\n")[1:]
            formatted = "\n".join(line[2:] if line.startswith("  ") else line for line in lines)
        return formatted


def _columns() -> int:
    """The terminal's width as shutil.get_terminal_size() gives it: $COLUMNS, the terminal, else 80."""
    import os

    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line naming the fault, and where help is; exit code 2."""
        sys.stderr.write(f"error: {text(message, markup=False)}\n"
                         f"Try '{text(self.prog, markup=False)} --help' for help.\n")
        self.exit(2)


def _unrecognized(extra: list[str]) -> str:
    # A value that is not an option is most often the rest of an unquoted name or
    # phrase: count it, do not print it.
    options = [e.split("=", 1)[0] for e in extra if e.startswith("-")]  # --opt=VALUE: the name only
    values = len(extra) - len(options)
    parts = [f"unknown option {', '.join(options)}"] if options else []
    if values:
        parts.append(f"{values} value(s) that no argument takes (put quotes around a value with spaces, "
                     "or leave it off and answer the prompt)")
    return "; ".join(parts)


def _description(entry: Command | Group) -> str:
    if isinstance(entry, Group):
        return entry.summary
    return entry.summary + (f"\n\n{entry.details}" if entry.details else "")


def _epilog(entry: Command | Group) -> str | None:
    if isinstance(entry, Group) or not entry.examples:
        return None
    return "\n".join(f"Example: {example}" for example in entry.examples)


def _add_argument(parser: argparse.ArgumentParser, arg: Arg) -> None:
    options = dict(arg.options)
    default = options.get("default")
    if options.get("help") and default not in (None, False, "") and options.get("action") != "store_true":
        options["help"] += f"  [default: {default}]"
    parser.add_argument(*arg.flags, **options)


def _fill(parser: argparse.ArgumentParser, entry: Command | Group, prog: str, only: str | None = None) -> None:
    """Add ``entry``'s arguments to ``parser``; of a group's commands, fill only ``only`` if given.

    Listing a group's commands needs their names and summaries alone, so the others are
    left empty: ``amparo case list`` builds one command's arguments, not eleven.
    """
    parser.add_argument("-h", "--help", action="help", help="Show this message and exit.")
    if isinstance(entry, Command):
        for arg in entry.args:
            _add_argument(parser, arg)
        parser.set_defaults(_command=entry, _parser=parser)
        return
    if entry.default is not None:
        for arg in entry.default.args:
            _add_argument(parser, arg)
        parser.set_defaults(_command=entry.default, _parser=parser)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", dest="_subcommand")
    for command in entry.commands:
        child = sub.add_parser(command.name, help=command.summary, **_settings(command, f"{prog} {command.name}"))
        if only is None or command.name == only:
            _fill(child, command, f"{prog} {command.name}")


def _settings(entry: Command | Group, prog: str) -> dict:
    return {"prog": prog, "description": _description(entry), "epilog": _epilog(entry),
            "formatter_class": _Formatter, "add_help": False, "allow_abbrev": False}


def parser_for(name: str, subcommand: str | None = None) -> argparse.ArgumentParser:
    """The parser of ``amparo NAME …`` (NAME a top-level command), with only its declarations loaded.

    For a group, ``subcommand`` is the word after NAME: only that command is built in full.
    """
    entry = declaration(name)
    parser = _Parser(**_settings(entry, f"amparo {name}"))
    _fill(parser, entry, f"amparo {name}", only=subcommand or "")
    return parser


def full_parser() -> argparse.ArgumentParser:
    """The parser of every command at once (for tests and documentation; ``main`` builds one)."""
    top = _Parser(prog="amparo", description="Record and follow up reprisals against people who cooperate "
                  "with the UN.", formatter_class=_Formatter, add_help=False, allow_abbrev=False)
    top.add_argument("-h", "--help", action="help", help="Show this message and exit.")
    sub = top.add_subparsers(title="commands", metavar="COMMAND", dest="_command_name")
    for name, summary, _ in COMMANDS:
        entry = declaration(name)
        _fill(sub.add_parser(name, help=summary, **_settings(entry, f"amparo {name}")), entry, f"amparo {name}")
    return top


def parse(argv: list[str]) -> tuple[Command, argparse.Namespace]:
    """The command asked for and its arguments; SystemExit after --help (0) or a usage error (2)."""
    name, rest = argv[0], argv[1:]
    if name not in {n for n, _, _ in COMMANDS}:
        _unknown_command(name)
    parser = parser_for(name, rest[0] if rest else None)
    args, extra = parser.parse_known_args(rest)
    found = vars(args)
    command, own = found.pop("_command", None), found.pop("_parser", parser)
    found.pop("_subcommand", None)
    if extra:  # reported by the command's own parser, so that the hint names the command
        own.error(_unrecognized(extra))
    if command is None:  # a group without its subcommand: show what it has
        parser.print_help()
        raise SystemExit(2)
    entry = declaration(name)
    if isinstance(entry, Group) and entry.default is not None and command is not entry.default:
        # The group's own options (its default command's) are not this command's.
        own_dests = {arg.dest for arg in command.args}
        for arg in entry.default.args:
            if arg.dest not in own_dests:
                found.pop(arg.dest, None)
    return command, args


def _unknown_command(name: str) -> NoReturn:
    import difflib

    names = [n for n, _, _ in COMMANDS]
    near = difflib.get_close_matches(name, names, n=1)
    hint = f"; did you mean '{near[0]}'?" if near else ""
    sys.stderr.write(f"error: no command '{text(name, markup=False)}'{hint}\n"
                     "Try 'amparo --help' for the list of commands.\n")
    raise SystemExit(2)
