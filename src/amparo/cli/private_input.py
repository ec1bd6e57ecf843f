"""Values that should not be typed on the command line: read from a file, stdin or a prompt.

A name or a phrase given as an argument stays in the shell history file and is visible
to every user of the machine while the command runs (``ps``, ``/proc/PID/cmdline``). The
old forms (``--set PATH=VALUE``, ``--search WORDS``) keep working, with a one-line warning
that names the safer form. Prompts are plain, not hidden: what is typed is a name or a
few search words that the person needs to see to get right, and the threat is the
history file and the process list, not the person at the keyboard.
"""

from __future__ import annotations

import sys

from amparo.cli.declare import ASK, CommandLineError
from amparo.cli.output import warn
from amparo.cli.prompts import ask

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (declare.py says why)
if TYPE_CHECKING:
    from pathlib import Path


def read_text(path: Path, option: str) -> str:
    """A UTF-8 file's text; the error names the option and the file, never its content."""
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except OSError as exc:
        raise CommandLineError(f"{option}: {path}: cannot read the file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise CommandLineError(f"{option}: {path}: the file is not UTF-8 text") from None


def edits_from_file(path: Path) -> list[str]:
    """``PATH=VALUE`` edits from a file: one per line, or a JSON object of path → value.

    In the line form, blank lines and lines starting with ``#`` are skipped and the value
    is read as ``--set`` reads it (JSON when it parses as JSON, else text). In the JSON
    form every value is taken as the JSON it is, so ``"42"`` stays text.
    """
    import json

    content = read_text(path, "--set-file")
    if content.lstrip().startswith("{"):
        try:
            data = json.loads(content)
        except json.JSONDecodeError as exc:
            raise CommandLineError(f"--set-file: {path}: not valid JSON at line {exc.lineno}") from None
        if not all(isinstance(key, str) and key.strip() for key in data):
            raise CommandLineError(f"--set-file: {path}: every key must be a field path, e.g. people[p1].name")
        return [f"{key.strip()}={json.dumps(value, ensure_ascii=False)}" for key, value in data.items()]
    edits = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        field, sep, _ = line.partition("=")
        if not sep or not field.strip():
            raise CommandLineError(f"--set-file: {path} line {number}: expected PATH=VALUE, "
                                   "e.g. people[p1].location=in-exile")
        edits.append(line)
    return edits


def gather_edits(given: list[str] | None, set_file: Path | None) -> list[str]:
    """Every ``PATH=VALUE`` edit: the file's first, then each ``--set`` in order.

    A ``--set PATH`` without ``=VALUE`` asks for the value at a prompt.
    """
    edits = edits_from_file(set_file) if set_file is not None else []
    in_argv = []
    for item in given or ():
        field, sep, _ = item.partition("=")
        if not field.strip():
            raise CommandLineError("--set: expected PATH or PATH=VALUE, e.g. --set people[p1].name")
        if sep:
            edits.append(item)
            in_argv.append(field.strip())
        else:
            edits.append(f"{field.strip()}={ask(f'Value for {field.strip()}')}")
    if in_argv:
        warn(f"the value given to --set {in_argv[0]} is now in your shell history; next time give "
             f"--set {in_argv[0]} alone (it asks for the value) or --set-file FILE")
    return edits


def search_words(search: str | None, search_file: Path | None) -> str | None:
    """The words to search for: from ``--search-file``, stdin (``--search -``), a prompt (``--search``
    alone) or, with a warning, the command line."""
    if search is not None and search_file is not None:
        raise CommandLineError("give --search or --search-file, not both")
    if search_file is not None:
        words = read_text(search_file, "--search-file")
    elif search is None:
        return None
    elif search == ASK:
        words = ask("Search for")
    elif search == "-":
        words = sys.stdin.read()
    else:
        warn("the search words are now in your shell history; next time give --search alone (it asks "
             "for them), --search - (reads stdin) or --search-file FILE")
        words = search
    words = " ".join(words.split())
    if not words:
        raise CommandLineError("no search words were given")
    return words
