"""The authorization matrix over the web routes of server mode: every route × every role ×
the signed-in user's relation to the case; 0 unexpected allows.

The expected table is written here by hand (not derived from ``policy.RULES``). ``A``: the
case is assigned to the user, ``S``: shared with them, ``O``: someone else's; ``*`` for a
route on no one case. A route is *allowed* when it answers below 400 (the page, or the
redirect after a change); *denied* when it answers 403 (the policy's refusal, audited) or
404 (a case the user may not know of). Anything else fails the test.
"""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from server_support import DEMO
from web_team_support import PASSWORD, build_team_app, sign_in, totp_code

from amparo.service import Actor, Workspace
from amparo.service.people import enrol

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

ROLES = ("administrator", "coordinator", "caseworker", "reviewer")
FACTS = (DEMO / "4-coordinator-stopped-at-airport.json").read_text()

#: (method, route) → {role: relations allowed}. Written by hand: see the module docstring.
EXPECTED: dict[tuple[str, str], dict[str, str]] = {
    ("GET", "/cases/{id}"):          {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    ("GET", "/cases/{id}/plan"):     {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    ("POST", "/cases/{id}/notes"):   {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    ("POST", "/cases/{id}/close"):   {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    ("GET", "/cases/{id}/people"):   {"administrator": "ASO", "coordinator": "ASO", "caseworker": "A", "reviewer": ""},
    ("POST", "/cases/{id}/people"):  {"administrator": "ASO", "coordinator": "ASO", "caseworker": "A", "reviewer": ""},
    ("GET", "/api/cases/{id}"):      {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS", "reviewer": ""},
    ("GET", "/api/cases/{id}/timeline"): {"administrator": "AS", "coordinator": "ASO", "caseworker": "AS",
                                          "reviewer": ""},
    ("GET", "/cases"):               {"administrator": "*", "coordinator": "*", "caseworker": "*", "reviewer": "*"},
    ("GET", "/api/cases"):           {"administrator": "*", "coordinator": "*", "caseworker": "*", "reviewer": "*"},
    ("GET", "/team"):                {"administrator": "*", "coordinator": "", "caseworker": "", "reviewer": ""},
    ("POST", "/team/add"):           {"administrator": "*", "coordinator": "", "caseworker": "", "reviewer": ""},
    ("POST", "/team/disable"):       {"administrator": "*", "coordinator": "", "caseworker": "", "reviewer": ""},
}

#: What each form sends (valid input, so that only the policy can refuse).
FORMS: dict[str, dict[str, str]] = {
    "/cases/{id}/notes": {"text": "Called back."},
    "/cases/{id}/close": {"outcome": "released"},
    "/cases/{id}/people": {"email": "spare@example.org", "kind": "shared"},
    "/team/disable": {"email": "spare2@example.org"},
}


@pytest.fixture
def team(server, clock):
    store = server.store()
    accounts = {role: enrol(server, store, f"{role}@example.org", role, PASSWORD) for role in ROLES}
    for spare in ("spare", "spare2", "someone-else"):
        enrol(server, store, f"{spare}@example.org", "caseworker", PASSWORD)
    coordinator = Workspace.for_server(server, Actor(accounts["coordinator"].id, "coordinator"), clock=clock)
    app = build_team_app(server, clock)
    with TestClient(app) as first:
        yield server, accounts, coordinator, app, first


def _case_for(coordinator: Workspace, relation: str, email: str) -> str:
    case_id = coordinator.cases.add(json.loads(FACTS))
    coordinator.store.accounts.revoke(case_id, coordinator.ctx.actor.id)
    coordinator.people.assign(case_id, "someone-else@example.org")
    if relation == "A":
        coordinator.people.assign(case_id, email)
    elif relation == "S":
        coordinator.people.share(case_id, email)
    return case_id


def _csrf(client: TestClient) -> str:
    """The signed-in session's CSRF token, from a page every role may open."""
    found = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/protection").text)
    assert found
    return found.group(1)


def _send(client: TestClient, method: str, route: str, case_id: str, n: int) -> int:
    url = route.replace("{id}", case_id)
    if method == "GET":
        return client.get(url, follow_redirects=False).status_code
    data = dict(FORMS.get(route, {}))
    if route == "/team/add":
        data = {"email": f"new{n}@example.org", "role": "caseworker", "password": PASSWORD}
    return client.post(url, data={"csrf_token": _csrf(client), **data}, follow_redirects=False).status_code


def test_every_route_role_and_relation_is_as_the_table_says(team, clock) -> None:
    _, accounts, coordinator, app, _first = team
    unexpected_allows, unexpected_denials, odd = [], [], []
    n = 0
    for role in ROLES:
        client = TestClient(app)
        email = f"{role}@example.org"
        signed = sign_in(client, email, code=totp_code(accounts[role].totp_uri, clock) if accounts[role].totp_uri
                         else "")
        assert signed.status_code in (200, 303), (role, signed.status_code)
        for (method, route), by_role in EXPECTED.items():
            relations = "ASO" if "{id}" in route else "*"
            for relation in relations:
                n += 1
                case_id = _case_for(coordinator, relation, email) if relation != "*" else ""
                status = _send(client, method, route, case_id, n)
                expected = relation in by_role[role]
                if status >= 500 or status in (401, 422) or (400 <= status < 500 and status not in (403, 404)):
                    odd.append((method, route, role, relation, status))
                    continue
                allowed = status < 400
                if allowed and not expected:
                    unexpected_allows.append((method, route, role, relation, status))
                if expected and not allowed:
                    unexpected_denials.append((method, route, role, relation, status))
                if route == "/team/disable" and allowed:
                    spare2 = coordinator.store.accounts.by_email("spare2@example.org")
                    coordinator.store.accounts.set_disabled(spare2.id, False)
    assert odd == []
    assert unexpected_allows == []
    assert unexpected_denials == []
