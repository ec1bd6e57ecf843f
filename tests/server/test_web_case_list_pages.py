"""The case list with a status filter reads cases a page at a time: closed cases found past
the first page still show, the open ones do not, and the list stops at its limit."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from server_support import DEMO, counted
from web_team_support import PASSWORD, build_team_app, sign_in, totp_code

from amparo.service import Actor, Workspace
from amparo.service.people import enrol
from amparo.web.routes import cases as case_routes

pytestmark = pytest.mark.postgres
FACTS = json.loads((DEMO / "4-coordinator-stopped-at-airport.json").read_text())


def test_a_status_filter_finds_matches_beyond_the_first_page_of_cases(server, clock, monkeypatch) -> None:
    monkeypatch.setattr(case_routes, "STATUS_PAGE", 2)  # so that five cases make three pages
    coordinator = enrol(server, server.store(), "coord@example.org", "coordinator", PASSWORD)
    ws = Workspace.for_server(server, Actor(coordinator.id, "coordinator"), clock=clock)
    ids = [ws.cases.add(FACTS) for _ in range(5)]
    closed = ids[:2]  # in whichever order the list puts them, five cases make three pages
    for case_id in closed:
        ws.followup.close(case_id, "protection-obtained")
    with TestClient(build_team_app(server, clock), follow_redirects=True) as client:
        sign_in(client, "coord@example.org", code=totp_code(coordinator.totp_uri, clock))
        shown = client.get("/cases?status=closed").text
        assert all(c in shown for c in closed) and not any(c in shown for c in ids[2:])
        others = client.get("/cases?status=" + ws.followup.status(ids[4]).value).text
        assert all(c in others for c in ids[2:]) and not any(c in others for c in closed)
        one = client.get("/cases?status=" + ws.followup.status(ids[4]).value + "&limit=1").text
        assert sum(c in one for c in ids[2:]) == 1


def _statements_of(work) -> tuple[object, list[str]]:
    seen = counted(work)
    return seen.result, seen.statements


def test_the_list_works_out_each_status_once_and_again_after_any_change(server, pg, clock) -> None:
    # The list remembers the statuses it showed (issue 16: half of a list's work); any
    # change, made through another process too, must show at the next request.
    from server_support import ORG_PASS

    from amparo.store.server import Server

    coordinator = enrol(server, server.store(), "coord@example.org", "coordinator", PASSWORD)
    ws = Workspace.for_server(server, Actor(coordinator.id, "coordinator"), clock=clock)
    ids = [ws.cases.add(FACTS) for _ in range(3)]
    with TestClient(build_team_app(server, clock), follow_redirects=True) as client:
        sign_in(client, "coord@example.org", code=totp_code(coordinator.totp_uri, clock))
        first = client.get("/cases").text
        assert "status-closed" not in first
        again, statements = _statements_of(lambda: client.get("/cases").text)
        assert again == first
        assert not any("FROM actions" in s or "facts_json" in s for s in statements), statements
        # Another process closes a case: its own server object, its own workspace.
        with Server.open(pg, ORG_PASS, clock=clock) as elsewhere:
            Workspace.for_server(elsewhere, Actor(coordinator.id, "coordinator"), clock=clock).followup.close(
                ids[1], "protection-obtained")
        after, statements = _statements_of(lambda: client.get("/cases").text)
        assert after.count("status-closed") == 1
        assert any("FROM actions" in s for s in statements)
        # A new day moves deadlines, so statuses, with nothing changed in the database.
        ws.followup.statuses(ids)
        _, statements = _statements_of(lambda: ws.followup.statuses(ids))
        assert not any("FROM actions" in s for s in statements)
        clock.advance(days=1)
        _, statements = _statements_of(lambda: ws.followup.statuses(ids))
        assert any("FROM actions" in s for s in statements)
