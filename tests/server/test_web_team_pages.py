"""The team pages of server mode: the administrator adds and lists accounts; a coordinator
shares a case from its page and the person then finds it in her list, and only it."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from server_support import DEMO
from web_team_support import PASSWORD, build_team_app, post_form, sign_in, totp_code

from amparo.service import Actor, Workspace
from amparo.service.people import enrol, first_administrator

pytestmark = pytest.mark.postgres
FACTS = json.loads((DEMO / "4-coordinator-stopped-at-airport.json").read_text())


@pytest.fixture
def team(server, clock):
    admin = first_administrator(server, "admin@example.org", PASSWORD)
    coordinator = enrol(server, server.store(), "coord@example.org", "coordinator", PASSWORD)
    enrol(server, server.store(), "lawyer@example.org", "caseworker", PASSWORD)
    app = build_team_app(server, clock)
    with TestClient(app, follow_redirects=True) as first:
        yield server, app, first, admin, coordinator


def test_an_administrator_adds_a_coordinator_who_gets_a_second_factor_once(team, clock) -> None:
    _, _, client, admin, _ = team
    sign_in(client, "admin@example.org", code=totp_code(admin.totp_uri, clock))
    page = post_form(client, "/team/add", {"email": "New.Coord@example.org", "role": "coordinator",
                                           "password": PASSWORD}, page="/team")
    assert page.status_code == 200 and "Account added" in page.text
    uri = re.search(r'<code id="totp-uri">([^<]+)</code>', page.text).group(1).replace("&amp;", "&")
    assert uri.startswith("otpauth://totp/")
    # The link as a QR code to scan from the screen, drawn inline: the same link.
    import segno

    svg = re.search(r'<svg role="img" aria-label="[^"]+"[^>]*>.*?</svg>', page.text, re.S).group(0)
    drawn = re.search(r'class="qrline"[^>]* d="([^"]+)"', svg).group(1)
    assert drawn == re.search(r'class="qrline"[^>]* d="([^"]+)"', segno.make(uri, error="m").svg_inline()).group(1)
    listed = client.get("/team").text
    assert "new.coord@example.org" in listed and "totp-uri" not in listed and "<svg role" not in listed
    other = TestClient(client.app, follow_redirects=True)
    assert sign_in(other, "new.coord@example.org", code=totp_code(uri, clock)).url.path == "/"


def test_adding_an_account_with_bad_input_keeps_what_was_typed_and_adds_nothing(team, clock) -> None:
    server, _, client, admin, _ = team
    sign_in(client, "admin@example.org", code=totp_code(admin.totp_uri, clock))
    before = len(server.store().accounts.all())
    page = post_form(client, "/team/add", {"email": "lawyer@example.org", "role": "caseworker",
                                           "password": PASSWORD}, page="/team")
    assert page.status_code == 422 and "exists already" in page.text
    page = post_form(client, "/team/add", {"email": "short@example.org", "role": "reviewer",
                                           "password": "short"}, page="/team")
    assert page.status_code == 422 and "at least 12 characters" in page.text
    assert 'value="short@example.org"' in page.text
    assert len(server.store().accounts.all()) == before


def test_a_coordinator_shares_a_case_and_the_lawyer_sees_only_it(team, clock) -> None:
    server, app, client, _, coordinator = team
    ws = Workspace.for_server(server, Actor(coordinator.id, "coordinator"), clock=clock)
    shared, kept = ws.cases.add(FACTS), ws.cases.add(FACTS)
    sign_in(client, "coord@example.org", code=totp_code(coordinator.totp_uri, clock))
    assert f'href="/cases/{shared}/people"' in client.get(f"/cases/{shared}").text
    page = post_form(client, f"/cases/{shared}/people", {"email": "lawyer@example.org", "kind": "shared"},
                     page=f"/cases/{shared}/people")
    assert page.status_code == 200 and "lawyer@example.org" in page.text
    lawyer = TestClient(app, follow_redirects=True)
    sign_in(lawyer, "lawyer@example.org")
    listed = lawyer.get("/cases").text
    assert shared in listed and kept not in listed
    assert lawyer.get(f"/cases/{kept}").status_code == 403
    post_form(client, f"/cases/{shared}/people", {"email": "lawyer@example.org", "kind": "remove"},
              page=f"/cases/{shared}/people")
    assert lawyer.get(f"/cases/{shared}").status_code == 403  # at the next request


def test_sharing_with_an_unknown_address_says_who_adds_it(team, clock) -> None:
    server, _, client, _, coordinator = team
    ws = Workspace.for_server(server, Actor(coordinator.id, "coordinator"), clock=clock)
    case_id = ws.cases.add(FACTS)
    sign_in(client, "coord@example.org", code=totp_code(coordinator.totp_uri, clock))
    page = post_form(client, f"/cases/{case_id}/people", {"email": "stranger@example.org", "kind": "shared"},
                     page=f"/cases/{case_id}/people")
    assert page.status_code == 404 and "an administrator adds it first" in page.text
    assert 'value="stranger@example.org"' in page.text


def test_an_api_token_acts_as_its_user_until_the_account_is_disabled(team, clock) -> None:
    from amparo.service import issue_token

    server, app, _, admin, _coordinator = team
    lawyer_ws = Workspace.for_server(server, Actor(server.store().accounts.by_email("lawyer@example.org").id,
                                                   "caseworker"), clock=clock)
    token = issue_token(lawyer_ws)
    api = TestClient(app, headers={"Authorization": f"Bearer {token}"})
    assert api.get("/api/cases").status_code == 200
    admin_ws = Workspace.for_server(server, Actor(admin.id, "administrator"), clock=clock)
    admin_ws.people.disable("lawyer@example.org")
    refused = api.get("/api/cases")
    assert refused.status_code == 401 and refused.json()["error"] == "signed-out"


def test_who_has_access_is_offered_only_to_whom_may_change_it(team, clock) -> None:
    server, app, _client, _, coordinator = team
    ws = Workspace.for_server(server, Actor(coordinator.id, "coordinator"), clock=clock)
    case_id = ws.cases.add(FACTS)
    ws.people.share(case_id, "lawyer@example.org")
    lawyer = TestClient(app, follow_redirects=True)
    sign_in(lawyer, "lawyer@example.org")
    page = lawyer.get(f"/cases/{case_id}")
    link = f'href="/cases/{case_id}/people"'
    assert page.status_code == 200 and link not in page.text  # shared with her, not assigned
    ws.people.assign(case_id, "lawyer@example.org")
    assert link in lawyer.get(f"/cases/{case_id}").text
