"""Free text that is not case facts, checked in one place before anything is written.

Case facts have their own format (``model/facts``). Everything else a person types or a
program sends reaches the service layer as loose values: a note, an evidence file's name
and description, what was sent and what came back (avenue and action ids, references,
paragraphs, notes), a consent's method and note, a search, the ids in a URL, the
arguments of a command. The service checks each of them here, whichever face it came
from (the web form, the JSON API, the command line), so the rules are the same for all:

- the value is text (a number or a list where text belongs is refused, not stringified);
- no lone surrogate: it is not text. JSON lets ``"\\ud800"`` through, and so does the
  command line (bytes that are not UTF-8 arrive as surrogates), while every writer
  downstream (the database, PDF, DOCX, e-mail) fails on it;
- no control character (tabs and line breaks only in multi-line text): an ESC stored in a
  note would later rewrite a terminal or a clipboard, and the DOCX writer refuses them;
- a length cap by kind, so that a pasted file is refused with a clear word, not stored.

Messages name the field and the position, never the value (it may be a name).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from amparo.model.errors import InvalidInput, Message, Problem
from amparo.model.facts.text import NARRATIVE_MAX, ONE_LINE_MAX, kind, text_problem

#: How deep a structured value (a consent given as JSON) may nest before it is refused.
MAX_DEPTH = 20


@dataclass(frozen=True, slots=True)
class TextRule:
    """What one kind of text field may hold: line breaks or not, and how many characters."""

    multiline: bool
    max_chars: int
    #: What the person can do when the text is too long (said after the limit).
    instead: str = ""


#: An id or a word of a vocabulary: an avenue (``sp:hrd``), an action, a case id, a ref.
IDENTIFIER = TextRule(False, 200)
#: One line typed by a person: a reference, a paragraph, a title.
ONE_LINE = TextRule(False, ONE_LINE_MAX)
#: A file's name as it came from the disk or the browser.
FILE_NAME = TextRule(False, 255, "rename the file with a shorter name, then add it again")
#: Words to search for.
SEARCH = TextRule(False, 1_000, "search for fewer words")
#: A note, a description, an answer: several lines.
NARRATIVE = TextRule(True, NARRATIVE_MAX, "keep a longer text as an evidence file instead")


def text_field_problem(path: str, value: Any, rule: TextRule) -> Problem | None:
    """What is wrong with ``value`` as a text field of kind ``rule`` (None: nothing, or no value)."""
    if value is None:
        return None
    if not isinstance(value, str):
        return Problem(path, Message("must be text, not {value}", value=kind(value)))
    if len(value) > rule.max_chars:
        tail = f"; {rule.instead}" if rule.instead else ""
        return Problem(path, Message("is {value:,} characters long; at most {max_chars:,} fit here{tail}",
                                     value=len(value), max_chars=rule.max_chars, tail=tail))
    found = text_problem(value, multiline=rule.multiline)
    return Problem(path, found) if found else None


def text_problems(fields: Iterable[tuple[str, Any, TextRule]]) -> list[Problem]:
    """Every problem of ``(path, value, rule)`` fields; a list or tuple value is checked item
    by item (``people[0]``, ``people[1]`` …)."""
    problems = []
    for path, value, rule in fields:
        if isinstance(value, list | tuple):
            problems += [p for i, item in enumerate(value)
                         if (p := text_field_problem(f"{path}[{i}]", item, rule))]
        elif (p := text_field_problem(path, value, rule)) is not None:
            problems.append(p)
    return problems


def check_text_fields(*fields: tuple[str, Any, TextRule]) -> None:
    """Raise ``InvalidInput`` naming every faulty field of ``fields`` (nothing else happens)."""
    problems = text_problems(fields)
    if problems:
        raise InvalidInput(problems)


def structure_problems(path: str, value: Any, rule: TextRule = IDENTIFIER, *, depth: int = 0) -> list[Problem]:
    """Problems of every string inside a JSON-like ``value`` (keys too), and of nesting
    deeper than ``MAX_DEPTH``: for values such as a consent given as JSON."""
    if depth > MAX_DEPTH:
        return [Problem(path, Message("nests deeper than {MAX_DEPTH} levels", MAX_DEPTH=MAX_DEPTH))]
    if isinstance(value, dict):
        problems = []
        for key, item in value.items():
            where = f"{path}.{key}" if isinstance(key, str) and not text_field_problem("", key, rule) else path
            if (p := text_field_problem(path, key, rule)) is not None:
                problems.append(Problem(path, "a key " + p.message))
            problems += structure_problems(where, item, rule, depth=depth + 1)
        return problems
    if isinstance(value, list | tuple):
        return [p for i, item in enumerate(value)
                for p in structure_problems(f"{path}[{i}]", item, rule, depth=depth + 1)]
    if isinstance(value, str):
        p = text_field_problem(path, value, rule)
        return [p] if p else []
    return []
