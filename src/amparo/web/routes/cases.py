"""The case list (search and filters) and the case page."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from fastapi import APIRouter
from fastapi.responses import Response

from amparo.model import vocabularies as vocab
from amparo.model.errors import InvalidInput
from amparo.service import OUTCOMES, STATUSES, Workspace
from amparo.web.deps import Unlocked, UnlockedForm, Visit, reads_together
from amparo.web.forms import CONSENT_CHOICES, kept, said
from amparo.web.i18n import language_name
from amparo.web.views import ChoiceList, render
from amparo.web.wording import CIRCLE_WORDS, case_words, circle_words, sent_words

router = APIRouter(include_in_schema=False)
PAGE = 50
#: Cases read at a time while a status filter looks for enough matches.
STATUS_PAGE = 200


def engagement_bodies(visit: Visit) -> list[str]:
    """The bodies a case can name as engaged with (plain bodies, treaty bodies, mandates)."""
    mandates = sorted(a.id for a in visit.ws.ctx.kb.avenues if a.id.startswith(("sp:", "rg:"))
                      and a.id != "sp:coordination-committee")
    return [*vocab.PLAIN_BODIES, *(f"tb:{t}" for t in vocab.TREATY_BODIES), *mandates]


# Choice lists that depend only on the knowledge base and the page's language, built once
# per process: (what, language) -> (the knowledge base they were built from, the list).
_built: dict[tuple[str, str], tuple[object, tuple[tuple[str, str], ...]]] = {}


def _once(what: str, visit: Visit, build: Callable[[], Iterable[tuple[str, str]]]) -> tuple[tuple[str, str], ...]:
    kb = visit.ws.ctx.kb
    found = _built.get((what, visit.lang.code))
    if found is None or found[0] is not kb:
        found = _built[(what, visit.lang.code)] = (kb, ChoiceList(build()))
    return found[1]


def body_choices(visit: Visit) -> tuple[tuple[str, str], ...]:
    """(id, name in the page's language) of every body a case can name: the Council and its
    review first, then the treaty bodies, then the mandates by name."""
    return _once("bodies", visit, lambda: _body_choices(visit))


def avenue_choices(visit: Visit) -> tuple[tuple[str, str], ...]:
    """(id, name in the page's language) of every avenue the knowledge base knows, by name."""
    return _once("avenues", visit, lambda: sorted(((a.id, visit.labels.avenue(a.id)) for a in visit.ws.ctx.kb.avenues),
                                                  key=lambda pair: pair[1]))


def _body_choices(visit: Visit) -> list[tuple[str, str]]:
    labels = visit.labels

    def named(b: str) -> tuple[str, str]:
        text = labels.avenue(b)
        return b, text[:1].upper() + text[1:]

    plain = [named(b) for b in engagement_bodies(visit) if not b.startswith(("sp:", "rg:"))]
    rest = sorted((named(b) for b in engagement_bodies(visit) if b.startswith(("sp:", "rg:"))),
                  key=lambda pair: pair[1].lower())
    return plain + rest


def avenue_families(visit: Visit) -> list[tuple[str, str]]:
    """Consent scopes for a whole family of avenues: (``sp:*``, its name in words)."""
    _ = visit._
    return [("sp:*", _("Every Special Procedures mandate")), ("tb:*", _("Every treaty body")),
            ("rg:*", _("Every regional body"))]


def countries(visit: Visit) -> tuple[tuple[str, str], ...]:
    """(code, name in the UI language) for every ISO country, by name."""
    names = visit.lang.locale.territories
    return _once("countries", visit, lambda: sorted(
        ((c, n) for c, n in names.items() if len(c) == 2 and c.isalpha() and c != "ZZ"), key=lambda cn: cn[1]))


def _filtered(visit: Visit, *, text: str, country: str, status: str, body: str, rtype: str,
              limit: int) -> list[tuple[object, object]]:
    ws = visit.ws
    wanted = status if status in STATUSES else None
    # The status is worked out from each case's follow-up, not stored: with a status filter
    # the cases are read a page at a time until enough match, not all of them at once.
    page = limit if not wanted else max(limit, STATUS_PAGE)
    rows: list[tuple[object, object]] = []
    seen: set[str] = set()
    offset = 0
    while len(rows) < limit:
        found = ws.cases.list(country=country or None, reprisal_type=rtype or None, body=body or None,
                              text=text or None, limit=page, offset=offset)
        statuses = ws.followup.statuses([s.id for s in found])
        for summary in found:
            if summary.id not in seen and (not wanted or statuses[summary.id].value == wanted):
                seen.add(summary.id)
                rows.append((summary, statuses[summary.id]))
        if not wanted or len(found) < page:
            break
        offset += page
    return rows[:limit]


def _list(visit: Visit, *, text: str = "", country: str = "", status: str = "", body: str = "",
          rtype: str = "", limit: int = PAGE) -> Response:
    limit = max(1, min(limit, 1000))
    errors: dict[str, str] = {}
    try:
        rows = _filtered(visit, text=text, country=country, status=status, body=body, rtype=rtype, limit=limit)
    except InvalidInput as exc:
        # Too many words, or a character that is not text: the words stay in the field.
        rows = []
        errors["text"] = " ".join(dict.fromkeys(said(p, visit._, visit.lang.code) for p in exc.problems))
    values = dict(rows=rows, errors=errors, text=text, country=country, status=status, body=body, rtype=rtype,
                  limit=limit, more=len(rows) >= limit, statuses=STATUSES, bodies=body_choices(visit),
                  rtypes=vocab.REPRISAL_TYPES, countries=countries(visit), country_name=visit.labels.country)
    if visit.request.headers.get("hx-request"):
        return render(visit, "_case_rows.html", **values)
    return render(visit, "cases.html", **values)


@router.get("/cases")
@reads_together
def cases_page(visit: Unlocked, country: str = "", status: str = "", body: str = "", type: str = "",
               limit: int = PAGE) -> Response:
    """Every case, most recently changed first, with filters (ids and vocabularies only in the URL)."""
    return _list(visit, country=country, status=status, body=body, rtype=type, limit=limit)


@router.post("/cases")
@reads_together
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
    # One request decides each access question once, and reads the case and its
    # follow-up once (issue 16); the decisions kept end with this block.
    with ws.cases.reading():
        return _case_values(visit, ws, case_id)


def _case_values(visit: Visit, ws: Workspace, case_id: str) -> dict[str, object]:
    stored = ws.cases.stored(case_id)
    followup = ws.followup.overview(case_id, case=stored.case)
    timeline = followup.timeline
    known = avenue_choices(visit)
    return dict(
        **case_words(visit.labels, stored.case.people, visit._),
        avenue_choices=known, avenue_families=avenue_families(visit),
        family_names=dict(avenue_families(visit)), known_avenues={a for a, _ in known},
        avenue_name=visit.labels.avenue, language_name=language_name,
        answer_choices=[(t.ids.get("action"), f"{t.date.isoformat()} · {visit.labels.avenue(t.ids.get('avenue'))}")
                        for t in timeline if t.kind == "action"],
        sent_words=lambda t: sent_words(t, visit.labels, visit._),
        case_id=case_id, stored=stored, case=stored.case, status=followup.status,
        evidence=ws.evidence.list(case_id), notes=ws.cases.notes(case_id), timeline=timeline,
        deadlines=followup.deadlines, drafts=ws.drafts.list(case_id),
        actions=[t for t in timeline if t.kind == "action"],
        consent_levels=("none", "un-confidential", "state", "public-anonymous", "public-named"),
        consent_labels=dict(CONSENT_CHOICES),
        disclosure_choices=[(c, circle_words(c, visit._)) for c in CIRCLE_WORDS if c != "none"],
        consent_methods=vocab.CONSENT_METHODS, outcomes=OUTCOMES, today=ws.ctx.today(),
        channels=vocab.ACTION_CHANNELS, response_kinds=vocab.RESPONSE_KINDS,
    )


def case_page_response(visit: Visit, case_id: str, *, status: int = 200, **extra: object) -> Response:
    """The case page, with any form errors and typed values in ``extra``."""
    return render(visit, "case.html", http_status=status, **{**case_values(visit, case_id), **extra})


@router.get("/cases/{case_id}")
@reads_together
def case_page(visit: Unlocked, case_id: str) -> Response:
    """One case: people and consent, engagements, reprisals, evidence, notes, timeline, status.

    A form of this page that was refused comes back here (post/redirect/get) with its
    errors beside the fields and the text typed in them.
    """
    return case_page_response(visit, case_id, **kept(visit.session, f"/cases/{case_id}"))
