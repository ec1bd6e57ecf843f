"""Changes to a case from its page: notes, consent per person, closing and reopening.

Each form posts, the service decides, and the browser is sent back to the case page
(post/redirect/get). A refused form shows the case page again with the error beside the
field and the typed text kept; nothing is saved.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response

from amparo.model.errors import InvalidInput
from amparo.web.deps import UnlockedForm
from amparo.web.forms import Errors, form_date, place_problems
from amparo.web.routes.cases import case_page_response

router = APIRouter(include_in_schema=False)


def _back(case_id: str, anchor: str) -> Response:
    return RedirectResponse(f"/cases/{case_id}#{anchor}", status_code=303)


@router.post("/cases/{case_id}/notes")
def add_note(visit: UnlockedForm, case_id: str) -> Response:
    """Add a note (kept encrypted; found by search)."""
    text = visit.field("text")
    if not text:
        return case_page_response(visit, case_id, status=422, errors={"note.text": visit._("Write the note first.")})
    visit.ws.cases.add_note(case_id, text)
    return _back(case_id, "notes")


@router.post("/cases/{case_id}/people/{ref}/consent")
def change_consent(visit: UnlockedForm, case_id: str, ref: str) -> Response:
    """Record a new consent for one person: explicit (a confirmation box), with when and how."""
    _ = visit._
    errors: Errors = {}
    key = f"consent.{ref}"
    consent = visit.field("consent")
    method = visit.field("method") or None
    note = visit.field("note") or None
    given_on = form_date(visit.field("given_on"), f"{key}.given_on", errors, _, required=False)
    if consent not in ("none", "un-confidential", "state", "public-anonymous", "public-named"):
        errors[f"{key}.consent"] = _("Pick how far this person agrees that the case may go.")
    if visit.field("confirm") != "yes":
        errors[f"{key}.confirm"] = _("Tick the box to confirm that this person gave this consent.")
    if not errors:
        try:
            visit.ws.cases.set_consent(case_id, ref, consent, method=method, given_on=given_on, note=note)
        except InvalidInput as exc:
            for p in exc.problems:
                where = p.path if p.path in ("consent", "method", "given_on") else "consent"
                errors[f"{key}.{where}"] = p.message
    if errors:
        return case_page_response(visit, case_id, status=422, errors=errors,
                                  typed={f"{key}.note": note or "", f"{key}.given_on": visit.field("given_on")})
    return _back(case_id, f"person-{ref}")


@router.post("/cases/{case_id}/close")
def close_case(visit: UnlockedForm, case_id: str) -> Response:
    """Close the case with an outcome."""
    errors: Errors = {}
    closed_on = form_date(visit.field("closed_on"), "close.closed_on", errors, visit._, required=False)
    if not errors:
        try:
            visit.ws.followup.close(case_id, visit.field("outcome"), closed_on=closed_on)
        except InvalidInput as exc:
            place_problems(exc, (), errors)
            errors["close.outcome"] = errors.pop("_form", visit._("Pick an outcome."))
    if errors:
        return case_page_response(visit, case_id, status=422, errors=errors)
    return _back(case_id, "status")


@router.post("/cases/{case_id}/reopen")
def reopen_case(visit: UnlockedForm, case_id: str) -> Response:
    """Reopen a closed case."""
    visit.ws.followup.reopen(case_id)
    return _back(case_id, "status")
