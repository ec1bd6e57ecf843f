"""Your account (server mode): a new password, a new second factor.

Both ask for the current password, and a new second factor for a code from the current
one. A refused form comes back with the error beside the field (post/redirect/get);
passwords and codes are never kept or shown again. A new key is shown on its own page,
kept sealed in the session's items until a code from it is typed, and only then replaces
the old one. Each change ends every session of the person (other browsers, API tokens)
and gives this browser a new cookie (``service/own_account.py``).
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response

from amparo.model.errors import InvalidInput, NotFound
from amparo.web.deps import Unlocked, UnlockedForm, Visit, reads_together
from amparo.web.forms import Errors, kept, refused
from amparo.web.routes.sign_in import reason_text
from amparo.web.routes.team import role_names
from amparo.web.views import render

router = APIRouter(include_in_schema=False)
PAGE = "/account"
FACTOR_PAGE = "/account/second-factor"


def _team(visit: Visit) -> None:
    # The embedded vault has no accounts: its passphrase is changed with amparo vault rekey.
    if not visit.keeper.team:
        raise NotFound("no accounts in an embedded vault")


def _refusal_words(visit: Visit, exc: Exception) -> str:
    """What a refused change means and what to do, in the page's language."""
    _ = visit._
    reason = getattr(exc, "reason", "")
    if reason == "paused":
        until = getattr(exc, "until", None)
        return _("Too many wrong passwords or codes: changes are paused until {time} (UTC). Wait, or ask an "
                 "administrator to enable your account again.").format(time=f"{until:%H:%M}" if until else "")
    if reason in ("code-needed", "code-wrong", "code-replayed"):
        return reason_text(visit, reason)
    return _("This is not your current password. Type the one you signed in with.")


def _renewed(visit: Visit, token: str, target: str) -> Response:
    # Every session of the person ended with the change, this one too: a new cookie.
    fresh = visit.keeper.renewed(visit.session, token)
    visit.request.state.amparo_set_sid = fresh.sid
    return RedirectResponse(target, status_code=303)


@router.get(PAGE)
@reads_together
def account_page(visit: Unlocked, saved: str = "") -> Response:
    """Your account: change your password, set up a new second factor."""
    _team(visit)
    form = kept(visit.session, PAGE)
    actor = visit.session.actor
    return render(visit, "account.html", errors=form.get("errors", {}), saved=saved,
                  role=role_names(visit).get(actor.role, actor.role),
                  has_factor=visit.keeper.server.has_second_factor(actor))


@router.post(f"{PAGE}/password")
def change_password(visit: UnlockedForm) -> Response:
    """A new password, after the current one; the other browsers are signed out."""
    from amparo.service import SignInRefused

    _team(visit)
    _ = visit._
    current, new, again = (str(visit.form.get(k) or "") for k in ("current", "password", "confirm"))
    errors: Errors = {}
    if not current:
        errors["current"] = _("Type your current password.")
    if new != again:
        errors["confirm"] = _("The two new passwords differ. Type the same one twice.")
    if errors:
        return refused(visit.session, PAGE, errors, anchor="password")
    try:
        token = visit.keeper.server.change_password(visit.session.actor, current, new)
    except InvalidInput:
        return refused(visit.session, PAGE, {"password": _("Choose a password of at least 12 characters.")})
    except SignInRefused as exc:
        return refused(visit.session, PAGE, {"current": _refusal_words(visit, exc)})
    return _renewed(visit, token, f"{PAGE}?saved=password")


@router.post(FACTOR_PAGE)
def new_second_factor(visit: UnlockedForm) -> Response:
    """A new key for the authenticator app, after the current password (not in use yet)."""
    from amparo.service import SignInRefused

    _team(visit)
    current = str(visit.form.get("current") or "")
    if not current:
        return refused(visit.session, PAGE, {"factor-current": visit._("Type your current password.")})
    try:
        factor = visit.keeper.server.new_second_factor(visit.session.actor, current, visit.field("code") or None)
    except SignInRefused as exc:
        where = "factor-code" if exc.reason.startswith("code-") else "factor-current"
        return refused(visit.session, PAGE, {where: _refusal_words(visit, exc)})
    visit.keeper.shelf.set_pending_factor(visit.session.sid, {"seed": factor.seed, "uri": factor.uri,
                                                              "key": factor.grouped})
    return RedirectResponse(FACTOR_PAGE, status_code=303)


@router.get(FACTOR_PAGE)
def second_factor_page(visit: Unlocked) -> Response:
    """The new key, once, with the field for its first code."""
    _team(visit)
    pending = visit.keeper.shelf.pending_factor(visit.session.sid)
    if not pending:
        return RedirectResponse(PAGE, status_code=303)
    form = kept(visit.session, FACTOR_PAGE)
    return render(visit, "account.html", errors=form.get("errors", {}),
                  has_factor=visit.keeper.server.has_second_factor(visit.session.actor),
                  pending_uri=str(pending["uri"]), pending_key=str(pending["key"]))


@router.post(f"{FACTOR_PAGE}/confirm")
def confirm_second_factor(visit: UnlockedForm) -> Response:
    """Put the new key in use once a code from it is typed; or give it up."""
    from amparo.service import SignInRefused

    _team(visit)
    if visit.field("give_up"):
        visit.keeper.shelf.set_pending_factor(visit.session.sid, None)
        return RedirectResponse(f"{PAGE}?saved=kept-factor", status_code=303)
    pending = visit.keeper.shelf.pending_factor(visit.session.sid)
    if not pending:
        return RedirectResponse(PAGE, status_code=303)
    code = visit.field("code")
    if not code:
        return refused(visit.session, FACTOR_PAGE, {"code": visit._("Type the 6-digit code the app shows now.")})
    try:
        token = visit.keeper.server.confirm_second_factor(visit.session.actor, str(pending["seed"]), code)
    except SignInRefused as exc:
        if exc.reason == "paused":  # the account page says so beside its password field
            visit.keeper.shelf.set_pending_factor(visit.session.sid, None)
            return refused(visit.session, PAGE, {"factor-current": _refusal_words(visit, exc)})
        return refused(visit.session, FACTOR_PAGE, {"code": visit._(
            "This code does not come from the new key. Check that your authenticator app shows an entry added "
            "just now, and type its newest code.")})
    visit.keeper.shelf.set_pending_factor(visit.session.sid, None)
    return _renewed(visit, token, f"{PAGE}?saved=factor")
