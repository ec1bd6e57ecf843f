"""Errors that the faces turn into clear messages (never a stack trace to the user).

Messages name what is wrong and where, by field path and reference, and never quote a
person's name or a narrative: they can end up in logs and terminals that others see.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Term:
    """A label inside a message, translated in its gettext context (``pgettext``):
    a consent circle, a role, an avenue's or an action's name."""

    context: str
    english: str

    def __str__(self) -> str:
        return self.english


@dataclass(frozen=True, slots=True, init=False)
class Message:
    """A sentence for the user as a message id and its parameters, translated at the edge.

    ``text`` is the English sentence and the gettext message id, with ``str.format`` fields
    (``{avenue}``); ``params`` holds ids, refs, numbers, dates, other ``Message`` objects or
    tuples of them (a list, joined the way the language joins lists). Never a name or a
    narrative: a message may reach a log. ``str()`` is the English sentence, which is what
    logs and exception traces show; the faces show ``amparo.service.say(message, language)``.
    """

    text: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __init__(self, text: str, /, **params: Any):
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "params", params)

    def __hash__(self) -> int:
        return hash((self.text, tuple(sorted((k, repr(v)) for k, v in self.params.items()))))

    def render(self, gettext: Callable[[str], str], *, day: Callable[[date], str] = date.isoformat,
               join: Callable[[list[str]], str] = "; ".join,
               pgettext: Callable[[str, str], str] = lambda _c, s: s) -> str:
        """The sentence through ``gettext``, its parameters rendered the same way."""
        def value(v: Any) -> Any:
            if isinstance(v, Message):
                return v.render(gettext, day=day, join=join, pgettext=pgettext)
            if isinstance(v, Term):
                return pgettext(v.context, v.english)
            if isinstance(v, tuple):
                return join([str(value(x)) for x in v])
            if isinstance(v, date):
                return day(v)
            return v
        template = gettext(self.text)
        params = {k: value(v) for k, v in self.params.items()}
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            return self.text.format(**params)  # a broken translation never hides the message

    def __str__(self) -> str:
        return self.render(lambda s: s)


class AmparoError(Exception):
    """Base of every error the faces report to the user as a one-line message.

    Raised with a ``Message`` (or a plain English string, shown as it is); ``text`` keeps
    it, so that a face can show it in the user's language.
    """

    exit_code = 1

    def __init__(self, message: Message | str = "", *args: Any):
        self.text: Message | str = message
        super().__init__(str(message), *args)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, at a path like ``people[0].consent``.

    ``message`` is English (for logs and JSON); ``text`` is the ``Message`` a face
    translates (the same English string when the problem was raised with one).
    """

    path: str
    message: str
    text: Message | str = field(default="", compare=False, repr=False)

    def __init__(self, path: str, message: Message | str):
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "message", str(message))
        object.__setattr__(self, "text", message)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidInput(AmparoError):
    """Input that fails validation; ``problems`` lists every fault found, not only the first."""

    exit_code = 2

    def __init__(self, problems: list[Problem] | Problem | Message | str, *, source: str | None = None):
        if isinstance(problems, str | Message):
            problems = [Problem("", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        self.source = source
        head = f"{source}: " if source else ""
        super().__init__(head + "; ".join(str(p) for p in self.problems))
        self.text = head + "; ".join(str(p) for p in self.problems)


class NotFound(AmparoError):
    """An id that names nothing in the vault or the knowledge base."""

    exit_code = 3


class ConsentRefused(AmparoError):
    """A disclosure that the consent gate does not allow."""

    exit_code = 4
