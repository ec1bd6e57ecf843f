"""Fixtures for reporting tests: the fixture vault, and a fresh PostgreSQL schema per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from reporting_fixtures import NOW, fill

from amparo.store import KdfParams


@pytest.fixture
def pg_engine(request: pytest.FixtureRequest) -> Iterator[sa.Engine]:
    """A fresh PostgreSQL schema at the newest revision (dropped afterwards)."""
    from amparo.store.migrate import upgrade

    engine = request.getfixturevalue("pg_schema_engine")
    upgrade(engine)
    yield engine


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory):
    """A vault (fast KDF) holding the fixture cases; yields (workspace, Fixture)."""
    from amparo.service.workspace import Workspace

    ws = Workspace.create(tmp_path_factory.mktemp("vault") / "v", "correct horse",
                          kdf=KdfParams(memory_kib=8192, time_cost=1), clock=lambda: NOW)
    fx = fill(ws.store)
    yield ws, fx
    ws.lock()


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    return tmp_path
