"""How a command is declared: its name, help, arguments, and where its implementation lives.

Declarations are plain data read by ``amparo.cli.parser``. They import nothing but the
standard library, so that ``amparo COMMAND --help``, a usage error and the passphrase
prompt all come before Rich, the service or the store is loaded (a frightened person on a
slow laptop should not wait for help). The implementation is named by a string,
``"module:function"`` under ``amparo.cli``, and imported only when the command runs.
"""

from __future__ import annotations

# typing.TYPE_CHECKING without importing typing: this module, the parser and the
# declarations load before the passphrase prompt, where every module counts
# (bench/startup.py). The block below is read by type checkers as usual.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from argparse import Namespace
    from collections.abc import Callable
    from datetime import date
    from pathlib import Path
    from typing import Any

#: The value of an option given without one (``--search`` alone: ask at a prompt). argv
#: cannot hold a NUL character, so nothing typed can be mistaken for it.
ASK = "\0"


class Arg:
    """One argument or option: the flags and keyword arguments of ``ArgumentParser.add_argument``."""

    __slots__ = ("flags", "options")

    def __init__(self, *flags: str, **options: Any) -> None:
        self.flags = flags
        self.options = options

    @property
    def dest(self) -> str:
        """The name the parsed value is stored under (and the implementation's parameter)."""
        if "dest" in self.options:
            return self.options["dest"]
        longest = max(self.flags, key=len)
        return longest.lstrip("-").replace("-", "_")


class Unlock:
    """How a command gets the vault's passphrase before it runs.

    ``prompt`` is the text of the hidden prompt; ``new`` asks twice (a new vault);
    ``when`` decides from the parsed arguments whether the vault is needed at all
    (``triage --facts`` needs none).
    """

    __slots__ = ("new", "prompt", "when")

    def __init__(self, prompt: str = "Vault passphrase", *, new: bool = False,
                 when: Callable[[Namespace], bool] | None = None) -> None:
        self.prompt = prompt
        self.new = new
        self.when = when

    def needed(self, args: Namespace) -> bool:
        """Whether these arguments need the vault unlocked."""
        return self.when is None or self.when(args)


class Command:
    """A command: ``amparo NAME`` or ``amparo GROUP NAME``.

    ``prepare`` runs after parsing and before the passphrase is asked: it validates what
    the standard library can check and asks for values kept off the command line, so that
    a typo costs nothing. It may change the parsed arguments.
    """

    __slots__ = ("args", "details", "examples", "name", "prepare", "run", "summary", "unlock")

    def __init__(self, name: str, summary: str, *, run: str, args: tuple[Arg, ...] = (), details: str = "",
                 examples: tuple[str, ...] = (), unlock: Unlock | None = None,
                 prepare: Callable[[Namespace], None] | None = None) -> None:
        self.name = name
        self.summary = summary
        self.run = run
        self.args = args
        self.details = details
        self.examples = examples
        self.unlock = unlock
        self.prepare = prepare


class Group:
    """A family of commands under one name: ``amparo case list``, ``amparo case show`` …

    ``default`` is the command that runs when no command of the family is named
    (``amparo backup -o FILE`` beside ``amparo backup verify FILE``); its options must not
    be ``required``, since argparse would then ask for them after ``verify`` too.
    """

    __slots__ = ("commands", "default", "name", "summary")

    def __init__(self, name: str, summary: str, commands: tuple[Command, ...], *,
                 default: Command | None = None) -> None:
        self.name = name
        self.summary = summary
        self.commands = commands
        self.default = default


class CommandLineError(Exception):
    """A refusal found before the service is loaded: one line on stderr and an exit code.

    The message may echo what was typed; it is printed through ``output.text`` like
    every other message.
    """

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def path(value: str) -> Path:
    """An argparse type: a file or folder path (pathlib is loaded only when one is given)."""
    from pathlib import Path

    return Path(value)


def day(value: str) -> date:
    """An argparse type: a date written YYYY-MM-DD (checked before any prompt)."""
    from argparse import ArgumentTypeError
    from datetime import date

    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ArgumentTypeError(f"{value!r} is not a date as YYYY-MM-DD") from None


# The options most commands share, declared once.
# These two stay text until the prompt is past: vault_access reads them with os.path.
VAULT = Arg("--vault", metavar="PATH",
            help="The vault folder (default: $AMPARO_VAULT, else your user data folder).")
PASSPHRASE_FILE = Arg("--passphrase-file", metavar="PATH",
                      help="Read the passphrase from the first line of this file "
                           "(default: $AMPARO_PASSPHRASE_FILE, else ask).")
JSON = Arg("--json", dest="json_out", action="store_true", help="Print machine-readable JSON.")
#: The usual trio of a command that opens the vault.
OPENS = (VAULT, PASSPHRASE_FILE, JSON)
UNLOCK = Unlock()
