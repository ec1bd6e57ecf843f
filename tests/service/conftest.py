"""Service fixtures: a workspace on each backend, the embedded vault and a PostgreSQL server.

The PostgreSQL workspace is a server database in a schema of its own (tests/conftest.py's
``pg_schema_engine``), so parallel runs never meet; its actor is a coordinator, who sees
every case, as the vault's owner does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from amparo.service import Actor
from amparo.service.workspace import Workspace
from amparo.store import KdfParams

FAST = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
PASS = "a long enough passphrase"
ORG_PASS = "the organisation's own passphrase"

MakeWorkspace = Callable[..., Workspace]


@pytest.fixture(params=["vault", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    """The backend a service test runs on."""
    return request.param


@pytest.fixture
def make_workspace(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MakeWorkspace]:
    """Make the test's workspace (call it once) with a given clock: a new vault or a new server."""
    made: list[object] = []

    def make(clock: Callable[[], datetime]) -> Workspace:
        if backend == "vault":
            ws = Workspace.create(tmp_path / "vault", PASS, kdf=FAST, clock=clock)
            made.append(ws)
            return ws
        from amparo.store.server import Server

        engine = request.getfixturevalue("pg_schema_engine")
        from amparo.service.people import enrol

        server = Server.create(engine, ORG_PASS, kdf=FAST, clock=clock)
        made.append(server)
        coordinator = enrol(server, server.store(), "coordinator@example.org", "coordinator",
                            "a long coordinator password")
        return Workspace.for_server(server, Actor(coordinator.id, "coordinator"), clock=clock)

    yield make
    for thing in made:
        thing.lock()  # type: ignore[attr-defined]
