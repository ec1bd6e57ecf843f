"""The first run (no vault yet: create one, or try the demo) and the page on what the vault
protects against.

``amparo serve`` on a location without a vault serves these pages: "Create my vault" makes
the real vault there, with the passphrase typed twice; "Try the demo" opens a separate,
throwaway vault of fictional cases, marked as a demo on every page.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from amparo.web.deps import Visit, Visitor, visitor
from amparo.web.passphrase import strength
from amparo.web.security import CSRF_FIELD, CSRF_HEADER, csrf_matches
from amparo.web.views import render

router = APIRouter(include_in_schema=False)


def welcome_page(visit: Visit, *, errors: dict[str, str] | None = None, status: int = 200) -> Response:
    """The first-run page: create the vault, or try the demo."""
    return render(visit, "welcome.html", http_status=status, errors=errors or {},
                  location=str(visit.keeper.settings.vault), strength=strength("", visit._))


async def _checked_form(request: Request, visit: Visit) -> dict[str, str] | None:
    form = await request.form(max_files=0, max_fields=20)
    given = request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD)
    if not csrf_matches(visit.session.csrf, given if isinstance(given, str) else None):
        return None
    return {k: v for k, v in form.items() if isinstance(v, str)}


@router.get("/welcome")
def welcome(visit: Visitor) -> Response:
    """The first-run page (the unlock page when a vault already exists)."""
    if visit.keeper.vault_exists():
        return RedirectResponse("/unlock", status_code=303)
    return welcome_page(visit)


@router.post("/vault/strength")
async def passphrase_strength(request: Request) -> Response:
    """The strength of the passphrase being typed (an htmx fragment; nothing is kept)."""
    visit = visitor(request)
    form = await _checked_form(request, visit)
    if form is None:
        return RedirectResponse("/unlock", status_code=303)
    return render(visit, "_strength.html", strength=strength(form.get("passphrase", ""), visit._))


@router.post("/vault/create")
async def create_vault(request: Request) -> Response:
    """Make the vault at the served location and open it (first run only)."""
    visit = visitor(request)
    _ = visit._
    if visit.keeper.vault_exists():
        return RedirectResponse("/unlock", status_code=303)
    form = await _checked_form(request, visit)
    if form is None:  # a stale page: the form again, fresh
        return RedirectResponse("/unlock", status_code=303)
    first, second = form.get("passphrase", ""), form.get("passphrase2", "")
    errors: dict[str, str] = {}
    judged = strength(first, _)
    if not first:
        errors["passphrase"] = _("Choose a passphrase.")
    elif not judged.enough:
        errors["passphrase"] = judged.advice
    if first and second != first:
        errors["passphrase2"] = _("The two passphrases differ. Type the same one twice.")
    if errors:
        return welcome_page(visit, errors=errors, status=422)
    # Key derivation takes a moment on purpose: off the event loop.
    fresh = await run_in_threadpool(visit.keeper.create, visit.session, first)
    request.state.amparo_set_sid = fresh.sid
    return RedirectResponse("/?created=1", status_code=303)


@router.post("/demo")
async def try_demo(request: Request) -> Response:
    """Open the throwaway demo vault (fictional cases) and go to its dashboard."""
    visit = visitor(request)
    form = await _checked_form(request, visit)
    if form is None:
        return RedirectResponse("/unlock", status_code=303)
    keeper = visit.keeper
    if keeper.workspace is not None and not keeper.demo:
        # The real vault is open (in this tab or another): the demo would lock it. Never.
        if visit.session.unlocked:
            return RedirectResponse("/", status_code=303)
        return _demo_refused(visit, visit._("The demo cannot open while this server's vault is unlocked: "
                                            "it would lock it. Try the demo once the vault is locked."))
    if keeper.demo and not visit.session.unlocked:
        # One demo at a time, and nobody's demo is replaced by another visitor's.
        return _demo_refused(visit, visit._(
            "Someone else is trying the demo on this server now. So that nobody's demo is replaced, there "
            "is one at a time: it ends when they lock it, or after {minutes} minutes without use. Try again "
            "then.").format(minutes=keeper.settings.idle_minutes))
    fresh = await run_in_threadpool(visit.keeper.open_demo, visit.session)
    request.state.amparo_set_sid = fresh.sid
    return RedirectResponse("/", status_code=303)


def _demo_refused(visit: Visit, why: str) -> Response:
    """The page the demo button was on, the reason beside the button (the other ways on stay)."""
    errors = {"demo": why}
    if visit.keeper.vault_exists():
        from amparo.web.deps import safe_back

        return render(visit, "unlock.html", http_status=409, back=safe_back("/"), errors=errors, wait=0)
    return welcome_page(visit, errors=errors, status=409)


@router.get("/protection")
def protection(visit: Visitor) -> Response:
    """What the vault protects against, what it does not, and how to keep a copy."""
    return render(visit, "protection.html")
