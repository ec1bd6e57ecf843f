"""Store fixtures: one fresh database per test on SQLCipher and on PostgreSQL.

PostgreSQL isolation: each test gets its own schema (search_path), so tests can run in
parallel (pytest-xdist) against one server and leave nothing behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from amparo.model import Case, load_case_facts
from amparo.store.migrate import upgrade
from amparo.store.repository import Store

DEMO = Path(__file__).parents[2] / "src" / "amparo" / "service" / "demo"
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def sqlite_engine(path: Path, kind: str) -> sa.Engine:
    """A SQLCipher (random key) or plain SQLite engine opened as the vault opens it."""
    from amparo.store.engine import plain_sqlite_engine, sqlcipher_engine

    if kind == "sqlcipher":
        return sqlcipher_engine(path, os.urandom(32))
    return plain_sqlite_engine(path)


@pytest.fixture(params=["sqlcipher", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    """An empty database at the newest schema, on each backend."""
    if request.param == "postgres":
        eng = request.getfixturevalue("pg_schema_engine")
    else:
        eng = sqlite_engine(tmp_path / "vault.db", request.param)
    upgrade(eng)
    yield eng
    eng.dispose()


class Clock:
    """A clock that moves one second each time it is read."""

    def __init__(self, start: datetime = NOW):
        self.moment = start

    def __call__(self) -> datetime:
        self.moment += timedelta(seconds=1)
        return self.moment


@pytest.fixture
def store(engine: sa.Engine) -> Store:
    return Store(engine, actor="tester", clock=Clock())


@pytest.fixture(scope="session")
def demo_cases() -> list[Case]:
    """The four fictional demo cases, in file order."""
    return [load_case_facts(p, today=datetime(2026, 11, 28).date())
            for p in sorted(DEMO.glob("[0-9]*.json"))]


@pytest.fixture(scope="session")
def demo_names(demo_cases: list[Case]) -> set[str]:
    """Every person's name in the demo cases: what must never reach the audit log."""
    return {p.name for c in demo_cases for p in c.people}


@pytest.fixture
def fill_case():
    """Give a case one of every record: note, evidence, action, response, event, draft, closure."""
    from amparo.model import Action, Circle, Evidence, Response, SituationEvent

    def fill(store: Store, case_id: str, blob_id: str) -> None:
        store.notes.add(case_id, "Called the family on Tuesday.", author="LM")
        store.evidence.add(Evidence(
            id="", case_id=case_id, filename="photo.jpg", media_type="image/jpeg", size=10,
            sha256="0" * 64, received_at=NOW, names_people=("p1",)), blob_id=blob_id)
        action_id = store.followup.add_action(Action(
            id="", case_id=case_id, avenue="sp:human-rights-defenders", action="urgent-appeal",
            sent_on=date(2026, 11, 1), channel="email", disclosure=Circle.STATE,
            consent_snapshot=(("p1", "state"),)))
        store.followup.add_response(Response(
            id="", case_id=case_id, kind="acknowledgment", received_on=date(2026, 11, 3),
            action_id=action_id))
        store.followup.add_event(SituationEvent(
            id="", case_id=case_id, kind="released", happened_on=date(2026, 11, 10),
            people=("p1",)))
        store.drafts.add(case_id, avenue="sg:report", language="en", format="md",
                         circle="un-confidential", text="# Draft\n")
        store.closures.close(case_id, "released", date(2026, 11, 12))

    return fill


@pytest.fixture(params=["sqlcipher", "sqlite", "postgres"])
def raw_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    """An empty database with no schema at all, on each backend (plain SQLite too)."""
    if request.param == "postgres":
        eng = request.getfixturevalue("pg_schema_engine")
    else:
        eng = sqlite_engine(tmp_path / "vault.db", request.param)
    yield eng
    eng.dispose()
