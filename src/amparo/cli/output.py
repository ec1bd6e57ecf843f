"""How the CLI prints: Rich tables for people, JSON for scripts, one-line errors.

Every piece of text that a user, a case file or a knowledge-base override put there goes
through ``text()`` before it reaches the terminal.

Rich is imported on first use of ``console`` or ``err_console`` (PEP 562), not by importing
this module: the parser and the passphrase prompt use ``text()`` before anything heavy.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (declare.py says why)
if TYPE_CHECKING:
    from typing import Any


def text(value: object, *, multiline: bool = False, markup: bool = True) -> str:
    """User-controlled text made safe to print: the one function every such text goes through.

    ``multiline`` keeps newlines (notes, narratives, a draft). ``markup`` escapes Rich
    markup, for text printed through Rich; ``markup=False`` is for text written straight
    to a stream.
    """
    cleaned = str(value)
    if markup:
        from rich.markup import escape

        cleaned = escape(cleaned)
    return cleaned


def __getattr__(name: str) -> Any:
    if name in ("console", "err_console"):
        from rich.console import Console

        # emoji=False: ":fire:" in a note stays text. highlight=False: no guessed colours.
        made = Console(stderr=name == "err_console", highlight=False, emoji=False)
        globals()[name] = made  # made once
        return made
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def error(message: object) -> None:
    """One line on stderr (the message may echo what was typed: it goes through ``text``)."""
    sys.stderr.write(f"error: {text(message, markup=False)}\n")
    sys.stderr.flush()


def warn(message: object) -> None:
    """A warning line on stderr, yellow on a terminal."""
    line = f"warning: {text(message, markup=False)}"
    if sys.stderr.isatty():
        line = f"\x1b[33m{line}\x1b[0m"
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def _default(value: Any) -> Any:
    from datetime import date, datetime

    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "to_json"):
        return value.to_json()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def json_text(data: Any) -> str:
    """``data`` as JSON text (UTF-8 kept as is)."""
    import json

    return json.dumps(data, ensure_ascii=False, indent=2, default=_default)


def print_json(data: Any) -> None:
    """Machine-readable output on stdout (UTF-8, stable key order as built)."""
    sys.stdout.write(json_text(data) + "\n")
    sys.stdout.flush()
