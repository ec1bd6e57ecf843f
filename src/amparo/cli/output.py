"""How the CLI prints: Rich tables for people, JSON for scripts, one-line errors."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import Any

from rich.console import Console

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def error(message: str) -> None:
    """One line on stderr, never markup-interpreted (the message may hold user input)."""
    err_console.print(f"error: {message}", markup=False)


def warn(message: str) -> None:
    """A warning line on stderr."""
    err_console.print(f"warning: {message}", markup=False, style="yellow")


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "to_json"):
        return value.to_json()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(data: Any) -> None:
    """Machine-readable output on stdout (UTF-8, stable key order as built)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n")
    sys.stdout.flush()


def text(value: object) -> str:
    """User text made safe for Rich: markup in it is shown, not interpreted."""
    from rich.markup import escape

    return escape(str(value))
