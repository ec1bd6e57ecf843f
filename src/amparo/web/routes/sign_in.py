"""Server mode's sign-in and sign-out pages (the embedded vault's are /unlock and /lock).

Every refusal comes back as the sign-in page with a sentence saying what happened and
what to do, the e-mail address kept, the password and code not; the service audited it
(ids only) and wrote nothing else. The reasons come from ``SignInRefused.reason``.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from amparo.web.deps import Visit, Visitor, safe_back, visitor
from amparo.web.security import CLEAR_SITE_DATA, CSRF_FIELD, csrf_matches
from amparo.web.views import render

router = APIRouter(include_in_schema=False)

#: reason → (HTTP status, the form field the message belongs to, or "" for the page notice)
_STATUS = {
    "credentials": (401, "password"), "disabled": (403, ""), "no-factor": (403, ""),
    "code-needed": (401, "code"), "code-wrong": (401, "code"), "code-replayed": (401, "code"),
    "paused": (429, ""),
}


def reason_text(visit: Visit, reason: str, until: str = "") -> str:
    """What a refusal reason means for the person, and what to do, in the page's language."""
    _ = visit._
    texts = {
        "credentials": _("Wrong e-mail address or password. Check both and try again."),
        "disabled": _("This account is disabled. Ask an administrator of your organisation to enable it."),
        "no-factor": _("This account needs a second factor but has none. Ask an administrator to add "
                       "the account again."),
        "code-needed": _("This account signs in with a second factor: type the 6-digit code from your "
                         "authenticator app."),
        "code-wrong": _("Wrong code. Check that your phone's clock is right, then type the new code."),
        "code-replayed": _("This code was used already. Wait for the next code, then type it."),
        "paused": _("Too many wrong tries for this account. Sign-in is paused until {time} (UTC): wait, "
                    "or ask an administrator to enable the account again.").format(time=until),
        "unknown-session": _("You are not signed in. Sign in to continue."),
        "ended": _("Your session was ended (you signed out, or an administrator ended it). Sign in again."),
        "expired": _("Your session has expired. Nothing was saved from the page you were on: sign in, "
                     "then use your browser's Back button and send it again."),
        "signed-out": _("You have signed out."),
    }
    return texts.get(reason, "")


def _page(visit: Visit, back: str, *, http_status: int = 200, notice: str = "", warn: bool = True,
          email: str = "", errors: dict[str, str] | None = None) -> Response:
    return render(visit, "sign_in.html", http_status=http_status, back=back, notice=notice,
                  notice_warn=warn, email=email, errors=errors or {})


@router.get("/sign-in")
def sign_in_page(visit: Visitor, next: str = "/", why: str = "") -> Response:
    """The sign-in form; ``why`` says why the person is here again (expired, disabled …)."""
    back = safe_back(next)
    if not visit.keeper.team:
        return RedirectResponse(f"/unlock?next={back}", status_code=303)
    if visit.session.unlocked:
        return RedirectResponse(back, status_code=303)
    return _page(visit, back, notice=reason_text(visit, why), warn=why != "signed-out")


@router.post("/sign-in")
async def sign_in(request: Request) -> Response:
    """Check e-mail, password and code; on success a new session cookie, back where the user was."""
    from starlette.concurrency import run_in_threadpool

    from amparo.service import SignInRefused

    visit = visitor(request)
    form = await request.form(max_files=0, max_fields=20)
    back = safe_back(form.get("next"))
    if not visit.keeper.team:
        return RedirectResponse(f"/unlock?next={back}", status_code=303)

    def text(name: str) -> str:
        value = form.get(name)
        return value.strip() if isinstance(value, str) else ""

    email = text("email")
    password = form.get("password") if isinstance(form.get("password"), str) else ""
    given = form.get(CSRF_FIELD)
    if not csrf_matches(visit.session.csrf, given if isinstance(given, str) else None):
        return _page(visit, back, http_status=400, email=email,
                     notice=visit._("This page was open too long. Please sign in again."))
    errors = {}
    if not email:
        errors["email"] = visit._("Type your e-mail address.")
    if not password:
        errors["password"] = visit._("Type your password.")
    if errors:
        return _page(visit, back, http_status=422, email=email, errors=errors)
    try:
        # Argon2id takes a moment on purpose: off the event loop.
        fresh = await run_in_threadpool(visit.keeper.sign_in, email, str(password), text("code") or None)
    except SignInRefused as exc:
        status, where = _STATUS.get(exc.reason, (401, ""))
        until = f"{exc.until:%H:%M}" if exc.until is not None else ""
        message = reason_text(visit, exc.reason, until) or reason_text(visit, "credentials")
        if where:
            return _page(visit, back, http_status=status, email=email, errors={where: message})
        return _page(visit, back, http_status=status, email=email, notice=message)
    request.state.amparo_set_sid = fresh.sid
    return RedirectResponse(back, status_code=303)


@router.post("/sign-out")
async def sign_out(request: Request) -> Response:
    """End the session in every process (the Lock button in server mode), then the sign-in page.

    Only a signed-in session with its own CSRF token signs out; the browser is told to
    clear what it keeps of the site."""
    visit = visitor(request)
    form = await request.form(max_files=0, max_fields=20)
    token = form.get(CSRF_FIELD)
    if not visit.keeper.team:  # an embedded vault has no accounts: its button is Lock (/lock)
        return RedirectResponse("/unlock", status_code=303)
    response = RedirectResponse("/sign-in?why=signed-out", status_code=303)
    if visit.keeper.lock_by(visit.session, token if isinstance(token, str) else None):
        request.state.amparo_set_sid = visit.keeper.new_session().sid
        response.headers["clear-site-data"] = CLEAR_SITE_DATA
    return response
