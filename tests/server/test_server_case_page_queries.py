"""Issue 16 in server mode: a caseworker's case page reads the case, its follow-up and
their access to it once each (40 statements in 25 transactions before; a count, not a time),
on one connection for the page and one for the sign-in check (11 pool checkouts before,
each with its liveness ping, BEGIN and COMMIT)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from server_support import DEMO, counted
from web_team_support import PASSWORD, build_team_app, sign_in

from amparo.service import Actor, Workspace
from amparo.service.people import enrol

pytestmark = [pytest.mark.postgres]
FACTS = (DEMO / "4-coordinator-stopped-at-airport.json").read_text()
#: Statements and pool checkouts one case page may take, signing-in checks included.
MOST_STATEMENTS, MOST_CHECKOUTS = 18, 2


def test_a_caseworkers_case_page_reads_each_thing_once(server, clock) -> None:
    store = server.store()
    coordinator = Workspace.for_server(
        server, Actor(enrol(server, store, "co@example.org", "coordinator", PASSWORD).id, "coordinator"), clock=clock)
    enrol(server, store, "cw@example.org", "caseworker", PASSWORD)
    case_id = coordinator.cases.add(json.loads(FACTS))
    coordinator.people.assign(case_id, "cw@example.org")
    coordinator.followup.record_action(case_id, avenue=coordinator.ctx.kb.avenues[0].id, sent_on=clock().date(),
                                       channel="email", disclosure="un-confidential", beyond_consent=True)
    with TestClient(build_team_app(server, clock)) as client:
        assert sign_in(client, "cw@example.org").status_code == 200
        assert client.get(f"/cases/{case_id}").status_code == 200  # warm per-process caches
        seen = counted(lambda: client.get(f"/cases/{case_id}"))
    assert seen.result.status_code == 200
    assert len(seen.statements) <= MOST_STATEMENTS, "\n".join(seen.statements)
    assert seen.checkouts <= MOST_CHECKOUTS
