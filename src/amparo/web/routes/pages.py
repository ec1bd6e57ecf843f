"""Unlock, lock, the neutral locked page, the dashboard of what is due, error pages."""

from __future__ import annotations

import math

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from amparo.web.deps import Unlocked, Visitor, reads_together, safe_back, visitor
from amparo.web.keeper import Throttled, WrongPassphraseTry
from amparo.web.security import CLEAR_SITE_DATA, CSRF_FIELD, csrf_matches
from amparo.web.views import render

router = APIRouter(include_in_schema=False)


@router.get("/unlock")
def unlock_page(visit: Visitor, next: str = "/", expired: int = 0) -> Response:
    """The passphrase form (a server's sign-in form in server mode)."""
    if visit.keeper.team:
        return RedirectResponse(f"/sign-in?next={safe_back(next)}", status_code=303)
    if visit.session.unlocked and visit.keeper.workspace is not None:
        return RedirectResponse(safe_back(next), status_code=303)
    if not visit.keeper.vault_exists():
        from amparo.web.routes.first_run import welcome_page

        return welcome_page(visit)
    return render(visit, "unlock.html", back=safe_back(next), expired=bool(expired),
                  wait=math.ceil(visit.keeper.wait_left(visit.session)))


@router.post("/unlock")
async def unlock(request: Request) -> Response:
    """Check the passphrase; on success a new session cookie and back to where the user was."""
    from starlette.concurrency import run_in_threadpool

    visit = visitor(request)
    form = await request.form(max_files=0, max_fields=20)
    back = safe_back(form.get("next"))
    passphrase = form.get("passphrase")
    errors: dict[str, str] = {}
    if not csrf_matches(visit.session.csrf, form.get(CSRF_FIELD) if isinstance(form.get(CSRF_FIELD), str) else None):
        errors["passphrase"] = visit._("This page was open too long. Please type the passphrase again.")
        return render(visit, "unlock.html", http_status=400, back=back, errors=errors, wait=0)
    if not isinstance(passphrase, str) or not passphrase:
        errors["passphrase"] = visit._("Type the vault passphrase.")
        return render(visit, "unlock.html", http_status=422, back=back, errors=errors, wait=0)
    try:
        # Key derivation takes a moment on purpose: off the event loop.
        fresh = await run_in_threadpool(visit.keeper.unlock, visit.session, passphrase)
    except Throttled as exc:
        wait = math.ceil(exc.wait)
        errors["passphrase"] = visit._("Too many wrong passphrases. Wait {n} seconds, then try again.").format(n=wait)
        return render(visit, "unlock.html", http_status=429, back=back, errors=errors, wait=wait)
    except WrongPassphraseTry:
        errors["passphrase"] = visit._("That passphrase does not open this vault.")
        return render(visit, "unlock.html", http_status=401, back=back, errors=errors,
                      wait=math.ceil(visit.keeper.wait_left(visit.session)))
    request.state.amparo_set_sid = fresh.sid
    return RedirectResponse(back, status_code=303)


@router.post("/lock")
async def lock(request: Request) -> Response:
    """Lock at once (the button and the keyboard shortcut), then a neutral page.

    Only an unlocked session with its own CSRF token locks (``KeyKeeper.lock_by``):
    another site, or a browser session that never typed the passphrase, locks nothing.
    The browser is told to clear what it keeps of this site (``Clear-Site-Data``).
    """
    visit = visitor(request)
    form = await request.form(max_files=0, max_fields=20)
    token = form.get(CSRF_FIELD)
    response = RedirectResponse("/locked", status_code=303)
    if visit.keeper.lock_by(visit.session, token if isinstance(token, str) else None):
        request.state.amparo_set_sid = visit.keeper.new_session().sid
        response.headers["clear-site-data"] = CLEAR_SITE_DATA
    return response


@router.get("/locked")
def locked(visit: Visitor) -> Response:
    """A neutral page: says nothing about what the vault holds."""
    return render(visit, "locked.html")


@router.get("/session/csrf")
def session_csrf(visit: Visitor) -> Response:
    """The current session's CSRF token, for pages whose token went stale after unlocking
    again in another tab (``amparo.js`` refreshes the forms, keeping what was typed)."""
    return JSONResponse({"csrf": visit.session.csrf, "unlocked": visit.session.unlocked})


@router.get("/")
@reads_together
def dashboard(visit: Unlocked) -> Response:
    """What is due and overdue across all cases, soonest first."""
    from amparo.service import BACKUP_COMMAND
    from amparo.web.wording import deadline_sentence

    ws = visit.ws
    if not ws.guard.sees_content:  # a reviewer: no deadlines naming people; the case list instead
        return RedirectResponse("/cases", status_code=303)
    labels = visit.labels
    cases: dict[str, tuple[str, dict[str, str]]] = {}
    rows = []
    for item in ws.followup.due():
        d = item.deadline
        if d.case_id and d.case_id not in cases:
            case = ws.cases.get(d.case_id)
            cases[d.case_id] = (case.title, {p.ref: p.name for p in case.people})
        title, who = cases.get(d.case_id or "", ("", {}))
        rows.append({"item": item, "case_title": title, "what": deadline_sentence(d, labels, who, visit._),
                     "avenue": labels.avenue(d.avenue)})
    return render(visit, "dashboard.html", rows=rows, summary=ws.summary(), today=ws.ctx.today(),
                  backup_due=not visit.keeper.demo and ws.backups.due(),
                  last_backup=last.date() if (last := ws.backups.last()) else None,
                  backup_command=BACKUP_COMMAND, created=bool(visit.request.query_params.get("created")))


def error_page(request: Request, status: int, detail: str | Exception) -> Response:
    """An error as a calm page in the user's language (no trace, no case values): the
    service's English message stays in the API and the log, the page says it in words."""
    from fastapi.exceptions import RequestValidationError

    from amparo.web.forms import refusal
    from amparo.web.views import page_path

    visit = visitor(request)
    if isinstance(detail, RequestValidationError):
        detail = visit._("A value in the address or the form is not one this page expects. Go back and check it.")
    elif isinstance(detail, Exception):
        detail = refusal(detail, visit._, visit.lang.code)
    back = page_path(request) if request.method != "GET" else ""
    # The wizard's answers are in the session's memory: its page brings them back.
    kept = back.startswith("/triage") and bool(visit.session.wizard)
    return render(visit, "error.html", http_status=status, status_code=status, detail=detail,
                  back=back if back != "/" else "", kept=kept)
