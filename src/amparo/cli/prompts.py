"""Questions at the terminal, with the standard library only.

Questions are written to stderr and answers read from stdin, so that ``--json`` output
redirected to a file holds the JSON and nothing else, and the person still sees what is
asked. The passphrase goes through ``getpass`` (hidden, read from the terminal itself).
"""

from __future__ import annotations

import sys

from amparo.cli.output import text


def _line(prompt: str) -> str:
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:  # end of input: the person (or the script) has nothing more to say
        raise EOFError
    return line.rstrip("\r\n")


def ask(question: str, *, default: str | None = None, show_default: bool = True) -> str:
    """A line typed at the prompt; empty means ``default``, and with no default it is asked again."""
    shown = f" [{text(default, markup=False)}]" if default and show_default else ""
    while True:
        answer = _line(f"{text(question, multiline=True, markup=False)}{shown}: ")
        if answer:
            return answer
        if default is not None:
            return default


def confirm(question: str, *, default: bool = False) -> bool:
    """A yes or no; empty means ``default``."""
    hint = "[Y/n]" if default else "[y/N]"
    while True:
        answer = _line(f"{text(question, multiline=True, markup=False)} {hint}: ").strip().lower()
        if not answer:
            return default
        if answer in ("y", "yes"):
            return True
        if answer in ("n", "no"):
            return False
        sys.stderr.write("Please answer y or n.\n")


def ask_secret(prompt: str, *, confirm: bool = False) -> str:
    """A passphrase typed without echo; ``confirm`` asks for it twice (a new passphrase)."""
    import getpass

    while True:
        first = getpass.getpass(f"{prompt}: ")
        if not first:
            sys.stderr.write("Nothing was typed; type the passphrase, or press Ctrl-C to stop.\n")
            continue
        if not confirm or getpass.getpass("Repeat for confirmation: ") == first:
            return first
        sys.stderr.write("The two entries do not match; type the passphrase again.\n")
