"""Changes to a case from its page: notes, consent per person, closing and reopening; the consent sheet.

Each form posts, the service decides, and the browser is sent back to the case page
(post/redirect/get). A refused form shows the case page again with the error beside the
field and the typed text kept; nothing is saved.

A consent may differ for some avenues (rows of an avenue id or family, ``sp:*``, and how
far it may go there) and carry a review date, after which it allows nothing until
renewed. The consent conversation sheet is posted for (the person's ref is not put in a
URL, nor in the browser's history) and comes back as a file to download.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response

from amparo.model.consent import CIRCLE_VALUES, CONSENT_LEVELS
from amparo.model.errors import InvalidInput
from amparo.service import check_consent
from amparo.web.deps import UnlockedForm
from amparo.web.forms import FORM_LEVEL, Errors, form_date, plain_wording, refused, said

router = APIRouter(include_in_schema=False)


def _back(case_id: str, anchor: str) -> Response:
    return RedirectResponse(f"/cases/{case_id}#{anchor}", status_code=303)


def _refused(visit: UnlockedForm, case_id: str, errors: Errors, typed: dict[str, Any] | None = None,
             anchor: str = "") -> Response:
    """The case page again (after a redirect), with the errors and what was typed."""
    return refused(visit.session, f"/cases/{case_id}", errors, typed, anchor)


@router.post("/cases/{case_id}/notes")
def add_note(visit: UnlockedForm, case_id: str) -> Response:
    """Add a note (kept encrypted; found by search)."""
    raw = visit.form.get("text") if visit.form is not None else None
    text = raw if isinstance(raw, str) else ""
    if not text.strip():
        return _refused(visit, case_id, {"note.text": visit._("Write the note first.")}, anchor="notes")
    try:
        visit.ws.cases.add_note(case_id, text)
    except InvalidInput as exc:
        message = " ".join(said(p, visit._, visit.lang.code) for p in exc.problems)
        return _refused(visit, case_id, {"note.text": message}, {"note.text": text}, anchor="notes")
    return _back(case_id, "notes")


#: Rows offered for avenue scopes beyond those the consent already has.
SCOPE_ROWS = 2
#: At most this many rows are read from a form (a form is not a way to fill the vault).
MAX_SCOPES = 40


def _scope_rows(visit: UnlockedForm) -> list[tuple[str, str]]:
    """The (avenue, level) rows of the form, in order, as typed (blank rows included)."""
    rows = []
    for i in range(MAX_SCOPES):
        avenue, level = visit.field(f"scope-{i}-avenue"), visit.field(f"scope-{i}-level")
        if f"scope-{i}-avenue" not in (visit.form or {}) and f"scope-{i}-level" not in (visit.form or {}):
            break
        rows.append((avenue, level))
    return rows


def _level(value: str) -> str | list[str]:
    """A level (``state``) or a set of circles written ``un-confidential,public-anonymous``."""
    parts = [v.strip() for v in value.split(",") if v.strip()]
    return parts[0] if len(parts) == 1 else parts


def _place(problem_path: str, key: str, rows: list[tuple[str, str]]) -> str:
    """The form field a service problem belongs beside."""
    if problem_path.startswith("consent.per_avenue."):
        avenue = problem_path.removeprefix("consent.per_avenue.").strip("'")
        index = next((i for i, (a, _level) in enumerate(rows) if a == avenue), None)
        return f"{key}.scope.{index}" if index is not None else f"{key}.scopes"
    if problem_path == "consent.review_on":
        return f"{key}.review_on"
    if problem_path in ("method", "given_on"):
        return f"{key}.{problem_path}"
    return f"{key}.consent"


def _said(visit: UnlockedForm, path: str, message: str, translated: str) -> str:
    """A service problem in the page's language, for the faults this form can have
    (``translated``: the service's own message said in the page's language)."""
    _ = visit._
    if path == "consent.review_on":
        return _("Give a review date after today: on that day the consent is to be confirmed again.")
    if path.startswith("consent.per_avenue."):
        scope = path.removeprefix("consent.per_avenue.").strip("'")
        kb = visit.ws.ctx.kb
        if scope.endswith(":*"):
            families = sorted({a.id.split(":", 1)[0] for a in kb.avenues})
            return _("No family of avenues is called so. Families are:") + " " + ", ".join(f"{f}:*" for f in families)
        if "avenue" in message:
            near = list(kb.nearest(scope))
            nearest = _("Nearest:")
            hint = f" {nearest} {', '.join(near)}" if near else ""
            return _("Amparo knows no avenue by this id.") + hint
    return plain_wording(message, _) or translated


@router.post("/cases/{case_id}/people/{ref}/consent")
def change_consent(visit: UnlockedForm, case_id: str, ref: str) -> Response:
    """Record a new consent for one person: explicit (a confirmation box), with when and how,
    scoped per avenue if wanted, with a review date if wanted."""
    _ = visit._
    errors: Errors = {}
    key = f"consent.{ref}"
    consent = visit.field("consent")
    method = visit.field("method") or None
    note = visit.field("note") or None
    given_on = form_date(visit.field("given_on"), f"{key}.given_on", errors, _, required=False)
    review_on = form_date(visit.field("review_on"), f"{key}.review_on", errors, _, required=False)
    rows = _scope_rows(visit)
    if consent not in CONSENT_LEVELS:
        errors[f"{key}.consent"] = _("Pick how far this person agrees that the case may go.")
    if visit.field("confirm") != "yes":
        errors[f"{key}.confirm"] = _("Tick the box to confirm that this person gave this consent.")
    scopes: dict[str, Any] = {}
    for i, (avenue, level) in enumerate(rows):
        where = f"{key}.scope.{i}"
        if not avenue and not level:
            continue
        if not avenue:
            errors[where] = _("Write the avenue's id (for example sg:report) or a family (for example sp:*).")
        elif not level:
            errors[where] = _("Pick how far the case may go with this avenue.")
        elif avenue in scopes:
            errors[where] = _("This avenue is already given above: give each avenue once.")
        elif level not in CONSENT_LEVELS and not all(c in CIRCLE_VALUES for c in level.split(",")):
            errors[where] = _("Pick one of the choices offered.")
        else:
            scopes[avenue] = _level(level)
    value: Any = consent
    if scopes or review_on is not None:
        value = {"circles": consent if consent in CONSENT_LEVELS else "none",
                 **({"per_avenue": scopes} if scopes else {}),
                 **({"review_on": review_on.isoformat()} if review_on else {})}

    def place(exc: InvalidInput) -> None:
        for p in exc.problems:
            where = _place(p.path, key, rows)
            if where not in errors:
                errors[where] = _said(visit, p.path, p.message, visit.say(p, path=False))

    if errors:
        # The rest of the consent is still checked, so that every fault shows at once.
        try:
            check_consent(visit.ws.ctx, value)
        except InvalidInput as exc:
            place(exc)
    else:
        try:
            visit.ws.cases.set_consent(case_id, ref, value, method=method, given_on=given_on, note=note)
        except InvalidInput as exc:
            place(exc)
    if errors:
        typed = {f"{key}.note": note or "", f"{key}.given_on": visit.field("given_on"),
                 f"{key}.review_on": visit.field("review_on"), f"{key}.consent": consent,
                 f"{key}.method": method or "", f"{key}.scopes": rows}
        return _refused(visit, case_id, errors, typed, anchor=f"person-{ref}")
    return _back(case_id, f"person-{ref}")


@router.post("/cases/{case_id}/consent-sheet")
def consent_sheet(visit: UnlockedForm, case_id: str) -> Response:
    """The consent conversation sheet, as a file: for everyone in the case, or one person."""
    from amparo.service import SHEET_FORMATS

    _ = visit._
    person = visit.field("person") or None
    language = visit.field("language") or visit.lang.code
    fmt = visit.field("fmt") or "pdf"
    errors: Errors = {}
    if fmt not in SHEET_FORMATS:
        errors["sheet.fmt"] = _("Pick one of the choices offered.")
    if not errors:
        try:
            made = visit.ws.consent_sheets.sheet(case_id, person=person, language=language, fmt=fmt)
        except InvalidInput as exc:
            for p in exc.problems:
                where = {"person": "sheet.person", "language": "sheet.language"}.get(p.path, FORM_LEVEL)
                errors[where] = (_("Pick one of the choices offered.") if where != FORM_LEVEL
                                 else said(p, _, visit.lang.code))
    if errors:
        return _refused(visit, case_id, errors,
                        {"sheet.person": person or "", "sheet.language": language, "sheet.fmt": fmt},
                        anchor="consent-sheet")
    return Response(made.data, media_type=made.media_type,
                    headers={"content-disposition": f'attachment; filename="{made.filename}"'})


@router.post("/cases/{case_id}/close")
def close_case(visit: UnlockedForm, case_id: str) -> Response:
    """Close the case with an outcome."""
    errors: Errors = {}
    closed_on = form_date(visit.field("closed_on"), "close.closed_on", errors, visit._, required=False)
    if not errors:
        try:
            visit.ws.followup.close(case_id, visit.field("outcome"), closed_on=closed_on)
        except InvalidInput as exc:
            for p in exc.problems:
                if p.path == "closed_on":
                    errors["close.closed_on"] = said(p, visit._, visit.lang.code)
                else:
                    errors["close.outcome"] = visit._("Pick an outcome.")
    if errors:
        return _refused(visit, case_id, errors, {"close.outcome": visit.field("outcome"),
                                                 "close.closed_on": visit.field("closed_on")}, anchor="status")
    return _back(case_id, "status")


@router.post("/cases/{case_id}/reopen")
def reopen_case(visit: UnlockedForm, case_id: str) -> Response:
    """Reopen a closed case."""
    visit.ws.followup.reopen(case_id)
    return _back(case_id, "status")
