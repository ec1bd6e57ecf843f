"""Migrations: an empty database and an older vault both reach the current schema."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from amparo.model import AmparoError, Case, case_to_facts
from amparo.store.migrate import current_revision, head_revision, needs_upgrade, upgrade
from amparo.store.repository import Store
from amparo.store.schema import metadata


def test_schema_matches_the_tables_the_code_uses(engine: sa.Engine) -> None:
    with engine.connect() as conn:
        diffs = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    # The search table is the search module's, outside the metadata on purpose.
    diffs = [d for d in diffs if "case_search" not in repr(d)]
    assert diffs == []
    assert current_revision(engine) == head_revision()
    assert not needs_upgrade(engine)


def test_an_empty_database_upgrades_and_upgrading_twice_is_harmless(engine: sa.Engine) -> None:
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_a_vault_at_revision_0001_upgrades_with_its_cases(
        raw_engine: sa.Engine, demo_cases: list[Case]) -> None:
    upgrade(raw_engine, "0001")
    assert current_revision(raw_engine) == "0001"
    facts = case_to_facts(demo_cases[3])
    with raw_engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO cases (id, title, country, fictional, facts_json, created_at, updated_at)"
            " VALUES ('C-OLDCASE1', :t, 'HN', :f, :j, '2026-01-01T00:00:00.000000Z',"
            " '2026-01-01T00:00:00.000000Z')"),
            {"t": facts["title"], "f": True, "j": json.dumps(facts)})
        conn.execute(sa.text(
            "INSERT INTO notes (id, case_id, text, created_at) VALUES"
            " ('N-OLDNOTE1', 'C-OLDCASE1', 'Xylophonist', '2026-01-02T00:00:00.000000Z')"))
    assert needs_upgrade(raw_engine)

    upgrade(raw_engine)
    assert current_revision(raw_engine) == head_revision()
    store = Store(raw_engine)
    assert case_to_facts(store.cases.get("C-OLDCASE1").case) == facts
    assert [s.id for s in store.cases.list(text="mejia")] == ["C-OLDCASE1"]
    assert [s.id for s in store.cases.list(text="xylophonist")] == ["C-OLDCASE1"]
    new_id = store.cases.add(demo_cases[0])  # new search rows do not collide with old ones
    assert [s.id for s in store.cases.list(text="xylophonist")] == ["C-OLDCASE1"]
    store.cases.update("C-OLDCASE1", demo_cases[3])
    assert {s.id for s in store.cases.list(text="mejia")} == {"C-OLDCASE1"}
    assert store.cases.count() == 2 and new_id != "C-OLDCASE1"


def test_a_vault_from_a_newer_version_is_refused(raw_engine: sa.Engine) -> None:
    upgrade(raw_engine)
    with raw_engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(AmparoError, match="newer version of Amparo"):
        upgrade(raw_engine)
