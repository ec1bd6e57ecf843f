"""Issue 16 in server mode: a caseworker's case page reads the case, its follow-up and
their access to it once each (40 statements in 25 transactions before; a count, not a time),
on one connection for the page and one for the sign-in check (11 pool checkouts before,
each with its liveness ping, BEGIN and COMMIT)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from server_support import DEMO
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool
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
        statements: list[str] = []
        checkouts: list[object] = []

        def on_statement(conn, cursor, statement, *rest) -> None:
            statements.append(statement)

        def on_checkout(dbapi_connection, record, proxy) -> None:
            checkouts.append(record)

        event.listen(Engine, "before_cursor_execute", on_statement)
        event.listen(Pool, "checkout", on_checkout)
        try:
            page = client.get(f"/cases/{case_id}")
        finally:
            event.remove(Engine, "before_cursor_execute", on_statement)
            event.remove(Pool, "checkout", on_checkout)
    assert page.status_code == 200
    assert len(statements) <= MOST_STATEMENTS, "\n".join(statements)
    assert len(checkouts) <= MOST_CHECKOUTS
