"""Errors that the faces turn into clear messages (never a stack trace to the user).

Messages name what is wrong and where, by field path and reference, and never quote a
person's name or a narrative: they can end up in logs and terminals that others see.
"""

from __future__ import annotations

from dataclasses import dataclass


class AmparoError(Exception):
    """Base of every error the faces report to the user as a one-line message."""

    exit_code = 1


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, at a path like ``people[0].consent``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidInput(AmparoError):
    """Input that fails validation; ``problems`` lists every fault found, not only the first."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | Problem | str, *, source: str | None = None):
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        self.source = source
        head = f"{source}: " if source else ""
        super().__init__(head + "; ".join(str(p) for p in self.problems))


class NotFound(AmparoError):
    """An id that names nothing in the vault or the knowledge base."""

    exit_code = 3


class ConsentRefused(AmparoError):
    """A disclosure that the consent gate does not allow."""

    exit_code = 4
