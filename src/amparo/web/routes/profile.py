"""The writer's profile page: who signs the letters, asked once.

Organisation, contact person, email, signature, language of correspondence and time
zone, kept in the vault (``ws.profile``). A refused form comes back with the error beside
the field and everything typed kept; nothing is saved then. ``next`` sends the user back
to where they came from (the draft that said the profile was missing).
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response

from amparo.model.errors import InvalidInput
from amparo.service import draft_languages, profile_fields
from amparo.web.deps import Unlocked, UnlockedForm, Visit, reads_together, safe_back
from amparo.web.forms import FORM_LEVEL, Errors
from amparo.web.i18n import language_name
from amparo.web.views import render

router = APIRouter(include_in_schema=False)


def _problem_words(_: Callable[[str], str]) -> dict[str, str]:
    # The service's problems are in English for the CLI and the log; the page says them
    # in its own language, per field.
    return {
        "organisation": _("Keep it under 2000 characters."),
        "contact": _("Keep it under 2000 characters."),
        "signature": _("Keep it under 2000 characters."),
        "email": _("Write an email address such as name@example.org."),
        "language": _("Pick one of the languages offered."),
        "time_zone": _("Write a time zone name such as Europe/Geneva or America/Bogota."),
    }


def _page(visit: Visit, values: dict[str, str | None], *, status: int = 200, errors: Errors | None = None,
          back: str = "", saved: bool = False) -> Response:
    choices = [(code, language_name(code)) for code in draft_languages()]
    return render(visit, "profile.html", http_status=status, values=values, errors=errors or {},
                  letter_languages_named=choices, back=back, saved=saved)


@router.get("/profile")
@reads_together
def profile_page(visit: Unlocked, next: str = "", saved: str = "") -> Response:
    """The profile as stored, ready to edit."""
    back = safe_back(next) if next else ""
    return _page(visit, visit.ws.profile.to_json(), back=back, saved=saved == "1")


@router.post("/profile")
def save_profile(visit: UnlockedForm) -> Response:
    """Save the profile (every field as typed; an empty field clears it)."""
    typed = {name: visit.field(name) for name in profile_fields()}
    back = safe_back(visit.field("next")) if visit.field("next") else ""
    errors: Errors = {}
    if typed["language"] and typed["language"] not in draft_languages():
        errors["language"] = _problem_words(visit._)["language"]
    if not errors:
        try:
            visit.ws.profile.set(**typed)
        except InvalidInput as exc:
            words = _problem_words(visit._)
            for problem in exc.problems:
                key = problem.path if problem.path in words else FORM_LEVEL
                errors[key] = words.get(problem.path) or visit._("The profile could not be saved.")
    if errors:
        return _page(visit, dict(typed), status=422, errors=errors, back=back)
    if back:
        return RedirectResponse(back, status_code=303)
    return RedirectResponse("/profile?saved=1", status_code=303)
