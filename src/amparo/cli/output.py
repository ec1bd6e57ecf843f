"""How the CLI prints: Rich tables for people, JSON for scripts, one-line errors.

Every piece of text that a user, a case file or a knowledge-base override put there goes
through ``text()`` before it reaches the terminal. A title holding ``ESC ] 52`` would
otherwise write the clipboard (OSC 52), retitle the window, clear the screen, or, with
bidi overrides, show one thing while holding another; ``[bold]`` would become Rich markup.

Rich is imported on first use of ``console`` or ``err_console`` (PEP 562), not by importing
this module: the parser and the passphrase prompt use ``text()`` before anything heavy.
"""

from __future__ import annotations

import re
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (declare.py says why)
if TYPE_CHECKING:
    from typing import Any

#: Escape sequences, whole: CSI (ESC [ or C1 0x9B, parameters, final byte); the string
#: controls OSC, DCS, SOS, PM, APC (7-bit or C1 introducer) up to their terminator (BEL,
#: ESC \ or C1 ST); and the two- or three-byte escapes (ESC c, ESC ( B …). An unterminated
#: string control loses only its introducer: what follows is then plain, harmless text.
_SEQUENCES = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]?"
)
#: What is left to drop: C0 controls but tab and newline, DEL, C1 controls, and the bidi
#: embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: In JSON these are escaped (\\uXXXX) rather than dropped: the data stays exact, the
#: terminal sees only ASCII. json.dumps already escapes C0 controls.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def text(value: object, *, multiline: bool = False, markup: bool = True) -> str:
    """User-controlled text made safe to print: the one function every such text goes through.

    Strips escape sequences, control characters and bidi overrides. ``multiline`` keeps
    newlines and tabs (notes, narratives, a draft); otherwise they become spaces, so a
    title cannot add rows to a table. ``markup`` escapes Rich markup, for text printed
    through Rich; ``markup=False`` is for text written straight to a stream.
    """
    cleaned = _SEQUENCES.sub("", str(value)).replace("\r\n", "\n")
    cleaned = _CONTROLS.sub("", cleaned)
    if not multiline:
        cleaned = cleaned.replace("\n", " ").replace("\t", " ")
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


def error(message: object, language: str = "en") -> None:
    """One line on stderr (the message may echo what was typed: it goes through ``text``).

    An Amparo error is said in ``language`` (the command's ``--lang``); its message id and
    parameters stay English wherever else it goes.
    """
    from amparo.model import AmparoError

    if isinstance(message, AmparoError) and language != "en":
        from amparo.service import say

        message = say(message, language)
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
    """``data`` as JSON that is exact for a program and inert in a terminal."""
    import json

    dumped = json.dumps(data, ensure_ascii=False, indent=2, default=_default)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def print_json(data: Any) -> None:
    """Machine-readable output on stdout (UTF-8, stable key order as built)."""
    sys.stdout.write(json_text(data) + "\n")
    sys.stdout.flush()
