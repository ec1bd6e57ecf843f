"""The case list (search and filters) and the case page."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from amparo.model import vocabularies as vocab
from amparo.service import OUTCOMES, STATUSES
from amparo.web.deps import Unlocked, UnlockedForm, Visit
from amparo.web.views import render

router = APIRouter(include_in_schema=False)
PAGE = 50


def engagement_bodies(visit: Visit) -> list[str]:
    """The bodies a case can name as engaged with (plain bodies, treaty bodies, mandates)."""
    mandates = sorted(a.id for a in visit.ws.ctx.kb.avenues if a.id.startswith(("sp:", "rg:"))
                      and a.id != "sp:coordination-committee")
    return [*vocab.PLAIN_BODIES, *(f"tb:{t}" for t in vocab.TREATY_BODIES), *mandates]


def countries(visit: Visit) -> list[tuple[str, str]]:
    """(code, name in the UI language) for every ISO country, by name."""
    names = visit.lang.locale.territories
    return sorted(((c, n) for c, n in names.items() if len(c) == 2 and c.isalpha() and c != "ZZ"),
                  key=lambda cn: cn[1])


def _filtered(visit: Visit, *, text: str, country: str, status: str, body: str, rtype: str,
              limit: int) -> list[tuple[object, object]]:
    ws = visit.ws
    wanted = status if status in STATUSES else None
    found = ws.cases.list(country=country or None, reprisal_type=rtype or None, body=body or None,
                          text=text or None, limit=None if wanted else limit)
    statuses = ws.followup.statuses([s.id for s in found])
    rows = [(summary, statuses[summary.id]) for summary in found
            if not wanted or statuses[summary.id].value == wanted]
    return rows[:limit]


def _list(visit: Visit, *, text: str = "", country: str = "", status: str = "", body: str = "",
          rtype: str = "", limit: int = PAGE) -> Response:
    limit = max(1, min(limit, 1000))
    rows = _filtered(visit, text=text, country=country, status=status, body=body, rtype=rtype, limit=limit)
    values = dict(rows=rows, text=text, country=country, status=status, body=body, rtype=rtype,
                  limit=limit, more=len(rows) >= limit, statuses=STATUSES, bodies=engagement_bodies(visit),
                  rtypes=vocab.REPRISAL_TYPES, countries=countries(visit))
    if visit.request.headers.get("hx-request"):
        return render(visit, "_case_rows.html", **values)
    return render(visit, "cases.html", **values)


@router.get("/cases")
def cases_page(visit: Unlocked, country: str = "", status: str = "", body: str = "", type: str = "",
               limit: int = PAGE) -> Response:
    """Every case, most recently changed first, with filters (ids and vocabularies only in the URL)."""
    return _list(visit, country=country, status=status, body=body, rtype=type, limit=limit)


@router.post("/cases")
def cases_search(visit: UnlockedForm) -> Response:
    """The same list with full-text search: posted, so searched words never sit in a URL."""
    try:
        limit = int(visit.field("limit") or PAGE)
    except ValueError:
        limit = PAGE
    return _list(visit, text=visit.field("text"), country=visit.field("country"), status=visit.field("status"),
                 body=visit.field("body"), rtype=visit.field("type"), limit=limit)


def case_values(visit: Visit, case_id: str) -> dict[str, object]:
    """Everything the case page shows."""
    ws = visit.ws
    stored = ws.cases.stored(case_id)
    timeline = ws.followup.timeline(case_id)
    return dict(
        case_id=case_id, stored=stored, case=stored.case, status=ws.followup.status(case_id),
        evidence=ws.evidence.list(case_id), notes=ws.cases.notes(case_id), timeline=timeline,
        deadlines=ws.followup.deadlines(case_id), drafts=ws.drafts.list(case_id),
        actions=[t for t in timeline if t.kind == "action"],
        consent_levels=("none", "un-confidential", "state", "public-anonymous", "public-named"),
        consent_methods=vocab.CONSENT_METHODS, outcomes=OUTCOMES, today=ws.ctx.today(),
        channels=vocab.ACTION_CHANNELS, response_kinds=vocab.RESPONSE_KINDS,
    )


def case_page_response(visit: Visit, case_id: str, *, status: int = 200, **extra: object) -> Response:
    """The case page, with any form errors and typed values in ``extra``."""
    return render(visit, "case.html", http_status=status, **{**case_values(visit, case_id), **extra})


@router.get("/cases/{case_id}")
def case_page(visit: Unlocked, case_id: str) -> Response:
    """One case: people and consent, engagements, reprisals, evidence, notes, timeline, status."""
    return case_page_response(visit, case_id)
