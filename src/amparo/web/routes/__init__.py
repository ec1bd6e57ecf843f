"""The web app's routes, one module per kind of page, and the JSON API."""

from amparo.web.routes import (
    api,
    case_edit,
    cases,
    drafts,
    evidence,
    first_run,
    own_account,
    pages,
    profile,
    sign_in,
    team,
    wizard,
)

ROUTERS = (pages.router, first_run.router, cases.router, case_edit.router, evidence.router, wizard.router,
           drafts.router, profile.router, sign_in.router, team.router, own_account.router, api.router)
