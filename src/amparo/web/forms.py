"""Reading form fields: dates, choices, and the errors shown next to each field.

A form with a missing or malformed field comes back as the same form, with the text the
user typed and the error beside the field; nothing is saved. Service errors
(``InvalidInput``) carry a field path, which ``place_problems`` puts beside the field
of that name (or at the top of the form when no field matches).

A refused form answers with a redirect to the page that shows it (``refused``), its
errors and typed text kept for that one GET in the session's server memory.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from starlette.responses import RedirectResponse

from amparo.model.errors import InvalidInput, Message, Problem
from amparo.service import say

Errors = dict[str, str]
FORM_LEVEL = "_form"
#: How far a person's identity may go, as the consent questions offer it (wizard and case page).
CONSENT_CHOICES = (
    ("none", "Nobody outside this vault may learn who they are"),
    ("un-confidential", "Only the UN body, in confidence"),
    ("state", "The UN body and the government concerned"),
    ("public-anonymous", "All of that, and a public text that describes them without their name"),
    ("public-named", "All of that, and a public text that names them"),
)
#: Refused forms kept per session at once (one per page is the usual case).
MAX_KEPT = 8


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


_TOO_LONG = re.compile(r"is ([\d,]+) characters long; at most ([\d,]+) fit here")
_AT = re.compile(r"at character (\d+)")


def said(problem: Problem | Message | str, _: Callable[[str], str], lang: str = "en") -> str:
    """A problem from the service (English, for logs and the API) in the page's language:
    the web's own plainer wording with what to do (``plain_wording``) where it has one,
    else the service's message translated (``say``)."""
    message = problem.message if isinstance(problem, Problem) else str(problem)
    return plain_wording(message, _) or say(problem.text if isinstance(problem, Problem) else problem, lang)


def plain_wording(message: str, _: Callable[[str], str]) -> str | None:
    """The web's wording for the text-field faults a form can have (too long, a character
    that cannot be stored, empty, a date to come), or None for any other problem."""
    if found := _TOO_LONG.search(message):
        return _("This text is {n} characters long; at most {most} fit here. Keep a longer text "
                 "as an evidence file instead.").format(n=found.group(1), most=found.group(2))
    if "control character" in message or "surrogate" in message or "noncharacter" in message:
        at = _AT.search(message)
        if "this field is one line" in message:
            return _("Write this on one line: it holds a line break or a character that cannot be stored.")
        if at:
            return _("This text holds a character that cannot be stored, at character {n}: remove it.").format(
                n=at.group(1))
        return _("This text holds a character that cannot be stored: remove it.")
    if message.endswith("is in the future"):
        return _("This date is in the future: give a day that has come.")
    if "does not fit this case" in message:
        return _("This body does not deal with a case like this one. Pick one of the bodies in the plan.")
    if "must not be empty" in message:
        return _("Write something here first.")
    return None


def keep(session: Any, path: str, errors: Errors, typed: dict[str, Any] | None = None, **shown: Any) -> None:
    """Keep a refused form's errors and typed text for the page at ``path`` to show once.

    Held in the browser session's server memory only (gone when the vault locks), so that
    the refused form can answer with a redirect (post/redirect/get): the browser's Back
    then never lands on a posted page ("Confirm form resubmission"). Never a passphrase.
    ``shown`` holds other values for that page (the result of a check).
    """
    session.kept_forms[path] = {"errors": dict(errors), "typed": dict(typed or {}), **shown}
    while len(session.kept_forms) > MAX_KEPT:
        session.kept_forms.pop(next(iter(session.kept_forms)))


def kept(session: Any, path: str) -> dict[str, Any]:
    """The errors and typed text kept for ``path`` (shown once, then forgotten)."""
    return session.kept_forms.pop(path, None) or {}


def refused(session: Any, path: str, errors: Errors, typed: dict[str, Any] | None = None,
            anchor: str = "") -> RedirectResponse:
    """Keep the refused form (``keep``) and send the browser to GET ``path`` to show it."""
    keep(session, path, errors, typed)
    # With errors, no #section: the summary at the top takes focus and links to each field.
    return RedirectResponse(path + (f"#{anchor}" if anchor and not errors else ""), status_code=303)


def refusal(exc: Exception, _: Callable[[str], str], lang: str = "en") -> str:
    """Why a draft or a record was refused, in the page's language, with what to do instead.

    The service's own message is English and may hold a person's ref: it goes to the API
    and the log, not the page.
    """
    from amparo.model.errors import AmparoError, ConsentRefused, NotFound

    if isinstance(exc, ConsentRefused):
        return _("This would tell more than the people in the case agreed to. Describe them without "
                 "their names, or record a wider consent on the case page first.")
    if isinstance(exc, NotFound):
        return _("Amparo knows no such body or step. Pick one from the plan.")
    if isinstance(exc, InvalidInput):
        return " ".join(dict.fromkeys(said(p, _, lang) for p in exc.problems))
    if isinstance(exc, AmparoError):
        return say(exc, lang)
    return _("This could not be stored as typed: check it and send again.")
