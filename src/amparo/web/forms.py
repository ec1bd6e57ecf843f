"""Reading form fields: dates, choices, and the errors shown next to each field.

A form with a missing or malformed field comes back as the same form, with the text the
user typed and the error beside the field; nothing is saved. Service errors
(``InvalidInput``) carry a field path, which ``place_problems`` puts beside the field
of that name (or at the top of the form when no field matches).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from amparo.model.errors import InvalidInput
from amparo.service import say

Errors = dict[str, str]
FORM_LEVEL = "_form"


def form_date(value: str, name: str, errors: Errors, _: Callable[[str], str], *,
              required: bool = True) -> date | None:
    """A YYYY-MM-DD date, or an error under ``name``."""
    if not value:
        if required:
            errors[name] = _("Give a date.")
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors[name] = _("Write the date as year-month-day, for example 2026-03-02.")
        return None


def choice(value: str, allowed: Iterable[str], name: str, errors: Errors, _: Callable[[str], str], *,
           required: bool = True) -> str | None:
    """One of ``allowed`` (or empty when not required)."""
    if not value and not required:
        return None
    if value not in set(allowed):
        errors[name] = _("Pick one of the choices offered.")
        return None
    return value


def place_problems(exc: InvalidInput, fields: Iterable[str], errors: Errors, *, prefix: str = "",
                   lang: str = "en") -> Errors:
    """Put each service problem next to its field (by path), the rest at the top.

    ``prefix`` names the form on a page with several (``response.`` → ``response.reference``).
    """
    known = set(fields)
    for problem in exc.problems:
        key = prefix + problem.path if problem.path in known else FORM_LEVEL
        # In the page's language: the problem's message id and parameters, translated here.
        text = say(problem.text, lang) if key != FORM_LEVEL or not problem.path else say(problem, lang)
        errors[key] = f"{errors[key]} {text}" if key in errors else text
    return errors
