"""The JSON API: the same operations as the pages, over the same service.

Authentication: the browser session (writes carry ``X-CSRF-Token``) or
``Authorization: Bearer <token>`` from ``amparo serve --api-token-file``; either way the
vault must have been unlocked in a browser. Search text is posted, never put in a URL.
Errors are ``{"error": kind, ...}`` with where and what, never a value from the case;
each is in the OpenAPI schema (``ERRORS``):

- 400 ``refused``: a request the service refuses as a whole (e.g. a draft to an avenue
  that is not in the case's plan), or a ``Host:`` the server does not answer to (plain text);
- 401 ``locked``: the vault is locked, the session ended, or a write lacks its token;
- 404 ``not-found``: a case, action or avenue id that names nothing;
- 409 ``consent-refused``: the consent gate does not allow what was asked;
- 422 ``invalid-input``: every fault of the input by its path (a field, ``search``, ``body.note``).
"""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

from fastapi import APIRouter, Body
from pydantic import BaseModel, Field

from amparo.web.deps import ApiUser, ApiWrite, Visit, reads_together


class ErrorBody(BaseModel):
    """An error: its kind (``refused``, ``locked``, ``not-found``, ``consent-refused``) and what happened."""

    error: str
    detail: str


class InputProblem(BaseModel):
    """One fault of the input: where (a field path) and what (never the value)."""

    path: str
    message: str


class InvalidInputBody(BaseModel):
    """The input was refused: ``error`` is ``invalid-input``; ``problems`` lists every fault."""

    error: str
    problems: list[InputProblem]


#: The answers every API operation may give besides its success (main.py's handlers).
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Refused as a whole (what was asked cannot be done)"},
    401: {"model": ErrorBody, "description": "Locked: unlock in a browser, or send the bearer token"},
    404: {"model": ErrorBody, "description": "No such case, action or avenue"},
    409: {"model": ErrorBody, "description": "The consent of someone it identifies does not allow it"},
    422: {"model": InvalidInputBody, "description": "Invalid input: every fault by its path"},
}

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


class CaseSearch(BaseModel):
    """Full-text search with the list's filters."""

    text: str | None = None
    country: str | None = None
    reprisal_type: str | None = None
    body: str | None = None
    limit: int = Field(50, ge=1, le=1000)


class DraftRequest(BaseModel):
    """What to draft: the avenue (from the plan), language, format, optional action."""

    avenue: str
    language: str = "en"
    fmt: str = "txt"
    action: str | None = None
    anonymise: bool = False


class ActionSent(BaseModel):
    """Something sent to an avenue."""

    avenue: str
    sent_on: date
    channel: str
    action: str | None = None
    disclosure: str | None = None
    draft_id: str | None = None
    note: str | None = None
    people: list[str] | None = None


class ResponseReceived(BaseModel):
    """Something that came back."""

    kind: str
    received_on: date
    from_avenue: str | None = None
    action_id: str | None = None
    reference: str | None = None
    paragraph: str | None = None
    note: str | None = None


def _summary(visit: Visit, s: Any) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "country": s.country, "fictional": s.fictional,
            "people": s.people_count, "reprisal_types": list(s.reprisal_types), "bodies": list(s.bodies),
            "latest_event": s.latest_event.isoformat() if s.latest_event else None,
            "updated_at": s.updated_at.isoformat()}


@router.get("/cases", summary="List cases (filters by ids and vocabularies)")
@reads_together
def list_cases(visit: ApiUser, country: str | None = None, reprisal_type: str | None = None,
               body: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Cases, most recently changed first."""
    found = visit.ws.cases.list(country=country, reprisal_type=reprisal_type, body=body,
                                limit=max(1, min(limit, 1000)))
    return [_summary(visit, s) for s in found]


@router.post("/cases/search", summary="Search cases (full text, posted)")
@reads_together
def search_cases(visit: ApiUser, query: CaseSearch) -> list[dict[str, Any]]:
    """Cases matching the words and filters."""
    found = visit.ws.cases.list(country=query.country, reprisal_type=query.reprisal_type, body=query.body,
                                text=query.text or None, limit=query.limit)
    return [_summary(visit, s) for s in found]


@router.post("/cases", summary="Import a case (case-facts JSON)", status_code=201)
def import_case(visit: ApiWrite, facts: dict[str, Any] = Body(...)) -> dict[str, str]:  # noqa: B008
    """Validate and store a case; returns its id."""
    return {"id": visit.ws.cases.add(facts, source="api")}


@router.get("/cases/{case_id}", summary="A case: facts, status and histories")
@reads_together
def case_detail(visit: ApiUser, case_id: str) -> dict[str, Any]:
    """The case as the vault holds it (audited as an export)."""
    return visit.ws.cases.export(case_id)


@router.get("/cases/{case_id}/triage", summary="The plan for a saved case")
@reads_together
def case_triage(visit: ApiUser, case_id: str) -> dict[str, Any]:
    """Ranked avenues, gated actions, risk notes, precedents (people by ref only)."""
    return visit.ws.plans.for_case(case_id).to_json()


@router.post("/triage", summary="The plan for case facts that are not saved")
def triage_facts(visit: ApiUser, facts: dict[str, Any] = Body(...)) -> dict[str, Any]:  # noqa: B008
    """Triage without storing anything."""
    return visit.ws.plans.for_facts(facts, source="api")[1].to_json()


@router.post("/triage/draft", summary="A draft for case facts that are not saved")
def draft_facts(visit: ApiUser, request: DraftRequest, facts: dict[str, Any] = Body(...)) -> dict[str, Any]:  # noqa: B008
    """Draft without storing anything (the consent gate and redaction apply as always)."""
    draft = visit.ws.drafts.for_facts(facts, source="api", avenue=request.avenue, language=request.language,
                                      fmt=request.fmt, action=request.action, anonymise=request.anonymise)
    return {**draft.to_json(), "content_base64": base64.b64encode(draft.data).decode()}


@router.post("/cases/{case_id}/drafts", summary="Draft to an avenue and record it", status_code=201)
def case_draft(visit: ApiWrite, case_id: str, request: DraftRequest) -> dict[str, Any]:
    """The draft's metadata and content (base64); recorded on the case with its SHA-256."""
    draft = visit.ws.drafts.draft(case_id, avenue=request.avenue, language=request.language, fmt=request.fmt,
                                  action=request.action, anonymise=request.anonymise)
    return {**draft.to_json(), "content_base64": base64.b64encode(draft.data).decode()}


@router.post("/cases/{case_id}/actions", summary="Record something sent", status_code=201)
def record_action(visit: ApiWrite, case_id: str, sent: ActionSent) -> dict[str, str]:
    """Refused (409) beyond the consent of anyone it identifies."""
    action_id = visit.ws.followup.record_action(case_id, avenue=sent.avenue, sent_on=sent.sent_on, channel=sent.channel,
                                       action=sent.action, disclosure=sent.disclosure, draft_id=sent.draft_id,
                                       note=sent.note, people=tuple(sent.people) if sent.people else None)
    return {"id": action_id}


@router.post("/cases/{case_id}/responses", summary="Record something received", status_code=201)
def record_response(visit: ApiWrite, case_id: str, got: ResponseReceived) -> dict[str, str]:
    """Validated against the case's actions."""
    return {"id": visit.ws.followup.record_response(case_id, kind=got.kind, received_on=got.received_on,
                                           from_avenue=got.from_avenue, action_id=got.action_id,
                                           reference=got.reference, paragraph=got.paragraph, note=got.note)}


@router.get("/cases/{case_id}/timeline", summary="A case's timeline")
@reads_together
def timeline(visit: ApiUser, case_id: str) -> list[dict[str, Any]]:
    """Engagements, reprisals, actions, responses and events in date order."""
    return [t.to_json() for t in visit.ws.followup.timeline(case_id)]


@router.get("/due", summary="What is due or overdue, soonest first")
@reads_together
def due(visit: ApiUser) -> list[dict[str, Any]]:
    """Across all cases (case ids and avenue names only)."""
    return [d.to_json() for d in visit.ws.followup.due()]
