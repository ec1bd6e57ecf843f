"""Server mode's team pages: the administrator's accounts page, and who has access to a case.

Every change goes through ``ws.people`` (``service.people``), which asks the policy first:
an administrator manages accounts; assigning and sharing follow ``policy.RULES``. A refusal
is the service's AccessDenied (audited there), shown as a 403 page in the page's language.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response

from amparo.model.errors import InvalidInput, NotFound
from amparo.web.deps import Unlocked, UnlockedForm, Visit, reads_together
from amparo.web.views import render

router = APIRouter(include_in_schema=False)


def role_names(visit: Visit) -> dict[str, str]:
    """The roles of a server's accounts, in the page's language."""
    _ = visit._
    return {"administrator": _("administrator"), "coordinator": _("coordinator"),
            "caseworker": _("caseworker"), "reviewer": _("reviewer")}


def _problem_text(visit: Visit, exc: InvalidInput) -> dict[str, str]:
    """The form field each problem belongs to, with a sentence in the page's language."""
    _ = visit._
    out: dict[str, str] = {}
    for p in exc.problems:
        if p.path == "email" and "exists" in p.message:
            out["email"] = _("An account with this address exists already.")
        elif p.path == "email" and "disabled" in p.message:
            out["email"] = _("This account is disabled: enable it first on the accounts page.")
        elif p.path == "email" and "own account" in p.message:
            out["email"] = _("You cannot disable your own account; ask another administrator.")
        elif p.path == "email" and "no access" in p.message:
            out["email"] = _("This person had no access to the case.")
        elif p.path == "email":
            out["email"] = _("Type an e-mail address such as lawyer@example.org.")
        elif p.path == "password":
            out["password"] = _("The password must be at least 12 characters.")
        else:
            out["role"] = _("Choose one of the roles in the list.")
    return out


def _team_only(visit: Visit) -> None:
    # An embedded vault has one person: these pages do not exist there.
    if not visit.keeper.team:
        raise NotFound("no such page without a server")


# -- the administrator's accounts page --------------------------------------------------------

def _accounts_page(visit: Visit, *, status: int = 200, **extra: object) -> Response:
    _team_only(visit)
    accounts = visit.ws.people.list()
    return render(visit, "admin.html", http_status=status, accounts=accounts, roles=role_names(visit),
                  typed=extra.pop("typed", {}), **extra)


@router.get("/team")
@reads_together
def accounts_page(visit: Unlocked) -> Response:
    """Every account of the server, with forms to add, disable and enable (administrators)."""
    return _accounts_page(visit)


@router.post("/team/add")
def add_account(visit: UnlockedForm) -> Response:
    """Add an account with a role; its second-factor setup link is shown once."""
    _team_only(visit)
    email, role = visit.field("email"), visit.field("role")
    password = visit.form.get("password") if visit.form is not None else ""
    typed = {"email": email, "role": role, "second_factor": bool(visit.field("second_factor"))}
    try:
        made = visit.ws.people.add(email, role, password if isinstance(password, str) else "",
                                   second_factor=bool(visit.field("second_factor")) or None)
    except InvalidInput as exc:
        return _accounts_page(visit, status=422, errors=_problem_text(visit, exc), typed=typed)
    return _accounts_page(visit, added=made)


@router.post("/team/disable")
def disable_account(visit: UnlockedForm) -> Response:
    """Disable an account at once: its sessions end at their next request, in every process."""
    return _set_enabled(visit, enable=False)


@router.post("/team/enable")
def enable_account(visit: UnlockedForm) -> Response:
    """Enable a disabled account again (this also lifts a pause after wrong tries)."""
    return _set_enabled(visit, enable=True)


def _set_enabled(visit: Visit, *, enable: bool) -> Response:
    _team_only(visit)
    people = visit.ws.people
    try:
        (people.enable if enable else people.disable)(visit.field("email"))
    except InvalidInput as exc:
        return _accounts_page(visit, status=422, errors=_problem_text(visit, exc))
    except NotFound:
        return _accounts_page(visit, status=404, errors={"email": visit._("No account has this address.")})
    return RedirectResponse("/team", status_code=303)


# -- who has access to a case -------------------------------------------------------------------

def _access_page(visit: Visit, case_id: str, *, status: int = 200, **extra: object) -> Response:
    _team_only(visit)
    people = visit.ws.people.access(case_id)
    return render(visit, "case_access.html", http_status=status, case_id=case_id, people=people,
                  typed=extra.pop("typed", {}), **extra)


@router.get("/cases/{case_id}/people")
@reads_together
def case_access_page(visit: Unlocked, case_id: str) -> Response:
    """Who the case is assigned or shared to, with forms to assign, share and take access away."""
    return _access_page(visit, case_id)


@router.post("/cases/{case_id}/people")
def change_case_access(visit: UnlockedForm, case_id: str) -> Response:
    """Assign the case to someone, share it with them, or take their access away (audited)."""
    _team_only(visit)
    email, kind = visit.field("email"), visit.field("kind")
    people = visit.ws.people
    action = {"assigned": people.assign, "shared": people.share, "remove": people.unshare}.get(kind)
    if action is None:
        return _access_page(visit, case_id, status=422, typed={"email": email},
                            errors={"kind": visit._("Choose whether to assign or share the case.")})
    try:
        action(case_id, email)
    except InvalidInput as exc:
        return _access_page(visit, case_id, status=422, errors=_problem_text(visit, exc), typed={"email": email})
    except NotFound as exc:
        if "account" not in str(exc):
            raise
        return _access_page(visit, case_id, status=404, typed={"email": email},
                            errors={"email": visit._("No account has this address; an administrator adds it first.")})
    return RedirectResponse(f"/cases/{case_id}/people", status_code=303)
