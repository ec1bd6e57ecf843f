"""A web request's reads share one connection on a server (``amparo.store.read_block``),
and nothing a write does changes because of it: a write commits on its own, a refusal's
audit entry stays, a read inside a write's transaction sees that transaction's rows."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from server_support import DEMO, counted, demo_case

from amparo.service import Actor, Workspace
from amparo.service.people import enrol
from amparo.service.policy import AccessDenied
from amparo.store.engine import postgres_engine
from amparo.store.read_block import read_block
from amparo.store.schema import audit_log

pytestmark = pytest.mark.postgres
PASSWORD = "a long enough password"


def _checkouts(work) -> int:
    return counted(work).checkouts


def test_reads_in_a_block_share_one_connection_and_give_it_back(server) -> None:
    store = server.store()
    case_id = store.cases.add(demo_case())

    def page() -> None:
        store.cases.get(case_id)
        store.notes.list(case_id)
        store.evidence.list(case_id)
        store.followup.for_cases([case_id])

    assert _checkouts(page) == 4  # outside a block: a connection (and a transaction) each
    with read_block():
        assert _checkouts(page) == 1
    assert server.engine.pool.checkedout() == 0


def test_a_write_in_a_block_commits_on_its_own_and_the_next_read_sees_it(server) -> None:
    store = server.store()
    case_id = store.cases.add(demo_case())
    with read_block():
        assert store.notes.list(case_id) == []
        store.notes.add(case_id, "Called the family.")
        assert [n.text for n in store.notes.list(case_id)] == ["Called the family."]
    # Committed, not waiting for the block: another connection saw it already.
    assert [n.text for n in server.store().notes.list(case_id)] == ["Called the family."]


def test_a_read_inside_a_writes_transaction_sees_its_uncommitted_rows(server) -> None:
    store = server.store()
    case_id = store.cases.add(demo_case())
    with read_block(), pytest.raises(RuntimeError), store.transaction():
        store.notes.add(case_id, "Not kept.")
        assert [n.text for n in store.notes.list(case_id)] == ["Not kept."]
        raise RuntimeError("the write fails after its read")
    assert store.notes.list(case_id) == []  # rolled back, read block or not


def test_a_refusal_inside_a_block_stays_audited(server, clock) -> None:
    store = server.store()
    coordinator = enrol(server, store, "co@example.org", "coordinator", PASSWORD)
    caseworker = enrol(server, store, "cw@example.org", "caseworker", PASSWORD)
    case_id = Workspace.for_server(server, Actor(coordinator.id, "coordinator"), clock=clock).cases.add(
        json.loads((DEMO / "4-coordinator-stopped-at-airport.json").read_text()))
    outsider = Workspace.for_server(server, Actor(caseworker.id, "caseworker"), clock=clock)
    with read_block(), pytest.raises(AccessDenied):
        outsider.cases.get(case_id)
    with server.engine.connect() as conn:
        verbs = list(conn.execute(sa.select(audit_log.c.verb).order_by(audit_log.c.seq)).scalars())
    assert verbs[-1] == "denied.case.read"


def test_statements_are_planned_for_their_own_values(postgres_url) -> None:
    # psycopg prepares a statement after its fifth run, and PostgreSQL may then keep one
    # generic plan for all values: for search tokens as skewed as words, the plan of a
    # common word made every search 8 times slower at 20,000 cases (bench/server.py).
    engine = postgres_engine(postgres_url)
    try:
        with engine.connect() as conn:
            for _ in range(8):
                conn.execute(sa.text("SELECT 1 WHERE CAST(:x AS integer) = 1"), {"x": 1})
            prepared = conn.exec_driver_sql("SELECT count(*) FROM pg_prepared_statements").scalar_one()
    finally:
        engine.dispose()
    assert prepared == 0
