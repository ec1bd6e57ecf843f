"""Issue 16: one case page costs a bounded number of SQL queries.

The page used to read the case three times, each of its actions, responses and events
twice, and the access list once per service call; now one request reads each once.
Counted with SQLAlchemy's ``before_cursor_execute`` on every engine (a count, not a time).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.engine import Engine

from amparo.service import AccessDenied, Actor, populate_demo
from amparo.service.policy import Guard, decisions_kept
from amparo.service.workspace import Workspace
from amparo.store import KdfParams
from amparo.web import WebSettings, create_app
from amparo.web.keeper import KeyKeeper

PASSPHRASE = "demo-passphrase-123"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
FAST = KdfParams(memory_kib=8192, time_cost=1)
#: Queries one case page may make in the embedded vault (43 before issue 16, BEGIN counted).
MOST = 19


def clock() -> datetime:
    return NOW


@contextmanager
def counted() -> Iterator[list[str]]:
    """Every SQL statement run on any engine inside the block."""
    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", count)


def _client(vault: Path) -> TestClient:
    settings = WebSettings(vault=vault, hosts=("testserver",))  # type: ignore[arg-type]
    keeper = KeyKeeper(settings, open_workspace=lambda p: Workspace.open(vault, p, actor="web", clock=clock),
                       create_workspace=lambda p, pw: Workspace.create(p, pw, kdf=FAST, clock=clock))
    return TestClient(create_app(settings, keeper=keeper), follow_redirects=True)


def test_a_case_page_reads_each_thing_once(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    ws = Workspace.create(vault, PASSPHRASE, kdf=FAST, clock=clock)
    try:
        ids = populate_demo(ws)
    finally:
        ws.lock()
    with _client(vault) as client:
        page = client.get("/unlock")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert csrf
        client.post("/unlock", data={"csrf_token": csrf.group(1), "passphrase": PASSPHRASE, "next": "/"})
        for case_id in ids.values():
            client.get(f"/cases/{case_id}")  # warm: the first visit fills per-process caches
            with counted() as seen:
                r = client.get(f"/cases/{case_id}")
            assert r.status_code == 200
            assert len(seen) <= MOST, f"{len(seen)} queries for one case page:\n" + "\n".join(seen)


class _AccessList:
    """A store whose access list can change between two reads, counting its lookups."""

    def __init__(self) -> None:
        self.relation: str | None = "assigned"
        self.lookups = 0
        self.accounts = self
        self.cases = self
        self.audit = self

    def access(self, case_id: str, user_id: str) -> str | None:
        self.lookups += 1
        return self.relation

    def exists(self, case_id: str) -> bool:
        return True

    def record(self, *args: object) -> None:
        pass


def test_a_caseworker_access_is_read_once_per_block_and_never_after_it() -> None:
    store = _AccessList()
    worker = Actor("cw1", "caseworker")
    with decisions_kept():
        for guard in (Guard(worker, store), Guard(worker, store)):  # two services, one page
            guard.case("case.read", "c1")
            guard.case("case.write", "c1")
        Guard(Actor("cw2", "caseworker"), store).case("case.read", "c1")  # another user: own lookup
    assert store.lookups == 2
    store.relation = None  # unassigned after the page: the next request must see it
    with pytest.raises(AccessDenied):
        Guard(worker, store).case("case.read", "c1")
    with decisions_kept(), pytest.raises(AccessDenied):
        Guard(worker, store).case("case.read", "c1")
